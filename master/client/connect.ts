// How the CLIs on the master's host reach the master: the broker address from the
// master config, and the client credential from its pki_dir.
import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { loadMasterConfig, type MasterConfig } from '../../shared/config/load.js';
import { masterBrokerUrl } from '../../shared/broker-url.js';
import { SaltTsError } from '../../shared/errors.js';
import { Inboxes } from '../../shared/protocol/subjects.js';
import { readCliCredential } from '../credentials.js';

const CONNECT_TIMEOUT_MS = 3_000;

export function loadCliConfig(configDir: string): MasterConfig {
  return loadMasterConfig(configDir, (msg) => process.stderr.write(`[WARNING ] ${msg}\n`));
}

export async function connectAsCli(config: MasterConfig): Promise<NatsConnection> {
  const key = readCliCredential(config.pki_dir, config.config_dir);
  const url = masterBrokerUrl(config);
  try {
    return await connect({
      servers: url,
      name: 'salt-ts cli',
      authenticator: nkeyAuthenticator(key.getSeed()),
      inboxPrefix: Inboxes.cli,
      reconnect: false,
      timeout: CONNECT_TIMEOUT_MS,
    });
  } catch (err) {
    throw new SaltTsError(
      'SALTTS_MASTER_UNREACHABLE',
      `cannot reach the master's broker at ${url} (${(err as Error).message}): is salt-ts-master running with -c ${config.config_dir}?`,
    );
  }
}
