// The pillar tree on disk (pillar_roots: saltenv -> directories, first match wins), with
// the same path safety as the file server's roots. Files are named pillar://<saltenv>/<path>
// in errors and template sources.
import { readFile } from 'node:fs/promises';
import { FileRoots } from '../fileserver/roots.js';
import type { PillarTree } from './types.js';

const SCHEME = 'pillar://';

export function pillarSource(saltenv: string, path: string): string {
  return `${SCHEME}${saltenv}/${path}`;
}

/** The saltenv and path of a pillar:// source; null for any other name. */
export function parsePillarSource(source: string): { saltenv: string; path: string } | null {
  if (!source.startsWith(SCHEME)) return null;
  const rest = source.slice(SCHEME.length);
  const slash = rest.indexOf('/');
  return slash <= 0 ? null : { saltenv: rest.slice(0, slash), path: rest.slice(slash + 1) };
}

export function rootsPillarTree(pillarRoots: Readonly<Record<string, readonly string[]>>): PillarTree {
  const roots = new FileRoots(pillarRoots);
  return {
    saltenvs: () => roots.saltenvs(),
    async read(saltenv, path) {
      const found = await roots.find(saltenv, path);
      return found && { source: pillarSource(saltenv, path), text: await readFile(found.realPath, 'utf8') };
    },
  };
}
