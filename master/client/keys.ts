// Tells the master that the key store changed, so it reloads the broker's authorization.
import type { NatsConnection } from '@nats-io/transport-node';
import { Subjects } from '../../shared/protocol/subjects.js';

export async function notifyKeysChanged(nc: NatsConnection): Promise<void> {
  await nc.request(Subjects.api('keys'), undefined, { timeout: 5_000 });
}
