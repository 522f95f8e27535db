// The per-SLS steps Salt runs on rendered data before merging it: `extend:` and
// `exclude:` set aside, dotted `file.managed:` keys split into module and function,
// short `id: pkg.installed` declarations padded, `__sls__`/`__env__` recorded.
import { isDict } from './high.js';

/** Moves `state.extend` to `state.__extend__` (a list of `{ID: body}` mappings). */
export function takeExtend(state: Record<string, unknown>, sls: string, saltenv: string, errors: string[]): void {
  if (!('extend' in state)) return;
  const ext = state.extend;
  delete state.extend;
  if (!isDict(ext)) {
    errors.push(`Extension value in SLS '${sls}' is not a dictionary`);
    return;
  }
  for (const [id, body] of Object.entries(ext)) {
    if (!isDict(body)) {
      errors.push(`Extension name '${id}' in SLS '${sls}' is not a dictionary`);
      continue;
    }
    body.__sls__ ??= sls;
    body.__env__ ??= saltenv;
    for (const key of Object.keys(body)) splitDottedKey(body, key);
  }
  const list = (state.__extend__ ??= []) as unknown[];
  list.push(ext);
}

/** Moves `state.exclude` to `state.__exclude__`. */
export function takeExclude(state: Record<string, unknown>, sls: string, errors: string[]): void {
  if (!('exclude' in state)) return;
  const exclude = state.exclude;
  delete state.exclude;
  if (!Array.isArray(exclude)) {
    errors.push(`Exclude Declaration in SLS ${sls} is not formed as a list`);
    return;
  }
  const list = (state.__exclude__ ??= []) as unknown[];
  list.push(...exclude);
}

/** `file.managed: [args]` becomes `file: [args, 'managed']`; false when the key is not
 * such a declaration. */
function splitDottedKey(body: Record<string, unknown>, key: string): boolean {
  const args = body[key];
  if (key.startsWith('_') || !Array.isArray(args) || !key.includes('.')) return false;
  const [module, fun] = key.split('.') as [string, string];
  delete body[key];
  body[module] = [...args, fun];
  return true;
}

/** Normalizes every ID declaration of one SLS in place. */
export function normalizeDeclarations(state: Record<string, unknown>, sls: string, saltenv: string, errors: string[]): void {
  for (const [id, body] of Object.entries(state)) {
    if (id === '__extend__' || id === '__exclude__') continue;
    if (!isDict(body)) {
      if (typeof body === 'string' && body.includes('.')) {
        const [module, fun] = body.split('.') as [string, string];
        state[id] = { __sls__: sls, __env__: saltenv, [module]: [fun] };
      } else errors.push(`ID ${id} in SLS ${sls} is not a dictionary`);
      continue;
    }
    const modules = new Set<string>();
    for (const key of Object.keys(body)) {
      if (key.startsWith('_') || !Array.isArray(body[key])) continue;
      const module = key.split('.')[0]!;
      if (key.includes('.') && modules.has(module)) {
        errors.push(`ID '${id}' in SLS '${sls}' contains multiple state declarations of the same type`);
        continue;
      }
      splitDottedKey(body, key);
      modules.add(module);
    }
    body.__sls__ ??= sls;
    body.__env__ ??= saltenv;
  }
}
