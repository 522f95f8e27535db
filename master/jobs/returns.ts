// Collects minions' returns. The minion id comes from the subject, which the broker
// only lets that minion publish on, never from the payload. A return is recorded for a
// job the master published, or for a job the minion's scheduler ran (marked, as Salt
// marks it, with `schedule: <job name>`): that one gets a load naming the minion alone.
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from '../../shared/log.js';
import { decodeJson } from '../../shared/json-codec.js';
import { describeError } from '../../shared/errors.js';
import { parseJobReturn, type JobReturn } from '../../shared/protocol/messages.js';
import { parseReturnSubject, Subjects } from '../../shared/protocol/subjects.js';
import type { FireEvent } from '../events/fire.js';
import type { ReturnTracker } from './tracker.js';
import type { JobCache, JobLoad } from './cache.js';

/** Salt's load of a scheduled job names no user, so its jobs runner shows the default, root. */
const SCHEDULED_JOB_USER = 'root';

export function serveReturns(nc: NatsConnection, tracker: ReturnTracker, cache: JobCache, fire: FireEvent, log: Logger): Subscription {
  return nc.subscribe(Subjects.returnsAll, {
    callback: (err, msg) => {
      if (err) return log.error({ err }, 'return subscription failed');
      const from = parseReturnSubject(msg.subject);
      if (!from) return;
      try {
        const ret = parseJobReturn(decodeJson(msg.data, `return from ${from.id}`));
        if (ret.jid !== from.jid) throw new Error(`return from ${from.id} names job ${ret.jid} on the subject of job ${from.jid}`);
        const { schedule } = ret;
        // A return someone waits for is of a published job: no need to look for its load.
        if (!tracker.deliver(from.id, ret) && !cache.hasLoad(ret.jid)) {
          if (schedule === undefined) throw new Error(`return from ${from.id} for job ${ret.jid}, which the master never published`);
          void cache.saveLoad(scheduledLoad(from.id, ret, schedule));
        }
        void cache.saveReturn(from.id, ret);
        fire(`salt/job/${ret.jid}/ret/${from.id}`, { id: from.id, ...ret });
      } catch (err) {
        log.warn(`dropped a return: ${describeError(err)}`);
      }
    },
  });
}

/** The load of a job a minion's scheduler ran: targeted at that minion alone, as Salt records it. */
function scheduledLoad(id: string, ret: JobReturn, schedule: string): JobLoad {
  return {
    jid: ret.jid, tgt: id, tgt_type: 'glob', fun: ret.fun, arg: ret.fun_args, kwarg: {}, user: SCHEDULED_JOB_USER, minions: [id],
    started: new Date().toISOString(), schedule,
  };
}
