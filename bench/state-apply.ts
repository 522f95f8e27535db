// Wall time of `salt-ts '*' state.apply` against a local master with 3 minions, for an
// SLS of 100 file.managed states and one of a single state, in two variants: each file
// rendered from a salt:// Jinja template (`template: jinja`), and each file's text given
// inline (`contents:`). "first" runs write every file (a fresh directory each run),
// "steady" runs find nothing to change. Per-state overhead is (100 states - 1 state) / 99.
// Baseline in the same run: `salt-ts '*' test.ping`. For one minion, the sum of its
// states' own `duration` is printed next to the wall time, so the rest (CLI start,
// job round trip, SLS fetch, render, compile) shows.
// Usage: node dist/bench/state-apply.js [runs=5] [states=100]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCluster } from '../scripts/local-cluster.js';
import { returnsOf } from '../test/support/returns.js';
import { median } from './median.js';

const runs = Number(process.argv[2] ?? 5);
const many = Number(process.argv[3] ?? 100);
const MINIONS = ['bench1', 'bench2', 'bench3'];

type Variant = 'templated' | 'plain';
interface StateResult {
  result: boolean | null;
  changes: Record<string, unknown>;
  duration: number;
  comment: string;
}
interface Sample {
  wallMs: number;
  /** Sum of the states' own `duration` on the first minion. */
  statesMs: number;
}

// One file.managed per loop turn; every minion writes under its own directory, below a
// root given as pillar on the command line so each "first" run starts from nothing.
function sls(variant: Variant, count: number): string {
  const file =
    variant === 'templated'
      ? ['    - source: salt://bench/item.jinja', '    - template: jinja', '    - context:', '        index: {{ i }}']
      : ["    - contents: 'file {{ i }} of {{ grains.id }}'"];
  return [
    "{% set root = pillar['bench_root'] ~ '/' ~ grains['id'] %}",
    `{% for i in range(${count}) %}`,
    'bench-file-{{ i }}:',
    '  file.managed:',
    '    - name: {{ root }}/file{{ i }}.conf',
    '    - makedirs: True',
    ...file,
    '{% endfor %}',
    '',
  ].join('\n');
}

function writeStateTree(states: string): void {
  mkdirSync(join(states, 'bench'), { recursive: true });
  writeFileSync(join(states, 'bench/item.jinja'), '# managed by salt-ts for {{ grains.id }}\nindex {{ index }}\n');
  for (const variant of ['templated', 'plain'] as const) {
    for (const count of [1, many]) writeFileSync(join(states, `bench/${variant}${count}.sls`), sls(variant, count));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'salt-ts-bench-states-'));
const cluster = await LocalCluster.create(dir, { auto_accept: true, log_level: 'warning', file_roots: { base: ['states'] } });
let fresh = 0;

// One state.apply on every minion; checks every state succeeded and changed (first) or not (steady).
async function apply(variant: Variant, count: number, root: string, expectChanges: boolean): Promise<Sample> {
  const args = ['*', 'state.apply', `bench.${variant}${count}`, `pillar=${JSON.stringify({ bench_root: root })}`, '--out', 'json', '-t', '300'];
  const start = performance.now();
  const res = await cluster.cli('salt-ts', args, 360_000);
  const wallMs = performance.now() - start;
  const what = `state.apply bench.${variant}${count}`;
  if (res.code !== 0) throw new Error(`${what} exited ${res.code}: ${res.stdout}${res.stderr}`);
  const returns = returnsOf(res.stdout);
  let statesMs = 0;
  for (const id of MINIONS) {
    const states = Object.values((returns[id] ?? {}) as Record<string, StateResult>);
    if (states.length !== count) throw new Error(`${what}: minion ${id} returned ${states.length} states, expected ${count}: ${res.stdout}`);
    for (const s of states) {
      if (s.result !== true) throw new Error(`${what}: minion ${id}: a state failed: ${s.comment}`);
      if ((Object.keys(s.changes).length > 0) !== expectChanges) throw new Error(`${what}: minion ${id}: expected ${expectChanges ? '' : 'no '}changes, got ${JSON.stringify(s.changes)}`);
    }
    if (id === MINIONS[0]) statesMs = states.reduce((sum, s) => sum + s.duration, 0);
  }
  return { wallMs, statesMs };
}

