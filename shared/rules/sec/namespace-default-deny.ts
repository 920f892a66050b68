import { effectiveNamespace, isRecord, type ManifestObject } from '../../documents/manifest.js';
import type { PodTemplate } from '../../documents/workloads.js';
import { defineRule } from '../define-rule.js';

/** API groups of the Kubernetes NetworkPolicy kind (Calico and Cilium have kinds of the same name with other semantics). */
const NETWORK_POLICY_GROUPS: ReadonlySet<string> = new Set(['networking.k8s.io', 'extensions']);
const DIRECTIONS = ['Ingress', 'Egress'] as const;
type Direction = (typeof DIRECTIONS)[number];
const RULES_KEY: Readonly<Record<Direction, string>> = { Ingress: 'ingress', Egress: 'egress' };
const PEERS_KEY: Readonly<Record<Direction, string>> = { Ingress: 'from', Egress: 'to' };
/** ipBlocks that match every address: a rule allowing them allows the whole internet. */
const EVERY_ADDRESS: ReadonlySet<string> = new Set(['0.0.0.0/0', '::/0']);

export default defineRule({
  id: 'namespace-default-deny',
  checklist: 'SEC-3',
  title: 'Every namespace with workloads has a default-deny NetworkPolicy',
  severity: 'warning',
  evidence: ['workload', 'live'],
  target: 'inventory',
  subjects: 'workloads (Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs)',
  messages: {
    missing: 'Namespace "{{namespace}}" runs {{workloads}} (first: {{object}}) but no NetworkPolicy denies its Ingress and Egress by default.',
    partial: 'Namespace "{{namespace}}" runs {{workloads}} (first: {{object}}) and denies {{denied}} by default, but not {{open}}.',
  },
  help:
    'Pods accept and open any connection until a NetworkPolicy selects them. A default-deny policy in each namespace ' +
    '(`podSelector: {}` and `policyTypes: [Ingress, Egress]`, no rules) makes every connection that another policy does not ' +
    'allow fail, so a compromised pod cannot reach the rest of the cluster or the internet around the firewall. The deny can ' +
    'be split over two policies, one per direction. Narrow exceptions inside the deny policy (for example DNS on port 53) keep ' +
    'it a deny; a rule that names no ports and no peers (`ingress: [{}]`), or whose peers are everything (`0.0.0.0/0`, ' +
    'an empty `namespaceSelector`), allows all traffic in that direction and does not. Namespaces are compared as kubectl ' +
    'applies them: an object without `metadata.namespace` lands in `default`.',
  remediation:
    'Add to each namespace a NetworkPolicy with `podSelector: {}` and `policyTypes: [Ingress, Egress]` and no rules, then allow ' +
    'the traffic each workload needs (DNS, its callers, its dependencies) with further policies that select its pods.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies',
    'https://learn.microsoft.com/azure/aks/use-network-policies',
  ],
  check(inventory, report) {
    const denied = new Map<string, Set<Direction>>();
    for (const policy of inventory.ofKind('NetworkPolicy').filter(isKubernetesNetworkPolicy)) {
      const namespace = effectiveNamespace(policy);
      const directions = denied.get(namespace) ?? new Set<Direction>();
      for (const direction of deniedByDefault(policy)) directions.add(direction);
      denied.set(namespace, directions);
    }

    const workloads = new Map<string, PodTemplate[]>();
    for (const pod of inventory.pods) {
      const namespace = effectiveNamespace(pod.object);
      const list = workloads.get(namespace);
      if (list) list.push(pod);
      else workloads.set(namespace, [pod]);
    }

    for (const [namespace, pods] of workloads) {
      const first = pods[0];
      if (first === undefined) continue;
      const directions = denied.get(namespace) ?? new Set<Direction>();
      const open = DIRECTIONS.filter((direction) => !directions.has(direction));
      if (open.length === 0) continue;
      const data = { namespace, workloads: pods.length === 1 ? '1 workload' : `${pods.length} workloads` };
      // On the namespace key of the first workload (or its metadata when the namespace is left to kubectl).
      const at = { object: first.object, path: ['metadata', 'namespace'] };
      if (open.length === DIRECTIONS.length) report({ ...at, messageId: 'missing', data });
      else report({ ...at, messageId: 'partial', data: { ...data, denied: DIRECTIONS.filter((d) => directions.has(d)).join(' and '), open: open.join(' and ') } });
    }
    return inventory.pods.length > 0;
  },
});

function isKubernetesNetworkPolicy(object: ManifestObject): boolean {
  return NETWORK_POLICY_GROUPS.has(object.apiVersion.split('/')[0] ?? '');
}

/** The directions this policy denies for every pod of its namespace. */
function deniedByDefault(policy: ManifestObject): Direction[] {
  const spec = isRecord(policy.body.spec) ? policy.body.spec : {};
  // podSelector is not a pointer in the API: left out (or null) it decodes to the empty selector, which selects every pod.
  if (spec.podSelector !== undefined && spec.podSelector !== null && !isEmptySelector(spec.podSelector)) return [];
  return policyTypesOf(spec).filter((direction) => !opens(spec[RULES_KEY[direction]], direction));
}

/** Without policyTypes, Kubernetes assumes Ingress, plus Egress when there are egress rules. */
function policyTypesOf(spec: Readonly<Record<string, unknown>>): Direction[] {
  const types: unknown = spec.policyTypes;
  if (Array.isArray(types)) return DIRECTIONS.filter((direction) => types.includes(direction));
  return Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Whether the rules of one direction let everything through, which undoes the deny. */
function opens(rules: unknown, direction: Direction): boolean {
  if (!Array.isArray(rules)) return false;
  return rules.some((rule: unknown) => {
    if (!isRecord(rule)) return false;
    // A rule limited to some ports (DNS on 53, say) is a narrow exception, not an open door.
    if (Array.isArray(rule.ports) && rule.ports.length > 0) return false;
    const peers = rule[PEERS_KEY[direction]];
    if (!Array.isArray(peers) || peers.length === 0) return true;
    return peers.some(isEveryone);
  });
}

/** A peer that matches every address, or every pod of every namespace. */
function isEveryone(peer: unknown): boolean {
  if (!isRecord(peer)) return false;
  if (isRecord(peer.ipBlock)) return typeof peer.ipBlock.cidr === 'string' && EVERY_ADDRESS.has(peer.ipBlock.cidr.trim());
  const everyPod = peer.podSelector === undefined || peer.podSelector === null || isEmptySelector(peer.podSelector);
  return isEmptySelector(peer.namespaceSelector) && everyPod;
}

function isEmptySelector(selector: unknown): boolean {
  if (!isRecord(selector)) return false;
  const labels = selector.matchLabels;
  const expressions = selector.matchExpressions;
  const noLabels = labels === undefined || labels === null || (isRecord(labels) && Object.keys(labels).length === 0);
  const noExpressions = expressions === undefined || expressions === null || (Array.isArray(expressions) && expressions.length === 0);
  return noLabels && noExpressions;
}
