// The service beacon against a real supervisord (the classic use: a web app run under
// supervisord reports when it goes down) and the runner's handling of a reading that fails.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { loadMinionConfig } from '../shared/config/load.js';
import { daemonHandler } from '../minion/jobs/daemon-requests.js';
import { beaconHost } from '../minion/beacons/host.js';
import { serviceBeacon } from '../minion/beacons/service.js';
import { BeaconBook } from '../minion/beacons/book.js';
import { BeaconRunner } from '../minion/beacons/runner.js';
import type { BeaconInstance } from '../minion/beacons/types.js';
import { startSupervisord, type Supervisord } from './support/supervisord.js';

const configDir = mkdtempSync(join(tmpdir(), 'salt-ts-beacons-service-'));
after(() => rmSync(configDir, { recursive: true, force: true }));

const host = beaconHost({
  id: 'web1',
  opts: loadMinionConfig(configDir, () => undefined),
  grains: () => ({}),
  pillar: () => ({}),
  daemon: daemonHandler({ running: () => [], find: () => null, kill: () => false, refreshGrains: async () => undefined }),
  log: pino({ level: 'silent' }),
});

describe('service beacon with provider: supervisord', () => {
  let sup: Supervisord;
  let beacon: BeaconInstance;
  before(async () => {
    sup = await startSupervisord('[program:webapp]\ncommand=sleep 300\nautostart=true\nstartsecs=0\n');
    for (let i = 0; i < 50 && !/RUNNING/.test(sup.ctl('status', 'webapp')); i++) await sleep(100);
    beacon = serviceBeacon.create({ services: { webapp: { provider: 'supervisord', conf_file: sup.conf } } }, host);
  });
  after(() => sup?.stop());

  test('reports the program running, then down once when it stops', async () => {
    assert.deepEqual(await beacon.poll(), [{ webapp: { running: true }, service_name: 'webapp', tag: 'webapp' }]);
    assert.deepEqual(await beacon.poll(), []);
    sup.ctl('stop', 'webapp');
    assert.deepEqual(await beacon.poll(), [{ webapp: { running: false }, service_name: 'webapp', tag: 'webapp' }]);
    assert.deepEqual(await beacon.poll(), []);
  });
});

test('runner: a reading that fails is logged once, names the beacon, and stops neither the runner nor other beacons', async () => {
  const warnings: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line).msg) });
  const fired: string[] = [];
  const book = new BeaconBook({ service: [{ services: { web: {} } }, { interval: 0.2 }], status: [{ loadavg: ['1-min'] }, { interval: 0.2 }] }, () => ({}));
  const failing = {
    log,
    call: async (fun: string) => {
      if (fun === 'service.status') throw new Error('service.status: systemctl is not installed');
      return { '1-min': 0.1 };
    },
  };
  const runner = new BeaconRunner({ id: 'web1', book, host: failing, fire: (tag) => fired.push(tag) > 0, stateRunning: () => false });
  runner.start();
  try {
    for (let i = 0; i < 60 && fired.length < 3; i++) await sleep(100);
  } finally {
    runner.stop();
  }
  assert.ok(fired.length >= 3 && fired.every((tag) => tag.startsWith('salt/beacon/web1/status/')), JSON.stringify(fired));
  assert.deepEqual(warnings, ['beacon service could not take its reading: service.status: systemctl is not installed']);
});
