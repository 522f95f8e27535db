// Answers minions that ask to be let in (Salt's salt/auth): checks the request is
// signed by the key it carries, files the key, and applies an acceptance at once.
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { fromPublic } from '@nats-io/nkeys';
import type { Logger } from '../shared/log.js';
import { decodeJson, encodeJson } from '../shared/json-codec.js';
import { authPayload, parseAuthRequest, type AuthReply, type KeyStatus } from '../shared/protocol/messages.js';
import { Subjects } from '../shared/protocol/subjects.js';
import { describeError } from '../shared/errors.js';
import type { KeyStore } from './keys/store.js';
import type { FireEvent } from './events/fire.js';

/** A signed request older or newer than this is refused, so a captured one cannot be replayed later. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const SALT_AUTH_ACT: Record<KeyStatus, string> = { accepted: 'accept', pending: 'pend', rejected: 'reject', denied: 'denied' };

export interface RegistrationDeps {
  keys: KeyStore;
  autoAccept: () => boolean;
  /** The accepted keys as the master holds them. */
  accepted: () => ReadonlyMap<string, string>;
  /** Called when a key became accepted here; the minion is told once it resolves. */
  onAccepted: () => Promise<unknown>;
  fire: FireEvent;
  log: Logger;
}

export function serveRegistration(nc: NatsConnection, deps: RegistrationDeps): Subscription {
  return nc.subscribe(Subjects.auth, {
    callback: (err, msg) => {
      if (err) return deps.log.error({ err }, 'auth subscription failed');
      answer(msg, deps).catch((e) => deps.log.error(`answering an auth request failed: ${describeError(e)}`));
    },
  });
}

async function answer(msg: Msg, deps: RegistrationDeps): Promise<void> {
  let id: string, pub: string;
  try {
    const req = parseAuthRequest(decodeJson(msg.data, 'auth request'));
    if (Math.abs(Date.now() - req.ts) > MAX_CLOCK_SKEW_MS) throw new Error(`auth request from ${req.id} is stale (clock skew?)`);
    if (!fromPublic(req.pub).verify(authPayload(req.id, req.pub, req.ts), Buffer.from(req.sig, 'base64'))) {
      throw new Error(`auth request from ${req.id} is not signed by the key it presents`);
    }
    ({ id, pub } = req);
  } catch (err) {
    deps.log.warn(`refused an auth request: ${describeError(err)}`);
    return;
  }
  const before = deps.keys.statusOf(id);
  const status = deps.keys.submit(id, pub, deps.autoAccept(), deps.accepted());
  if (status === 'accepted' && before !== 'accepted') await deps.onAccepted();
  if (status !== before) deps.log.info(`key for minion ${id}: ${status}`);
  if (status === 'denied') deps.log.warn(`minion ${id} presented a key that differs from its accepted one: denied`);
  deps.fire('salt/auth', { id, pub, act: SALT_AUTH_ACT[status], result: status === 'accepted' });
  const reply: AuthReply = { status };
  msg.respond(encodeJson(reply));
}
