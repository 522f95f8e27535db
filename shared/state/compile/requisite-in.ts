// The `_in` requisites and `use` (Salt's requisite_in): each becomes an extension of
// the state it names, then extensions are applied as `extend:` is.
//   A: require_in: [B]  ->  B gets require: [A]      (watch_in, onchanges_in, onfail_in, listen_in alike)
//   A: prereq: [B]      ->  B gets prerequired: [A]  (prereq_in: A gets prerequired: [B], B gets prereq: [A])
//   A: use: [B]         ->  A gets B's arguments that A does not set (never requisites, name or names)
//   A: use_in: [B]      ->  B gets A's arguments that B does not set
import { argDicts, firstKey, idBodies, isDict, stateKeys, type HighData, type IdBody } from './high.js';
import { declaredArgs, findByNameArg, findName, findSlsDecls, type DeclRef } from './find.js';
import { reconcileExtend } from './extend.js';
import { REQUISITE_IN_KINDS, REQUISITE_KINDS } from '../requisites.js';

const SOURCE_KEYWORDS: ReadonlySet<string> = new Set([...REQUISITE_IN_KINDS, 'use', 'prereq']);
// Arguments `use` never copies.
const NOT_COPIED: ReadonlySet<string> = new Set([...REQUISITE_IN_KINDS, ...REQUISITE_KINDS, 'use', 'onfail_stop', 'name', 'names']);

/** The extensions being collected, by target ID, in the shape of `extend:` bodies. */
class Extensions {
  private readonly byId = new Map<string, Record<string, unknown>>();

  args([id, module]: DeclRef): unknown[] {
    let body = this.byId.get(id);
    if (!body) this.byId.set(id, (body = {}));
    return (body[module] ??= []) as unknown[];
  }

  /** Appends `{kind: [{module: id}]}` to the target, into its list for `kind` if it has one. */
  addRequisite(target: DeclRef, kind: string, source: DeclRef, where: IdBody): void {
    const args = this.args(target);
    const body = this.byId.get(target[0])!;
    body.__env__ = where.__env__;
    body.__sls__ = where.__sls__;
    const entry = { [source[1]]: source[0] };
    const existing = args.find((arg) => isDict(arg) && firstKey(arg) === kind) as Record<string, unknown[]> | undefined;
    if (existing) existing[kind]!.push(entry);
    else args.push({ [kind]: [entry] });
  }

  toExtend(): unknown[] {
    return [...this.byId].map(([id, body]) => ({ [id]: body }));
  }
}

/** The declaration a bare `- name` entry means: an ID, else a state's `name:` argument. */
function bareReference(entry: unknown, high: HighData): Record<string, unknown> | undefined {
  const text = String(entry);
  const body = high[text];
  if (isDict(body) && !text.startsWith('__')) return { [stateKeys(body)[0]!]: text };
  const found = findByNameArg(text, high);
  return found ? { [found[1]]: found[0] } : undefined;
}

function copyArgs(from: DeclRef, to: DeclRef, high: HighData, into: unknown[]): void {
  const skip = new Set([...NOT_COPIED, ...declaredArgs(high, to)]);
  const body = high[from[0]];
  if (!isDict(body)) return;
  for (const arg of argDicts(body[from[1]])) if (!skip.has(firstKey(arg)!)) into.push(structuredClone(arg));
}

function applyOne(keyword: string, source: DeclRef, target: DeclRef, body: IdBody, high: HighData, ext: Extensions): void {
  if (keyword === 'prereq') {
    for (const decl of findName(target[0], target[1], high)) ext.args(decl).push({ prerequired: [{ [source[1]]: source[0] }] });
    return;
  }
  if (keyword === 'use') {
    for (const decl of findName(target[0], target[1], high)) copyArgs(decl, source, high, ext.args(source));
    return;
  }
  if (keyword === 'use_in') {
    for (const decl of findName(target[0], target[1], high)) copyArgs(source, decl, high, ext.args(decl));
    return;
  }
  if (keyword === 'prereq_in') ext.args(source).push({ prerequired: [{ [target[1]]: target[0] }] });
  ext.addRequisite(target, keyword.split('_')[0]!, source, body);
}

/** Turns every `_in` requisite, `prereq` and `use` into extensions and applies them. */
export function applyRequisiteIn(high: HighData): string[] {
  const errors: string[] = [];
  const ext = new Extensions();
  for (const [id, body] of idBodies(high)) {
    for (const module of stateKeys(body)) {
      for (const arg of argDicts(body[module])) {
        const keyword = firstKey(arg)!;
        if (!SOURCE_KEYWORDS.has(keyword)) continue;
        const items = arg[keyword];
        const entries = isDict(items) ? Object.entries(items).map(([k, v]) => ({ [k]: v })) : Array.isArray(items) ? items : [];
        for (const entry of entries) {
          const ref = isDict(entry) ? entry : bareReference(entry, high);
          if (!ref || firstKey(ref) === undefined) continue;
          let [type, name] = Object.entries(ref)[0]! as [string, unknown];
          if (type.includes('.')) {
            errors.push(
              `Invalid requisite in ${keyword.split('_')[0]}: ${type} for ${String(name)}, in SLS '${body.__sls__}'. ` +
                `Requisites must not contain dots, did you mean '${type.slice(0, type.indexOf('.'))}'?`,
            );
            type = type.slice(0, type.indexOf('.'));
          }
          const targets = type === 'sls' ? findSlsDecls(String(name), high) : [[String(name), type] as DeclRef];
          for (const target of targets) applyOne(keyword, [id, module], target, body, high, ext);
        }
      }
    }
  }
  high.__extend__ = ext.toExtend();
  errors.push(...reconcileExtend(high));
  return errors;
}
