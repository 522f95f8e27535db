// A master and minions on this host, each daemon a real process with its own
// config folder (Salt's minionswarm layout). Used by the demo, the end-to-end
// tests and the benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';

const DIST = fileURLToPath(new URL('..', import.meta.url));

export const BINS = {
  'salt-ts': join(DIST, 'master/cli/salt.js'),
  'salt-ts-key': join(DIST, 'master/cli/key.js'),
  'salt-ts-run': join(DIST, 'master/cli/run.js'),
  'salt-ts-master': join(DIST, 'master/main.js'),
  'salt-ts-minion': join(DIST, 'minion/main.js'),
  'salt-ts-call': join(DIST, 'minion/cli/call.js'),
} as const;

export type Bin = keyof typeof BINS;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface MinionSpec {
  id: string;
  grains?: Record<string, unknown>;
  /** Extra minion config options. */
  options?: Record<string, unknown>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export class LocalCluster {
  readonly masterDir: string;
  private master: ChildProcess | null = null;
  private readonly minions = new Map<string, ChildProcess>();

  private constructor(
    readonly dir: string,
    readonly port: number,
    /** Whether the master accepts new minion keys by itself. */
    readonly autoAccepts: boolean,
  ) {
    this.masterDir = join(dir, 'master');
  }

  /** Writes the master config; `masterOptions` are added to it. */
  static async create(dir: string, masterOptions: Record<string, unknown> = {}): Promise<LocalCluster> {
    const cluster = new LocalCluster(dir, await freePort(), masterOptions.auto_accept === true);
    writeConfig(cluster.masterDir, 'master', {
      root_dir: cluster.masterDir,
      pki_dir: 'pki',
      cachedir: 'cache',
      log_file: 'master.log',
      log_level: 'info',
      nats_port: cluster.port,
      gather_job_timeout: 2, // a local minion answers find_job in milliseconds
      ...masterOptions,
    });
    return cluster;
  }

  minionDir(id: string): string {
    return join(this.dir, id);
  }

  /** Starts the master and resolves once it serves publish requests. */
  async startMaster(): Promise<void> {
    this.master = startDaemon('salt-ts-master', this.masterDir, join(this.masterDir, 'daemon.out'));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (this.master.exitCode !== null) throw new Error(`salt-ts-master exited with code ${this.master.exitCode}; see ${this.masterDir}`);
      const probe = await this.cli('salt-ts', ['__no_such_minion__', 'test.ping']);
      if (probe.code === 2) return;
      await sleep(100);
    }
    throw new Error('salt-ts-master did not come up within 20 s');
  }

  async stopMaster(): Promise<void> {
    if (this.master) await stopProcess(this.master, 'SIGTERM');
    this.master = null;
  }

  /** The process of a minion started from `configDir`. */
  minionProcess(id: string, configDir = this.minionDir(id)): ChildProcess | undefined {
    return this.minions.get(`${id}@${configDir}`);
  }

  /** Writes a minion config folder (by default named after the id) and returns it. */
  writeMinion(spec: MinionSpec, dir = this.minionDir(spec.id)): string {
    writeConfig(dir, 'minion', {
      id: spec.id,
      master: '127.0.0.1',
      nats_port: this.port,
      root_dir: dir,
      pki_dir: 'pki',
      cachedir: 'cache',
      log_file: 'minion.log',
      log_level: 'info',
      acceptance_wait_time: 1,
      recon_default: 500,
      recon_max: 2000,
      ...(spec.grains ? { grains: spec.grains } : {}),
      ...spec.options,
    });
    return dir;
  }

  /** Starts a minion daemon from its config folder (written with writeMinion). */
  startMinion(id: string, configDir = this.minionDir(id)): ChildProcess {
    const child = startDaemon('salt-ts-minion', configDir, join(configDir, 'daemon.out'));
    this.minions.set(`${id}@${configDir}`, child);
    return child;
  }

  /** Writes each spec's config folder and starts its minion. */
  startMinions(specs: MinionSpec[]): void {
    for (const spec of specs) {
      this.writeMinion(spec);
      this.startMinion(spec.id);
    }
  }

  async stopMinion(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await stopProcess(child, signal);
  }

  /** Runs a master-side CLI against this cluster's master. */
  cli(bin: 'salt-ts' | 'salt-ts-key' | 'salt-ts-run', args: string[], timeoutMs = 60_000): Promise<CliResult> {
    return runNode(BINS[bin], ['-c', this.masterDir, ...args], timeoutMs);
  }

  /** Polls until every id answers test.ping. */
  async waitForMinions(ids: string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const res = await this.cli('salt-ts', ['-L', ids.join(','), 'test.ping', '--out', 'json', '-t', '2']);
      if (ids.every((id) => res.stdout.includes(`"${id}": true`))) return;
      await sleep(250);
    }
    throw new Error(`minions ${ids.join(', ')} did not all answer within ${timeoutMs} ms`);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.minions.values()].map((c) => stopProcess(c, 'SIGTERM')));
    if (this.master) await stopProcess(this.master, 'SIGTERM');
  }
}

function writeConfig(dir: string, file: string, options: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), stringify(options));
}

function startDaemon(bin: Bin, configDir: string, outFile: string): ChildProcess {
  const child = spawn(process.execPath, [BINS[bin], '-c', configDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(outFile, { flags: 'a' });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  return child;
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Runs a node script to completion, collecting its output. */
export function runNode(script: string, args: string[], timeoutMs = 60_000): Promise<CliResult> {
  return runProcess(process.execPath, [script, ...args], timeoutMs);
}

export function runProcess(command: string, args: string[], timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
