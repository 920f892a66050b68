resource "azurerm_kubernetes_cluster" "shop" {
  name                = "aks-shop"
  location            = "westeurope"
  resource_group_name = "rg-shop"
  dns_prefix          = "aks-shop"

  default_node_pool {
    name                  = "system"
    node_count            = 3
    vm_size               = "Standard_D4s_v5"
    enable_node_public_ip = true # azurerm v3 name
  }

  identity {
    type = "SystemAssigned"
  }
}
