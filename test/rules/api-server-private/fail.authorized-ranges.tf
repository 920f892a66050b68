resource "azurerm_kubernetes_cluster" "shop" {
  name                = "aks-shop"
  location            = "westeurope"
  resource_group_name = "rg-shop"
  dns_prefix          = "aks-shop"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  # azurerm v4: the ranges live in api_server_access_profile
  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24", "198.51.100.7/32"]
  }

  identity {
    type = "SystemAssigned"
  }
}
