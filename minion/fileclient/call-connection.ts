// salt-ts-call with file_client: remote has no daemon connection: it opens its own with
// the minion's key, once, on the first salt:// request (most calls never need one).
import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import type { MinionConfig } from '../../shared/config/load.js';
import { Inboxes } from '../../shared/protocol/subjects.js';
import { minionBrokerUrl } from '../../shared/broker-url.js';
import { minionKeyPair } from '../identity.js';

const CONNECT_TIMEOUT_MS = 5_000;

export function connectOnDemand(config: MinionConfig, id: string): () => Promise<NatsConnection> {
  let nc: Promise<NatsConnection> | null = null;
  return () =>
    (nc ??= connect({
      servers: minionBrokerUrl(config),
      name: `salt-ts-call ${id}`,
      authenticator: nkeyAuthenticator(minionKeyPair(config).getSeed()),
      inboxPrefix: Inboxes.minion(id),
      reconnect: false,
      timeout: CONNECT_TIMEOUT_MS,
    }));
}
