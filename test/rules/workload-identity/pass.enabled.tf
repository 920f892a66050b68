resource "azurerm_kubernetes_cluster" "shop" {
  name                      = "aks-shop"
  location                  = "westeurope"
  resource_group_name       = "rg-shop"
  dns_prefix                = "aks-shop"
  kubernetes_version        = "1.35"
  oidc_issuer_enabled       = true
  workload_identity_enabled = true

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
