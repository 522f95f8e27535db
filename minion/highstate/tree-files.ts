// Reads files of the state tree through the job's file client (the master's file
// server, or this host's file_roots when file_client is local).
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import type { ExecContext } from '../modules/types.js';

export interface TreeFile {
  /** salt://path, as errors and tpldir name it. */
  url: string;
  text: string;
}

export async function readTreeFile(ctx: ExecContext, url: string, saltenv: string): Promise<TreeFile | null> {
  const local = await ctx.daemon({ op: 'cache_file', url, saltenv });
  return local === null ? null : { url, text: await readFile(local, 'utf8') };
}

/** The files an SLS name can live in: a.b is a/b.sls, else a/b/init.sls. */
export function slsCandidates(sls: string): string[] {
  const path = sls.split('.').join('/');
  return [`salt://${path}.sls`, `salt://${path}/init.sls`];
}

/** A template name from import/include, as a salt:// URL: `./x` and `../x` are relative
 * to the importing template, anything else to the root of the tree. */
export function templateUrl(name: string, from: string): string {
  if (name.startsWith('salt://')) return name;
  if (name.startsWith('./') || name.startsWith('../')) {
    const dir = posix.dirname(from.replace(/^salt:\/\//, ''));
    return `salt://${posix.normalize(posix.join(dir, name))}`;
  }
  return `salt://${name.replace(/^\/+/, '')}`;
}

/** Path of a salt:// URL inside the tree. */
export const treePath = (url: string): string => url.replace(/^salt:\/\//, '');
