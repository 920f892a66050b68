# The service principal secret written in the code (a fake value).
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
    client_id     = "00000000-0000-0000-0000-000000000000"
    client_secret = "example-not-a-real-secret"
  }
}
