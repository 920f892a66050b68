# azurerm v4 names: automatic_upgrade_channel (not set) and node_os_upgrade_channel.
resource "azurerm_kubernetes_cluster" "shop" {
  name                    = "aks-shop"
  location                = "westeurope"
  resource_group_name     = "rg-shop"
  dns_prefix              = "aks-shop"
  kubernetes_version      = "1.35"
  node_os_upgrade_channel = "None"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
