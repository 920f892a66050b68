# The shop's cluster the way it often looks before a review: one cluster, stood up quickly from a
# tutorial and never revisited. Every deliberate problem is marked with a `# BREAKS <checklist
# item>:` comment on the line (or resource) where aks-gate reports it. The "secret" is fake.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.30"
    }
  }
}

provider "azurerm" {
  subscription_id = "0b6f2d4a-7c1e-4f3b-9a8d-2e5c6f7a8b9c"
  features {}
}

resource "azurerm_resource_group" "shop" {
  name     = "rg-shop-prod"
  location = "westeurope"
}

# BREAKS IAM-1: no azure_active_directory_role_based_access_control block: people sign in with cluster certificates, not Entra ID
# BREAKS IAM-1: local_account_disabled is not set, so the static cluster-admin credential stays enabled
# BREAKS SEC-2: no ingress_application_gateway add-on: no WAF in front of the shop
# BREAKS SEC-6: no key_vault_secrets_provider, oidc_issuer_enabled or workload_identity_enabled: secrets end up in Kubernetes Secrets
# BREAKS SEC-7: neither azure_policy_enabled nor a microsoft_defender block: no admission policy, no runtime threat detection
# BREAKS SEC-5: no automatic_upgrade_channel or node_os_upgrade_channel: nobody upgrades Kubernetes or the node images
# BREAKS HA-2: neither oms_agent nor monitor_metrics: nothing collects the cluster's health
# BREAKS IAM-4: no azurerm_monitor_diagnostic_setting: the API server's audit log is kept nowhere
resource "azurerm_kubernetes_cluster" "shop" {
  name                = "aks-shop-prod"
  resource_group_name = azurerm_resource_group.shop.name
  dns_prefix          = "shop-prod"

  # BREAKS HA-1: the only cluster, in one region, with no Front Door or Traffic Manager to fail over to
  location = azurerm_resource_group.shop.location

  # BREAKS SEC-5: Kubernetes 1.29 left AKS support in March 2025 (Long-Term Support, which needs the Premium tier, in April 2026)
  kubernetes_version = "1.29"

  # BREAKS HA-1: the Free tier has no uptime SLA for the API server
  sku_tier = "Free"

  # BREAKS SEC-1: a public API server with no authorized IP ranges: the whole internet can reach it
  private_cluster_enabled = false

  # BREAKS IAM-2: Kubernetes RBAC switched off "until the roles are sorted out": every credential is cluster-admin
  role_based_access_control_enabled = false

  # BREAKS SEC-2: the retired HTTP application routing add-on: a public nginx with no WAF and no TLS
  http_application_routing_enabled = true

  # A service principal from the tutorial instead of a managed identity.
  service_principal {
    # BREAKS IAM-3: a service principal, whose secret someone must rotate, instead of a managed identity
    client_id = "7e2d9c41-5b3a-4f6e-8d1c-2a9b0c3d4e5f"
    # BREAKS SEC-6: the service principal's secret written into the code (fake here, but the real ones look just like this)
    client_secret = "FAKE-example-not-a-real-secret~00000000"
  }

  network_profile {
    # BREAKS SEC-3: kubenet with no network_policy: NetworkPolicy objects are accepted and ignored
    network_plugin = "kubenet"
    # BREAKS SEC-3: egress leaves straight through the load balancer's public IP, not through a firewall
    outbound_type = "loadBalancer"
  }

  default_node_pool {
    name    = "default"
    vm_size = "Standard_D4s_v5"
    # BREAKS HA-3: a fixed node count: the cluster autoscaler is off and the pool cannot grow under load
    node_count = 3
    # BREAKS HA-1: every node in zone 1: losing that zone takes the whole cluster down
    zones = ["1"]
    # BREAKS SEC-1: every node gets its own public IP address, around any firewall
    node_public_ip_enabled = true
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "batch" {
  name                  = "batch"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.shop.id
  vm_size               = "Standard_D8s_v5"
  # BREAKS SEC-5: the pool pinned to the same unsupported version as the control plane
  orchestrator_version = "1.29"
  # BREAKS HA-3: autoscaling on, but with nothing to scale: max_count equals min_count
  auto_scaling_enabled = true
  min_count            = 2
  max_count            = 2
  zones                = ["1"]
}
