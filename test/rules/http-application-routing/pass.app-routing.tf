# The retired HTTP application routing add-on is not set; the managed NGINX app routing add-on replaces it.
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

  web_app_routing {
    dns_zone_ids = []
  }

  identity {
    type = "SystemAssigned"
  }
}
