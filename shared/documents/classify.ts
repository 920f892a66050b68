// Tells a Kubernetes object from the other YAML and JSON that lives in a repository (workflows,
// pipelines, Compose files, Helm values, ARM templates, package files), so that the others are
// skipped with a reason instead of being reported as broken manifests.

export type Classified =
  | { readonly type: 'object' }
  | { readonly type: 'list'; readonly items: readonly unknown[] }
  | { readonly type: 'other'; readonly reason: string };

const KUSTOMIZE_HINT = 'render it with `kustomize build DIR | aks-gate scan -`';

export function classifyDocument(body: unknown): Classified {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { type: 'other', reason: 'not a Kubernetes object (not a mapping)' };
  }
  const doc = body as Record<string, unknown>;
  const { apiVersion, kind } = doc;
  if (typeof apiVersion === 'string' && typeof kind === 'string') {
    if (kind === 'Kustomization' || kind === 'Component') return { type: 'other', reason: `Kustomize ${kind.toLowerCase()} file; ${KUSTOMIZE_HINT}` };
    if (kind.endsWith('List') && Array.isArray(doc.items)) return { type: 'list', items: doc.items };
    return { type: 'object' };
  }
  return { type: 'other', reason: otherReason(doc) };
}

function otherReason(doc: Record<string, unknown>): string {
  const has = (...keys: string[]): boolean => keys.every((k) => k in doc);
  const schema = typeof doc.$schema === 'string' ? doc.$schema : '';
  // YAML 1.1 (as Kubernetes reads it) turns the key `on` into `true`.
  if (has('jobs') && (has('on') || has('true'))) return 'GitHub Actions workflow, not a Kubernetes manifest';
  if (has('runs') && (has('name') || has('description'))) return 'GitHub Action metadata, not a Kubernetes manifest';
  if (has('stages') || has('steps') || (has('jobs') && (has('pool') || has('trigger'))) || (has('trigger') && has('pool'))) {
    return 'Azure Pipelines definition, not a Kubernetes manifest';
  }
  if (has('services') && typeof doc.services === 'object' && !has('apiVersion')) return 'Docker Compose file, not a Kubernetes manifest';
  if (schema.includes('deploymentTemplate')) return 'ARM deployment template: AKS cluster definitions are not read by this version';
  if (schema.includes('deploymentParameters')) return 'ARM parameters file, not a Kubernetes manifest';
  if (has('apiVersion', 'name', 'version') && !has('kind')) return 'Helm chart metadata (Chart.yaml); render the chart with `helm template … | aks-gate scan -`';
  if (has('resources') || has('bases') || has('patches') || has('patchesStrategicMerge')) return `Kustomize kustomization file; ${KUSTOMIZE_HINT}`;
  if (has('compilerOptions')) return 'TypeScript configuration, not a Kubernetes manifest';
  if (has('name', 'version') && (has('dependencies') || has('scripts') || has('devDependencies'))) return 'npm package file, not a Kubernetes manifest';
  return 'not a Kubernetes object (no apiVersion and kind): configuration or Helm values';
}
