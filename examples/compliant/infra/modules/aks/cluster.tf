# The AKS cluster. Checklist items are noted where they are met.

# The control plane's identity (IAM-3): user-assigned, so it can be given its network roles before
# the cluster exists (AKS checks the route table and subnet when it creates a UDR cluster).
resource "azurerm_user_assigned_identity" "cluster" {
  name                = "id-${var.name}-aks"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  tags                = var.tags
}

resource "azurerm_role_assignment" "cluster_subnet" {
  scope                = azurerm_subnet.nodes.id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_user_assigned_identity.cluster.principal_id
}

resource "azurerm_role_assignment" "cluster_route_table" {
  scope                = azurerm_route_table.nodes.id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_user_assigned_identity.cluster.principal_id
}

resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks-${var.name}"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  node_resource_group = "rg-${var.name}-aks-nodes"
  dns_prefix          = "aks-${var.name}"
  tags                = var.tags

  # HA-1: the uptime SLA.
  sku_tier = "Standard"

  # SEC-5: a supported minor version, its patches applied automatically, node images weekly.
  kubernetes_version        = var.kubernetes_version
  automatic_upgrade_channel = "patch"
  node_os_upgrade_channel   = "NodeImage"

  maintenance_window_auto_upgrade {
    frequency   = "Weekly"
    interval    = 1
    day_of_week = "Sunday"
    start_time  = "02:00"
    duration    = 4
    utc_offset  = "+00:00"
  }

  maintenance_window_node_os {
    frequency   = "Weekly"
    interval    = 1
    day_of_week = "Saturday"
    start_time  = "02:00"
    duration    = 4
    utc_offset  = "+00:00"
  }

  # SEC-1: the API server has a private endpoint in the VNet only.
  private_cluster_enabled             = true
  private_dns_zone_id                 = "System"
  private_cluster_public_fqdn_enabled = false

  # IAM-1, IAM-2: people sign in with Entra ID and get their rights from Azure role assignments;
  # no local admin certificate.
  local_account_disabled            = true
  role_based_access_control_enabled = true

  azure_active_directory_role_based_access_control {
    tenant_id              = var.tenant_id
    admin_group_object_ids = var.admin_group_object_ids
    azure_rbac_enabled     = true
  }

  # IAM-3
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.cluster.id]
  }

  # SEC-6: secrets mounted from Key Vault; pods authenticate with workload identity.
  oidc_issuer_enabled       = true
  workload_identity_enabled = true

  key_vault_secrets_provider {
    secret_rotation_enabled  = true
    secret_rotation_interval = "2m"
  }

  # SEC-7: Azure Policy enforces the pod security baseline at admission; Defender watches runtime.
  azure_policy_enabled = true

  microsoft_defender {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.this.id
  }

  image_cleaner_enabled        = true
  image_cleaner_interval_hours = 48

  # HA-2: Container Insights and managed Prometheus (their data collection rules: monitoring.tf).
  oms_agent {
    log_analytics_workspace_id      = azurerm_log_analytics_workspace.this.id
    msi_auth_for_monitoring_enabled = true
  }

  monitor_metrics {
    annotations_allowed = null
    labels_allowed      = null
  }

  # SEC-2: AGIC programs the region's WAF_v2 Application Gateway (gateway.tf).
  ingress_application_gateway {
    gateway_id = azurerm_application_gateway.this.id
  }

  # SEC-3: Cilium enforces NetworkPolicy; egress leaves through the firewall (network.tf).
  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
    outbound_type       = "userDefinedRouting"
    load_balancer_sku   = "standard"
    pod_cidr            = "192.168.0.0/16"
    service_cidr        = "172.16.0.0/16"
    dns_service_ip      = "172.16.0.10"
  }

  # HA-1, HA-3, SEC-1: autoscaled over three zones, no public node IPs. The system pool runs only
  # critical add-ons; the shop runs on the user pool below.
  default_node_pool {
    name                         = "system"
    vm_size                      = var.system_pool.vm_size
    orchestrator_version         = var.kubernetes_version
    vnet_subnet_id               = azurerm_subnet.nodes.id
    zones                        = var.zones
    auto_scaling_enabled         = true
    min_count                    = var.system_pool.min_count
    max_count                    = var.system_pool.max_count
    node_public_ip_enabled       = false
    only_critical_addons_enabled = true
    os_sku                       = "AzureLinux"
    os_disk_type                 = "Ephemeral"
    temporary_name_for_rotation  = "systemtmp"
    tags                         = var.tags

    upgrade_settings {
      max_surge = "33%"
    }
  }

  depends_on = [
    azurerm_subnet_route_table_association.nodes,
    azurerm_role_assignment.cluster_subnet,
    azurerm_role_assignment.cluster_route_table,
  ]
}

resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                   = "user"
  kubernetes_cluster_id  = azurerm_kubernetes_cluster.this.id
  mode                   = "User"
  vm_size                = var.user_pool.vm_size
  orchestrator_version   = var.kubernetes_version
  vnet_subnet_id         = azurerm_subnet.nodes.id
  zones                  = var.zones
  auto_scaling_enabled   = true
  min_count              = var.user_pool.min_count
  max_count              = var.user_pool.max_count
  node_public_ip_enabled = false
  os_sku                 = "AzureLinux"
  os_disk_type           = "Ephemeral"
  tags                   = var.tags

  upgrade_settings {
    max_surge = "33%"
  }
}

# The kubelets pull the shop's images from the company registry.
resource "azurerm_role_assignment" "kubelet_acr_pull" {
  scope                = var.container_registry_id
  role_definition_name = "AcrPull"
  principal_id         = azurerm_kubernetes_cluster.this.kubelet_identity[0].object_id
}

# The AGIC add-on's identity updates the gateway and joins its subnet.
resource "azurerm_role_assignment" "agic_gateway" {
  scope                = azurerm_application_gateway.this.id
  role_definition_name = "Contributor"
  principal_id         = azurerm_kubernetes_cluster.this.ingress_application_gateway[0].ingress_application_gateway_identity[0].object_id
}

resource "azurerm_role_assignment" "agic_resource_group" {
  scope                = azurerm_resource_group.this.id
  role_definition_name = "Reader"
  principal_id         = azurerm_kubernetes_cluster.this.ingress_application_gateway[0].ingress_application_gateway_identity[0].object_id
}

resource "azurerm_role_assignment" "agic_gateway_subnet" {
  scope                = azurerm_subnet.gateway.id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_kubernetes_cluster.this.ingress_application_gateway[0].ingress_application_gateway_identity[0].object_id
}
