// Terraform's format(): the verbs configurations use (%s %d %v %t %f %q %%, with width, `-`, `0` and
// precision). Rarer verbs make the result unknown instead of being guessed.

import { EvalError, UnknownValue, asBool, asNumber, asString, formatNumber, isList, isObjectValue, isUnsettled, type Outcome, type Value } from './hcl-values.js';

const VERB = /%(?:(%)|([-0]*)([0-9]{1,4})?(?:\.([0-9]{1,3}))?([a-zA-Z])?)/g;

export function formatString(spec: string, args: readonly Value[]): Outcome {
  let used = 0;
  let failure: UnknownValue | EvalError | undefined;
  const out = spec.replace(VERB, (_whole, percent: string | undefined, flags: string, width: string | undefined, precision: string | undefined, verb: string | undefined) => {
    if (failure) return '';
    if (percent) return '%';
    if (verb === undefined) {
      failure = new EvalError('format() string ends in the middle of a verb');
      return '';
    }
    const arg = args[used];
    used += 1;
    if (arg === undefined) {
      failure = new EvalError('format() has fewer arguments than verbs');
      return '';
    }
    const text = formatOne(verb, arg, precision === undefined ? undefined : Number(precision));
    if (typeof text !== 'string') {
      failure = text;
      return '';
    }
    return pad(text, width === undefined ? 0 : Number(width), flags.includes('-'), flags.includes('0') && verb !== 's');
  });
  if (failure) return failure;
  if (used < args.length) return new EvalError('format() has more arguments than verbs');
  return out;
}

function formatOne(verb: string, arg: Value, precision: number | undefined): string | UnknownValue | EvalError {
  switch (verb) {
    case 's':
      return asString(arg, 'a %s argument');
    case 'q': {
      const s = asString(arg, 'a %q argument');
      return isUnsettled(s) ? s : JSON.stringify(s);
    }
    case 't': {
      const b = asBool(arg, 'a %t argument');
      return isUnsettled(b) ? b : String(b);
    }
    case 'd': {
      const n = asNumber(arg, 'a %d argument');
      if (isUnsettled(n)) return n;
      return Number.isInteger(n) ? formatNumber(n) : new EvalError('a %d argument must be a whole number');
    }
    case 'f': {
      const n = asNumber(arg, 'a %f argument');
      return isUnsettled(n) ? n : n.toFixed(precision ?? 6);
    }
    case 'v':
      if (arg === null) return 'null';
      if (isList(arg) || isObjectValue(arg)) return JSON.stringify(arg);
      return asString(arg, 'a %v argument');
    default:
      return new UnknownValue(`format verb %${verb} is not evaluated`);
  }
}

function pad(text: string, width: number, left: boolean, zeros: boolean): string {
  const missing = width - Array.from(text).length;
  if (missing <= 0) return text;
  if (left) return text + ' '.repeat(missing);
  if (zeros && /^-/.test(text)) return `-${'0'.repeat(missing)}${text.slice(1)}`;
  return (zeros ? '0' : ' ').repeat(missing) + text;
}
