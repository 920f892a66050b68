import { containerImages, containerLabel, displayImage } from '../../documents/container-images.js';
import { defineRule } from '../define-rule.js';

/** The one parse error image-tag reports (with advice about blank chart values), so it is not reported twice. */
const REPORTED_BY_IMAGE_TAG = 'empty-tag';

export default defineRule({
  id: 'image-reference-valid',
  checklist: 'SEC-4',
  title: 'Image references are valid',
  severity: 'error',
  // Mostly a deployment that cannot pull; the option-like case is the security-relevant one.
  securitySeverity: 5.0,
  evidence: ['workload'],
  target: 'pod',
  messages: {
    invalid: '{{container}} in {{object}} has an image reference that cannot be pulled ({{image}}): {{reason}}.',
    optionLike: '{{container}} in {{object}} has an image that starts with "-" and would be read as a command-line option by tools that pass it on.',
    notString: '{{container}} in {{object}} has an image that YAML reads as a {{type}}, not a string; quote it.',
  },
  help:
    'An image must be a reference in the registry grammar (`[registry[:port]/]path[:tag][@digest]`, lower-case path). ' +
    'Anything else fails at pull time (`InvalidImageName`), or worse, is passed on: a value that starts with `-` reads as an ' +
    'option to the tools that scan or copy images, and whitespace, control or invisible characters hide what is really pulled. ' +
    'Unrendered placeholders (`{{ .Values.image }}`, `${TAG}`, `#{Build.BuildId}#`) mean the manifest was scanned before ' +
    'templating. Kubernetes reads YAML 1.1, so an unquoted `image: 1.0` or `image: yes` is a number or a boolean.',
  remediation:
    'Write the image as `registry/repository:tag` (or `@sha256:…`) in lower case, quote it in YAML, and scan the manifests after ' +
    'Helm, Kustomize or token replacement has rendered them.',
  references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
  check(pod, report) {
    for (const image of containerImages(pod)) {
      const container = containerLabel(image.container);
      const result = image.parsed;
      if (result === undefined) {
        report({ messageId: 'notString', path: image.path, data: { container, type: Array.isArray(image.value) ? 'list' : typeof image.value === 'object' ? 'mapping' : typeof image.value } });
      } else if (!result.ok && result.error === 'option-like') {
        report({ messageId: 'optionLike', path: image.path, data: { container } });
      } else if (!result.ok && result.error !== REPORTED_BY_IMAGE_TAG) {
        // The value itself is shown only when it is plain reference characters: it may be anything.
        const shown = displayImage(image.value);
        report({ messageId: 'invalid', path: image.path, data: { container, image: shown === undefined ? 'value not shown' : `"${shown}"`, reason: result.reason } });
      }
    }
  },
});
