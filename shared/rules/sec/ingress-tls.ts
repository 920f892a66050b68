import { isRecord } from '../../documents/manifest.js';
import { defineRule } from '../define-rule.js';
import { annotationsOf } from './ingress-application-gateway.js';

/** AGIC: use a certificate already installed on the Application Gateway, for every host of the Ingress, instead of spec.tls. */
const APPGW_SSL_CERTIFICATE = 'appgw.ingress.kubernetes.io/appgw-ssl-certificate';

/** What spec.tls covers: every host (a tls entry without hosts), or these names. */
type Coverage = { readonly all: true } | { readonly all: false; readonly hosts: readonly string[] };

export default defineRule({
  id: 'ingress-tls',
  checklist: 'SEC-2',
  title: 'Every Ingress host is covered by TLS',
  severity: 'error',
  evidence: ['workload'],
  target: 'object',
  kinds: ['Ingress'],
  messages: {
    noTls: '{{object}} has no spec.tls: {{hosts}} served over plain HTTP.',
    uncoveredHost: 'Host "{{host}}" of {{object}} is not covered by spec.tls: it is served over plain HTTP.',
    uncoveredAnyHost: 'A rule of {{object}} without a host (it answers for every host) is not covered by spec.tls: it is served over plain HTTP.',
  },
  help:
    'Traffic between clients and the Application Gateway must be encrypted. An Ingress host is served over HTTPS only when ' +
    'a `spec.tls` entry lists it: exactly, or through a wildcard such as `*.example.com`, which covers one DNS label ' +
    '(`api.example.com`, not `example.com` nor `a.b.example.com`). A `spec.tls` entry without `hosts` applies to every host. ' +
    'With AGIC, the annotation `appgw.ingress.kubernetes.io/appgw-ssl-certificate` (a certificate installed on the ' +
    'Application Gateway) also makes every host HTTPS.',
  remediation:
    'Add a `spec.tls` entry whose `hosts` list every host of the Ingress rules and whose `secretName` holds the certificate ' +
    '(for example issued by cert-manager or synced from Key Vault), or with AGIC reference an Application Gateway certificate ' +
    'with the `appgw.ingress.kubernetes.io/appgw-ssl-certificate` annotation.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
    'https://learn.microsoft.com/azure/application-gateway/ingress-controller-expose-service-over-http-https',
    'https://learn.microsoft.com/azure/application-gateway/for-containers/how-to-ssl-offloading-ingress-api',
  ],
  check(ingress, report) {
    const spec = isRecord(ingress.body.spec) ? ingress.body.spec : {};
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    // An Ingress with neither rules nor a default backend serves nothing, so there is nothing to encrypt.
    if (rules.length === 0 && spec.defaultBackend === undefined && spec.backend === undefined) return;
    const certificate = annotationsOf(ingress)[APPGW_SSL_CERTIFICATE];
    if (typeof certificate === 'string' && certificate !== '') return;

    const coverage = coverageOf(spec.tls);
    if (coverage === undefined) {
      report({ messageId: 'noTls', path: ['spec'], data: { hosts: describeHosts(rules) } });
      return;
    }
    if (coverage.all) return;
    rules.forEach((rule: unknown, i) => {
      if (!isRecord(rule)) return;
      const host = hostName(rule.host);
      if (host === undefined) report({ messageId: 'uncoveredAnyHost', path: ['spec', 'rules', i] });
      else if (!coverage.hosts.some((tlsHost) => covers(tlsHost, host))) {
        report({ messageId: 'uncoveredHost', path: ['spec', 'rules', i, 'host'], data: { host } });
      }
    });
  },
});

/** Undefined when there is no TLS at all. */
function coverageOf(tls: unknown): Coverage | undefined {
  if (!Array.isArray(tls)) return undefined;
  const entries = tls.filter(isRecord);
  if (entries.length === 0) return undefined;
  const hosts: string[] = [];
  for (const entry of entries) {
    const list = Array.isArray(entry.hosts) ? entry.hosts : [];
    // Kubernetes: a tls entry without hosts defaults to the controller's wildcard listener, i.e. every host.
    if (list.length === 0) return { all: true };
    for (const host of list) {
      const name = hostName(host);
      if (name !== undefined) hosts.push(name);
    }
  }
  return { all: false, hosts };
}

/** DNS names compare without case and without a trailing dot; undefined for an empty or missing host. */
function hostName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim().toLowerCase().replace(/\.$/, '');
  return name === '' ? undefined : name;
}

/** A wildcard certificate name covers exactly one label in its place, as in TLS (RFC 6125). */
function covers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith('*.') || host.startsWith('*.')) return false;
  const suffix = tlsHost.slice(1);
  if (!host.endsWith(suffix)) return false;
  const label = host.slice(0, host.length - suffix.length);
  return label !== '' && !label.includes('.');
}

function describeHosts(rules: readonly unknown[]): string {
  const hosts = rules.flatMap((rule) => {
    const host = isRecord(rule) ? hostName(rule.host) : undefined;
    return host === undefined ? [] : [`"${host}"`];
  });
  const hostless = rules.length === 0 || hosts.length < rules.length;
  if (hosts.length === 0) return 'every host is';
  return `${hosts.join(', ')}${hostless ? ' and every other host' : ''} ${hosts.length === 1 && !hostless ? 'is' : 'are'}`;
}
