import { containerImages, containerLabel, displayImage } from '../../documents/container-images.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'image-digest',
  checklist: 'SEC-4',
  title: 'Images are pinned by digest',
  severity: 'note',
  evidence: ['workload'],
  target: 'pod',
  messages: {
    notPinned: '{{container}} in {{object}} uses image "{{image}}" by tag only, not pinned by digest.',
  },
  help:
    'A tag is a movable name: whoever can push to the repository can make the same tag point at different content, and public ' +
    'images are re-pushed with patches under the same version tag. A digest (`@sha256:…`) names exactly one image, so what was ' +
    'scanned and approved is what runs. This is advice (a note): a unique version tag in a registry that locks tags is a fair ' +
    'alternative.',
  remediation:
    'Append the digest of the image you tested to the reference (`myacr.azurecr.io/shop/api:1.4.2@sha256:…`; ' +
    '`az acr repository show --image api:1.4.2` or `docker buildx imagetools inspect` prints it), or lock the tag in the registry ' +
    '(`az acr repository update --name myacr --image shop/api:1.4.2 --write-enabled false`).',
  references: [
    'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    'https://learn.microsoft.com/azure/container-registry/container-registry-image-lock',
  ],
  check(pod, report) {
    for (const image of containerImages(pod)) {
      // Unparseable references are image-reference-valid's (and image-tag's) to report.
      if (image.parsed?.ok !== true || image.parsed.reference.digest !== undefined) continue;
      report({
        messageId: 'notPinned',
        path: image.path,
        data: { container: containerLabel(image.container), image: displayImage(image.value) ?? image.parsed.reference.normalized },
      });
    }
  },
});
