// The reactor's place in the event stream: a durable JetStream consumer with explicit
// acks, so events that arrive while the master is away wait for it. Made the first time
// the reactor runs, starting from the master's start; removed when no reactor is configured,
// so that turning it on later does not replay old events.
import type { NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstreamManager } from '@nats-io/jetstream';
import { Subjects } from '../../shared/protocol/subjects.js';
import { EVENT_STREAM, isJetStreamNotFound } from '../events/stream.js';

export const REACTOR_DURABLE = 'salt-ts-reactor';

/** How long the broker waits for an ack before delivering an event again. */
const ACK_WAIT_NS = 10e9;

export async function ensureReactorConsumer(nc: NatsConnection, since: Date): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const exists = await jsm.consumers.info(EVENT_STREAM, REACTOR_DURABLE).then(() => true, (err) => (isJetStreamNotFound(err) ? false : Promise.reject(err)));
  if (exists) return;
  await jsm.consumers.add(EVENT_STREAM, {
    durable_name: REACTOR_DURABLE,
    ack_policy: AckPolicy.Explicit,
    ack_wait: ACK_WAIT_NS,
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: since.toISOString(),
    filter_subject: Subjects.eventsAll,
  });
}

/** Whether a consumer was removed. */
export async function removeReactorConsumer(nc: NatsConnection): Promise<boolean> {
  const jsm = await jetstreamManager(nc);
  return jsm.consumers.delete(EVENT_STREAM, REACTOR_DURABLE).catch((err) => (isJetStreamNotFound(err) ? false : Promise.reject(err)));
}

/** The stream's creation time, which tells one stream from a later one of the same name. */
export async function streamCreated(nc: NatsConnection): Promise<string> {
  const jsm = await jetstreamManager(nc);
  return (await jsm.streams.info(EVENT_STREAM)).created;
}
