// Starts one reaction, as Salt's reactor does: local and caller reactions publish a job,
// runner reactions start a runner, wheel reactions change keys. The promise resolves once
// the reaction is under way; what goes wrong after that (a minion's failed return, a
// minion that never answered, a runner's failure) reaches `failed` later.
import type { NatsConnection } from '@nats-io/transport-node';
import type { ParsedArgs } from '../../shared/args.js';
import type { MasterConfig } from '../../shared/config/load.js';
import { describeError, SaltTsError } from '../../shared/errors.js';
import { publishJob, type PublishedJob } from '../client/publish.js';
import { jobTimeout, targetType } from '../orchestrate/minion-job.js';
import { requireRunner } from '../runners/registry.js';
import { reactionArgs, type Reaction } from './reactions.js';
import { runWheel, type WheelContext } from './wheel.js';

/** The user Salt's reactor runs jobs as. */
const REACTOR_USER = 'Reactor';

export interface DispatchContext {
  nc: NatsConnection;
  config: MasterConfig;
  wheel: WheelContext;
  /** A reaction that went wrong after it was started, with why. */
  failed(reaction: Reaction, error: string, detail?: Record<string, unknown>): void;
}

export async function dispatchReaction(reaction: Reaction, data: Record<string, unknown>, ctx: DispatchContext): Promise<void> {
  const args = reactionArgs(reaction);
  switch (reaction.kind) {
    case 'local':
    case 'caller':
      return publishReaction(reaction, reaction.kind === 'caller' ? callerTarget(reaction, data) : reaction.settings, args, ctx);
    case 'runner': {
      const runner = requireRunner(reaction.fun, `reaction '${reaction.id}'`);
      runner.run({ config: ctx.config, nc: ctx.nc, args }).then(
        (result) => {
          if ((runner.retcode?.(result) ?? 0) > 0) ctx.failed(reaction, `runner ${reaction.fun} failed`, { return: result });
        },
        (err) => ctx.failed(reaction, describeError(err)),
      );
      return;
    }
    case 'wheel':
      await runWheel(reaction.fun, args, ctx.wheel);
  }
}

/** Salt's caller reactions run on a masterless minion itself; here, on the minion that sent the event. */
function callerTarget(reaction: Reaction, data: Record<string, unknown>): Record<string, unknown> {
  if (typeof data.id !== 'string') throw new SaltTsError('SALTTS_BAD_ARGUMENT', `reaction '${reaction.id}': caller.${reaction.fun} runs on the minion that sent the event, but the event has no data['id']`);
  return { ...reaction.settings, tgt: [data.id], tgt_type: 'list' };
}

async function publishReaction(reaction: Reaction, target: Record<string, unknown>, args: ParsedArgs, ctx: DispatchContext): Promise<void> {
  const { tgt } = target;
  if (!(typeof tgt === 'string' && tgt !== '') && !Array.isArray(tgt)) {
    throw new SaltTsError('SALTTS_BAD_TARGET', `reaction '${reaction.id}': local.${reaction.fun} needs tgt:, got ${JSON.stringify(tgt ?? null)}`);
  }
  const timeout = jobTimeout(target.timeout, ctx.config, `reaction '${reaction.id}'`);
  const job = await publishJob(
    ctx.nc,
    {
      tgt: tgt as string | string[],
      tgt_type: targetType(target.tgt_type ?? target.expr_form, `reaction '${reaction.id}'`),
      fun: reaction.fun, arg: args.arg, kwarg: args.kwarg, user: REACTOR_USER, timeout,
    },
    { gatherJobTimeout: ctx.config.gather_job_timeout },
  );
  void followJob(job, reaction, ctx);
}

async function followJob(job: PublishedJob, reaction: Reaction, ctx: DispatchContext): Promise<void> {
  try {
    for await (const ret of job.returns()) {
      if (!ret.success || ret.retcode !== 0) {
        ctx.failed(reaction, `${reaction.fun} failed on ${ret.id} (retcode ${ret.retcode})`, { jid: job.jid, minion: ret.id, return: ret.return });
      }
    }
    const missing = job.missing();
    if (missing.length) ctx.failed(reaction, `${reaction.fun}: minion(s) did not return: ${missing.join(', ')}`, { jid: job.jid, missing });
  } catch (err) {
    ctx.failed(reaction, describeError(err), { jid: job.jid });
  }
}
