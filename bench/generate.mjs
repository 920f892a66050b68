// Writes a deterministic tree of Kubernetes manifests for the benchmark: `files` files holding
// `documents` documents of mixed kinds, shaped like what teams commit (multi-document files,
// Deployments with full pod specs, Services, HPAs, policies, RBAC, ConfigMaps).

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const deployment = (ns, name, i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {app: ${name}, tier: backend}
spec:
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: app
          image: ${i % 5 === 0 ? 'nginx:latest' : `shop.azurecr.io/${name}:1.${i % 40}.0`}
          ports:
            - containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: info
            - name: FEATURE_${i}
              value: "on"
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 256Mi}
          readinessProbe:
            httpGet: {path: /healthz, port: 8080}
          livenessProbe:
            httpGet: {path: /livez, port: 8080}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
`;
const service = (ns, name, i) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  type: ${i % 7 === 0 ? 'LoadBalancer' : 'ClusterIP'}
  selector: {app: ${name}}
  ports:
    - port: 80
      targetPort: 8080
`;
const hpa = (ns, name) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
`;
const configMap = (ns, name, i) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${ns}
data:
  APP_MODE: production
  CACHE_TTL: "${i % 600}"
  settings.json: |
    {"retries": 3, "timeoutSeconds": 30}
`;
const role = (ns, name) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: ${name}-reader
  namespace: ${ns}
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get, list, watch]
`;
const policy = (ns) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${ns}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;
const kinds = [deployment, service, hpa, configMap, role, deployment, service, configMap, policy, hpa];

export function generate(root, { files = 2000, documents = 20000, seed = 42 } = {}) {
  rmSync(root, { recursive: true, force: true });
  const random = rng(seed);
  let bytes = 0;
  let written = 0;
  for (let f = 0; f < files; f++) {
    const team = `team-${f % 25}`;
    const ns = `${team}-${Math.floor(random() * 4)}`;
    const perFile = Math.floor(documents / files) + (f < documents % files ? 1 : 0);
    const docs = [];
    for (let d = 0; d < perFile; d++) {
      const i = f * 31 + d;
      const make = kinds[(f + d) % kinds.length];
      docs.push(make(ns, `svc-${f}-${d}`, i));
    }
    const text = docs.join('---\n');
    const dir = join(root, team, `app-${f % 80}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `manifests-${f}.yaml`), text);
    bytes += Buffer.byteLength(text);
    written += docs.length;
  }
  return { files, documents: written, bytes };
}
