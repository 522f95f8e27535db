// Serves the CLIs' publish requests: works out the expected minions, gives the job
// its jid, tells the caller, then publishes the job to exactly those minions.
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from '../../shared/log.js';
import { decodeJson, encodeJson } from '../../shared/json-codec.js';
import { describeError, isSaltTsError } from '../../shared/errors.js';
import { parsePublishRequest, type Job, type PublishRequest, type PublishStreamMessage } from '../../shared/protocol/messages.js';
import { Subjects } from '../../shared/protocol/subjects.js';
import type { JidGenerator } from '../../shared/jid.js';
import type { FireEvent } from '../events/fire.js';
import type { ReturnTracker } from './tracker.js';
import type { JobCache } from './cache.js';
import { resolveTarget, type ResolvedTarget, type TargetResolver } from './targets.js';

export interface PublishDeps extends TargetResolver {
  jids: JidGenerator;
  tracker: ReturnTracker;
  cache: JobCache;
  fire: FireEvent;
  log: Logger;
}

export function servePublish(nc: NatsConnection, deps: PublishDeps): Subscription {
  return nc.subscribe(Subjects.api('publish'), {
    callback: (err, msg) => (err ? deps.log.error({ err }, 'publish subscription failed') : handle(nc, msg, deps)),
  });
}

function handle(nc: NatsConnection, msg: Msg, deps: PublishDeps): void {
  const reply = (m: PublishStreamMessage) => msg.reply && nc.publish(msg.reply, encodeJson(m));
  let req: PublishRequest;
  let target: ResolvedTarget;
  try {
    req = parsePublishRequest(decodeJson(msg.data, 'publish request'));
    target = resolveTarget(req.tgt, req.tgt_type, deps);
  } catch (err) {
    reply({ kind: 'error', code: isSaltTsError(err) ? err.code : 'SALTTS_BAD_MESSAGE', message: describeError(err) });
    return;
  }
  const { minions } = target;
  if (minions.length === 0 || req.dry_run) {
    reply({ kind: 'job', jid: '', minions });
    return;
  }
  const jid = deps.jids.next();
  if (msg.reply && req.timeout > 0) deps.tracker.track(jid, msg.reply, minions, req.timeout);
  reply({ kind: 'job', jid, minions });
  const job: Job = { jid, tgt: target.tgt, tgt_type: target.tgt_type, fun: req.fun, arg: req.arg, kwarg: req.kwarg, user: req.user };
  const payload = encodeJson(job);
  // One message reaches the whole fleet; a narrower job goes only to the minions it targets.
  if (minions.length === deps.accepted().size) nc.publish(Subjects.jobsAll, payload);
  else for (const id of minions) nc.publish(Subjects.jobsFor(id), payload);
  deps.cache.saveLoad({ ...job, minions, started: new Date().toISOString() });
  deps.fire(`salt/job/${jid}/new`, { jid, tgt: req.tgt, tgt_type: req.tgt_type, fun: req.fun, arg: req.arg, minions, user: req.user });
  deps.log.debug(`published job ${jid} (${req.fun}) to ${minions.length} minion(s)`);
}
