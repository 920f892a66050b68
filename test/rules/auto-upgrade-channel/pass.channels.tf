# azurerm v4 names: patch upgrades of Kubernetes and node image upgrades, in a weekly window.
resource "azurerm_kubernetes_cluster" "shop" {
  name                      = "aks-shop"
  location                  = "westeurope"
  resource_group_name       = "rg-shop"
  dns_prefix                = "aks-shop"
  kubernetes_version        = "1.35"
  automatic_upgrade_channel = "patch"
  node_os_upgrade_channel   = "NodeImage"

  maintenance_window_auto_upgrade {
    frequency   = "Weekly"
    interval    = 1
    day_of_week = "Sunday"
    start_time  = "02:00"
    duration    = 4
  }

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
