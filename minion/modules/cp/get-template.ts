// cp.get_template: a salt:// template rendered with this minion's grains and pillar and
// written to a path on the minion.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StateRun } from '../../highstate/state-run.js';
import { absolutePath } from '../file/paths.js';
import { pillarOverride } from '../../pillar/override.js';
import type { ExecContext } from '../types.js';
import { askFiles } from './ask.js';
import { ensureFolder, replaceFile } from './destination.js';

/** The destination path; '' when the template is not on the file server; false when
 * dest's folder is missing and makedirs is off (as cp.get_file answers). */
export async function getTemplate(
  ctx: ExecContext,
  url: string,
  dest: unknown,
  request: { saltenv: string; renderer: string; makedirs: boolean; vars: Record<string, unknown> },
): Promise<string | false> {
  const cached = await askFiles(ctx, { op: 'cache_file', url, saltenv: request.saltenv });
  if (!cached) return '';
  const target = await absolutePath(dest);
  if (!(await ensureFolder(path.dirname(target), request.makedirs))) return false;
  const { pillar, ...vars } = request.vars;
  // As Salt's cp.get_template: a pillar= keyword stands in for the minion's pillar.
  const run = new StateRun(ctx.withPillar(pillarOverride(pillar) ?? ctx.pillar), { saltenv: request.saltenv, test: false });
  let text: string;
  try {
    text = await run.renderTemplate(await readFile(cached, 'utf8'), request.renderer, url, { saltenv: request.saltenv, ...vars });
  } finally {
    await run.close();
  }
  await replaceFile(target, (temp) => writeFile(temp, text));
  return target;
}
