// YAML as Salt loads it: PyYAML's YAML 1.1 resolvers plus Salt's SaltYamlSafeLoader tweaks
// (leading-zero integers read as decimal, timestamps kept as strings).
import { isAlias, isCollection, isMap, isScalar, LineCounter, parseDocument, stringify, visit, type Document, type ScalarTag, type Tags, type YAMLError } from 'yaml';

/** A mapping key the renderer read as something other than a string (an unquoted
 * `true:`, `1.5:` or `~:`), which Salt refuses as a state ID. */
export interface NonStringId {
  /** The key as it appears in `data` ('true', '1.5'). */
  key: string;
  /** Python's name for its type: 'bool', 'int', 'float' or 'NoneType'. */
  type: string;
}

export class YamlSyntaxError extends Error {
  readonly source: string;
  readonly line: number;
  readonly column: number;

  constructor(source: string, line: number, column: number, reason: string) {
    super(`${source}, line ${line}, column ${column}: ${reason}`);
    this.name = 'YamlSyntaxError';
    this.source = source;
    this.line = line;
    this.column = column;
  }
}

// The regular expressions are PyYAML's implicit resolvers (yaml/resolver.py).
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT =
  /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const TIMESTAMP =
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;

function parseDigits(digits: string, radix: number): number {
  const value = digits === '' ? NaN : parseInt(digits, radix);
  if (Number.isNaN(value)) throw new Error(`invalid integer digits '${digits}'`);
  return value;
}

/** 1:30 is 90, as in YAML 1.1. */
function parseSexagesimal(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

function splitSign(text: string): { sign: number; body: string } {
  const sign = text.startsWith('-') ? -1 : 1;
  return { sign, body: text.replace(/^[-+]/, '').replace(/_/g, '') };
}

function resolveInt(text: string): number {
  // Salt strips the leading zeros of an unsigned integer, so 0755 is 755, not octal;
  // a signed one such as -0755 still reaches PyYAML's octal rule.
  if (/^0[0-9_]/.test(text)) return parseDigits(text.replace(/^[0_]+/, '').replace(/_/g, '') || '0', 10);
  const { sign, body } = splitSign(text);
  let magnitude: number;
  if (body.startsWith('0b')) magnitude = parseDigits(body.slice(2), 2);
  else if (body.startsWith('0x')) magnitude = parseDigits(body.slice(2), 16);
  else if (body.includes(':')) magnitude = parseSexagesimal(body);
  else if (body.startsWith('0')) magnitude = parseDigits(body, 8);
  else magnitude = parseDigits(body, 10);
  return magnitude === 0 ? 0 : sign * magnitude;
}

function resolveFloat(text: string): number {
  const { sign, body } = splitSign(text.toLowerCase());
  if (body === '.inf') return sign * Infinity;
  if (body === '.nan') return NaN;
  return sign * (body.includes(':') ? parseSexagesimal(body) : parseFloat(body));
}

function stringifyFloat(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (!Number.isFinite(value)) return value < 0 ? '-.inf' : '.inf';
  const text = String(value);
  // PyYAML only reads a float back if it has a dot: 1e+21 must be written 1.0e+21.
  return text.includes('e') && !text.includes('.') ? text.replace('e', '.0e') : text;
}

const boolTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  test: BOOL,
  identify: (value) => typeof value === 'boolean',
  resolve: (text) => TRUE.test(text),
  stringify: ({ value }) => (value ? 'true' : 'false'),
};

const intTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  test: INT,
  identify: (value) => Number.isInteger(value),
  resolve: resolveInt,
  // String(1e21) would give exponent notation, which reads back as a string.
  stringify: ({ value }) => BigInt(value as number).toString(),
};

const floatTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  test: FLOAT,
  identify: (value) => typeof value === 'number',
  resolve: resolveFloat,
  stringify: ({ value }) => stringifyFloat(value as number),
};

const timestampAsStringTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:timestamp',
  default: true,
  test: TIMESTAMP,
  resolve: (text) => text,
};

const replacedTags = new Set([boolTag.tag, intTag.tag, floatTag.tag, timestampAsStringTag.tag]);

