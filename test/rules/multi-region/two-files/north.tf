resource "azurerm_kubernetes_cluster" "north" {
  name                = "aks-shop-neu"
  location            = "northeurope"
  resource_group_name = "shop-neu"
  dns_prefix          = "aks-shop-neu"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
