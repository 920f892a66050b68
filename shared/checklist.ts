// The items of ../shared/CHECKLIST.md (the product specification). Every rule names exactly one of
// these ids; the scorecard lists them in this order.

export type Evidence = 'workload' | 'cluster' | 'images' | 'live';

export interface ChecklistItem {
  readonly id: string;
  readonly title: string;
  /** The kinds of evidence the checklist names for this item, in the order it names them. */
  readonly evidence: readonly Evidence[];
}

export const CHECKLIST = [
  { id: 'SEC-1', title: 'No public endpoints; private API server', evidence: ['cluster', 'workload', 'live'] },
  { id: 'SEC-2', title: 'Ingress protected by Application Gateway (AGIC) with WAF and TLS', evidence: ['cluster', 'workload'] },
  { id: 'SEC-3', title: 'Egress locked down through a firewall', evidence: ['cluster', 'workload'] },
  { id: 'SEC-4', title: 'Images scanned, patched and current', evidence: ['images', 'workload'] },
  { id: 'SEC-5', title: 'Kubernetes kept up to date', evidence: ['cluster', 'workload'] },
  { id: 'SEC-6', title: 'No secrets in images or manifests; Key Vault and workload identity', evidence: ['workload', 'images', 'cluster'] },
  { id: 'SEC-7', title: 'Workloads hardened against common attack vectors', evidence: ['workload', 'cluster'] },
  { id: 'HA-1', title: 'More than one region, with traffic routing; zones and SLA', evidence: ['cluster'] },
  { id: 'HA-2', title: 'Monitoring and alerts', evidence: ['cluster', 'live'] },
  { id: 'HA-3', title: 'Cluster autoscaler', evidence: ['cluster', 'live'] },
  { id: 'HA-4', title: 'Horizontal pod autoscaling and resilient workloads', evidence: ['workload', 'live'] },
  { id: 'IAM-1', title: 'Azure AD (Entra ID) integration with Azure RBAC', evidence: ['cluster'] },
  { id: 'IAM-2', title: 'Kubernetes RBAC with least privilege', evidence: ['cluster', 'workload', 'live'] },
  { id: 'IAM-3', title: 'Managed identity, not a service principal', evidence: ['cluster'] },
  { id: 'IAM-4', title: 'Control-plane (audit) logging', evidence: ['cluster', 'live'] },
] as const satisfies readonly ChecklistItem[];

export type ChecklistId = (typeof CHECKLIST)[number]['id'];

/** Why a kind of evidence was not there, as the summary says it. */
export const MISSING_EVIDENCE: Record<Evidence, string> = {
  workload: 'no Kubernetes manifests in the inputs',
  cluster: 'no AKS cluster definition (ARM, Bicep or Terraform) in the inputs',
  images: 'images were not scanned with Trivy or Grype',
  live: 'the live cluster was not probed',
};