/** The yaml package's YAML 1.1 schema with its scalar resolvers swapped for PyYAML's. */
function saltTags(tags: Tags): Tags {
  const kept = tags.filter((tag) => typeof tag === 'string' || !replacedTags.has(tag.tag));
  // int before float: when dumping, an integer must pick the int tag.
  return [boolTag, intTag, floatTag, timestampAsStringTag, ...kept];
}

const schemaOptions = { version: '1.1', customTags: saltTags, resolveKnownTags: false } as const;

// These warnings are errors for PyYAML's safe loader (it has no constructor for the tag).
const fatalWarnings = new Set(['TAG_RESOLVE_FAILED', 'BAD_COLLECTION_TYPE']);

export function parseYaml(text: string, source: string): unknown {
  return parseYamlReportingKeys(text, source).data;
}

/** The loaded data, and the top-level keys YAML resolved to something other than a string
 * (an unquoted `true:`, `1.5:`, `~:`), which Salt refuses as state IDs. */
export function parseYamlReportingKeys(text: string, source: string): { data: unknown; nonStringKeys: NonStringId[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    ...schemaOptions,
    uniqueKeys: true, // Salt's loader refuses a duplicate key ("found conflicting ID")
    prettyErrors: false,
    lineCounter,
  });
  const fail = (offset: number, reason: string): never => {
    const { line, col } = lineCounter.linePos(offset);
    throw new YamlSyntaxError(source, line, col, reason);
  };
  const problem: YAMLError | undefined =
    doc.errors[0] ?? doc.warnings.find((warning) => fatalWarnings.has(warning.code));
  if (problem) fail(problem.pos[0], problemReason(problem, text));
  const unhashable = findCollectionKey(doc, text);
  if (unhashable) fail(unhashable.offset, `found unacceptable key ${unhashable.text} (a mapping or list cannot be a mapping key)`);
  return { data: doc.toJS(), nonStringKeys: nonStringTopKeys(doc) };
}

function problemReason(problem: YAMLError, text: string): string {
  if (problem.code === 'MULTIPLE_DOCS') return 'expected a single document';
  if (problem.code === 'DUPLICATE_KEY') {
    const key = /^\s*(.*?)\s*:/.exec(text.slice(problem.pos[0]))?.[1] ?? '';
    return `found conflicting ID '${key.replace(/^(['"])(.*)\1$/, '$2')}'`;
  }
  return problem.message;
}

/** The first mapping key that is a mapping or a list (directly or through an alias): Python
 * cannot hash one, so Salt's loader refuses it, where the yaml package would stringify it. */
function findCollectionKey(doc: Document, text: string): { offset: number; text: string } | undefined {
  let found: { offset: number; text: string } | undefined;
  visit(doc, {
    Pair(_, pair) {
      const key = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
      if (!isCollection(key)) return undefined;
      const [start, end] = (pair.key as { range: [number, number, number] }).range;
      found = { offset: start, text: text.slice(start, end).trim() };
      return visit.BREAK;
    },
  });
  return found;
}

/** Top-level keys that loaded as bool, int, float or None, named as the loaded data names them. */
function nonStringTopKeys(doc: Document): NonStringId[] {
  if (!isMap(doc.contents)) return [];
  const found = doc.contents.items.flatMap(({ key }): NonStringId[] => {
    if (!isScalar(key)) return [];
    const { value } = key;
    // yaml names a null key '' in the loaded object.
    if (value === null) return [{ key: '', type: 'NoneType' }];
    if (typeof value === 'boolean') return [{ key: String(value), type: 'bool' }];
    if (typeof value !== 'number') return []; // strings, and the `<<` merge key (a symbol)
    const tagged = key.tag ?? (INT.test(String(key.source)) ? intTag.tag : floatTag.tag);
    return [{ key: String(value), type: tagged === intTag.tag ? 'int' : 'float' }];
  });
  // `yes:` and `true:` are one key of the data: report it once, as the later one.
  return [...new Map(found.map((id) => [id.key, id])).values()];
}

/** Block-style YAML as PyYAML's safe_dump(default_flow_style=False) writes it. */
export function dumpYaml(value: unknown): string {
  return stringify(value, {
    ...schemaOptions,
    indentSeq: false,
    singleQuote: true,
    blockQuote: false,
    lineWidth: 0,
  });
}
