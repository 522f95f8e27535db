// Applying `extend:` (Salt's reconcile_extend): an extension's arguments replace the
// target's arguments of the same name, its function replaces the target's function,
// and its requisites are appended to the target's requisite lists.
import { firstKey, isDict, stateKeys, type HighData } from './high.js';
import { findName } from './find.js';
import { isRequisiteKind } from '../requisites.js';

function mergeArgs(target: unknown[], extension: unknown[]): void {
  for (const arg of extension) {
    let updated = false;
    for (let index = 0; index < target.length; index++) {
      const current = target[index];
      if (typeof arg === 'string' && typeof current === 'string') {
        target[index] = arg;
        updated = true;
        continue;
      }
      if (!isDict(arg) || !isDict(current)) continue;
      const key = firstKey(arg)!;
      if (key === firstKey(current)) {
        if (isRequisiteKind(key) && Array.isArray(current[key]) && Array.isArray(arg[key])) {
          (current[key] as unknown[]).push(...(arg[key] as unknown[]));
        } else target[index] = arg;
        updated = true;
      }
      // `name` in an extension replaces the target's `names`
      if (key === 'name' && firstKey(current) === 'names') target[index] = arg;
    }
    if (!updated) target.push(arg);
  }
}

/** Applies and removes `high.__extend__`; returns the extensions that found no target. */
export function reconcileExtend(high: HighData): string[] {
  const errors: string[] = [];
  const extensions = Array.isArray(high.__extend__) ? (high.__extend__ as unknown[]) : [];
  delete high.__extend__;
  for (const ext of extensions) {
    if (!isDict(ext)) continue;
    for (const [name, body] of Object.entries(ext)) {
      if (!isDict(body)) continue;
      const module = stateKeys(body)[0];
      if (module === undefined) continue;
      let id = name;
      const existing = high[id];
      if (!isDict(existing) || !(module in existing)) {
        const found = findName(name, module, high);
        if (found.length !== 1) {
          const env = String(body.__env__ ?? 'base');
          const sls = String(body.__sls__ ?? 'base');
          errors.push(
            `Cannot extend ID '${name}' in '${env}:${sls}'. It is not part of the high state.\n` +
              'This is likely due to a missing include statement or an incorrectly typed ID.\n' +
              `Ensure that a state with an ID of '${name}' is available\nin environment '${env}' and to SLS '${sls}'`,
          );
          continue;
        }
        id = found[0]![0];
      }
      const target = high[id] as Record<string, unknown>;
      for (const state of stateKeys(body)) {
        const args = body[state];
        if (!Array.isArray(args)) continue;
        if (Array.isArray(target[state])) mergeArgs(target[state] as unknown[], structuredClone(args));
        else target[state] = structuredClone(args);
      }
    }
  }
  return errors;
}
