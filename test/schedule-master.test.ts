// End to end: `schedule:` in the master config runs a runner (here an orchestration that
// runs cmd.run on a minion) by itself, as Salt's master schedule does; `schedule:` in a
// minion's pillar runs on that minion.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { useFleet } from './support/cluster.js';

const work = mkdtempSync(join(tmpdir(), 'salt-ts-master-schedule-'));
const STAMPS = join(work, 'stamps.log');
const PILLAR_TICKS = join(work, 'pillar-ticks.log');
mkdirSync(join(work, 'states', 'orch'), { recursive: true });
mkdirSync(join(work, 'pillar'), { recursive: true });
writeFileSync(join(work, 'pillar', 'top.sls'), "base:\n  '*':\n    - schedule\n");
writeFileSync(
  join(work, 'pillar', 'schedule.sls'),
  `
schedule:
  from_pillar:
    function: cmd.run
    args:
      - echo tick >> ${PILLAR_TICKS}
    kwargs:
      python_shell: True
    seconds: 2
`,
);
writeFileSync(
  join(work, 'states', 'orch', 'stamp.sls'),
  `
stamp:
  salt.function:
    - name: cmd.run
    - tgt: orch1
    - arg:
      - echo stamp >> ${STAMPS}
`,
);
after(() => rmSync(work, { recursive: true, force: true }));

const fleet = useFleet('master-schedule', [{ id: 'orch1' }], {
  master: {
    file_roots: { base: [join(work, 'states')] },
    pillar_roots: { base: [join(work, 'pillar')] },
    schedule: {
      stamp: { function: 'state.orchestrate', args: ['orch.stamp'], seconds: 2 },
      broken: { function: 'no_such.runner', seconds: 2 },
    },
  },
});

const count = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0);
const stamps = () => count(STAMPS);

test('the master schedule runs state.orchestrate every 2 s; each run is in the job cache as a runner job', async () => {
  for (const end = Date.now() + 30_000; stamps() < 2 && Date.now() < end; ) await sleep(200);
  assert.ok(stamps() >= 2, `the orchestration stamped ${stamps()} time(s)`);
  const res = await fleet().cli('salt-ts-run', ['jobs.list_jobs', '--out', 'json']);
  assert.equal(res.code, 0, res.stderr);
  const functions = Object.values(JSON.parse(res.stdout) as Record<string, { Function: string }>).map((j) => j.Function);
  assert.ok(functions.includes('runner.state.orchestrate'), functions.join(', '));
});

test('a master schedule job naming an unknown runner is reported in the master log and stops nothing', () => {
  const log = readFileSync(join(fleet().masterDir, 'master.log'), 'utf8');
  assert.match(log, /schedule job broken failed: .*no runner named 'no_such\.runner'/);
  assert.ok(stamps() >= 2);
});

test("a job in the minion's pillar runs on the minion; the schedule module cannot delete it", async () => {
  for (const end = Date.now() + 30_000; count(PILLAR_TICKS) < 2 && Date.now() < end; ) await sleep(200);
  assert.ok(count(PILLAR_TICKS) >= 2, `the pillar job ran ${count(PILLAR_TICKS)} time(s)`);
  const res = await fleet().cli('salt-ts', ['orch1', 'schedule.delete', 'from_pillar', '--out', 'json']);
  assert.deepEqual(JSON.parse(res.stdout), { orch1: { comment: "Cannot delete job from_pillar, it's in the pillar!", result: false, changes: {} } });
});
