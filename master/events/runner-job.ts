// A runner run recorded as Salt records one: `salt/run/<jid>/new` when it starts and
// `salt/run/<jid>/ret` when it ends, and a job in the job cache (its load and the return
// of the master's `<host>_master` id) that jobs.list_jobs and jobs.lookup_jid read.
// For a state run (orchestration) every step also fires its start and its result.
import type { NatsConnection } from '@nats-io/transport-node';
import { JobCache } from '../jobs/cache.js';
import type { LowChunk, StateResult } from '../../shared/state/types.js';
import { stateProgressTag } from '../../shared/protocol/state-event-tags.js';
import { eventFirer, type FireEvent } from './fire.js';

export interface RunnerJobSpec {
  jid: string;
  /** The master's id, `<host>_master`: the job's target and its one returner. */
  id: string;
  /** `runner.<module>.<function>`, as Salt names runner jobs. */
  fun: string;
  /** Positional arguments, then the keyword arguments as one dict when there are any. */
  fun_args: unknown[];
  user: string;
}

export class RunnerJob {
  private readonly fire: FireEvent;
  private readonly cache: JobCache;

  constructor(private readonly nc: NatsConnection, cachedir: string, readonly spec: RunnerJobSpec) {
    this.fire = eventFirer(nc);
    this.cache = new JobCache(cachedir);
  }

  private get head(): Record<string, unknown> {
    const { fun, jid, user, fun_args } = this.spec;
    return { fun, jid, user, fun_args };
  }

  async start(): Promise<void> {
    const { jid, id, fun, fun_args, user } = this.spec;
    this.fire(`salt/run/${jid}/new`, this.head);
    await this.cache.saveLoad({ jid, tgt: id, tgt_type: 'glob', fun, arg: fun_args, kwarg: {}, user, minions: [id], started: new Date().toISOString() });
  }

  /** Salt's state_events for a state run of `total` states: each step's start, and its
   * result (with duration) on `salt/job/<jid>/prog/<id>/<run_num>` as {ret, len}. */
  stateEvents(total: number): { onStart(chunk: LowChunk): void; onResult(key: string, result: StateResult): void } {
    const tag = (last: string | number) => stateProgressTag(this.spec.jid, this.spec.id, last);
    return {
      onStart: (chunk) =>
        this.fire(tag('start'), { __id__: chunk.__id__, name: chunk.name, state: `${chunk.state}.${chunk.fun}`, __sls__: chunk.__sls__, len: total }),
      onResult: (_key, result) => this.fire(tag(result.__run_num__), { ret: result, len: total }),
    };
  }

  /** `display` is what the runner printed (Salt's `return` carries it with its outputter). */
  async finish(result: unknown, display: { data: unknown; outputter: string }, retcode: number): Promise<void> {
    const { jid, id, fun, fun_args } = this.spec;
    const success = retcode === 0;
    this.fire(`salt/run/${jid}/ret`, { ...this.head, return: { ...display, retcode }, success });
    await Promise.all([this.cache.saveReturn(id, { jid, fun, fun_args, return: result, retcode, success }), this.nc.flush()]);
  }
}
