// Takes jobs off the wire: checks each one, confirms it is meant for this minion,
// runs it in a worker and publishes the return on this minion's own subject.
import type { Msg } from '@nats-io/transport-node';
import type { Logger } from '../../shared/log.js';
import { decodeJson, encodeJson } from '../../shared/json-codec.js';
import { describeError } from '../../shared/errors.js';
import { callsOf, parseJob, type Job, type JobCall, type JobReturn } from '../../shared/protocol/messages.js';
import { Subjects } from '../../shared/protocol/subjects.js';
import { matchesTarget } from '../../shared/targeting/match.js';
import type { Grains } from '../grains/core.js';
import type { Pillar } from '../../shared/pillar/types.js';
import type { WorkerPool } from './pool.js';
import type { JobOutcome } from './execute.js';
import type { MinionConnection } from '../connection.js';

export interface ReceiverDeps {
  id: string;
  grains: () => Grains;
  pillar: () => Pillar;
  pool: WorkerPool;
  connection: MinionConnection;
  log: Logger;
}

export function jobReceiver(deps: ReceiverDeps): (err: Error | null, msg: Msg) => void {
  return (err, msg) => {
    if (err) return deps.log.error(`job subscription failed: ${err.message}`);
    let job: Job;
    const facts = { grains: deps.grains(), pillar: deps.pillar() };
    try {
      job = parseJob(decodeJson(msg.data, 'job'));
      if (!matchesTarget(job.tgt, job.tgt_type, { id: deps.id, ...facts })) return;
    } catch (e) {
      return deps.log.warn(`ignored a malformed job: ${describeError(e)}`);
    }
    deps.log.info(`running job ${job.jid}: ${String(job.fun)}`);
    runJob(deps, job, facts)
      .then((outcome) => sendReturn(deps, { jid: job.jid, fun: job.fun, fun_args: funArgs(job), ...outcome }))
      .catch((e) => deps.log.error(`job ${job.jid}: cannot send its return: ${describeError(e)}`));
  };
}

/** Runs the job's calls in order; several calls return {function: return}, as in Salt. */
async function runJob(deps: ReceiverDeps, job: Job, facts: { grains: Grains; pillar: Pillar }): Promise<JobOutcome> {
  const run = (call: JobCall) =>
    deps.pool.run({ jid: job.jid, id: deps.id, ...call, ...facts, tgt: job.tgt, tgt_type: job.tgt_type, user: job.user });
  const calls = callsOf(job);
  if (!Array.isArray(job.fun)) return run(calls[0]!);
  const combined: JobOutcome = { return: {}, retcode: 0, success: true };
  for (const call of calls) {
    const outcome = await run(call);
    (combined.return as Record<string, unknown>)[call.fun] = outcome.return;
    if (combined.retcode === 0) combined.retcode = outcome.retcode;
    combined.success &&= outcome.success;
  }
  return combined;
}

/** Publishes a return on this minion's subject for its jid (scheduled jobs' returns too). */
export function sendReturn(deps: Pick<ReceiverDeps, 'id' | 'connection' | 'log'>, ret: JobReturn): void {
  const nc = deps.connection.connection;
  if (!nc) return deps.log.error(`job ${ret.jid} finished while disconnected; its return is lost`);
  let payload = encodeJson(ret);
  if (payload.length > nc.info!.max_payload) {
    const note = `the return of ${ret.fun} is ${payload.length} bytes, over the broker's max_payload of ${nc.info!.max_payload}`;
    deps.log.error(`job ${ret.jid}: ${note}`);
    payload = encodeJson({ ...ret, return: `[SALTTS_RETURN_TOO_LARGE] ${note}`, retcode: 1, success: false });
  }
  nc.publish(Subjects.returnFrom(deps.id, ret.jid), payload);
}

/** Salt's fun_args: the positional arguments, then the keywords as one marked dict (per call). */
function funArgs(job: Job): unknown[] {
  const calls = callsOf(job);
  return Array.isArray(job.fun) ? calls.map(callFunArgs) : callFunArgs(calls[0]!);
}

/** The fun_args of one call. */
function callFunArgs(call: JobCall): unknown[] {
  return Object.keys(call.kwarg).length ? [...call.arg, { ...call.kwarg, __kwarg__: true }] : call.arg;
}
