// Sends an event to the master's bus (Salt's fire_master): the daemon's beacons and
// jobs' event.send use it. The master stamps the true minion id on what arrives.
import type { NatsConnection } from '@nats-io/transport-node';
import { encodeJson } from '../../shared/json-codec.js';
import type { MinionEvent } from '../../shared/protocol/messages.js';
import { Subjects } from '../../shared/protocol/subjects.js';

export type FireMaster = (tag: string, data: Record<string, unknown>) => boolean;

/** False when the minion is not connected now: the event is dropped, as Salt drops it. */
export function masterEventSender(id: string, connection: () => NatsConnection | null): FireMaster {
  return (tag, data) => {
    const nc = connection();
    if (!nc) return false;
    const event: MinionEvent = { tag, data };
    nc.publish(Subjects.minionEvent(id), encodeJson(event));
    return true;
  };
}
