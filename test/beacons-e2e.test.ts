// Beacons end to end, with a real master and minion: a beacon from the minion's config
// file (inotify) fires on a file write; beacons added with `salt-ts ... beacons.add` fire
// once when memory use crosses a threshold (a helper process allocates past it) and when
// a process vanishes; beacons.list, disable_beacon and delete change what the minion runs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { useFleet } from './support/cluster.js';
import { joinEventBus, type EventBus } from './support/event-bus.js';
import { HOG_PERCENT, startMemoryHog, thresholdAboveNow } from './support/memory-pressure.js';
import { withHostLock } from './support/host-lock.js';
import { returnsOf } from './support/returns.js';

const dir = mkdtempSync(join(tmpdir(), 'salt-ts-beacons-e2e-'));
const watched = join(dir, 'watched');
writeFileSync(watched, 'release 1\n');
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

// A poll every second, so each event is due within a second or two of its cause.
const EVERY_SECOND = { interval: 1 };
// Long enough for several polls: a beacon that fires at every interval would show here.
const QUIET_MS = 4000;

function start(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('beacons, end to end', () => {
  let bus: EventBus;
  // Registered before the fleet's own hook, so the bus leaves before the broker stops.
  after(() => bus?.close());
  const fleet = useFleet('beacons', [
    { id: 'bcn1', options: { beacons: { inotify: [{ files: { [watched]: { mask: ['create', 'modify'] } } }, EVERY_SECOND] } } },
  ]);
  before(async () => {
    bus = await joinEventBus(`nats://127.0.0.1:${fleet().port}`, fleet().masterDir);
  });

  const salt = async (...args: string[]) => {
    const res = await fleet().cli('salt-ts', ['bcn1', ...args, '--out', 'json', '-t', '30'], 60_000);
    return returnsOf(res.stdout).bcn1;
  };
  const add = (name: string, data: unknown[]) => salt('beacons.add', name, JSON.stringify([...data, EVERY_SECOND]));

  test('an inotify beacon from the config file fires on a file write', async () => {
    // The beacon watches from its first poll on; writes before that are not its to see.
    await sleep(2500);
    writeFileSync(watched, 'release 2\n');
    const event = await bus.next('salt/beacon/bcn1/inotify/*', 10_000);
    assert.equal(event.tag, `salt/beacon/bcn1/inotify/${watched}`);
    assert.equal(event.data.path, watched);
    assert.equal(event.data.change, 'IN_MODIFY');
    assert.equal(event.data.id, 'bcn1');
  });

  test('memusage fires once when a process takes memory past the threshold, not at every interval', () => withHostLock('memory', async () => {
    const threshold = await thresholdAboveNow();
    assert.deepEqual(await add('memusage', [{ percent: `${threshold}%` }]), { result: true, comment: 'Added beacon: memusage.' });
    await assert.rejects(bus.next('salt/beacon/bcn1/memusage/', QUIET_MS), /no event/, 'nothing crossed yet');
    const hog = await startMemoryHog(HOG_PERCENT);
    try {
      const event = await bus.next('salt/beacon/bcn1/memusage/', 10_000);
      assert.ok(Number(event.data.memusage) >= threshold, JSON.stringify(event.data));
      assert.equal(event.data.id, 'bcn1');
      await assert.rejects(bus.next('salt/beacon/bcn1/memusage/', QUIET_MS), /no event/, 'still above the threshold: no second event');
    } finally {
      await hog.stop();
      await salt('beacons.delete', 'memusage');
    }
  }));

  test('ps fires when a process vanishes', async () => {
    const name = `bcnsleep${process.pid % 100000}`;
    copyFileSync('/bin/sleep', join(dir, name));
    const sleeper = start(join(dir, name), ['300']);
    assert.deepEqual(await add('ps', [{ processes: { [name]: 'stopped' } }]), { result: true, comment: 'Added beacon: ps.' });
    await assert.rejects(bus.next('salt/beacon/bcn1/ps/', 2500), /no event/, 'the process runs');
    await stop(sleeper);
    const event = await bus.next('salt/beacon/bcn1/ps/', 10_000);
    const { _stamp, ...data } = event.data;
    assert.deepEqual(data, { [name]: 'Stopped', id: 'bcn1' });
  });

  test('beacons.list, disable_beacon and delete through salt-ts', async () => {
    const listed = String(await salt('beacons.list'));
    assert.match(listed, /^beacons:\n {2}inotify:\n/);
    assert.match(listed, /\n {2}ps:\n/);
    assert.deepEqual(await salt('beacons.disable_beacon', 'ps'), { result: true, comment: 'Disabled beacon ps on minion.' });
    const data = (await salt('beacons.list', 'return_yaml=False')) as Record<string, unknown[]>;
    assert.deepEqual(data.ps!.at(-1), { enabled: false });
    assert.deepEqual(await salt('beacons.delete', 'ps'), { result: true, comment: 'Deleted beacon: ps.' });
    assert.doesNotMatch(String(await salt('beacons.list')), /ps:/);
    assert.deepEqual(await salt('beacons.delete', 'ps'), { result: false, comment: 'Beacon ps is not configured.' });
  });
});
