// The filters Salt adds to Jinja: serializers (json, yaml, yaml_encode...), loaders
// (load_yaml, load_json), and the list, regex, hash and encoding helpers of SLS files.
import { createHash } from 'node:crypto';
import { parseYaml, YamlSyntaxError } from '../../yaml.js';
import { TemplateFailure, typeError } from './failure.js';
import type { FilterTable } from './filter-kit.js';
import { jsonDumps } from './json.js';
import { eq, iterate, truthy } from './operators.js';
import { repr, str } from './print.js';
import { PyFloat, isDict, makeNumber, tuple } from './values.js';
import { doubleQuoted, dumpYamlLikePyYaml, singleQuoted } from './yaml-emit.js';
import { traverse } from '../../traverse.js';

/** load_yaml: Salt's YAML loader; the error names the line inside the loaded text. */
export function loadYaml(text: unknown, what = 'load_yaml'): unknown {
  try {
    return parseYaml(str(text), what);
  } catch (err) {
    if (err instanceof YamlSyntaxError) throw new TemplateFailure(`${what}: YAML error at line ${err.line}: ${err.message}`);
    throw err;
  }
}

export function loadJson(text: unknown, what = 'load_json'): unknown {
  try {
    return JSON.parse(str(text));
  } catch (err) {
    throw new TemplateFailure(`${what}: ${(err as Error).message}`);
  }
}

function regex(pattern: unknown, ignorecase: unknown, multiline: unknown): RegExp {
  // Python's (?P<name>...) groups are JavaScript's (?<name>...).
  const source = str(pattern).replace(/\(\?P</g, '(?<');
  return new RegExp(source, `${truthy(ignorecase ?? false) ? 'i' : ''}${truthy(multiline ?? false) ? 'm' : ''}`);
}

function groups(match: RegExpExecArray | null): unknown {
  return match ? tuple(match.slice(1).map((group) => group ?? null)) : null;
}

function unique(items: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of items) if (!out.some((other) => eq(other, item))) out.push(item);
  return out;
}

function flatten(items: unknown[], levels: number | undefined, preserveNulls: boolean): unknown[] {
  const out: unknown[] = [];
  for (const item of items) {
    if (Array.isArray(item) && (levels === undefined || levels > 0)) out.push(...flatten(item, levels === undefined ? undefined : levels - 1, preserveNulls));
    else if (item !== null || preserveNulls) out.push(item);
  }
  return out;
}

function hashOf(algorithm: string) {
  return { params: [], fn: (v: unknown) => createHash(algorithm).update(str(v)).digest('hex') };
}

/** Salt's traverse: walks 'a:b:0' through dicts and lists, `default` where a step is missing
 * (also grains.get for pillar templates rendered on the master). */
