// The files Terraform reads from a directory: its `.tf` files and the variable files it loads on its
// own, and the values of a `.tfvars.json` file.

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { objectOf, type Value } from '../../documents/terraform/hcl-values.js';

export const VARIABLE_FILE = /\.tfvars(\.json)?$/i;
export const AUTO_VARIABLE_FILE = /^(terraform\.tfvars(\.json)?|.+\.auto\.tfvars(\.json)?)$/i;

/** The `.tf` files of a directory, sorted; a string says why there are none to read. */
export async function tfFilesIn(dir: string): Promise<string[] | string> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && /\.tf$/i.test(e.name))
      .map((e) => join(dir, e.name))
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a directory' : `cannot be read (${code})`;
  }
}

/** terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in lexical order, as Terraform loads them. */
export async function autoVariableFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const fixed = ['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n));
  const auto = names.filter((n) => /\.auto\.tfvars(\.json)?$/.test(n)).sort();
  return [...fixed, ...auto].map((n) => join(dir, n));
}

export function parseJsonObject(text: string): Record<string, unknown> | string {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : 'a .tfvars.json file must hold one JSON object';
  } catch {
    return 'invalid JSON';
  }
}

export function jsonValue(value: unknown): Value {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return (value as unknown[]).map(jsonValue);
  if (typeof value === 'object' && value !== null) return objectOf(Object.entries(value).map(([k, v]) => [k, jsonValue(v)] as const));
  return null;
}
