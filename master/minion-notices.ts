// Minions announce their grains when they connect (`start`) and after a grains
// refresh (`grains`): the master refreshes its grains cache, and for a start fires
// Salt's start event and compiles the minion's pillar for pillar targeting.
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from '../shared/log.js';
import { decodeJson } from '../shared/json-codec.js';
import { describeError } from '../shared/errors.js';
import { parseMinionStart } from '../shared/protocol/messages.js';
import { parseMinionNoticeSubject, Subjects } from '../shared/protocol/subjects.js';
import type { GrainsCache } from './grains-cache.js';
import type { FireEvent } from './events/fire.js';

export function serveMinionNotices(nc: NatsConnection, grains: GrainsCache, fire: FireEvent, log: Logger, onStart: (id: string) => void): Subscription {
  return nc.subscribe(Subjects.minionNoticesAll, {
    callback: (err, msg) => {
      if (err) return log.error({ err }, 'minion notice subscription failed');
      const from = parseMinionNoticeSubject(msg.subject);
      if (!from || (from.notice !== 'start' && from.notice !== 'grains')) return;
      try {
        const reported = parseMinionStart(decodeJson(msg.data, `${from.notice} notice from ${from.id}`)).grains;
        grains.set(from.id, { ...reported, id: from.id }).catch((e) => log.error(`cannot cache the grains of ${from.id}: ${describeError(e)}`));
        if (from.notice === 'start') {
          fire(`salt/minion/${from.id}/start`, { id: from.id });
          onStart(from.id);
          log.info(`minion ${from.id} started`);
        }
      } catch (err) {
        log.warn(`dropped a minion notice: ${describeError(err)}`);
      }
    },
  });
}
