// Small schema checks for messages that arrive over the wire: nothing is used
// before it has been checked field by field.
import { SaltTsError } from '../errors.js';

export type Fields = Record<string, unknown>;

export class Reader {
  constructor(private readonly what: string, private readonly value: Fields) {}

  static of(what: string, value: unknown): Reader {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw bad(what, 'is not an object');
    }
    return new Reader(what, value as Fields);
  }

  string(key: string, pattern?: RegExp): string {
    const v = this.value[key];
    if (typeof v !== 'string') throw bad(this.what, `field '${key}' must be a string`);
    if (pattern && !pattern.test(v)) throw bad(this.what, `field '${key}' is malformed`);
    return v;
  }

  optionalString(key: string): string | undefined {
    return this.value[key] === undefined ? undefined : this.string(key);
  }

  integer(key: string): number {
    const v = this.value[key];
    if (typeof v !== 'number' || !Number.isInteger(v)) throw bad(this.what, `field '${key}' must be an integer`);
    return v;
  }

  number(key: string): number {
    const v = this.value[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(this.what, `field '${key}' must be a number`);
    return v;
  }

  boolean(key: string): boolean {
    const v = this.value[key];
    if (typeof v !== 'boolean') throw bad(this.what, `field '${key}' must be a boolean`);
    return v;
  }

  list(key: string): unknown[] {
    const v = this.value[key];
    if (!Array.isArray(v)) throw bad(this.what, `field '${key}' must be a list`);
    return v;
  }

  stringList(key: string): string[] {
    const v = this.list(key);
    if (!v.every((x) => typeof x === 'string')) throw bad(this.what, `field '${key}' must be a list of strings`);
    return v as string[];
  }

  object(key: string): Fields {
    const v = this.value[key];
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw bad(this.what, `field '${key}' must be an object`);
    return v as Fields;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T {
    const v = this.string(key);
    if (!(values as readonly string[]).includes(v)) throw bad(this.what, `field '${key}' must be one of ${values.join(', ')}`);
    return v as T;
  }

  any(key: string): unknown {
    return this.value[key];
  }

  /** Rejects the message for a problem the typed readers cannot see. */
  fail(problem: string): never {
    throw bad(this.what, problem);
  }
}

function bad(what: string, problem: string): SaltTsError {
  return new SaltTsError('SALTTS_BAD_MESSAGE', `${what}: ${problem}`);
}
