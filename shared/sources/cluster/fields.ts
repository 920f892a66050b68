// Typed views of raw fields: a definition may write a boolean as "true", a number as "3", or something
// else entirely; anything that is not what the model expects becomes unknown with the reason, never a
// silently wrong value.

import type { Field, Resolved } from '../../documents/cluster/model.js';

function retype<T>(field: Field<unknown> | undefined, convert: (value: unknown) => Resolved<T>): Field<T> | undefined {
  if (field === undefined) return undefined;
  const value: Resolved<T> = field.value.known ? convert(field.value.value) : field.value;
  return { ...field, value };
}

const wrong = (what: string, value: unknown): Resolved<never> => ({ known: false, reason: `expected ${what}, found ${describeValue(value)}` });

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

export function asBoolean(field: Field<unknown> | undefined): Field<boolean> | undefined {
  return retype<boolean>(field, (v) => {
    if (typeof v === 'boolean') return { known: true, value: v };
    if (v === 'true' || v === 'True') return { known: true, value: true };
    if (v === 'false' || v === 'False') return { known: true, value: false };
    return wrong('true or false', v);
  });
}

export function asString(field: Field<unknown> | undefined): Field<string> | undefined {
  return retype<string>(field, (v) => (typeof v === 'string' ? { known: true, value: v } : typeof v === 'number' ? { known: true, value: String(v) } : wrong('a string', v)));
}

export function asNumber(field: Field<unknown> | undefined): Field<number> | undefined {
  return retype<number>(field, (v) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN;
    return Number.isFinite(n) ? { known: true, value: n } : wrong('a number', v);
  });
}

export function asStringList(field: Field<unknown> | undefined): Field<readonly string[]> | undefined {
  return retype<readonly string[]>(field, (v) => {
    if (v === null) return { known: true, value: [] };
    if (!Array.isArray(v)) return wrong('a list of strings', v);
    const list: string[] = [];
    for (const item of v as unknown[]) {
      if (typeof item === 'string' || typeof item === 'number') list.push(String(item));
      else return wrong('a list of strings', v);
    }
    return { known: true, value: list };
  });
}

/** A boolean that is true because a block is present (`oms_agent { … }`), placed on the block. */
export function presence(at: Field<unknown>['at'] | undefined, present: boolean): Field<boolean> | undefined {
  return at === undefined ? undefined : { value: { known: true, value: present }, at };
}

/** The first field that is written, for arguments renamed between provider versions (v4 name first). */
export function firstOf<T>(...fields: (Field<T> | undefined)[]): Field<T> | undefined {
  return fields.find((f) => f !== undefined);
}
