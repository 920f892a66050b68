# The region's egress firewall: AKS's required endpoints (the AzureKubernetesService FQDN tag), the
# company registry and the add-ons' endpoints; everything else is denied and logged.

resource "azurerm_public_ip" "firewall" {
  name                = "pip-${var.name}-afw"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  allocation_method   = "Static"
  sku                 = "Standard"
  zones               = var.zones
  tags                = var.tags
}

resource "azurerm_firewall_policy" "egress" {
  name                     = "afwp-${var.name}"
  location                 = azurerm_resource_group.this.location
  resource_group_name      = azurerm_resource_group.this.name
  sku                      = "Standard"
  threat_intelligence_mode = "Deny"
  tags                     = var.tags

  dns {
    proxy_enabled = true
  }
}

resource "azurerm_firewall_policy_rule_collection_group" "aks_egress" {
  name               = "aks-egress"
  firewall_policy_id = azurerm_firewall_policy.egress.id
  priority           = 200

  network_rule_collection {
    name     = "aks-network"
    priority = 100
    action   = "Allow"

    rule {
      name                  = "ntp"
      protocols             = ["UDP"]
      source_addresses      = [local.subnet_prefixes.nodes]
      destination_addresses = ["*"]
      destination_ports     = ["123"]
    }
  }

  application_rule_collection {
    name     = "aks-application"
    priority = 200
    action   = "Allow"

    rule {
      name                  = "aks-required"
      source_addresses      = [local.subnet_prefixes.nodes]
      destination_fqdn_tags = ["AzureKubernetesService"]

      protocols {
        type = "Https"
        port = 443
      }
      protocols {
        type = "Http"
        port = 80
      }
    }

    rule {
      name             = "registry-and-add-ons"
      source_addresses = [local.subnet_prefixes.nodes]
      destination_fqdns = [
        "*.azurecr.io",                        # the company registry and its data endpoints
        "*.vault.azure.net",                   # Key Vault secrets provider
        "*.ods.opinsights.azure.com",          # Container Insights, Defender
        "*.oms.opinsights.azure.com",          # Container Insights
        "*.monitoring.azure.com",              # Container Insights
        "*.handler.control.monitor.azure.com", # Azure Monitor agent configuration
        "*.ingest.monitor.azure.com",          # managed Prometheus
        "*.metrics.ingest.monitor.azure.com",  # managed Prometheus
        "*.cloud.defender.microsoft.com",      # Defender for Containers sensor
        "data.policy.core.windows.net",        # Azure Policy add-on
        "store.policy.core.windows.net",       # Azure Policy add-on
      ]

      protocols {
        type = "Https"
        port = 443
      }
    }
  }
}

resource "azurerm_firewall" "egress" {
  name                = "afw-${var.name}"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
  firewall_policy_id  = azurerm_firewall_policy.egress.id
  zones               = var.zones
  tags                = var.tags

  ip_configuration {
    name                 = "egress"
    subnet_id            = azurerm_subnet.firewall.id
    public_ip_address_id = azurerm_public_ip.firewall.id
  }
}
