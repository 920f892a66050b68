// Cross-references between the resources of cluster definitions: a diagnostic setting's target, an alert
// rule's scopes. The readers write ARM ids with the parts a template cannot know as `{unknown}`
// (`/subscriptions/{unknown}/resourceGroups/{unknown}/providers/...`) and Terraform references as addresses
// (`azurerm_kubernetes_cluster.main`, sometimes with the `.id` attribute), so the scope part is compared
// loosely where it is unknown and the provider path strictly. ARM ids are case-insensitive.

const PROVIDERS = '/providers/';

/** Whether two references name the same resource. */
export function sameResource(a: string, b: string): boolean {
  const x = normalize(a);
  const y = normalize(b);
  if (x === y) return true;
  const px = x.indexOf(PROVIDERS);
  const py = y.indexOf(PROVIDERS);
  if (px < 0 || py < 0 || x.slice(px) !== y.slice(py)) return false;
  // Same provider path: the same resource unless both name a known subscription and resource group.
  return isVague(x.slice(0, px)) || isVague(y.slice(0, py));
}

/** Whether `scope` is the resource itself or a resource group / subscription that contains it. */
export function scopeCovers(scope: string, resourceId: string): boolean {
  if (sameResource(scope, resourceId)) return true;
  const s = normalize(scope);
  const id = normalize(resourceId);
  return s.startsWith('/subscriptions/') && !s.includes(PROVIDERS) && id.startsWith(s + '/');
}

/** A reference the reader left as an ARM template expression (`[reference(...)]`): it names no resource aks-gate knows. */
export function isExpression(reference: string): boolean {
  return reference.trim().startsWith('[');
}

function isVague(scope: string): boolean {
  return scope === '' || scope.includes('{');
}

function normalize(reference: string): string {
  const lower = reference.trim().toLowerCase().replace(/\/+$/, '');
  // A Terraform reference to a resource's `id` attribute names the resource itself.
  return lower.startsWith('/') ? lower : lower.replace(/\.id$/, '');
}
