// cmd.script's script: fetched (salt:// through the file server, or a local path) and,
// with `template`, rendered into a private temporary copy that is removed after the run.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StateContext } from '../../../shared/state/types.js';

export interface ScriptFile {
  /** The local path to run; null when the source could not be had. */
  path: string | null;
  /** Removes the rendered copy, if one was made. */
  done(): Promise<void>;
}

export async function scriptFile(ctx: StateContext, source: string, template: string | null, context: Record<string, unknown>): Promise<ScriptFile> {
  const cached = await ctx.cacheFile(source, ctx.saltenv);
  if (cached === null || template === null) return { path: cached, done: async () => undefined };
  const rendered = await ctx.renderTemplate(await readFile(cached, 'utf8'), template, source, context);
  const dir = await mkdtemp(path.join(tmpdir(), 'salt-ts-cmd-script-'));
  const file = path.join(dir, path.basename(cached));
  await writeFile(file, rendered, { mode: 0o700 });
  return { path: file, done: () => rm(dir, { recursive: true, force: true }) };
}
