// Where file.managed's content comes from when `source` is given: the first source of a
// list that exists (salt:// through the file client, or a local path), its source_hash
// checked, and rendered when `template` is set.
import { readFile, stat } from 'node:fs/promises';
import { pyStr } from '../../../shared/output/py-str.js';
import type { StateContext } from '../../../shared/state/types.js';
import { isRecord } from '../../../shared/output/sorted-keys.js';
import { parseSourceHash, verifySourceHash } from './source-hash.js';

/** One source to try: its URL or path, and the hash it must have. */
export interface SourceChoice {
  url: string;
  hash: string | null;
}

/** A source that failed: the state's comment says why. */
export class SourceError extends Error {}

/** A salt:// URL split into the URL without its query and the saltenv it names. */
export function splitSaltUrl(url: string, saltenv: string): { url: string; saltenv: string } {
  const query = url.indexOf('?');
  if (query < 0) return { url, saltenv };
  const env = new URLSearchParams(url.slice(query + 1)).get('saltenv');
  return { url: url.slice(0, query), saltenv: env ?? saltenv };
}

/** The source to use (Salt's file.source_list): the only one, or the first of a list that exists. */
export async function chooseSource(ctx: StateContext, source: unknown, sourceHash: string | null): Promise<SourceChoice> {
  if (!Array.isArray(source)) return { url: pyStr(source), hash: sourceHash };
  for (const item of source) {
    // An item may be a one-key mapping {url: hash}.
    const [url, hash] = isRecord(item) ? [Object.keys(item)[0] ?? '', Object.values(item)[0]] : [pyStr(item), null];
    if (await sourceExists(ctx, url)) return { url, hash: hash == null || hash === '' ? sourceHash : pyStr(hash) };
  }
  throw new SourceError('Unable to manage file: none of the specified sources were found');
}

async function sourceExists(ctx: StateContext, url: string): Promise<boolean> {
  if (url.startsWith('salt://')) {
    const { url: bare, saltenv } = splitSaltUrl(url, ctx.saltenv);
    return (await ctx.cacheFile(bare, saltenv)) !== null;
  }
  const local = url.startsWith('file://') ? url.slice('file://'.length) : url;
  return local.startsWith('/') && (await stat(local).then(() => true, () => false));
}

/** The local file holding the source (cached from the file server when salt://). */
export async function fetchSource(ctx: StateContext, choice: SourceChoice): Promise<string> {
  const { url } = choice;
  if (url.startsWith('salt://')) {
    const { url: bare, saltenv } = splitSaltUrl(url, ctx.saltenv);
    const cached = await ctx.cacheFile(bare, saltenv);
    if (cached === null) throw new SourceError(`Source file ${bare} not found in saltenv '${saltenv}'`);
    return cached;
  }
  const local = url.startsWith('file://') ? url.slice('file://'.length) : url;
  if (!local.startsWith('/')) throw new SourceError(`Unable to manage file: source ${url} is neither a salt:// URL nor an absolute local path`);
  if (!(await stat(local).then(() => true, () => false))) throw new SourceError(`Local file source ${local} does not exist`);
  return local;
}

/** Template settings of a managed file. */
export interface TemplateSpec {
  template: string | null;
  /** defaults with context merged over them, and the state's own arguments. */
  vars: Record<string, unknown>;
}

/** The content the file must have: the fetched source, checked against source_hash, rendered when templated. */
export async function sourceContent(ctx: StateContext, name: string, choice: SourceChoice, hashName: string | null, tpl: TemplateSpec): Promise<Buffer> {
  const file = await fetchSource(ctx, choice);
  if (choice.hash !== null) {
    const sum = await parseSourceHash(ctx, choice.hash, choice.url, hashName).catch((err: Error) => {
      throw new SourceError(err.message);
    });
    const mismatch = await verifySourceHash(file, choice.url, sum);
    if (mismatch) throw new SourceError(mismatch);
  }
  const data = await readFile(file);
  if (tpl.template === null) return data;
  return Buffer.from(await ctx.renderTemplate(data.toString('utf8'), tpl.template, choice.url, { name, source: choice.url, ...tpl.vars }));
}
