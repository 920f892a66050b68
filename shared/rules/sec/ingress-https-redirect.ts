import { defineRule } from '../define-rule.js';
import { annotationsOf, ingressClassOf } from './ingress-application-gateway.js';

const SSL_REDIRECT = 'appgw.ingress.kubernetes.io/ssl-redirect';
/** AGIC reads the annotation with Go's strconv.ParseBool: these are its true values. */
const PARSE_BOOL_TRUE: ReadonlySet<string> = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);

export default defineRule({
  id: 'ingress-https-redirect',
  checklist: 'SEC-2',
  title: 'AGIC Ingresses redirect HTTP to HTTPS',
  severity: 'warning',
  evidence: ['workload'],
  target: 'inventory',
  subjects: 'Ingresses of the Application Gateway Ingress Controller (AGIC)',
  messages: {
    missing: `{{object}} does not redirect HTTP to HTTPS: the annotation ${SSL_REDIRECT} is missing.`,
    disabled: `{{object}} does not redirect HTTP to HTTPS: ${SSL_REDIRECT} is "{{value}}".`,
  },
  help:
    'With TLS on an Ingress, the Application Gateway Ingress Controller still answers plain HTTP on port 80 unless the Ingress ' +
    `is annotated \`${SSL_REDIRECT}: "true"\`, which makes the HTTP listener redirect every request to HTTPS. Without it, ` +
    'clients that type or follow an `http://` address send their requests (and cookies) unencrypted. The rule looks at Ingresses ' +
    'of the AGIC class only: other classes are reported by `ingress-application-gateway`, and Application Gateway for Containers ' +
    'redirects through an `IngressExtension` instead of this annotation.',
  remediation: `Annotate the Ingress with \`${SSL_REDIRECT}: "true"\` (quoted: annotation values are strings) and give it a \`spec.tls\` entry for its hosts.`,
  references: [
    'https://learn.microsoft.com/azure/application-gateway/ingress-controller-annotations#ssl-redirect',
    'https://learn.microsoft.com/azure/application-gateway/ingress-controller-expose-service-over-http-https',
  ],
  check(inventory, report) {
    const ingresses = inventory.ofKind('Ingress').filter((ingress) => ingressClassOf(ingress).controller === 'agic');
    for (const ingress of ingresses) {
      const value = annotationsOf(ingress)[SSL_REDIRECT];
      // YAML 1.1 reads an unquoted `true` (or `yes`) as a boolean; the API wants a string, but the intent is clear.
      if (value === true || (typeof value === 'string' && PARSE_BOOL_TRUE.has(value))) continue;
      if (value === undefined || value === null) {
        report({ object: ingress, messageId: 'missing', path: ['metadata', 'annotations'] });
      } else {
        report({ object: ingress, messageId: 'disabled', path: ['metadata', 'annotations', SSL_REDIRECT], data: { value: shown(value) } });
      }
    }
    return ingresses.length > 0;
  },
});

/** The value as written: false, "false", or a structure where a string belongs. */
function shown(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}
