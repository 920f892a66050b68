# One module, two regions, Front Door in front of both.
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

resource "azurerm_cdn_frontdoor_profile" "shop" {
  name                = "afd-shop"
  resource_group_name = "shop-global"
  sku_name            = "Premium_AzureFrontDoor"
}
