# Production values of the shop's two clusters. Nothing here is secret.
subscription_id = "0b6f2d4a-7c1e-4f3b-9a8d-2e5c6f7a8b9c"
tenant_id       = "6f1c3a52-8d4e-4b7a-9e21-3c5d7f9a1b2e"

# Kubernetes 1.36: in AKS support until June 2027. Raise it with every AKS minor release
# (aks-gate warns 30 days before the end of support, SEC-5).
kubernetes_version = "1.36"

aks_admin_group_object_ids = ["c2d4e6f8-1a3b-4c5d-8e7f-9a0b1c2d3e4f"]
container_registry_id      = "/subscriptions/0b6f2d4a-7c1e-4f3b-9a8d-2e5c6f7a8b9c/resourceGroups/rg-platform-acr/providers/Microsoft.ContainerRegistry/registries/shopacr"
oncall_email               = "platform-oncall@contoso.com"