export function saltFilters(): FilterTable {
  return {
    traverse: { params: ['key', 'default', 'delimiter'], required: 1, fn: (v, key, dflt = null, delimiter = ':') => traverse(v, str(key), dflt, str(delimiter)) },
    json: { params: ['sort_keys', 'indent'], fn: (v, sortKeys = true, indent) => jsonDumps(v, { sortKeys: truthy(sortKeys), indent: indent === undefined || indent === null ? undefined : Number(indent) }) },
    yaml: { params: ['flow_style'], fn: (v, flow = true) => dumpYamlLikePyYaml(v, truthy(flow)) },
    yaml_encode: {
      params: [],
      fn: (v) => {
        if (Array.isArray(v) || isDict(v)) throw typeError('yaml_encode() only works with YAML scalar data');
        return typeof v === 'string' ? doubleQuoted(v, false) : dumpYamlLikePyYaml(v, true);
      },
    },
    yaml_dquote: { params: [], fn: (v) => doubleQuoted(str(v), false) },
    yaml_squote: { params: [], fn: (v) => singleQuoted(str(v)) },
    load_yaml: { params: [], fn: (v) => loadYaml(v) },
    load_json: { params: [], fn: (v) => loadJson(v) },
    load_text: { params: [], fn: (v) => str(v) },
    python: { params: [], fn: (v) => repr(v) },
    to_bool: {
      params: [],
      fn: (v) => {
        if (v === null || v === undefined) return false;
        if (typeof v === 'boolean') return v;
        if (typeof v === 'string') return ['yes', '1', 'true'].includes(v.toLowerCase());
        if (typeof v === 'number' || v instanceof PyFloat) return Number(v) > 0;
        return truthy(v);
      },
    },
    quote: { params: [], fn: (v) => { const s = str(v); return s === '' ? "''" : /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'"'"'`)}'`; } },
    regex_search: { params: ['rgx', 'ignorecase', 'multiline'], required: 1, fn: (v, rgx, ic, ml) => groups(regex(rgx, ic, ml).exec(str(v))) },
    regex_match: { params: ['rgx', 'ignorecase', 'multiline'], required: 1, fn: (v, rgx, ic, ml) => { const m = regex(`^(?:${str(rgx)})`, ic, ml).exec(str(v)); return m ? groups(regex(rgx, ic, ml).exec(m[0])) : null; } },
    regex_replace: {
      params: ['rgx', 'val', 'ignorecase', 'multiline'],
      required: 2,
      fn: (v, rgx, val, ic, ml) => {
        const re = regex(rgx, ic, ml);
        // Python's \1 and \g<name> back-references are JavaScript's $1 and $<name>.
        const replacement = str(val).replace(/\$/g, '$$$$').replace(/\\g<(\w+)>/g, (_m, g: string) => (/^\d+$/.test(g) ? `$${g}` : `$<${g}>`)).replace(/\\(\d+)/g, '$$$1');
        return str(v).replace(new RegExp(re.source, `${re.flags}g`), replacement);
      },
    },
    regex_escape: { params: [], fn: (v) => str(v).replace(/[^\w]/g, '\\$&') },
    sequence: { params: [], fn: (v) => (Array.isArray(v) ? v : [v]) },
    unique: { params: [], fn: (v) => unique(iterate(v)) },
    union: { params: ['b'], required: 1, fn: (a, b) => unique([...iterate(a), ...iterate(b)]) },
    intersect: { params: ['b'], required: 1, fn: (a, b) => unique(iterate(a).filter((x) => iterate(b).some((y) => eq(x, y)))) },
    difference: { params: ['b'], required: 1, fn: (a, b) => unique(iterate(a).filter((x) => !iterate(b).some((y) => eq(x, y)))) },
    symmetric_difference: {
      params: ['b'],
      required: 1,
      fn: (a, b) => unique([...iterate(a).filter((x) => !iterate(b).some((y) => eq(x, y))), ...iterate(b).filter((y) => !iterate(a).some((x) => eq(x, y)))]),
    },
    flatten: { params: ['levels', 'preserve_nulls'], fn: (v, levels, keep = false) => flatten(iterate(v), levels === undefined || levels === null ? undefined : Number(levels), truthy(keep)) },
    avg: { params: [], fn: (v) => { const items = iterate(v).map(Number); return makeNumber(items.length ? items.reduce((a, b) => a + b, 0) / items.length : 0, true); } },
    to_num: { params: [], fn: (v) => { const n = Number(str(v)); return Number.isNaN(n) || str(v).trim() === '' ? v : n; } },
    md5: hashOf('md5'),
    sha1: hashOf('sha1'),
    sha256: hashOf('sha256'),
    sha512: hashOf('sha512'),
    base64_encode: { params: [], fn: (v) => Buffer.from(str(v), 'utf8').toString('base64') },
    base64_decode: { params: [], fn: (v) => Buffer.from(str(v), 'base64').toString('utf8') },
    path_join: { params: [], variadic: true, fn: (v, rest: unknown[]) => [v, ...rest].map(str).reduce((acc, part) => (part.startsWith('/') ? part : acc === '' || acc.endsWith('/') ? acc + part : `${acc}/${part}`), '') },
    is_list: { params: [], fn: (v) => Array.isArray(v) },
    dict_keys: { params: [], fn: (v) => { if (!isDict(v)) throw typeError('dict_keys expects a dict'); return Object.keys(v); } },
  };
}
