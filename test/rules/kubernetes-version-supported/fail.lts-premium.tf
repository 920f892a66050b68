# azurerm v4: a Premium cluster pinned to 1.33 (community support ended 2026-07-31, LTS until 2027-07-31)
# and a separate node pool left on 1.26.
resource "azurerm_kubernetes_cluster" "shop" {
  name                = "aks-shop"
  location            = "westeurope"
  resource_group_name = "rg-shop"
  dns_prefix          = "aks-shop"
  kubernetes_version  = "1.33"
  sku_tier            = "Premium"
  support_plan        = "AKSLongTermSupport"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "batch" {
  name                  = "batch"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.shop.id
  vm_size               = "Standard_D8s_v5"
  orchestrator_version  = "1.26.6"
}
