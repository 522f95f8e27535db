// A large file through the file server: cp.cache_file of a 200 MB file from the master to
// a minion, its wall time and throughput, then a second call that the cache answers; and
// the minion's peak RSS after it against its peak after caching a tiny file (the
// baseline), measured in the same run on the same minion.
// Usage: node dist/bench/file-transfer.js [megabytes=200]
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCluster } from '../scripts/local-cluster.js';
import { memoryMiB } from '../scripts/proc-memory.js';

const megabytes = Number(process.argv[2] ?? 200);

const dir = mkdtempSync(join(tmpdir(), 'salt-ts-bench-files-'));
const cluster = await LocalCluster.create(dir, { auto_accept: true, log_level: 'warning', file_roots: { base: ['states'] } });
try {
  const states = join(cluster.masterDir, 'states');
  mkdirSync(states, { recursive: true });
  writeFileSync(join(states, 'tiny.txt'), 'tiny\n');
  const big = join(states, 'big.bin');
  writeFileSync(big, '');
  const block = randomBytes(1024 * 1024); // random, so nothing on the way can compress it
  for (let i = 0; i < megabytes; i++) appendFileSync(big, block);

  await cluster.startMaster();
  cluster.writeMinion({ id: 'bench1', options: { log_level: 'warning' } });
  const pid = cluster.startMinion('bench1').pid!;
  await cluster.waitForMinions(['bench1']);

  const cache = async (url: string) => {
    const start = performance.now();
    const res = await cluster.cli('salt-ts', ['bench1', 'cp.cache_file', url, '--out', 'json', '-t', '300']);
    if (res.code !== 0) throw new Error(`cp.cache_file ${url} failed: ${res.stdout}${res.stderr}`);
    return performance.now() - start;
  };
  const tinyMs = await cache('salt://tiny.txt');
  const baseline = memoryMiB(pid, 'VmHWM');
  const firstMs = await cache('salt://big.bin');
  const peak = memoryMiB(pid, 'VmHWM');
  const cachedMs = await cache('salt://big.bin');
  process.stdout.write(
    [
      `cp.cache_file through the file server (1 master, 1 minion, loopback)`,
      `  tiny file                          ${tinyMs.toFixed(0).padStart(6)} ms`,
      `  ${megabytes} MB, first fetch             ${firstMs.toFixed(0).padStart(6)} ms   ${((megabytes * 1000) / firstMs).toFixed(1)} MB/s (CLI start and job round trip included)`,
      `  ${megabytes} MB, cached (hash check)     ${cachedMs.toFixed(0).padStart(6)} ms`,
      `minion peak RSS: ${baseline.toFixed(0)} MiB after the tiny file (baseline), ${peak.toFixed(0)} MiB after ${megabytes} MB (+${(peak - baseline).toFixed(0)} MiB)`,
      '',
    ].join('\n'),
  );
} finally {
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
