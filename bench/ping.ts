// Wall time of `salt-ts '*' test.ping` against a local master and N minions
// (default 3, as in the demo), against two baselines measured in the same run:
// a bare `node` start, and the CLI loading without doing any work.
// Usage: node dist/bench/ping.js [minions=3] [runs=5]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BINS, LocalCluster, runNode, runProcess } from '../scripts/local-cluster.js';

const minionCount = Number(process.argv[2] ?? 3);
const runs = Number(process.argv[3] ?? 5);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function medianOf(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(fn));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function rssMiB(pid: number | undefined): string {
  if (!pid) return '?';
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? (Number(m[1]) / 1024).toFixed(0) : '?';
}

const dir = mkdtempSync(join(tmpdir(), 'salt-ts-bench-'));
const cluster = await LocalCluster.create(dir, { auto_accept: true, log_level: 'warning' });
try {
  await cluster.startMaster();
  const ids = Array.from({ length: minionCount }, (_, i) => `minion${i + 1}`);
  const procs = ids.map((id) => (cluster.writeMinion({ id, options: { log_level: 'warning' } }), cluster.startMinion(id)));
  await cluster.waitForMinions(ids, 120_000);

  const nodeStart = await medianOf(() => runProcess(process.execPath, ['-e', '0']));
  const cliLoad = await medianOf(() => runNode(BINS['salt-ts'], ['--version']));
  const ping = await medianOf(async () => {
    const res = await cluster.cli('salt-ts', ['*', 'test.ping', '--out', 'json']);
    if (res.code !== 0) throw new Error(`test.ping failed: ${res.stderr}`);
  });

  const row = (name: string, ms: number) => `  ${name.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms   x${(ms / nodeStart).toFixed(2)}`;
  process.stdout.write(
    [
      `salt-ts '*' test.ping with ${minionCount} minion(s), median of ${runs} runs (ratio to a bare node start)`,
      row('node -e 0 (baseline)', nodeStart),
      row('salt-ts --version (CLI load)', cliLoad),
      row("salt-ts '*' test.ping", ping),
      `  job cost above CLI load: ${(ping - cliLoad).toFixed(0)} ms`,
      `  RSS: minion ${rssMiB(procs[0]!.pid)} MiB each, nats-server ${rssMiB(Number(readFileSync(join(cluster.masterDir, 'cache/broker/nats-server.pid'), 'utf8')))} MiB`,
      '',
    ].join('\n'),
  );
} finally {
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
