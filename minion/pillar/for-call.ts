// Which pillar a call works with: the job's own, or one compiled now (for the pillarenv it
// names: pillarenv=, or saltenv= when pillarenv_from_saltenv is on), with pillar= merged over.
import type { Pillar } from '../../shared/pillar/types.js';
import type { ExecContext } from '../modules/types.js';
import { pyStr } from '../../shared/output/py-str.js';
import { pillarOverride, withOverride } from './override.js';

export interface PillarChoice {
  pillarenv?: unknown;
  saltenv?: unknown;
  /** The call's pillar= argument. */
  override?: unknown;
}

const envName = (value: unknown): string | null => (value === null || value === undefined ? null : pyStr(value));

/** The pillarenv a call names; null when it names none. */
function namedPillarenv(ctx: ExecContext, choice: PillarChoice): string | null {
  const pillarenv = envName(choice.pillarenv);
  if (pillarenv !== null || !ctx.opts.pillarenv_from_saltenv) return pillarenv;
  return envName(choice.saltenv);
}

/** A pillar compiled now (by the master, or locally when masterless), pillar= merged over it. */
export async function freshPillar(ctx: ExecContext, choice: PillarChoice): Promise<Pillar> {
  const override = pillarOverride(choice.override);
  const compiled = await ctx.daemon({ op: 'get_pillar', pillarenv: namedPillarenv(ctx, choice), saltenv: envName(choice.saltenv) });
  return withOverride(compiled, override, ctx.opts);
}
