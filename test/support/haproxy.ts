// A real haproxy of a test's own: config and admin stats socket in a temp dir, a frontend
// on a free loopback port, and backend `app` with servers a1 and a2, two small Node HTTP
// servers that answer their own name (and hold /hold requests until release()).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { createConnection, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/local-cluster.js';
import { httpGet } from './http-get.js';

export interface Haproxy {
  socket: string;
  /** GETs path through the frontend on a fresh connection; resolves with the answering server's name. */
  request(path?: string): Promise<string>;
  /** Answers every held /hold request. */
  release(): void;
  stop(): Promise<void>;
}

async function appServer(name: string, held: ServerResponse[]): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/hold') held.push(res.writeHead(200));
    else res.writeHead(200).end(name);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const canConnect = (path: string) => new Promise<boolean>((resolve) => {
  const conn = createConnection({ path }, () => resolve(conn.end() !== undefined)).on('error', () => resolve(false));
});

export async function startHaproxy(): Promise<Haproxy> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'salt-ts-haproxy-')));
  const socket = join(dir, 'haproxy.sock');
  const held: ServerResponse[] = [];
  const apps = [await appServer('a1', held), await appServer('a2', held)];
  const [a1, a2] = apps.map((app) => (app.address() as AddressInfo).port);
  const port = await freePort();
  const conf = join(dir, 'haproxy.cfg');
  writeFileSync(conf, [
    'global', `  stats socket ${socket} mode 600 level admin`,
    'defaults', '  mode http', '  timeout connect 2s', '  timeout client 30s', '  timeout server 30s',
    'frontend www', `  bind 127.0.0.1:${port}`, '  default_backend app',
    'backend app', '  balance roundrobin', `  server a1 127.0.0.1:${a1}`, `  server a2 127.0.0.1:${a2}`,
    'backend other', `  server a1 127.0.0.1:${a1}`, '',
  ].join('\n'));
  const daemon: ChildProcess = spawn('haproxy', ['-f', conf, '-db'], { stdio: 'ignore' });
  while (!(await canConnect(socket))) {
    if (daemon.exitCode != null) throw new Error(`haproxy exited (${daemon.exitCode}) with ${conf}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    socket,
    request: async (path = '/') => (await httpGet(port, path)).body,
    release: () => held.splice(0).forEach((res) => res.end('held')),
    stop: async () => {
      if (daemon.exitCode == null) {
        const exited = once(daemon, 'exit');
        daemon.kill('SIGTERM');
        await exited;
      }
      for (const app of apps) {
        app.closeAllConnections();
        await new Promise((resolve) => app.close(resolve));
      }
    },
  };
}
