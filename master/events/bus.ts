// Reading the event bus live: every event published from now on (core NATS, no history;
// the SALT_EVENTS stream is for catching up), as {tag, data}.
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { decodeJson } from '../../shared/json-codec.js';
import { Subjects } from '../../shared/protocol/subjects.js';
import { isRecord } from '../../shared/output/sorted-keys.js';
import { globMatch } from '../../shared/targeting/glob.js';

export interface BusEvent {
  tag: string;
  data: Record<string, unknown>;
}

/** An event's tag and data from its decoded body, or null when the body is not an event. */
export function busEventOf(body: unknown): BusEvent | null {
  return isRecord(body) && typeof body.tag === 'string' && isRecord(body.data) ? { tag: body.tag, data: body.data } : null;
}

function parseBusEvent(payload: Uint8Array): BusEvent | null {
  try {
    return busEventOf(decodeJson(payload, 'event'));
  } catch {
    return null;
  }
}

/** Events on `subject` (every event by default); stop with `subscription.unsubscribe()`. */
export function watchBus(nc: NatsConnection, subject: string = Subjects.eventsAll): { subscription: Subscription; events: AsyncIterable<BusEvent> } {
  const subscription = nc.subscribe(subject);
  async function* events(): AsyncGenerator<BusEvent> {
    for await (const msg of subscription) {
      const event = parseBusEvent(msg.data);
      if (event) yield event;
    }
  }
  return { subscription, events: events() };
}

/** Salt's expr_match for tags: the same text, a glob (`*` spans `/`), or a regex of the whole tag. */
export function tagMatches(expr: string, tag: string): boolean {
  if (expr === tag) return true;
  try {
    return globMatch(expr, tag) || new RegExp(`^(?:${expr})$`, 's').test(tag);
  } catch {
    return false;
  }
}

/** The narrowest subject that carries every tag a glob can match: its wildcard-free
 * leading parts (`myapp/build/*` → salt.event.myapp.build.>), the tag's own subject when
 * it has no wildcard, else every event. */
export function subjectForTagGlob(glob: string): string {
  const wild = glob.search(/[*?[]/);
  if (wild === -1) return Subjects.event(glob);
  const parts = glob.slice(0, wild).split('/').slice(0, -1);
  return parts.length ? `${Subjects.event(parts.join('/'))}.>` : Subjects.eventsAll;
}
