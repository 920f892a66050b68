variable "subscription_id" {
  description = "The shop's production subscription."
  type        = string
}

variable "tenant_id" {
  description = "The Entra ID tenant people sign in to the clusters with."
  type        = string
}

variable "environment" {
  description = "Goes into every name and tag."
  type        = string
  default     = "prod"
}

variable "primary_location" {
  description = "Region of the first cluster, and of the global resources (Front Door, alerting)."
  type        = string
  default     = "westeurope"
}

variable "secondary_location" {
  description = "Region of the second cluster; Front Door sends traffic to both and fails over between them."
  type        = string
  default     = "northeurope"
}

variable "kubernetes_version" {
  description = "Kubernetes minor version of both clusters; the patch channel keeps them on its latest patch."
  type        = string
}

variable "aks_admin_group_object_ids" {
  description = "Entra ID groups with cluster-admin through Azure RBAC (the platform team's break-glass group)."
  type        = list(string)
}

variable "container_registry_id" {
  description = "The company registry (shopacr.azurecr.io) the nodes pull images from."
  type        = string
}

variable "shop_hosts" {
  description = "Public host names of the shop, served by Front Door."
  type        = list(string)
  default     = ["shop.contoso.com", "www.shop.contoso.com"]
}

variable "oncall_email" {
  description = "Where cluster alerts go."
  type        = string
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default = {
    application = "shop"
    owner       = "platform-team"
    cost-center = "cc-4711"
  }
}
