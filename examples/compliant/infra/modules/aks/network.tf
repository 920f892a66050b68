resource "azurerm_resource_group" "this" {
  name     = "rg-${var.name}"
  location = var.location
  tags     = var.tags
}

locals {
  subnet_prefixes = {
    nodes    = cidrsubnet(var.address_space, 6, 0)   # x.x.0.0/22: nodes only; pods get overlay addresses
    gateway  = cidrsubnet(var.address_space, 8, 4)   # x.x.4.0/24: Application Gateway v2
    firewall = cidrsubnet(var.address_space, 10, 20) # x.x.5.0/26: Azure Firewall
  }
}

resource "azurerm_virtual_network" "this" {
  name                = "vnet-${var.name}"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  address_space       = [var.address_space]
  tags                = var.tags
}

resource "azurerm_subnet" "nodes" {
  name                 = "snet-aks-nodes"
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [local.subnet_prefixes.nodes]
}

resource "azurerm_subnet" "gateway" {
  name                 = "snet-appgw"
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [local.subnet_prefixes.gateway]
}

resource "azurerm_subnet" "firewall" {
  name                 = "AzureFirewallSubnet"
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [local.subnet_prefixes.firewall]
}

# Egress (SEC-3): every packet the nodes send to the internet goes through the firewall, which
# allows only what AKS and the add-ons need (firewall.tf). The cluster uses outbound type
# userDefinedRouting, so AKS creates no public outbound IP of its own.
resource "azurerm_route_table" "nodes" {
  name                          = "rt-${var.name}-aks-nodes"
  location                      = azurerm_resource_group.this.location
  resource_group_name           = azurerm_resource_group.this.name
  bgp_route_propagation_enabled = false
  tags                          = var.tags

  route {
    name                   = "default-via-firewall"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = azurerm_firewall.egress.ip_configuration[0].private_ip_address
  }
}

resource "azurerm_subnet_route_table_association" "nodes" {
  subnet_id      = azurerm_subnet.nodes.id
  route_table_id = azurerm_route_table.nodes.id
}
