// Compiles one minion's pillar, as Salt's Pillar.compile_pillar does without ext_pillar:
// the top files say which SLS files it gets, each is rendered with the minion's grains,
// and their data merges in top file order. A file that fails adds a line to `_errors`
// and the rest still compiles; nothing throws.
import { describeError } from '../errors.js';
import type { LoadedTemplate } from '../render/types.js';
import { mergePillar } from './merge.js';
import type { PillarRenderer } from './renderer.js';
import { SaltenvPillar } from './sls.js';
import { pillarTop } from './top.js';
import type { Pillar, PillarOptions, PillarTarget, PillarTree } from './types.js';

export async function compilePillar(tree: PillarTree, target: PillarTarget, options: PillarOptions, render: PillarRenderer): Promise<Pillar> {
  try {
    return await compile(tree, target, options, render);
  } catch (err) {
    return { _errors: [`Pillar compilation for minion '${target.id}' failed: ${describeError(err)}`] };
  }
}

async function compile(tree: PillarTree, target: PillarTarget, options: PillarOptions, render: PillarRenderer): Promise<Pillar> {
  const renderFile = (file: LoadedTemplate, saltenv: string, vars: Record<string, unknown>) =>
    render(file.text, file.source, templateContext(target, options, saltenv, vars), options.renderer);
  const topErrors: string[] = [];
  const top = await pillarTop(tree, target, options.strategy, (file, saltenv) => renderFile(file, saltenv, { sls: '' }), topErrors);
  const errors: string[] = [];
  let pillar: Record<string, unknown> = {};
  for (const [saltenv, names] of Object.entries(top.matches)) {
    const sls = new SaltenvPillar({
      tree,
      saltenv,
      render: (file, vars) => renderFile(file, saltenv, vars),
      strategy: options.strategy,
      mergeLists: options.mergeLists,
      ignoreMissing: top.ignoreMissing.get(saltenv) ?? new Set(),
      errors,
    });
    for (const name of names) {
      const data = await sls.data(name);
      if (data) pillar = mergePillar(pillar, data, options.strategy, options.mergeLists);
    }
  }
  // Salt lists the SLS files' errors before the top files'.
  errors.push(...topErrors);
  return errors.length > 0 ? { ...pillar, _errors: errors } : pillar;
}

/** What a pillar template sees. `pillar` is empty: Salt compiles pillar on the master with
 * no pillar in its opts, so one pillar file cannot read another's data. */
function templateContext(target: PillarTarget, options: PillarOptions, saltenv: string, vars: Record<string, unknown>): Record<string, unknown> {
  return {
    ...vars,
    grains: target.grains,
    ...(options.opts ? { opts: options.opts } : {}),
    saltenv,
    pillarenv: target.pillarenv ?? null,
    pillar: {},
  };
}
