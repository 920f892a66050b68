resource "azurerm_kubernetes_cluster" "example" {
  name                = "example-aks1"
  location            = "westeurope"
  resource_group_name = "aks-rg"
  dns_prefix          = "exampleaks1"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_log_analytics_workspace" "logs" {
  name                = "aks-logs"
  location            = "westeurope"
  resource_group_name = "aks-rg"
  sku                 = "PerGB2018"
}

resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                           = "aks-audit"
  target_resource_id             = azurerm_kubernetes_cluster.example.id
  log_analytics_workspace_id     = azurerm_log_analytics_workspace.logs.id
  log_analytics_destination_type = "Dedicated"

  enabled_log {
    category = "kube-audit-admin"
  }

  enabled_log {
    category = "guard"
  }
}
