resource "azurerm_kubernetes_cluster" "shop" {
  name                = "aks-shop"
  location            = "westeurope"
  resource_group_name = "rg-shop"
  dns_prefix          = "aks-shop"
  kubernetes_version  = "1.35"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  microsoft_defender {
    log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.OperationalInsights/workspaces/law-shop"
  }
}
