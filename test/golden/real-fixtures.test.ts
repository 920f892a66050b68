// Golden test over real-world manifests copied from public repositories (../shared/fixtures/k8s, beside
// the clone in CI too). The expectations below were written by reading each manifest against
// CHECKLIST.md *before* running aks-gate on it; where aks-gate disagrees and the rule is wrong, the
// expectation stays and the case is listed in KNOWN_RULE_GAPS (run as `it.fails`) instead.
//
// Conventions for "evaluated" (CHECKLIST.md, "Not evaluated is not passed"): an item is evaluated when
// the file holds an object of a kind its workload checks look at: SEC-1 Services and pods, SEC-2
// Ingresses and Gateways, SEC-3 namespaces that run pods, SEC-4 container images, SEC-5 any object,
// SEC-6 Secrets, ConfigMaps and pods, SEC-7 pods, HA-4 Deployments/StatefulSets/HPAs and containers,
// IAM-2 Roles, ClusterRoles and their bindings. Notes (e.g. an image not pinned by digest) do not
// violate an item.

import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKLIST, type ChecklistId } from '../../shared/checklist.js';
import { parseConfig, type InputName } from '../../shared/config.js';
import type { ItemStatus } from '../../shared/engine.js';
import { silentLogger } from '../../shared/platform.js';
import type { ScanReport } from '../../shared/report.js';
import { INPUT_PROBLEM } from '../../shared/rules/input-problem.js';
import { runScan } from '../../shared/run.js';

const FIXTURES = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'k8s');

const S: ItemStatus = 'satisfied';
const V: ItemStatus = 'violated';
const N: ItemStatus = 'not-evaluated';

type WorkloadItem = 'SEC-1' | 'SEC-2' | 'SEC-3' | 'SEC-4' | 'SEC-5' | 'SEC-6' | 'SEC-7' | 'HA-4' | 'IAM-2';
type Expectation = Readonly<Record<WorkloadItem, ItemStatus>>;

/** Items only cluster or live evidence can decide: never evaluated from manifests alone. */
const CLUSTER_ONLY = ['HA-1', 'HA-2', 'HA-3', 'IAM-1', 'IAM-3', 'IAM-4'] as const;

