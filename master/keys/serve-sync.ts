// salt-ts-key edits the key store files, then asks the master to apply them.
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from '../../shared/log.js';
import { describeError } from '../../shared/errors.js';
import { encodeJson } from '../../shared/json-codec.js';
import { Subjects } from '../../shared/protocol/subjects.js';
import type { KeysChangedReply } from '../../shared/protocol/messages.js';

export function serveKeySync(nc: NatsConnection, apply: () => Promise<number>, log: Logger): Subscription {
  return nc.subscribe(Subjects.api('keys'), {
    callback: (err, msg) => {
      if (err) return log.error({ err }, 'key sync subscription failed');
      apply().then(
        (accepted) => {
          const reply: KeysChangedReply = { accepted };
          msg.respond(encodeJson(reply));
        },
        (e) => log.error(`applying the key store failed: ${describeError(e)}`),
      );
    },
  });
}
