// A file request to the daemon from a job: its failure (a refused path, an unreachable
// master) becomes Salt's CommandExecutionError, so the job returns "ERROR: <why>".
import type { DaemonReply, DaemonRequest } from '../../jobs/daemon-requests.js';
import { describeError } from '../../../shared/errors.js';
import { CommandExecutionError } from '../command-error.js';
import type { ExecContext } from '../types.js';

export function askFiles<R extends DaemonRequest>(ctx: ExecContext, request: R): Promise<DaemonReply<R>> {
  return ctx.daemon(request).catch((err: unknown) => {
    throw new CommandExecutionError(describeError(err));
  });
}
