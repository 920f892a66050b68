resource "azurerm_kubernetes_cluster" "example" {
  name                   = "example-aks1"
  location               = "westeurope"
  resource_group_name    = "aks-rg"
  dns_prefix             = "exampleaks1"
  local_account_disabled = true

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
