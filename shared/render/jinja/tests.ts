// Jinja's tests (`x is defined`, `x is none`, `x is mapping`, ...). Type tests are false
// for an Undefined value rather than errors, as with Jinja's StrictUndefined.
import { TemplateFailure, defined } from './failure.js';
import { compare, contains } from './operators.js';
import { PyFloat, Undefined, isCallable, isDict, isFloat, hasOwn } from './values.js';
import { SafeString } from './nunjucks.js';

export type Test = (value: unknown, ...args: unknown[]) => boolean;

const isStr = (v: unknown): boolean => typeof v === 'string' || v instanceof SafeString;
const isNum = (v: unknown): boolean => typeof v === 'number' || v instanceof PyFloat || typeof v === 'boolean';

const tests: Record<string, Test> = Object.assign(Object.create(null) as Record<string, Test>, {
  defined: (v: unknown) => !(v instanceof Undefined),
  undefined: (v: unknown) => v instanceof Undefined,
  none: (v: unknown) => v === null,
  boolean: (v: unknown) => typeof v === 'boolean',
  true: (v: unknown) => v === true,
  false: (v: unknown) => v === false,
  string: isStr,
  number: isNum,
  integer: (v: unknown) => typeof v === 'number' && Number.isInteger(v),
  float: (v: unknown) => isFloat(v),
  mapping: (v: unknown) => isDict(v),
  sequence: (v: unknown) => Array.isArray(v) || isStr(v) || isDict(v),
  iterable: (v: unknown) => Array.isArray(v) || isStr(v) || isDict(v),
  callable: (v: unknown) => isCallable(v),
  lower: (v: unknown) => isStr(v) && String(v) === String(v).toLowerCase(),
  upper: (v: unknown) => isStr(v) && String(v) === String(v).toUpperCase(),
  odd: (v: unknown) => Math.abs(Number(defined(v))) % 2 === 1,
  even: (v: unknown) => Number(defined(v)) % 2 === 0,
  divisibleby: (v: unknown, n: unknown) => Number(defined(v)) % Number(defined(n)) === 0,
  eq: (v: unknown, other: unknown) => compare('==', v, other),
  ne: (v: unknown, other: unknown) => compare('!=', v, other),
  lt: (v: unknown, other: unknown) => compare('<', v, other),
  le: (v: unknown, other: unknown) => compare('<=', v, other),
  gt: (v: unknown, other: unknown) => compare('>', v, other),
  ge: (v: unknown, other: unknown) => compare('>=', v, other),
  in: (v: unknown, container: unknown) => contains(container, v),
  sameas: (v: unknown, other: unknown) => v === other,
  escaped: () => false,
  // Salt's tests: re.match from the start of the value, and re.search anywhere in it.
  match: (v: unknown, pattern: unknown, ignorecase?: unknown) => isStr(v) && new RegExp(`^(?:${String(pattern)})`, ignorecase ? 'i' : '').test(String(v)),
  search: (v: unknown, pattern: unknown, ignorecase?: unknown) => isStr(v) && new RegExp(String(pattern), ignorecase ? 'i' : '').test(String(v)),
});
for (const [alias, name] of [['==', 'eq'], ['equalto', 'eq'], ['!=', 'ne'], ['<', 'lt'], ['lessthan', 'lt'], ['<=', 'le'], ['>', 'gt'], ['greaterthan', 'gt'], ['>=', 'ge']]) {
  tests[alias] = tests[name];
}

export function getTest(name: string): Test {
  if (!hasOwn(tests, name)) throw new TemplateFailure(`TemplateAssertionError: No test named '${name}'.`);
  return tests[name];
}
