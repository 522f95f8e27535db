// Which SLS files this minion gets: the top files of the tree, matched against the
// minion's own id, grains and pillar.
import { matchesTarget } from '../../shared/targeting/match.js';
import { TARGET_TYPES, type TargetType } from '../../shared/targeting/types.js';
import { matchTop, type TopFile } from '../../shared/state/top/index.js';
import type { StateRun } from './state-run.js';

const isTargetType = (type: string): type is TargetType => (TARGET_TYPES as readonly string[]).includes(type);

/** saltenv -> SLS names, from the top file of every saltenv of the file server (or of the
 * one named for the run). Throws a TopFileError when a top file is malformed. */
export async function topMatches(run: StateRun): Promise<Record<string, string[]>> {
  const saltenvs = run.settings.topSaltenv ? [run.settings.topSaltenv] : await run.exec.daemon({ op: 'list_envs' });
  const tops: TopFile[] = [];
  for (const saltenv of saltenvs) {
    const top = await run.renderTreeFile(`salt://${run.exec.opts.state_top}`, saltenv);
    if (top) tops.push({ saltenv, ...top });
  }
  const facts = { id: run.exec.id, grains: run.exec.grains, pillar: run.exec.pillar };
  return matchTop(tops, (tgt, tgtType) => {
    if (!isTargetType(tgtType)) throw new Error(`top file: unknown match type '${tgtType}' for target '${tgt}'`);
    return matchesTarget(tgt, tgtType, facts);
  });
}
