// Minions announce themselves when they connect, with their grains: the master
// refreshes its grains cache and fires Salt's start event.
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from '../shared/log.js';
import { decodeJson } from '../shared/json-codec.js';
import { describeError } from '../shared/errors.js';
import { parseMinionStart } from '../shared/protocol/messages.js';
import { parseMinionNoticeSubject, Subjects } from '../shared/protocol/subjects.js';
import type { GrainsCache } from './grains-cache.js';
import type { FireEvent } from './events.js';

export function serveMinionStarts(nc: NatsConnection, grains: GrainsCache, fire: FireEvent, log: Logger): Subscription {
  return nc.subscribe(Subjects.minionNoticesAll('start'), {
    callback: (err, msg) => {
      if (err) return log.error({ err }, 'minion start subscription failed');
      const from = parseMinionNoticeSubject(msg.subject);
      if (!from) return;
      try {
        grains.set(from.id, { ...parseMinionStart(decodeJson(msg.data, `start notice from ${from.id}`)).grains, id: from.id });
        fire(`salt/minion/${from.id}/start`, { id: from.id });
        log.info(`minion ${from.id} started`);
      } catch (err) {
        log.warn(`dropped a start notice: ${describeError(err)}`);
      }
    },
  });
}
