// Looking up declarations in high data by ID, by `name:` argument, or by SLS.
import { argDicts, firstKey, idBodies, isDict, stateKeys, type HighData } from './high.js';

/** A declaration: the ID and its state module. */
export type DeclRef = [id: string, module: string];

/** The declarations an `ID` or `module: name` reference means: the ID itself when it
 * exists, every declaration of an SLS for `sls`, else the `module` declarations whose
 * `name:` argument is `name`. */
export function findName(name: string, module: string, high: HighData): DeclRef[] {
  if (isDict(high[name]) && !name.startsWith('__')) return [[name, module]];
  if (module === 'sls') {
    return idBodies(high)
      .filter(([, body]) => body.__sls__ === name)
      .map(([id, body]): DeclRef => [id, stateKeys(body)[0] ?? module]);
  }
  return idBodies(high)
    .filter(([, body]) => argDicts(body[module]).some((arg) => firstKey(arg) === 'name' && arg.name === name))
    .map(([id]) => [id, module]);
}

/** Every declaration of the IDs declared in SLS `sls`. */
export function findSlsDecls(sls: string, high: HighData): DeclRef[] {
  return idBodies(high)
    .filter(([, body]) => body.__sls__ === sls)
    .flatMap(([id, body]) => stateKeys(body).map((module): DeclRef => [id, module]));
}

/** The first declaration, of any module, whose `name:` argument is `name`. */
export function findByNameArg(name: string, high: HighData): DeclRef | undefined {
  for (const [id, body] of idBodies(high)) {
    for (const module of stateKeys(body)) {
      if (argDicts(body[module]).some((arg) => firstKey(arg) === 'name' && arg.name === name)) return [id, module];
    }
  }
  return undefined;
}

/** The argument names a declaration sets. */
export function declaredArgs(high: HighData, [id, module]: DeclRef): Set<string> {
  const body = high[id];
  return new Set(isDict(body) ? argDicts(body[module]).map((arg) => firstKey(arg)!) : []);
}
