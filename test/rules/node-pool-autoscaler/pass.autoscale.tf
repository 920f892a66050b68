resource "azurerm_kubernetes_cluster" "example" {
  name                = "example-aks1"
  location            = "westeurope"
  resource_group_name = "aks-rg"
  dns_prefix          = "exampleaks1"

  default_node_pool {
    name                 = "system"
    vm_size              = "Standard_D4s_v5"
    auto_scaling_enabled = true
    min_count            = 3
    max_count            = 5
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                  = "user"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.example.id
  vm_size               = "Standard_D8s_v5"
  auto_scaling_enabled  = true
  min_count             = 1
  max_count             = 10
}
