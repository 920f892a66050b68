resource "azurerm_kubernetes_cluster" "west" {
  name                = "aks-shop-weu"
  location            = "westeurope"
  resource_group_name = "shop-weu"
  dns_prefix          = "aks-shop-weu"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_traffic_manager_profile" "shop" {
  name                   = "shop-tm"
  resource_group_name    = "shop-global"
  traffic_routing_method = "Priority"

  dns_config {
    relative_name = "shop"
    ttl           = 30
  }

  monitor_config {
    protocol = "HTTPS"
    port     = 443
    path     = "/healthz"
  }
}
