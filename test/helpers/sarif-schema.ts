// Validates a SARIF log against the official OASIS SARIF 2.1.0 schema (draft-04). Every SARIF a test
// produces goes through here. The schema lives beside the clone (../shared/fixtures/sarif/ from the
// project root), where CI puts it too.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import { expect } from 'vitest';

const SCHEMA_PATH = fileURLToPath(new URL('../../../shared/fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url));

/** RFC 3986 characters, with `%` only as a percent-encoding; `[` `]` only belong to IPv6 hosts, which a file never has. */
const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
/** RFC 3339 date-time, as SARIF's timestamps must be. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  if (validator) return validator;
  // The schema's formats are checked for real (ajv-formats is not a dependency): a path with a space
  // must fail "uri-reference", which is what GitHub would choke on.
  // Not strict: ajv's strict mode lints the schema's authoring (the official schema has `required` in
  // an `anyOf` branch without `properties`), which says nothing about the log being validated.
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri-reference', URI_REFERENCE);
  ajv.addFormat('uri', (value: string) => SCHEME.test(value) && URI_REFERENCE.test(value));
  ajv.addFormat('date-time', (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));
  const schema: unknown = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
  if (typeof schema !== 'object' || schema === null) throw new Error(`${SCHEMA_PATH} is not a JSON schema`);
  validator = ajv.compile(schema);
  return validator;
}

/** The errors of a SARIF log as it would be written to disk (JSON round trip), or [] when valid. */
export function sarifErrors(log: unknown): string[] {
  const check = validate();
  const onDisk: unknown = JSON.parse(JSON.stringify(log));
  if (check(onDisk)) return [];
  return (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

export function expectValidSarif(log: unknown): void {
  expect(sarifErrors(log)).toEqual([]);
}
