// The file client the minion's config asks for (Salt's file_client option).
import type { NatsConnection } from '@nats-io/transport-node';
import type { MinionConfig } from '../../shared/config/load.js';
import { FileServerChannel } from './channel.js';
import { LocalFileClient } from './local.js';
import { RemoteFileClient } from './remote.js';
import type { FileClient } from './types.js';

export function fileClientFor(config: MinionConfig, id: string, connection: () => Promise<NatsConnection | null>): FileClient {
  if (config.file_client === 'local') return new LocalFileClient(config.file_roots, config.hash_type);
  return new RemoteFileClient(new FileServerChannel(id, connection), config.cachedir, config.hash_type);
}
