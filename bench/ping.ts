// Wall time of `salt-ts '*' test.ping` against a local master with 1, 3 and 10
// minions (median of 5 runs each), next to two baselines measured in the same run:
// a bare `node` start, and the CLI's own start-up (loading, no work).
// Usage: node dist/bench/ping.js [counts=1,3,10] [runs=5]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BINS, LocalCluster, runNode, runProcess } from '../scripts/local-cluster.js';
import { memoryMiB } from '../scripts/proc-memory.js';
import { medianTime } from './median.js';

const counts = (process.argv[2] ?? '1,3,10').split(',').map(Number);
const runs = Number(process.argv[3] ?? 5);

const median = (fn: () => Promise<unknown>) => medianTime(runs, fn);

async function pingWithMinions(count: number): Promise<{ ms: number; minionRss: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'salt-ts-bench-'));
  const cluster = await LocalCluster.create(dir, { auto_accept: true, log_level: 'warning' });
  try {
    await cluster.startMaster();
    const ids = Array.from({ length: count }, (_, i) => `minion${i + 1}`);
    for (const id of ids) {
      cluster.writeMinion({ id, options: { log_level: 'warning' } });
      cluster.startMinion(id);
    }
    await cluster.waitForMinions(ids, 120_000);
    const ms = await median(async () => {
      const res = await cluster.cli('salt-ts', ['*', 'test.ping', '--out', 'json']);
      if (res.code !== 0) throw new Error(`test.ping failed: ${res.stderr}`);
    });
    return { ms, minionRss: memoryMiB(cluster.minionProcess(ids[0]!)!.pid!, 'VmRSS') };
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const nodeStart = await median(() => runProcess(process.execPath, ['-e', '0']));
const cliStart = await median(() => runNode(BINS['salt-ts'], ['--version']));
const row = (name: string, ms: number, extra = '') =>
  `  ${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms   x${(ms / nodeStart).toFixed(2)} of node start${extra}`;
const lines = [`median of ${runs} runs; ratios against a bare node start measured in this run`, row('node -e 0 (baseline)', nodeStart), row('salt-ts --version (CLI start-up)', cliStart)];
for (const count of counts) {
  const { ms, minionRss } = await pingWithMinions(count);
  lines.push(row(`salt-ts '*' test.ping, ${count} minion(s)`, ms, `, ${(ms - cliStart).toFixed(0)} ms above CLI start-up; minion RSS ${minionRss.toFixed(0)} MiB`));
}
process.stdout.write(lines.join('\n') + '\n');
