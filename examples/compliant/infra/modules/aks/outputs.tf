output "cluster_id" {
  value = azurerm_kubernetes_cluster.this.id
}

output "cluster_name" {
  value = azurerm_kubernetes_cluster.this.name
}

output "oidc_issuer_url" {
  description = "For the federated credentials of the shop's workload identities."
  value       = azurerm_kubernetes_cluster.this.oidc_issuer_url
}

output "gateway_fqdn" {
  description = "The Application Gateway's public name: Front Door's origin for this region."
  value       = azurerm_public_ip.gateway.fqdn
}
