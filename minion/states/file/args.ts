// Reading file-state arguments the way Salt reads them: owners, modes written as 644,
// '0644' or '0o644', texts given as a string or a list.
import { pyStr } from '../../../shared/output/py-str.js';

/** A string argument, or null when it is not given. */
export function optionalString(value: unknown): string | null {
  return value == null ? null : pyStr(value);
}

/** An owner argument: a name, a numeric id, or null when not given. */
export function ownerArg(value: unknown): string | number | null {
  if (value == null || value === '') return null;
  return typeof value === 'number' ? value : pyStr(value);
}

/**
 * Salt's normalize_mode with a check: the mode as four octal digits ('0644'), or null
 * when not given. Salt's YAML loads an unquoted 0644 as the integer 644, so an integer's
 * decimal digits are read as octal digits, as Salt does.
 */
export function modeArg(value: unknown, argName: string, statePath: string): string | null {
  if (value == null || value === '') return null;
  const text = pyStr(value).trim().replace(/^["']|["']$/g, '').replace(/^0o/i, '0');
  const digits = text.replace(/^0+/, '').padStart(4, '0');
  if (!/^[0-7]{4}$/.test(digits)) {
    throw new Error(`Invalid ${argName} ${JSON.stringify(pyStr(value))} for ${statePath}: expected octal digits such as 644 or '0644'`);
  }
  return digits;
}

/** Salt's _validate_str_list: a string as one item, a list with each item as a string. */
export function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(pyStr);
  return [pyStr(value)];
}

/** Python's str.splitlines(): lines without their endings, no empty item after a final break. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
