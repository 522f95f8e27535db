// Fires events on the bus: a tag and a JSON body stamped with the time, as Salt does.
import type { NatsConnection } from '@nats-io/transport-node';
import { Subjects } from '../../shared/protocol/subjects.js';
import { encodeJson } from '../../shared/json-codec.js';

export type FireEvent = (tag: string, data: Record<string, unknown>) => void;

/** Salt's `_stamp`: UTC as Python's isoformat() prints it, microseconds and no zone. */
function eventStamp(at: Date): string {
  return at.toISOString().slice(0, 23) + '000';
}

export function eventFirer(nc: NatsConnection): FireEvent {
  return (tag, data) => nc.publish(Subjects.event(tag), encodeJson({ tag, data: { ...data, _stamp: eventStamp(new Date()) } }));
}
