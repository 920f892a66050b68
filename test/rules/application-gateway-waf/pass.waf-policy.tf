resource "azurerm_web_application_firewall_policy" "shop" {
  name                = "waf-shop"
  resource_group_name = "rg-shop"
  location            = "westeurope"

  policy_settings {
    enabled = true
    mode    = "Prevention"
  }

  managed_rules {
    managed_rule_set {
      type    = "OWASP"
      version = "3.2"
    }
  }
}

resource "azurerm_application_gateway" "shop" {
  name                = "agw-shop"
  resource_group_name = "rg-shop"
  location            = "westeurope"
  firewall_policy_id  = azurerm_web_application_firewall_policy.shop.id

  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }

  ssl_policy {
    policy_type = "Predefined"
    policy_name = "AppGwSslPolicy20220101"
  }

  gateway_ip_configuration {
    name      = "gateway-ip"
    subnet_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.Network/virtualNetworks/vnet-shop/subnets/appgw"
  }

  frontend_port {
    name = "https"
    port = 443
  }

  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.Network/publicIPAddresses/pip-agw-shop"
  }

  backend_address_pool {
    name = "placeholder"
  }

  backend_http_settings {
    name                  = "placeholder"
    cookie_based_affinity = "Disabled"
    port                  = 80
    protocol              = "Http"
  }

  http_listener {
    name                           = "placeholder"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "https"
    protocol                       = "Https"
    ssl_certificate_name           = "shop"
  }

  request_routing_rule {
    name                       = "placeholder"
    priority                   = 100
    rule_type                  = "Basic"
    http_listener_name         = "placeholder"
    backend_address_pool_name  = "placeholder"
    backend_http_settings_name = "placeholder"
  }

  # AGIC owns the listeners and rules after the first deployment.
  lifecycle {
    ignore_changes = [backend_address_pool, backend_http_settings, http_listener, request_routing_rule, probe, tags]
  }
}

resource "azurerm_kubernetes_cluster" "shop" {
  name                = "aks-shop"
  location            = "westeurope"
  resource_group_name = "rg-shop"
  dns_prefix          = "aks-shop"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  ingress_application_gateway {
    gateway_id = azurerm_application_gateway.shop.id
  }

  identity {
    type = "SystemAssigned"
  }
}
