# Azure Front Door in front of both regions: shop.contoso.com resolves to Front Door, which sends
# each request to the healthy Application Gateway nearest the visitor and stops sending to a region
# whose health probe fails (HA-1). Its own WAF policy filters at the edge; each region's Application
# Gateway filters again and only accepts traffic from Front Door (modules/aks/gateway.tf).

resource "azurerm_cdn_frontdoor_profile" "shop" {
  name                     = "afd-${local.name}"
  resource_group_name      = azurerm_resource_group.global.name
  sku_name                 = "Premium_AzureFrontDoor"
  response_timeout_seconds = 60
  tags                     = local.tags
}

resource "azurerm_cdn_frontdoor_endpoint" "shop" {
  name                     = "fde-${local.name}"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.shop.id
  tags                     = local.tags
}

resource "azurerm_cdn_frontdoor_origin_group" "shop" {
  name                     = "shop-regions"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.shop.id
  session_affinity_enabled = false

  load_balancing {
    sample_size                        = 4
    successful_samples_required        = 3
    additional_latency_in_milliseconds = 50
  }

  health_probe {
    protocol            = "Https"
    path                = "/healthz"
    request_type        = "HEAD"
    interval_in_seconds = 30
  }
}

# One origin per region, equal priority and weight: active-active. No origin_host_header, so the
# visitor's host name (shop.contoso.com or www.) reaches the Ingress rules and the TLS certificate check.
resource "azurerm_cdn_frontdoor_origin" "weu" {
  name                           = "appgw-weu"
  cdn_frontdoor_origin_group_id  = azurerm_cdn_frontdoor_origin_group.shop.id
  enabled                        = true
  host_name                      = module.aks_weu.gateway_fqdn
  certificate_name_check_enabled = true
  http_port                      = 80
  https_port                     = 443
  priority                       = 1
  weight                         = 500
}

resource "azurerm_cdn_frontdoor_origin" "neu" {
  name                           = "appgw-neu"
  cdn_frontdoor_origin_group_id  = azurerm_cdn_frontdoor_origin_group.shop.id
  enabled                        = true
  host_name                      = module.aks_neu.gateway_fqdn
  certificate_name_check_enabled = true
  http_port                      = 80
  https_port                     = 443
  priority                       = 1
  weight                         = 500
}

resource "azurerm_cdn_frontdoor_custom_domain" "shop" {
  for_each = toset(var.shop_hosts)

  name                     = replace(each.value, ".", "-")
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.shop.id
  host_name                = each.value

  tls {
    certificate_type    = "ManagedCertificate"
    minimum_tls_version = "TLS12"
  }
}

resource "azurerm_cdn_frontdoor_route" "shop" {
  name                            = "shop"
  cdn_frontdoor_endpoint_id       = azurerm_cdn_frontdoor_endpoint.shop.id
  cdn_frontdoor_origin_group_id   = azurerm_cdn_frontdoor_origin_group.shop.id
  cdn_frontdoor_origin_ids        = [azurerm_cdn_frontdoor_origin.weu.id, azurerm_cdn_frontdoor_origin.neu.id]
  cdn_frontdoor_custom_domain_ids = [for domain in azurerm_cdn_frontdoor_custom_domain.shop : domain.id]
  link_to_default_domain          = false

  supported_protocols    = ["Http", "Https"]
  https_redirect_enabled = true
  forwarding_protocol    = "HttpsOnly"
  patterns_to_match      = ["/*"]
}

resource "azurerm_cdn_frontdoor_firewall_policy" "shop" {
  name                = "waf${replace(local.name, "-", "")}edge"
  resource_group_name = azurerm_resource_group.global.name
  sku_name            = azurerm_cdn_frontdoor_profile.shop.sku_name
  enabled             = true
  mode                = "Prevention"
  tags                = local.tags

  managed_rule {
    type    = "Microsoft_DefaultRuleSet"
    version = "2.1"
    action  = "Block"
  }

  managed_rule {
    type    = "Microsoft_BotManagerRuleSet"
    version = "1.1"
    action  = "Block"
  }
}

resource "azurerm_cdn_frontdoor_security_policy" "shop" {
  name                     = "shop-edge-waf"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.shop.id

  security_policies {
    firewall {
      cdn_frontdoor_firewall_policy_id = azurerm_cdn_frontdoor_firewall_policy.shop.id

      association {
        patterns_to_match = ["/*"]

        dynamic "domain" {
          for_each = azurerm_cdn_frontdoor_custom_domain.shop
          content {
            cdn_frontdoor_domain_id = domain.value.id
          }
        }
      }
    }
  }
}
