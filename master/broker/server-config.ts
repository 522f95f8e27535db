// The embedded nats-server's main config file. It includes the authorization
// file, which is the only part ever rewritten while the server runs.
import { join } from 'node:path';

export interface ServerLayout {
  host: string;
  port: number;
  /** Folder for everything the broker writes: JetStream store, log, pid file. */
  dir: string;
}

export const brokerFiles = (dir: string) => ({
  config: join(dir, 'nats-server.conf'),
  authorization: join(dir, 'authorization.conf'),
  pid: join(dir, 'nats-server.pid'),
  log: join(dir, 'nats-server.log'),
  jetstream: join(dir, 'jetstream'),
});

export function renderServerConfig(layout: ServerLayout): string {
  const files = brokerFiles(layout.dir);
  return [
    `listen: ${JSON.stringify(`${layout.host}:${layout.port}`)}`,
    `server_name: "salt-ts-master"`,
    `pid_file: ${JSON.stringify(files.pid)}`,
    `log_file: ${JSON.stringify(files.log)}`,
    `jetstream {\n  store_dir: ${JSON.stringify(files.jetstream)}\n}`,
    `include ./authorization.conf`,
    '',
  ].join('\n');
}
