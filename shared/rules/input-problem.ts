// Not a checklist rule: the finding an input gets when it cannot be parsed (a manifest, an ARM template,
// a Terraform file). It blocks the gate like an error (kubectl, ARM or Terraform would refuse the file
// too) and keeps a broken file from passing silently.

import type { Level } from '../levels.js';

export const INPUT_PROBLEM = {
  id: 'invalid-input',
  title: 'Inputs can be parsed',
  severity: 'error' as Level,
  help:
    'A file that cannot be parsed (a YAML or JSON syntax error, a duplicate key, an alias bomb, invalid HCL) was not checked at all. ' +
    'kubectl, ARM or Terraform would refuse it too, or apply something other than what the file seems to say.',
  remediation:
    'Fix the file at the reported line and scan again: `kubectl apply --dry-run=client -f FILE` shows the same YAML error, ' +
    '`terraform validate` an HCL error, and `az deployment group validate` a template error.',
  references: ['https://yaml.org/spec/1.2.2/'],
} as const;
