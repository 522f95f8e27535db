// Events minions send (event.send, event.fire_master, beacons) put on the bus as Salt's
// master does, with the minion id the broker vouches for (the subject), never the one in
// the payload. A minion speaks only for itself: tags in the master's `salt/` namespace
// are refused, except its own `salt/beacon/<id>/...`, `salt/minion/<id>/...` and its state
// runs' `salt/state_result/<jid>/<id>/...` and `salt/job/<jid>/prog/<id>/...`.
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from '../../shared/log.js';
import { decodeJson } from '../../shared/json-codec.js';
import { describeError } from '../../shared/errors.js';
import { parseMinionEvent } from '../../shared/protocol/messages.js';
import { parseMinionNoticeSubject, Subjects } from '../../shared/protocol/subjects.js';
import { JID_PATTERN } from '../../shared/jid.js';
import { parseStateEventTag } from '../../shared/protocol/state-event-tags.js';
import type { FireEvent } from './fire.js';

const beaconPrefix = (id: string) => `salt/beacon/${id}/`;

/** The jid of a state run's own event (`salt/state_result/<jid>/<id>/...` for fire_event,
 * `salt/job/<jid>/prog/<id>/...` for state_events) sent by minion `id`, else null. */
function stateEventJid(id: string, tag: string): string | null {
  const named = parseStateEventTag(tag);
  return named && JID_PATTERN.test(named.jid) && named.id === id ? named.jid : null;
}

/** Null when minion `id` may fire `tag`, else why not. */
export function minionTagRefusal(id: string, tag: string): string | null {
  if (!tag.startsWith('salt/')) return null;
  if (tag.startsWith(beaconPrefix(id)) || tag.startsWith(`salt/minion/${id}/`) || stateEventJid(id, tag)) return null;
  return `tag '${tag}' is in the master's salt/ namespace (a minion may only use its own salt/beacon/${id}/, salt/minion/${id}/ and state run tags)`;
}

/** The event's data on the bus: a beacon's data flat with the minion id (Salt's beacon
 * events), anything else Salt's fire_master load `{id, tag, data, cmd}`, with the jid of a state run's event. */
export function busData(id: string, tag: string, data: Record<string, unknown>): Record<string, unknown> {
  if (tag.startsWith(beaconPrefix(id))) return { ...data, id };
  const jid = stateEventJid(id, tag);
  return { id, tag, data, cmd: '_minion_event', ...(jid ? { jid } : {}) };
}

export function serveMinionEvents(nc: NatsConnection, fire: FireEvent, log: Logger): Subscription {
  return nc.subscribe(Subjects.minionEventsAll, {
    callback: (err, msg) => {
      if (err) return log.error({ err }, 'minion event subscription failed');
      const from = parseMinionNoticeSubject(msg.subject);
      if (!from) return;
      try {
        const event = parseMinionEvent(decodeJson(msg.data, `event from minion ${from.id}`));
        const refusal = minionTagRefusal(from.id, event.tag);
        if (refusal) return log.warn(`refused an event from minion ${from.id}: ${refusal}`);
        fire(event.tag, busData(from.id, event.tag, event.data));
      } catch (err) {
        log.warn(`dropped an event from minion ${from.id}: ${describeError(err)}`);
      }
    },
  });
}
