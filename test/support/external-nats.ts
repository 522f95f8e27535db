// An operator's own nats-server for a fleet whose master has nats_url set: JetStream on,
// the master's authorization file included, and a reload each time the master changes
// that file (as an operator's config management would). It outlives master restarts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, unwatchFile, watchFile, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export class ExternalNats {
  private constructor(
    private readonly server: ChildProcess,
    private readonly authFile: string,
  ) {}

  /** Waits for the master to write `authFile`, then starts the server beside it on `port`. */
  static async start(authFile: string, port: number, storeDir: string, timeoutMs = 20_000): Promise<ExternalNats> {
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(authFile)) {
      if (Date.now() > deadline) throw new Error(`${authFile} was not written within ${timeoutMs} ms`);
      await sleep(50);
    }
    mkdirSync(storeDir, { recursive: true });
    // nats-server reads include paths relative to the including file, so the config sits beside it.
    const config = join(dirname(authFile), 'operator-nats.conf');
    writeFileSync(config, [`listen: "127.0.0.1:${port}"`, `log_file: ${JSON.stringify(join(storeDir, 'nats-server.log'))}`, `jetstream {\n  store_dir: ${JSON.stringify(storeDir)}\n}`, `include ./${authFile.split('/').pop()}`, ''].join('\n'));
    const server = spawn('nats-server', ['-c', config], { stdio: 'ignore' });
    // Reload only on a real change: a master rewrites the same text at each start, and a
    // reload while a client authenticates can refuse it.
    let applied = readFileSync(authFile, 'utf8');
    watchFile(authFile, { interval: 100 }, () => {
      const text = readFileSync(authFile, 'utf8');
      if (text === applied) return;
      applied = text;
      server.kill('SIGHUP');
    });
    return new ExternalNats(server, authFile);
  }

  async stop(): Promise<void> {
    unwatchFile(this.authFile);
    if (this.server.exitCode !== null || this.server.signalCode !== null) return;
    const exited = new Promise((resolve) => this.server.once('exit', resolve));
    this.server.kill('SIGTERM');
    await exited;
  }
}
