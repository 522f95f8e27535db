// Asks the master to accept this minion's key, over the public registration
// credential that can do nothing else.
import { connect, nkeyAuthenticator } from '@nats-io/transport-node';
import type { KeyPair } from '@nats-io/nkeys';
import { decodeJson, encodeJson } from '../shared/json-codec.js';
import { authPayload, parseAuthReply, type AuthRequest, type KeyStatus } from '../shared/protocol/messages.js';
import { REGISTRATION_SEED } from '../shared/protocol/permissions.js';
import { Inboxes, Subjects } from '../shared/protocol/subjects.js';

const REQUEST_TIMEOUT_MS = 5_000;

/** The key's standing as the master sees it; throws when the master cannot be asked. */
export async function requestAcceptance(url: string, id: string, key: KeyPair): Promise<KeyStatus> {
  const nc = await connect({
    servers: url,
    name: `salt-ts-minion ${id} (registration)`,
    authenticator: nkeyAuthenticator(new TextEncoder().encode(REGISTRATION_SEED)),
    inboxPrefix: Inboxes.registration,
    reconnect: false,
    timeout: REQUEST_TIMEOUT_MS,
  });
  try {
    const pub = key.getPublicKey();
    const ts = Date.now();
    const req: AuthRequest = { id, pub, ts, sig: Buffer.from(key.sign(authPayload(id, pub, ts))).toString('base64') };
    const reply = await nc.request(Subjects.auth, encodeJson(req), { timeout: REQUEST_TIMEOUT_MS });
    return parseAuthReply(decodeJson(reply.data, 'auth reply')).status;
  } finally {
    await nc.close();
  }
}
