import { containerImages, containerLabel, displayImage } from '../../documents/container-images.js';
import { registryAllowed } from '../../documents/image-ref.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'image-registry-allowed',
  checklist: 'SEC-4',
  title: 'Images come from the allowed registries',
  severity: 'error',
  evidence: ['workload'],
  target: 'pod',
  messages: {
    notAllowed: '{{container}} in {{object}} pulls image "{{image}}" from {{registry}}, which is not an allowed registry ({{allowed}}).',
  },
  help:
    'When the configuration lists allowed registries (`allowed-registries`, e.g. `*.azurecr.io, mcr.microsoft.com`), every image ' +
    'must come from one of them: images from a registry you control are scanned, signed and kept available, while public ' +
    'registries can change, rate-limit or disappear. Patterns are matched against the registry host of the normalized ' +
    'reference: an image that names no registry comes from `docker.io`. A `*` stands for one or more whole DNS labels, so ' +
    '`*.azurecr.io` allows `myacr.azurecr.io` but not `azurecr.io` or `evil-azurecr.io`; a port must match exactly. ' +
    'Without a list, the rule allows every registry.',
  remediation:
    'Import the image into an allowed registry (`az acr import --name myacr --source docker.io/library/nginx:1.27`) and ' +
    'reference it there, or add its registry to `allowed-registries` if your organization approves it.',
  references: [
    'https://learn.microsoft.com/azure/container-registry/container-registry-import-images',
    'https://learn.microsoft.com/azure/aks/cluster-container-registry-integration',
    'https://learn.microsoft.com/azure/aks/operator-best-practices-container-image-management',
  ],
  check(pod, report, settings) {
    if (settings.allowedRegistries.length === 0) return;
    for (const image of containerImages(pod)) {
      if (image.parsed?.ok !== true) continue;
      const { reference } = image.parsed;
      if (registryAllowed(reference, settings.allowedRegistries)) continue;
      report({
        messageId: 'notAllowed',
        path: image.path,
        data: {
          container: containerLabel(image.container),
          image: displayImage(image.value) ?? reference.normalized,
          registry: reference.implicitRegistry ? `${reference.registry} (Docker Hub, implied when an image names no registry)` : reference.registry,
          allowed: settings.allowedRegistries.join(', '),
        },
      });
    }
  },
});
