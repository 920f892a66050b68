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

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_application_load_balancer" "shop" {
  name                = "agc-shop"
  location            = "westeurope"
  resource_group_name = "rg-shop"
}

resource "azurerm_application_load_balancer_frontend" "shop" {
  name                         = "shop"
  application_load_balancer_id = azurerm_application_load_balancer.shop.id
}

resource "azurerm_application_load_balancer_subnet_association" "shop" {
  name                         = "aks-subnet"
  application_load_balancer_id = azurerm_application_load_balancer.shop.id
  subnet_id                    = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.Network/virtualNetworks/vnet-shop/subnets/snet-agc"
}
