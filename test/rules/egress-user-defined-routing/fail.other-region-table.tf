# Two regions: westeurope's table sends the default route to its firewall, northeurope's to the internet.
# Only the northeurope cluster uses the broken table; the good table elsewhere must not hide it.

resource "azurerm_subnet" "west" {
  name                 = "aks"
  resource_group_name  = "rg-shop-west"
  virtual_network_name = "vnet-shop-west"
  address_prefixes     = ["10.1.0.0/22"]
}

resource "azurerm_subnet" "north" {
  name                 = "aks"
  resource_group_name  = "rg-shop-north"
  virtual_network_name = "vnet-shop-north"
  address_prefixes     = ["10.2.0.0/22"]
}

resource "azurerm_route_table" "west" {
  name                = "rt-shop-west"
  location            = "westeurope"
  resource_group_name = "rg-shop-west"

  route {
    name                   = "default-to-firewall"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = "10.1.8.4"
  }
}

resource "azurerm_route_table" "north" {
  name                = "rt-shop-north"
  location            = "northeurope"
  resource_group_name = "rg-shop-north"

  route {
    name           = "default-to-internet"
    address_prefix = "0.0.0.0/0"
    next_hop_type  = "Internet"
  }
}

resource "azurerm_subnet_route_table_association" "west" {
  subnet_id      = azurerm_subnet.west.id
  route_table_id = azurerm_route_table.west.id
}

resource "azurerm_subnet_route_table_association" "north" {
  subnet_id      = azurerm_subnet.north.id
  route_table_id = azurerm_route_table.north.id
}

resource "azurerm_kubernetes_cluster" "west" {
  name                = "aks-shop-west"
  location            = "westeurope"
  resource_group_name = "rg-shop-west"
  dns_prefix          = "aks-shop-west"

  default_node_pool {
    name           = "system"
    node_count     = 3
    vm_size        = "Standard_D4s_v5"
    vnet_subnet_id = azurerm_subnet.west.id
  }

  network_profile {
    network_plugin = "azure"
    outbound_type  = "userDefinedRouting"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "north" {
  name                = "aks-shop-north"
  location            = "northeurope"
  resource_group_name = "rg-shop-north"
  dns_prefix          = "aks-shop-north"

  default_node_pool {
    name           = "system"
    node_count     = 3
    vm_size        = "Standard_D4s_v5"
    vnet_subnet_id = azurerm_subnet.north.id
  }

  network_profile {
    network_plugin = "azure"
    outbound_type  = "userDefinedRouting"
  }

  identity {
    type = "SystemAssigned"
  }
}
