variable "aks_client_id" {
  type = string
}

variable "aks_client_secret" {
  type      = string
  sensitive = true
}

# The secret comes from a sensitive variable, set by the pipeline.
resource "azurerm_kubernetes_cluster" "shop" {
  name                = "aks-shop"
  location            = "westeurope"
  resource_group_name = "rg-shop"
  dns_prefix          = "aks-shop"
  kubernetes_version  = "1.35"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }

  service_principal {
    client_id     = var.aks_client_id
    client_secret = var.aks_client_secret
  }
}
