// A workspace whose files try to run pipeline commands through aks-gate's log: in object names and
// annotations, in a document that does not parse, and in file names.

import { expect } from 'vitest';

const VSO = '##vso[task.setvariable variable=x]evil';
const GITHUB = '::set-env name=X::y';

const PUBLIC_SERVICE = (name: string): string => `apiVersion: v1
kind: Service
metadata:
  name: "${name}"
  namespace: "::set-output name=x::y"
  annotations:
    note: "${GITHUB}"
spec:
  type: LoadBalancer
  ports:
    - port: 80
`;

export const EVIL_FILES: Readonly<Record<string, string>> = {
  'evil.yaml': `${PUBLIC_SERVICE(VSO)}---\n${PUBLIC_SERVICE(GITHUB)}`,
  'broken.yaml': `kind: [${VSO}\n${GITHUB}\n`,
  [`${VSO}.yaml`]: PUBLIC_SERVICE('plain'),
  [`${GITHUB}.yaml`]: PUBLIC_SERVICE('plain'),
};

/** Neither runner would act on anything the files carry. */
export function expectNoInjectedCommand(log: string): void {
  expect(log).not.toContain('##vso[task.setvariable variable=x');
  expect(log).not.toContain(GITHUB);
  expect(log).not.toMatch(/^\s*::(set-env|set-output|add-path|stop-commands::(?!\S{36}$))/m);
}
