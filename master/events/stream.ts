// The event bus's memory: a JetStream stream holding every event (`salt.event.>`) for
// `keep_events` hours, so a reactor or watcher that was down catches up on what it missed.
import type { NatsConnection } from '@nats-io/transport-node';
import { JetStreamApiCodes, JetStreamApiError, jetstreamManager, RetentionPolicy, StorageType, type StreamConfig } from '@nats-io/jetstream';
import { Subjects } from '../../shared/protocol/subjects.js';

export const EVENT_STREAM = 'SALT_EVENTS';

/** Creates the stream, or updates its retention when keep_events changed. */
export async function ensureEventStream(nc: NatsConnection, keepHours: number): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const config: Partial<StreamConfig> & { name: string } = {
    name: EVENT_STREAM,
    subjects: [Subjects.eventsAll],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    // 0 hours means "keep until the store limits say otherwise", as keep_jobs: 0 does.
    max_age: Math.round(keepHours * 3600 * 1e9),
  };
  try {
    await jsm.streams.info(EVENT_STREAM);
    await jsm.streams.update(EVENT_STREAM, config);
  } catch (err) {
    if (!isJetStreamNotFound(err)) throw err;
    await jsm.streams.add(config);
  }
}

const NOT_FOUND: number[] = [JetStreamApiCodes.StreamNotFound, JetStreamApiCodes.ConsumerNotFound];

/** Whether a JetStream API call failed because its stream or consumer does not exist. */
export function isJetStreamNotFound(err: unknown): boolean {
  return err instanceof JetStreamApiError && NOT_FOUND.includes(err.code);
}
