# azurerm v3 names: automatic_channel_upgrade and node_os_channel_upgrade.
resource "azurerm_kubernetes_cluster" "shop" {
  name                      = "aks-shop"
  location                  = "westeurope"
  resource_group_name       = "rg-shop"
  dns_prefix                = "aks-shop"
  kubernetes_version        = "1.35"
  automatic_channel_upgrade = "patch"
  node_os_channel_upgrade   = "None"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
