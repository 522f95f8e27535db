// Which pillar SLS files a minion gets: the pillar top files, merged as Salt's pillar
// merges them (unlike the state top: every top file read counts for every saltenv it
// names, a later file's target replacing an earlier one's), matched on id and grains.
import { isDict } from '../state/compile/high.js';
import { matchTop, type TopFile } from '../state/top/index.js';
import { topSections } from '../state/top/top-data.js';
import { matchesTarget } from '../targeting/match.js';
import { TARGET_TYPES, type TargetType } from '../targeting/types.js';
import { describeError } from '../errors.js';
import { RenderError } from '../render/errors.js';
import type { LoadedTemplate } from '../render/types.js';
import type { PillarMergeStrategy, PillarTarget, PillarTree } from './types.js';

const TOP_FILE = 'top.sls';

export interface PillarTop {
  /** saltenv -> the SLS names this minion gets, in top file order, each once. */
  matches: Record<string, string[]>;
  /** saltenv -> SLS names listed with `- ignore_missing: True`: their absence is no error. */
  ignoreMissing: Map<string, Set<string>>;
}

/** Renders a top file to data. */
export type TopRenderer = (file: LoadedTemplate, saltenv: string) => Promise<unknown>;

/** The top files read: pillarenv's alone when set; else every saltenv's (base first), or
 * with strategy none only the run's saltenv's (base when unset), as Salt's get_tops does. */
function topSaltenvs(tree: PillarTree, target: PillarTarget, strategy: PillarMergeStrategy): string[] {
  const available = tree.saltenvs();
  if (target.pillarenv) return available.includes(target.pillarenv) ? [target.pillarenv] : [];
  const ordered = [...available.filter((env) => env === 'base'), ...available.filter((env) => env !== 'base')];
  return strategy === 'none' ? ordered.filter((env) => env === (target.saltenv || 'base')) : ordered;
}

async function readTops(tree: PillarTree, saltenvs: string[], render: TopRenderer, errors: string[]): Promise<TopFile[]> {
  const tops: TopFile[] = [];
  for (const saltenv of saltenvs) {
    try {
      const file = await tree.read(saltenv, TOP_FILE);
      if (file) tops.push({ saltenv, data: await render(file, saltenv), source: file.source });
    } catch (err) {
      const reason = err instanceof RenderError ? err.message : describeError(err);
      errors.push(`Rendering Primary Top file failed, render error:\n${reason}`);
    }
  }
  return tops;
}

interface MergedTarget {
  /** The `- match:` options, then the SLS names (each once). */
  entries: unknown[];
  order: number;
}

/** Salt's merge_tops and sort_top_targets: saltenv -> target -> entries, targets sorted by
 * their `- order:` (0 by default, ties in written order). A malformed top file counts for nothing. */
function mergeTops(tops: TopFile[], ignoreMissing: Map<string, Set<string>>, errors: string[]): Record<string, unknown> {
  const merged = new Map<string, Map<string, MergedTarget>>();
  for (const top of tops) {
    const problems: string[] = [];
    const sections = topSections(top, problems);
    if (problems.length > 0) {
      errors.push(...problems);
      continue;
    }
    for (const [saltenv, section] of sections) {
      const targets = merged.get(saltenv) ?? new Map<string, MergedTarget>();
      merged.set(saltenv, targets);
      for (const [tgt, entries] of Object.entries(section)) {
        const options = entries.filter(isDict);
        const names = [...new Set(entries.filter((entry): entry is string => typeof entry === 'string'))];
        if (options.some((option) => option.ignore_missing)) {
          const ignored = ignoreMissing.get(saltenv) ?? new Set<string>();
          names.forEach((name) => ignored.add(name));
          ignoreMissing.set(saltenv, ignored);
        }
        const order = options.reduce((found, option) => ('order' in option ? Number.parseInt(String(option.order), 10) || 0 : found), 0);
        targets.set(tgt, { entries: [...options.filter((option) => 'match' in option), ...names], order });
      }
    }
  }
  const data: Record<string, unknown> = {};
  for (const [saltenv, targets] of merged) {
    const sorted = [...targets].sort(([, a], [, b]) => a.order - b.order);
    data[saltenv] = Object.fromEntries(sorted.map(([tgt, target]) => [tgt, target.entries]));
  }
  return data;
}

const isTargetType = (type: string): type is TargetType => (TARGET_TYPES as readonly string[]).includes(type);

/** The pillar SLS files `target` gets; every problem (a top file that fails to render or is
 * malformed, a target that cannot be read) goes to `errors` and matches nothing. */
export async function pillarTop(
  tree: PillarTree,
  target: PillarTarget,
  strategy: PillarMergeStrategy,
  render: TopRenderer,
  errors: string[],
): Promise<PillarTop> {
  const ignoreMissing = new Map<string, Set<string>>();
  const tops = await readTops(tree, topSaltenvs(tree, target, strategy), render, errors);
  const merged: TopFile = { saltenv: 'base', data: mergeTops(tops, ignoreMissing, errors), source: 'the merged pillar top files' };
  // The pillar is what is being compiled: a pillar top cannot target by pillar.
  const facts = { id: target.id, grains: target.grains };
  let found: Record<string, string[]> = {};
  try {
    found = matchTop([merged], (tgt, tgtType) => {
      try {
        if (!isTargetType(tgtType)) throw new Error(`unknown match type '${tgtType}'`);
        return matchesTarget(tgt, tgtType, facts);
      } catch (err) {
        errors.push(`Pillar top file target '${tgt}' (match: ${tgtType}) cannot be matched: ${describeError(err)}`);
        return false;
      }
    });
  } catch (err) {
    errors.push(describeError(err));
  }
  const matches: Record<string, string[]> = {};
  for (const [saltenv, names] of Object.entries(found)) {
    if (target.pillarenv && saltenv !== target.pillarenv) continue;
    matches[saltenv] = [...new Set(names)];
  }
  return { matches, ignoreMissing };
}
