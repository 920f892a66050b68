import { containerImages, containerLabel, displayImage } from '../../documents/container-images.js';
import { defineRule } from '../define-rule.js';

/** Tags are case-sensitive, but nobody means anything else by `Latest` or `LATEST`. */
const LATEST = 'latest';

export default defineRule({
  id: 'image-tag',
  checklist: 'SEC-4',
  title: 'Images name a version tag, not latest',
  severity: 'error',
  // Blocks by default (what runs is unknowable), but a moving tag is a supply-chain weakness, not an open door.
  securitySeverity: 5.0,
  evidence: ['workload'],
  target: 'pod',
  messages: {
    noTag: '{{container}} in {{object}} uses image "{{image}}" without a tag, so it runs whatever "latest" points to when a node pulls it.',
    latest: '{{container}} in {{object}} uses image "{{image}}" with the "latest" tag, which moves with every push.',
    emptyTag: '{{container}} in {{object}} has an image with an empty tag after ":" (a blank Helm or pipeline value?); the node cannot pull it.',
  },
  help:
    'An image without a tag means `:latest`, and `latest` (like any tag that is pushed again) names a different image from one ' +
    'day to the next: two nodes can run different code for the same Deployment, a rollback does not roll back, and a scan of ' +
    'the image says nothing about what will run tomorrow. An image pinned by digest (`@sha256:…`) is fixed whatever its tag says, ' +
    'so it passes. A reference that ends in ":" is what a chart renders when its tag value is left empty; it is invalid and is ' +
    'reported here rather than by image-reference-valid.',
  remediation:
    'Deploy a version tag that is never pushed twice (a release number or the commit SHA, e.g. `myacr.azurecr.io/shop/api:1.4.2`), ' +
    'or better, pin the digest (`…/api:1.4.2@sha256:…`); make the pipeline fill in the tag so that it cannot be left empty.',
  references: [
    'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    'https://learn.microsoft.com/azure/container-registry/container-registry-image-tag-version',
  ],
  check(pod, report) {
    for (const image of containerImages(pod)) {
      const result = image.parsed;
      if (result === undefined) continue;
      const container = containerLabel(image.container);
      if (!result.ok) {
        if (result.error === 'empty-tag') report({ messageId: 'emptyTag', path: image.path, data: { container } });
        continue;
      }
      // A digest pins the image whatever the tag says: the runtime pulls by digest and ignores the tag.
      if (result.reference.digest !== undefined) continue;
      const data = { container, image: displayImage(image.value) ?? result.reference.normalized };
      if (result.reference.tag === undefined) report({ messageId: 'noTag', path: image.path, data });
      else if (result.reference.tag.toLowerCase() === LATEST) report({ messageId: 'latest', path: image.path, data });
    }
  },
});
