// Which supervisord processes a state's name means (one program, or a 'group:' and its
// members), and whether they are stopped, as Salt's supervisord states read status.
import type { StateContext } from '../../../shared/state/types.js';

export type ProcessStatus = Record<string, { state: string; reason: string }>;

/** The control arguments every supervisord function takes. */
export interface Control {
  user: unknown;
  conf_file: unknown;
  bin_env: unknown;
}

export const status = async (ctx: StateContext, control: Control): Promise<ProcessStatus> =>
  (await ctx.call('supervisord.status', [], { ...control })) as ProcessStatus;

/** Salt's _is_stopped_state. */
export const isStopped = (state: string): boolean => ['STOPPED', 'STOPPING', 'EXITED', 'FATAL', 'BACKOFF'].includes(state);

/** 'group' when name is a 'group:' of the status, 'service' when a program, null when unknown. */
export function processType(all: ProcessStatus, name: string): 'group' | 'service' | null {
  if (name.endsWith(':') && Object.keys(all).some((proc) => proc.startsWith(name))) return 'group';
  return name in all ? 'service' : null;
}

/** The processes the name covers, each mapped to whether it is stopped. */
export function covered(all: ProcessStatus, name: string): Map<string, boolean> {
  const kind = processType(all, name);
  const procs = kind === 'group' ? Object.keys(all).filter((proc) => proc.startsWith(name)) : kind === 'service' ? [name] : [];
  return new Map(procs.map((proc) => [proc, isStopped(all[proc]!.state)]));
}

/** Salt's _check_error: an ERROR from supervisorctl fails the state unless it says the work was already done. */
export function checkError(result: string, success: string): { comment: string; result?: false } {
  if (!result.includes('ERROR') || ['already started', 'not running', 'process group already active'].some((s) => result.includes(s))) return { comment: success };
  return { comment: result, result: false };
}
