import { describe, effectiveNamespace, isRecord, type ManifestObject } from '../../documents/manifest.js';
import { defineRule } from '../define-rule.js';

const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
/** The GatewayClass the ALB Controller of Application Gateway for Containers installs. */
const AGC_GATEWAY_CLASSES: ReadonlySet<string> = new Set(['azure-alb-external']);
/** Listener protocols that terminate or pass through TLS; HTTP is the plain one that must redirect. */
const ENCRYPTED_PROTOCOLS: ReadonlySet<string> = new Set(['HTTPS', 'TLS']);
const PLAIN_HTTP = 'HTTP';
/** Route kinds that can attach to an HTTP listener; only an HTTPRoute can answer with a redirect. */
const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute'] as const;

interface Listener {
  readonly index: number;
  readonly name: string;
  readonly port: unknown;
  readonly protocol: string;
}

export default defineRule({
  id: 'gateway-application-gateway',
  checklist: 'SEC-2',
  title: 'Gateway API Gateways use Application Gateway for Containers and HTTPS',
  severity: 'warning',
  evidence: ['workload'],
  target: 'inventory',
  subjects: 'Gateway API Gateways',
  messages: {
    otherClass: '{{object}} uses GatewayClass "{{class}}", which is not Application Gateway for Containers: no WAF is in front of it.',
    noHttps: '{{object}} has no HTTPS listener: everything it serves goes over plain HTTP.',
    plainHttp: 'Listener "{{listener}}" of {{object}} serves plain HTTP on port {{port}}: {{route}} attached to it does not redirect to HTTPS.',
    noRedirect: 'Listener "{{listener}}" of {{object}} serves plain HTTP on port {{port}} and no HTTPRoute in the inputs redirects it to HTTPS.',
  },
  help:
    'Application Gateway for Containers serves the Gateway API through the GatewayClass `azure-alb-external`; a `Gateway` of ' +
    'that class gets the Application Gateway data plane and can have a WAF policy attached. A Gateway of another class (Istio, ' +
    'Envoy Gateway, NGINX, …) is a proxy inside the cluster with no WAF in front of it (warning). A Gateway must also encrypt ' +
    'its traffic: one without an `HTTPS` listener is an error, and an `HTTP` listener next to an HTTPS one must only redirect ' +
    'to HTTPS, i.e. every HTTPRoute attached to it (by `parentRefs`, the listener\'s `sectionName` or no section) has a ' +
    '`RequestRedirect` filter with `scheme: https` in each rule (warning).',
  remediation:
    'Use `gatewayClassName: azure-alb-external`, add an `HTTPS` listener with `tls.mode: Terminate` and a certificate Secret, ' +
    'and either drop the HTTP listener or attach to it only an HTTPRoute whose rules redirect with ' +
    '`filters: [{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 301}}]`.',
  references: [
    'https://learn.microsoft.com/azure/application-gateway/for-containers/how-to-ssl-offloading-gateway-api',
    'https://learn.microsoft.com/azure/application-gateway/for-containers/how-to-url-redirect-gateway-api',
    'https://learn.microsoft.com/azure/application-gateway/for-containers/how-to-waf-gateway-api',
  ],
  check(inventory, report) {
    const gateways = inventory.ofKind('Gateway').filter(isGatewayApi);
    const routes = ROUTE_KINDS.flatMap((kind) => inventory.ofKind(kind)).filter(isGatewayApi);
    for (const gateway of gateways) {
      const spec = isRecord(gateway.body.spec) ? gateway.body.spec : {};
      const className = spec.gatewayClassName;
      if (typeof className !== 'string' || !AGC_GATEWAY_CLASSES.has(className)) {
        report({ object: gateway, messageId: 'otherClass', path: ['spec', 'gatewayClassName'], data: { class: typeof className === 'string' ? className : '(none)' } });
      }
      const listeners = listenersOf(spec.listeners);
      if (listeners.length === 0) continue;
      if (!listeners.some((listener) => ENCRYPTED_PROTOCOLS.has(listener.protocol))) {
        report({ object: gateway, messageId: 'noHttps', path: ['spec', 'listeners'], level: 'error' });
        continue;
      }
      for (const listener of listeners.filter((l) => l.protocol === PLAIN_HTTP)) {
        const attached = routes.filter((route) => attachesTo(route, gateway, listener));
        const path = ['spec', 'listeners', listener.index, 'protocol'];
        const data = { listener: listener.name, port: String(listener.port) };
        const plain = attached.find((route) => !redirectsToHttps(route));
        if (plain !== undefined) report({ object: gateway, messageId: 'plainHttp', path, data: { ...data, route: describe(plain) } });
        else if (attached.length === 0) report({ object: gateway, messageId: 'noRedirect', path, data });
      }
    }
    return gateways.length > 0;
  },
});

/** Istio has a `Gateway` kind of its own (networking.istio.io); only the Gateway API's count here. */
function isGatewayApi(object: ManifestObject): boolean {
  return object.apiVersion.split('/')[0] === GATEWAY_API_GROUP;
}

function listenersOf(value: unknown): Listener[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((listener: unknown, index) =>
    isRecord(listener) && typeof listener.protocol === 'string'
      ? [{ index, name: typeof listener.name === 'string' ? listener.name : `#${index + 1}`, port: listener.port, protocol: listener.protocol }]
      : [],
  );
}

/** Gateway API attachment: a parentRef names the Gateway (namespace defaults to the route's) and, optionally, the listener or its port. */
function attachesTo(route: ManifestObject, gateway: ManifestObject, listener: Listener): boolean {
  const spec = isRecord(route.body.spec) ? route.body.spec : {};
  const parentRefs = Array.isArray(spec.parentRefs) ? spec.parentRefs : [];
  return parentRefs.some(
    (ref: unknown) =>
      isRecord(ref) &&
      (ref.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP &&
      (ref.kind ?? 'Gateway') === 'Gateway' &&
      ref.name === gateway.name &&
      (typeof ref.namespace === 'string' ? ref.namespace : effectiveNamespace(route)) === effectiveNamespace(gateway) &&
      (ref.sectionName === undefined || ref.sectionName === listener.name) &&
      (ref.port === undefined || ref.port === listener.port),
  );
}

/** Every rule of the route answers with a redirect to https, so nothing is served over the plain listener. */
function redirectsToHttps(route: ManifestObject): boolean {
  if (route.kind !== 'HTTPRoute') return false;
  const spec = isRecord(route.body.spec) ? route.body.spec : {};
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  return (
    rules.length > 0 &&
    rules.every(
      (rule: unknown) =>
        isRecord(rule) &&
        Array.isArray(rule.filters) &&
        rule.filters.some(
          (filter: unknown) =>
            isRecord(filter) && filter.type === 'RequestRedirect' && isRecord(filter.requestRedirect) && filter.requestRedirect.scheme === 'https',
        ),
    )
  );
}