const EXPECTED: Readonly<Record<string, Expectation>> = {
  'aks-store-demo__aks-store-all-in-one.yaml': {
    'SEC-1': V, // Services store-front and store-admin: type LoadBalancer without the internal annotation
    'SEC-2': N, // no Ingress
    'SEC-3': V, // namespace default runs 2 StatefulSets and 7 Deployments; no NetworkPolicy at all
    'SEC-4': S, // every image has a version tag (no digests: notes only)
    'SEC-5': S, // apps/v1 and v1 only
    'SEC-6': V, // Secrets rabbitmq-secrets and order-service-secrets carry base64 `data`
    'SEC-7': V, // no securityContext anywhere: runAsNonRoot, allowPrivilegeEscalation, drop ALL, seccomp missing
    'HA-4': V, // no HPA; every Deployment/StatefulSet has replicas: 1
    'IAM-2': N, // no RBAC objects
  },
  'aks-store-demo__aks-store-ingress-quickstart.yaml': {
    'SEC-1': S, // all Services ClusterIP, no host networking or host ports
    'SEC-2': V, // Ingress store-front: ingressClassName webapprouting.kubernetes.azure.com (not AGIC), no spec.tls, no ssl-redirect
    'SEC-3': V, // namespace default runs workloads; no NetworkPolicy
    'SEC-4': S, // every image tagged
    'SEC-5': S, // networking.k8s.io/v1 Ingress, apps/v1, v1
    'SEC-6': V, // Secrets rabbitmq-secrets and order-service-secrets carry base64 `data`
    'SEC-7': V, // no securityContext anywhere
    'HA-4': V, // no HPA; replicas: 1 everywhere
    'IAM-2': N, // no RBAC objects
  },
  'aks-store-demo__aks-store-quickstart.yaml': {
    'SEC-1': V, // Service store-front: type LoadBalancer, public
    'SEC-2': N, // no Ingress
    'SEC-3': V, // namespace default runs workloads; no NetworkPolicy
    'SEC-4': S, // every image tagged
    'SEC-5': S,
    // RABBITMQ_DEFAULT_PASS / ORDER_QUEUE_PASSWORD are the literal "password": a placeholder, not a
    // credential by the checklist's tests (known key format, AccountKey=/Password= connection string,
    // private key, or a *high-entropy* value under a secret-like name), and there is no Secret object.
    'SEC-6': S,
    'SEC-7': V, // no securityContext anywhere
    'HA-4': V, // no HPA; replicas: 1 everywhere
    'IAM-2': N,
  },
  'azure-voting-app-redis__azure-vote-all-in-one-redis.yaml': {
    'SEC-1': V, // Service azure-vote-front: type LoadBalancer, public
    'SEC-2': N,
    'SEC-3': V, // namespace default runs workloads; no NetworkPolicy
    'SEC-4': S, // redis:6.0.8 and azure-vote-front:v1 are tagged
    'SEC-5': S,
    'SEC-6': S, // ALLOW_EMPTY_PASSWORD "yes" and REDIS "azure-vote-back" are not credentials
    'SEC-7': V, // no securityContext in either Deployment
    'HA-4': V, // no HPA, replicas: 1, no probes, no memory requests/limits
    'IAM-2': N,
  },
  'gcp-microservices-demo__istio-manifests.yaml': {
    'SEC-1': N, // no Service and no pods (a Gateway is not a Service)
    // Gateway istio-gateway: a Gateway API entry point of class istio (not Application Gateway for
    // Containers) with a plain HTTP listener on port 80: nothing in front of it has a WAF or TLS.
    'SEC-2': V,
    'SEC-3': N, // no workloads
    'SEC-4': N, // no images
    'SEC-5': S, // CRD API versions (networking.istio.io, gateway.networking.k8s.io) are not removed by Kubernetes upgrades
    'SEC-6': N, // no Secrets, ConfigMaps or pods
    'SEC-7': N, // no pods
    'HA-4': N, // no workloads or HPAs
    'IAM-2': N,
  },
  'gcp-microservices-demo__kubernetes-manifests.yaml': {
    'SEC-1': V, // Service frontend-external: type LoadBalancer, public
    'SEC-2': N,
    'SEC-3': V, // namespace default runs 12 Deployments; no NetworkPolicy
    'SEC-4': S, // every image tagged (redis:alpine is a tag; busybox also pinned by digest)
    'SEC-5': S,
    'SEC-6': S, // no Secrets; env values are service addresses and flags
    'SEC-7': V, // hardened, but no seccompProfile RuntimeDefault at pod or container level (restricted)
    'HA-4': V, // no HPA; replicas default to 1; loadgenerator has no probes
    'IAM-2': N, // ServiceAccounts only, no roles or bindings
  },
  'gcp-microservices-demo__network-policy-deny-all.yaml': {
    'SEC-1': N,
    'SEC-2': N,
    'SEC-3': N, // a default-deny policy, but no namespace in the input runs workloads
    'SEC-4': N,
    'SEC-5': S, // networking.k8s.io/v1
    'SEC-6': N,
    'SEC-7': N,
    'HA-4': N,
    'IAM-2': N,
  },
  'ingress-nginx__deploy-cloud-helm-rendered.yaml': {
    'SEC-1': V, // Service ingress-nginx/ingress-nginx-controller: type LoadBalancer, public
    'SEC-2': N, // an IngressClass, but no Ingress
    'SEC-3': V, // namespace ingress-nginx runs a Deployment and 2 Jobs; no NetworkPolicy
    'SEC-4': S, // tagged and pinned by digest
    'SEC-5': S, // batch/v1, networking.k8s.io/v1, admissionregistration.k8s.io/v1
    'SEC-6': S, // no Secret objects; ConfigMap data is null
    'SEC-7': V, // Deployment ingress-nginx-controller: container controller readOnlyRootFilesystem: false
    'HA-4': V, // no HPA for ingress-nginx-controller, replicas default 1, no memory limit
    'IAM-2': V, // ClusterRole ingress-nginx: list/watch on secrets, bound cluster-wide (ClusterRoleBinding) to SA ingress-nginx
  },
  'kubernetes-examples__cassandra-statefulset.yaml': {
    'SEC-1': S, // no Service, no host networking or host ports
    'SEC-2': N,
    'SEC-3': V, // namespace default runs StatefulSet cassandra; no NetworkPolicy
    'SEC-4': S, // gcr.io/google-samples/cassandra:v14
    'SEC-5': S, // apps/v1, storage.k8s.io/v1
    'SEC-6': S, // env values are heap sizes and names
    'SEC-7': V, // container cassandra: capabilities.add IPC_LOCK (outside baseline), no runAsNonRoot
    'HA-4': V, // StatefulSet cassandra (replicas 3): no HPA and no PodDisruptionBudget
    'IAM-2': N,
  },
  'kubernetes-examples__guestbook-all-in-one.yaml': {
    'SEC-1': V, // Service frontend: type NodePort
    'SEC-2': N,
    'SEC-3': V, // namespace default runs workloads; no NetworkPolicy
    'SEC-4': S, // registry.k8s.io/redis:e2e, gb-redisslave:v1, gb-frontend:v5
    'SEC-5': S,
    'SEC-6': S, // GET_HOSTS_FROM: dns
    'SEC-7': V, // no securityContext anywhere
    'HA-4': V, // no HPA, redis-master replicas: 1, no memory limits, no probes
    'IAM-2': N,
  },
  'kubernetes-examples__meteor-mongo-pod.json': {
    'SEC-1': S, // a Pod without hostNetwork or hostPort; no Service
    'SEC-2': N,
    'SEC-3': V, // namespace default runs Pod mongo; no NetworkPolicy
    'SEC-4': V, // Pod mongo: image mongo:latest
    'SEC-5': S,
    'SEC-6': S,
    'SEC-7': V, // no securityContext
    'HA-4': V, // container mongo: no requests, no memory limit, no probes
    'IAM-2': N,
  },
  'kubernetes-examples__newrelic-daemonset.yaml': {
    'SEC-1': V, // DaemonSet newrelic-agent: hostNetwork: true
    'SEC-2': N,
    'SEC-3': V, // namespace default runs the DaemonSet; no NetworkPolicy
    'SEC-4': V, // image newrelic/nrsysmond has no tag
    'SEC-5': S, // apps/v1 (the v1beta versions are only in a comment)
    'SEC-6': S, // mounts Secret newrelic-config by reference; no Secret data in the file
    'SEC-7': V, // privileged: true, hostPID, hostIPC, hostPath volumes (/dev, docker.sock, /sys, /var/log)
    'HA-4': V, // container newrelic: no memory request or limit, no probes
    'IAM-2': N,
  },
  'kubernetes-examples__psp-bindings.yaml': {
    'SEC-1': N,
    'SEC-2': N,
    'SEC-3': N,
    'SEC-4': N,
    'SEC-5': S, // rbac.authorization.k8s.io/v1
    'SEC-6': N,
    'SEC-7': N,
    'HA-4': N,
    // ClusterRoleBinding edit binds the built-in ClusterRole `edit` (secrets get/list/watch and
    // pods/exec in every namespace) cluster-wide to Groups privileged-psp-users and restricted-psp-users.
    'IAM-2': V,
  },
  'kubernetes-examples__psp-policies.yaml': {
    'SEC-1': N,
    'SEC-2': N,
    'SEC-3': N,
    'SEC-4': N,
    'SEC-5': V, // PodSecurityPolicy privileged and restricted: policy/v1beta1, removed in Kubernetes 1.25
    'SEC-6': N,
    'SEC-7': N, // a PodSecurityPolicy is not a pod
    'HA-4': N,
    'IAM-2': N,
  },
  'kubernetes-examples__vllm-deployment.yaml': {
    'SEC-1': S, // no Service, no host networking
    'SEC-2': N,
    'SEC-3': V, // namespace default runs the Deployment; no NetworkPolicy
    'SEC-4': S, // vllm/vllm-openai:v0.11.0
    'SEC-5': S,
    'SEC-6': S, // HUGGING_FACE_HUB_TOKEN comes from a secretKeyRef, not a literal
    'SEC-7': V, // no securityContext
    'HA-4': V, // Deployment vllm-gemma-deployment: no HPA in this input, replicas: 1, no probes
    'IAM-2': N,
  },
  'kubernetes-examples__vllm-hpa.yaml': {
    'SEC-1': N,
    'SEC-2': N,
    'SEC-3': N,
    'SEC-4': N,
    'SEC-5': S, // autoscaling/v2
    'SEC-6': N,
    'SEC-7': N,
    'HA-4': V, // HPA gemma-server-hpa: target Deployment vllm-gemma-deployment is not in the input; minReplicas: 1
    'IAM-2': N,
  },
};

