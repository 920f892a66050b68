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

resource "azurerm_monitor_metric_alert" "node_cpu" {
  name                = "example-aks1-node-cpu"
  resource_group_name = "aks-rg"
  scopes              = [azurerm_kubernetes_cluster.example.id]
  severity            = 3

  criteria {
    metric_namespace = "Microsoft.ContainerService/managedClusters"
    metric_name      = "node_cpu_usage_percentage"
    aggregation      = "Average"
    operator         = "GreaterThan"
    threshold        = 95
  }
}
