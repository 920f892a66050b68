# One region of the shop: network, egress firewall, Application Gateway with WAF, the AKS cluster,
# its monitoring and alerts. Called once per region from the root module.

variable "name" {
  description = "Base of every name in the region, e.g. shop-prod-weu."
  type        = string
}

variable "location" {
  description = "Azure region."
  type        = string
}

variable "address_space" {
  description = "The region's /16; the subnets are carved out of it (see network.tf)."
  type        = string
}

variable "zones" {
  description = "Availability zones every zonal resource spreads over."
  type        = list(string)
  default     = ["1", "2", "3"]
}

variable "kubernetes_version" {
  description = "Kubernetes minor version of the control plane and every node pool."
  type        = string
}

variable "tenant_id" {
  description = "Entra ID tenant for cluster sign-in."
  type        = string
}

variable "admin_group_object_ids" {
  description = "Entra ID groups that are cluster admins."
  type        = list(string)
}

variable "container_registry_id" {
  description = "Registry the kubelets pull from (AcrPull)."
  type        = string
}

variable "action_group_id" {
  description = "Action group the cluster alerts notify."
  type        = string
}

variable "frontdoor_id" {
  description = "The Front Door profile's id (X-Azure-FDID): the Application Gateway WAF blocks requests without it."
  type        = string
}

variable "system_pool" {
  description = "The system node pool: only critical add-ons run there."
  type = object({
    vm_size   = string
    min_count = number
    max_count = number
  })
  default = { vm_size = "Standard_D4ds_v5", min_count = 3, max_count = 6 }
}

variable "user_pool" {
  description = "The node pool the shop's workloads run on."
  type = object({
    vm_size   = string
    min_count = number
    max_count = number
  })
}

variable "log_retention_days" {
  description = "Retention of the region's Log Analytics workspace (container logs and audit logs)."
  type        = number
  default     = 90
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = {}
}
