// Starts the embedded nats-server, restarts it if it dies, reloads its
// authorization on key changes, and stops it with the master.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SaltTsError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { brokerFiles, renderServerConfig, type ServerLayout } from './server-config.js';
import { findNatsServer } from './find-binary.js';
import { processAlive } from '../../shared/process-alive.js';

const READY_TIMEOUT_MS = 10_000;
const MAX_RESTART_DELAY_MS = 5_000;
const RELOAD_COALESCE_MS = 25;
/** nats-server applies a reload within a few milliseconds of the signal (measured: 1-7 ms). */
const RELOAD_SETTLE_MS = 20;

export class BrokerSupervisor {
  private child: ChildProcess | null = null;
  private stopping = false;
  private restartDelay = 250;
  private pendingAuthorization: string | null = null;
  private pendingReload: Promise<void> | null = null;
  private readonly files;
  private readonly binary: string;

  constructor(private readonly layout: ServerLayout, bin: string, private readonly log: Logger) {
    this.files = brokerFiles(layout.dir);
    this.binary = findNatsServer(bin);
  }

  /** Writes the config and starts the server; resolves once it accepts connections. */
  async start(authorization: string): Promise<void> {
    mkdirSync(this.layout.dir, { recursive: true, mode: 0o700 });
    await killStale(this.files.pid, this.log);
    writeFileSync(this.files.config, renderServerConfig(this.layout), { mode: 0o600 });
    this.writeAuthorization(authorization);
    await this.spawnAndWait();
  }

  /** Applies a new authorization block to the running server. Changes that come
   * close together (a fleet accepted at once) share one reload, since a connection
   * made while the server reloads can fail; resolves once the reload is done. */
  reload(authorization: string): Promise<void> {
    this.pendingAuthorization = authorization;
    this.pendingReload ??= sleep(RELOAD_COALESCE_MS).then(async () => {
      this.writeAuthorization(this.pendingAuthorization!);
      this.pendingReload = null;
      if (this.child?.pid) this.child.kill('SIGHUP');
      await sleep(RELOAD_SETTLE_MS);
    });
    return this.pendingReload;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  private writeAuthorization(text: string): void {
    const tmp = `${this.files.authorization}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, this.files.authorization);
  }

  private async spawnAndWait(): Promise<void> {
    // Its own process group: a Ctrl-C meant for the master must not stop the broker
    // behind the master's back (the master stops it itself, in order).
    const child = spawn(this.binary, ['-c', this.files.config], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    this.child = child;
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    const ready = await Promise.race([waitForPort(this.layout.host, this.layout.port), exited.then(() => false)]);
    if (!ready) {
      if (child.exitCode === null) child.kill('SIGKILL');
      throw new SaltTsError(
        'SALTTS_BROKER_FAILED',
        `nats-server did not start on ${this.layout.host}:${this.layout.port}: ${lastLines(stderr + readLog(this.files.log))}`,
      );
    }
    this.log.info({ pid: child.pid }, `nats-server ready on ${this.layout.host}:${this.layout.port}`);
    this.restartDelay = 250;
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || child !== this.child) return;
    this.log.error(`nats-server exited (code ${code}, signal ${signal}); restarting in ${this.restartDelay} ms`);
    const delay = this.restartDelay;
    this.restartDelay = Math.min(this.restartDelay * 2, MAX_RESTART_DELAY_MS);
    void sleep(delay).then(async () => {
      if (this.stopping) return;
      try {
        await this.spawnAndWait();
      } catch (err) {
        this.log.error({ err }, 'nats-server restart failed');
        this.onExit(this.child!, null, null);
      }
    });
  }
}

async function waitForPort(host: string, port: number): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const target = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const sock = tcpConnect({ host: target, port }, () => (sock.end(), resolve(true)));
      sock.once('error', () => resolve(false));
    });
    if (open) return true;
    await sleep(50);
  }
  return false;
}

/** A broker left behind by a master that was killed would hold the port: end it. */
async function killStale(pidFile: string, log: Logger): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('nats-server')) return;
  } catch {
    return;
  }
  log.warn(`stopping nats-server ${pid} left behind by an earlier master`);
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 100 && processAlive(pid); i++) await sleep(20);
}

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function lastLines(text: string): string {
  const lines = text.trim().split('\n').filter(Boolean).slice(-3);
  return lines.length ? lines.join(' | ') : 'no output';
}
