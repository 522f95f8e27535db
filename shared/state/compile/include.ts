// Where one `include:` entry points: `webapp.config`, `- dev: webapp` (another saltenv)
// or the relative forms `.config` / `..common`, resolved against the including SLS.
import { isDict } from './high.js';

export interface SlsRef {
  saltenv: string;
  sls: string;
}

export interface IncludingSls extends SlsRef {
  /** The file the including SLS came from: a package's init.sls is one level deeper. */
  source: string;
}

export function resolveInclude(entry: unknown, from: IncludingSls): SlsRef | { error: string } {
  let saltenv = from.saltenv;
  let target = entry;
  if (isDict(entry)) {
    // Salt takes the entry's last key (dict.popitem): `- dev: webapp`
    const pairs = Object.entries(entry);
    if (pairs.length > 0) [saltenv, target] = pairs[pairs.length - 1]!;
  }
  if (typeof target !== 'string' || target === '') {
    return { error: `Badly formatted include ${String(target)} found in include in SLS '${from.saltenv}:${from.sls}'` };
  }
  const relative = /^(\.+)(.*)$/.exec(target);
  if (!relative) return { saltenv, sls: target };
  const levels = relative[1]!.length;
  const parts = from.sls.split('.');
  if (from.source.endsWith('/init.sls')) parts.push('init');
  if (levels > parts.length) {
    return {
      error: `Attempted relative include of '${target}' within SLS '${from.saltenv}:${from.sls}' goes beyond top level package`,
    };
  }
  return { saltenv, sls: [...parts.slice(0, parts.length - levels), relative[2]!].join('.') };
}