async function measure(variant: Variant, count: number): Promise<{ first: Sample; steady: Sample }> {
  const firsts: Sample[] = [];
  const steadies: Sample[] = [];
  let root = '';
  for (let i = 0; i < runs; i++) {
    root = join(dir, 'out', `${variant}${count}-${fresh++}`);
    // Created here: minions racing to create a shared parent hit EEXIST in file.mkdir's makeDirs.
    mkdirSync(root, { recursive: true });
    firsts.push(await apply(variant, count, root, true));
  }
  for (let i = 0; i < runs; i++) steadies.push(await apply(variant, count, root, false));
  const med = (samples: Sample[]): Sample => ({ wallMs: median(samples.map((s) => s.wallMs)), statesMs: median(samples.map((s) => s.statesMs)) });
  return { first: med(firsts), steady: med(steadies) };
}

try {
  writeStateTree(join(cluster.masterDir, 'states'));
  await cluster.startMaster();
  for (const id of MINIONS) {
    cluster.writeMinion({ id, options: { log_level: 'warning' } });
    cluster.startMinion(id);
  }
  await cluster.waitForMinions(MINIONS, 120_000);

  const pings: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const res = await cluster.cli('salt-ts', ['*', 'test.ping', '--out', 'json']);
    if (res.code !== 0) throw new Error(`test.ping failed: ${res.stdout}${res.stderr}`);
    pings.push(performance.now() - start);
  }
  const pingMs = median(pings);

  const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
  const lines = [
    `salt-ts '*' state.apply, ${MINIONS.length} minions, file.managed states; median of ${runs} runs`,
    `  "first" writes every file (fresh directory), "steady" changes nothing`,
    `  "states" is the sum of the states' own duration on ${MINIONS[0]}; "rest" = wall - states (CLI, job round trip, fetch, render, compile)`,
    '',
    `  ${'SLS'.padEnd(30)} ${'run'.padEnd(7)} ${'wall'.padStart(9)} ${'states'.padStart(9)} ${'rest'.padStart(9)}`,
    `  ${"test.ping (baseline)".padEnd(30)} ${''.padEnd(7)} ${ms(pingMs)}`,
  ];
  const overheads: string[] = [];
  for (const variant of ['templated', 'plain'] as const) {
    const one = await measure(variant, 1);
    const hundred = await measure(variant, many);
    for (const [count, m] of [[1, one], [many, hundred]] as const) {
      for (const kind of ['first', 'steady'] as const) {
        const s = m[kind];
        const label = `${variant} (${count} state${count === 1 ? '' : 's'})`;
        lines.push(`  ${label.padEnd(30)} ${kind.padEnd(7)} ${ms(s.wallMs)} ${ms(s.statesMs)} ${ms(s.wallMs - s.statesMs)}`);
      }
    }
    for (const kind of ['first', 'steady'] as const) {
      const perState = (hundred[kind].wallMs - one[kind].wallMs) / (many - 1);
      const perStateOwn = (hundred[kind].statesMs - one[kind].statesMs) / (many - 1);
      overheads.push(`  ${variant.padEnd(10)} ${kind.padEnd(7)} ${perState.toFixed(1).padStart(7)} ms per state (wall), of which ${perStateOwn.toFixed(1)} ms in the state itself`);
    }
  }
  lines.push('', `per-state overhead = (wall of ${many} states - wall of 1 state) / ${many - 1}`, ...overheads, '');
  process.stdout.write(lines.join('\n'));
} finally {
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
