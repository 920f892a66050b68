output "clusters" {
  description = "The two clusters, for the pipelines that deploy the shop to them."
  value = {
    (var.primary_location)   = { id = module.aks_weu.cluster_id, name = module.aks_weu.cluster_name, oidc_issuer_url = module.aks_weu.oidc_issuer_url }
    (var.secondary_location) = { id = module.aks_neu.cluster_id, name = module.aks_neu.cluster_name, oidc_issuer_url = module.aks_neu.oidc_issuer_url }
  }
}

output "frontdoor_endpoint" {
  description = "Where the shop's DNS records (CNAME) point."
  value       = azurerm_cdn_frontdoor_endpoint.shop.host_name
}
