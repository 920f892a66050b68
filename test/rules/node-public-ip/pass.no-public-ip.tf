resource "azurerm_kubernetes_cluster" "shop" {
  name                = "aks-shop"
  location            = "westeurope"
  resource_group_name = "rg-shop"
  dns_prefix          = "aks-shop"

  default_node_pool {
    name                   = "system"
    node_count             = 3
    vm_size                = "Standard_D4s_v5"
    node_public_ip_enabled = false
  }

  identity {
    type = "SystemAssigned"
  }
}

# A separate user pool: no public IP either (the argument left at its default, false).
resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                  = "user"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.shop.id
  vm_size               = "Standard_D8s_v5"
  node_count            = 3
  mode                  = "User"
}
