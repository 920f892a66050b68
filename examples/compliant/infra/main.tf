# The shop's production platform: one AKS cluster in each of two regions (modules/aks), active-active
# behind Azure Front Door (frontdoor.tf). Each region is self-contained: its own network, egress
# firewall, Application Gateway with WAF, monitoring and alerts, so losing one region loses nothing
# the other needs.

locals {
  name = "shop-${var.environment}"
  tags = merge(var.tags, { environment = var.environment })
}

resource "azurerm_resource_group" "global" {
  name     = "rg-${local.name}-global"
  location = var.primary_location
  tags     = local.tags
}

resource "azurerm_monitor_action_group" "platform_oncall" {
  name                = "ag-${local.name}-platform-oncall"
  resource_group_name = azurerm_resource_group.global.name
  short_name          = "shoponcall"
  tags                = local.tags

  email_receiver {
    name                    = "platform-oncall"
    email_address           = var.oncall_email
    use_common_alert_schema = true
  }
}

module "aks_weu" {
  source = "./modules/aks"

  name          = "${local.name}-weu"
  location      = var.primary_location
  address_space = "10.40.0.0/16"
  user_pool     = { vm_size = "Standard_D8ds_v5", min_count = 3, max_count = 15 }

  kubernetes_version     = var.kubernetes_version
  tenant_id              = var.tenant_id
  admin_group_object_ids = var.aks_admin_group_object_ids
  container_registry_id  = var.container_registry_id
  action_group_id        = azurerm_monitor_action_group.platform_oncall.id
  frontdoor_id           = azurerm_cdn_frontdoor_profile.shop.resource_guid
  tags                   = local.tags
}

module "aks_neu" {
  source = "./modules/aks"

  name          = "${local.name}-neu"
  location      = var.secondary_location
  address_space = "10.41.0.0/16"
  user_pool     = { vm_size = "Standard_D8ds_v5", min_count = 3, max_count = 15 }

  kubernetes_version     = var.kubernetes_version
  tenant_id              = var.tenant_id
  admin_group_object_ids = var.aks_admin_group_object_ids
  container_registry_id  = var.container_registry_id
  action_group_id        = azurerm_monitor_action_group.platform_oncall.id
  frontdoor_id           = azurerm_cdn_frontdoor_profile.shop.resource_guid
  tags                   = local.tags
}
