// Every rule aks-gate ships, as an explicit list sorted by id: bundlers need literal imports, and the
// meta-tests check this list against the files, the checklist and the fixtures.

import type { Rule } from './define-rule.js';
import aadAzureRbac from './iam/aad-azure-rbac.js';
import aadPodIdentity from './sec/aad-pod-identity.js';
import aadPodIdentityCluster from './sec/aad-pod-identity-cluster.js';
import agicAddon from './sec/agic-addon.js';
import alertRules from './ha/alert-rules.js';
import apiServerPrivate from './sec/api-server-private.js';
import apiVersionRemoved from './sec/api-version-removed.js';
import applicationGatewayWaf from './sec/application-gateway-waf.js';
import auditLogs from './iam/audit-logs.js';
import autoUpgradeChannel from './sec/auto-upgrade-channel.js';
import availabilityZones from './ha/availability-zones.js';
import azurePolicyAddon from './sec/azure-policy-addon.js';
import containerCapabilities from './sec/container-capabilities.js';
import containerHostPort from './sec/container-host-port.js';
import containerMemoryLimit from './ha/container-memory-limit.js';
import containerPrivilegeEscalation from './sec/container-privilege-escalation.js';
import containerProbeHost from './sec/container-probe-host.js';
import containerProbes from './ha/container-probes.js';
import containerProcMount from './sec/container-proc-mount.js';
import containerReadonlyRootFilesystem from './sec/container-readonly-root-filesystem.js';
import containerResourceRequests from './ha/container-resource-requests.js';
import containerRunAsNonRoot from './sec/container-run-as-non-root.js';
import credentialInValue from './sec/credential-in-value.js';
import defenderForContainers from './sec/defender-for-containers.js';
import egressUserDefinedRouting from './sec/egress-user-defined-routing.js';
import gatewayApplicationGateway from './sec/gateway-application-gateway.js';
import hpaTargetExists from './ha/hpa-target-exists.js';
import httpApplicationRouting from './sec/http-application-routing.js';
import imageDigest from './sec/image-digest.js';
import imageReferenceValid from './sec/image-reference-valid.js';
import imageRegistryAllowed from './sec/image-registry-allowed.js';
import imageTag from './sec/image-tag.js';
import ingressAgicAddon from './sec/ingress-agic-addon.js';
import ingressApplicationGateway from './sec/ingress-application-gateway.js';
import ingressHttpsRedirect from './sec/ingress-https-redirect.js';
import ingressTls from './sec/ingress-tls.js';
import keyVaultSecretsProvider from './sec/key-vault-secrets-provider.js';
import kubernetesRbacEnabled from './iam/kubernetes-rbac-enabled.js';
import kubernetesVersionSupported from './sec/kubernetes-version-supported.js';
import localAccountsDisabled from './iam/local-accounts-disabled.js';
import managedIdentity from './iam/managed-identity.js';
import monitoringEnabled from './ha/monitoring-enabled.js';
import multiRegion from './ha/multi-region.js';
import namespaceDefaultDeny from './sec/namespace-default-deny.js';
import networkPolicy from './sec/network-policy.js';
import nodePoolAutoscaler from './ha/node-pool-autoscaler.js';
import nodePublicIp from './sec/node-public-ip.js';
import podApparmor from './sec/pod-apparmor.js';
import podHostNamespaces from './sec/pod-host-namespaces.js';
import podHostNetwork from './sec/pod-host-network.js';
import podHostPath from './sec/pod-host-path.js';
import podPrivileged from './sec/pod-privileged.js';
import podRestrictedVolumeTypes from './sec/pod-restricted-volume-types.js';
import podSeccomp from './sec/pod-seccomp.js';
import podSelinuxOptions from './sec/pod-selinux-options.js';
import podServiceAccountToken from './sec/pod-service-account-token.js';
import podUnsafeSysctls from './sec/pod-unsafe-sysctls.js';
import podWindowsHostProcess from './sec/pod-windows-host-process.js';
import rbacAdminBinding from './iam/rbac-admin-binding.js';
import rbacAnonymousBinding from './iam/rbac-anonymous-binding.js';
import rbacSensitivePermissions from './iam/rbac-sensitive-permissions.js';
import rbacWildcardRole from './iam/rbac-wildcard-role.js';
import secretInManifest from './sec/secret-in-manifest.js';
import serviceNodePort from './sec/service-node-port.js';
import servicePrincipalSecretLiteral from './sec/service-principal-secret-literal.js';
import servicePublicLoadBalancer from './sec/service-public-load-balancer.js';
import slaTier from './ha/sla-tier.js';
import workloadAutoscaled from './ha/workload-autoscaled.js';
import workloadDisruptionBudget from './ha/workload-disruption-budget.js';
import workloadIdentity from './sec/workload-identity.js';
import workloadReplicas from './ha/workload-replicas.js';

export const RULES: readonly Rule[] = [
  aadAzureRbac,
  aadPodIdentity,
  aadPodIdentityCluster,
  agicAddon,
  alertRules,
  apiServerPrivate,
  apiVersionRemoved,
  applicationGatewayWaf,
  auditLogs,
  autoUpgradeChannel,
  availabilityZones,
  azurePolicyAddon,
  containerCapabilities,
  containerHostPort,
  containerMemoryLimit,
  containerPrivilegeEscalation,
  containerProbeHost,
  containerProbes,
  containerProcMount,
  containerReadonlyRootFilesystem,
  containerResourceRequests,
  containerRunAsNonRoot,
  credentialInValue,
  defenderForContainers,
  egressUserDefinedRouting,
  gatewayApplicationGateway,
  hpaTargetExists,
  httpApplicationRouting,
  imageDigest,
  imageReferenceValid,
  imageRegistryAllowed,
  imageTag,
  ingressAgicAddon,
  ingressApplicationGateway,
  ingressHttpsRedirect,
  ingressTls,
  keyVaultSecretsProvider,
  kubernetesRbacEnabled,
  kubernetesVersionSupported,
  localAccountsDisabled,
  managedIdentity,
  monitoringEnabled,
  multiRegion,
  namespaceDefaultDeny,
  networkPolicy,
  nodePoolAutoscaler,
  nodePublicIp,
  podApparmor,
  podHostNamespaces,
  podHostNetwork,
  podHostPath,
  podPrivileged,
  podRestrictedVolumeTypes,
  podSeccomp,
  podSelinuxOptions,
  podServiceAccountToken,
  podUnsafeSysctls,
  podWindowsHostProcess,
  rbacAdminBinding,
  rbacAnonymousBinding,
  rbacSensitivePermissions,
  rbacWildcardRole,
  secretInManifest,
  serviceNodePort,
  servicePrincipalSecretLiteral,
  servicePublicLoadBalancer,
  slaTier,
  workloadAutoscaled,
  workloadDisruptionBudget,
  workloadIdentity,
  workloadReplicas,
];
