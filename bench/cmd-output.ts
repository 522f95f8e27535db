// Memory of a minion while cmd.run returns a command's huge output: the minion's
// peak RSS after a 200 MB command, against its peak after a tiny command (the
// baseline), measured in the same run on the same minion.
// Usage: node dist/bench/cmd-output.js [megabytes=200]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCluster } from '../scripts/local-cluster.js';
import { memoryMiB } from '../scripts/proc-memory.js';

const megabytes = Number(process.argv[2] ?? 200);

const dir = mkdtempSync(join(tmpdir(), 'salt-ts-bench-cmd-'));
const cluster = await LocalCluster.create(dir, { auto_accept: true, log_level: 'warning' });
try {
  await cluster.startMaster();
  cluster.writeMinion({ id: 'bench1', options: { log_level: 'warning' } });
  const pid = cluster.startMinion('bench1').pid!;
  await cluster.waitForMinions(['bench1']);

  const run = async (command: string) => {
    const start = performance.now();
    const res = await cluster.cli('salt-ts', ['bench1', 'cmd.run', command, '--out', 'json', '-t', '120']);
    if (res.code !== 0) throw new Error(`cmd.run failed: ${res.stderr}`);
    return { ms: performance.now() - start, bytes: res.stdout.length };
  };
  const small = await run('echo small');
  const baseline = memoryMiB(pid, 'VmHWM');
  const big = await run(`head -c ${megabytes * 1024 * 1024} /dev/zero | tr '\\0' x`);
  const peak = memoryMiB(pid, 'VmHWM');
  process.stdout.write(
    [
      `minion peak RSS around cmd.run (same minion, same run)`,
      `  after 'echo small' (baseline)       ${baseline.toFixed(0).padStart(5)} MiB   ${small.ms.toFixed(0)} ms`,
      `  after ${megabytes} MB of output          ${peak.toFixed(0).padStart(5)} MiB   ${big.ms.toFixed(0)} ms   x${(peak / baseline).toFixed(2)} of baseline, returned ${big.bytes} bytes`,
      '',
    ].join('\n'),
  );
} finally {
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
