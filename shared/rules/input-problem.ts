// Not a checklist rule: the finding a file gets when it cannot be read as YAML/JSON. It blocks the gate
// like an error (kubectl would refuse the file too) and keeps a broken file from passing silently.

import type { Level } from '../levels.js';

export const INPUT_PROBLEM = {
  id: 'invalid-manifest',
  title: 'Manifest files can be parsed',
  severity: 'error' as Level,
  help:
    'A file that cannot be parsed as YAML or JSON (a syntax error, a duplicate key, an alias bomb) was not checked at all. ' +
    'Kubernetes tooling would refuse it too, or silently apply something other than what the file seems to say.',
  remediation: 'Fix the YAML at the reported line (run `kubectl apply --dry-run=client -f FILE` to see the same error) and scan again.',
  references: ['https://yaml.org/spec/1.2.2/'],
} as const;