/**
 * Cases where aks-gate disagrees with the reading above and the rule is the one that is wrong: the
 * expectation stays, the case runs as `it.fails` until the rule is fixed. Key: `<file> <item>`.
 */
const KNOWN_RULE_GAPS: Readonly<Record<string, string>> = {
};

function fixtureFiles(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
}

async function scan(file: string): Promise<ScanReport> {
  const inputs: Partial<Record<InputName, string>> = { path: file, 'fail-on': 'never' };
  // Image scanning is off here: these tests pin the workload items, whatever scanners this machine has.
  return runScan(parseConfig((name) => (name === 'scanners' ? 'none' : inputs[name])), { cwd: FIXTURES, logger: silentLogger });
}

it('has an expectation for every fixture file, and no stale ones', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual(fixtureFiles());
});

for (const file of fixtureFiles()) {
  describe(file, () => {
    let report: ScanReport;
    beforeAll(async () => {
      report = await scan(file);
    });

    it('scans without an input error', () => {
      expect(report.inputs.map((i) => [i.path, i.status])).toEqual([[file, 'scanned']]);
      expect(report.findings.filter((f) => f.ruleId === INPUT_PROBLEM.id)).toEqual([]);
    });

    it('reports every checklist item, in checklist order', () => {
      expect(report.items.map((i) => i.id)).toEqual(CHECKLIST.map((i) => i.id));
    });

    it('leaves the cluster-only items not evaluated', () => {
      const status = statusOf(report);
      expect(CLUSTER_ONLY.map((id) => [id, status.get(id)])).toEqual(CLUSTER_ONLY.map((id) => [id, N]));
    });

    const expected = EXPECTED[file];
    if (expected === undefined) return;
    for (const [id, want] of Object.entries(expected) as [WorkloadItem, ItemStatus][]) {
      const gap = KNOWN_RULE_GAPS[`${file} ${id}`];
      (gap === undefined ? it : it.fails)(`${id} is ${want}${gap === undefined ? '' : ` (known rule gap: ${gap})`}`, () => {
        expect([id, statusOf(report).get(id), findingsOf(report, id)]).toEqual([id, want, expect.anything()]);
      });
    }
  });
}

function statusOf(report: ScanReport): Map<ChecklistId, ItemStatus> {
  return new Map(report.items.map((i) => [i.id, i.status]));
}

/** The findings of an item as `ruleId@line: message`, so that a failure shows why aks-gate decided. */
function findingsOf(report: ScanReport, id: ChecklistId): string[] {
  return report.findings.filter((f) => f.checklist === id).map((f) => `${f.level} ${f.ruleId}@${f.region.startLine}: ${f.message}`);
}
