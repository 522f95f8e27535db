// Beacons' own logic with readings given to them: when each fires (crossings, not every
// interval), what it reports, how configuration is read and how the beacons module's
// changes land, as Salt's beacons do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { Crossings, crossingOptions } from '../minion/beacons/crossing.js';
import { flattenOptions, intervalOf, percentOf } from '../minion/beacons/options.js';
import { memusageReports } from '../minion/beacons/memusage.js';
import { cpuReports } from '../minion/beacons/cpu.js';
import { loadReports } from '../minion/beacons/load.js';
import { diskusageReports, thresholdsFor } from '../minion/beacons/diskusage.js';
import { networkReports, ratesBetween } from '../minion/beacons/network_info.js';
import { psReports } from '../minion/beacons/ps.js';
import { serviceReport } from '../minion/beacons/service.js';
import { selectFields } from '../minion/beacons/status.js';
import { changeName, inotifyBeacon, isExcluded } from '../minion/beacons/inotify.js';
import { BeaconBook, beaconProblem } from '../minion/beacons/book.js';
import { BeaconRunner } from '../minion/beacons/runner.js';
import type { BeaconHost } from '../minion/beacons/types.js';

const onChange = () => new Crossings(crossingOptions({}));
const everyPoll = () => new Crossings(crossingOptions({ onchangeonly: false }));
const silentHost: BeaconHost = { log: pino({ level: 'silent' }), call: async () => null };

test('options: Salt list of one-key dicts and a plain dict read the same; percent and interval', () => {
  assert.deepEqual(flattenOptions([{ percent: '63%' }, { interval: 5 }]), { percent: '63%', interval: 5 });
  assert.deepEqual(flattenOptions({ percent: '63%' }), { percent: '63%' });
  assert.equal(flattenOptions('nonsense'), null);
  assert.equal(flattenOptions([{ percent: 1 }, 'x']), null);
  assert.equal(percentOf('63%'), 63);
  assert.equal(percentOf(7.5), 7.5);
  assert.equal(percentOf('lots'), null);
  assert.equal(intervalOf({}), 10);
  assert.equal(intervalOf({ interval: 2 }), 2);
});

test('crossings: fire when a threshold is first exceeded, not again until it was left; onchangeonly False fires every poll', () => {
  const c = onChange();
  assert.deepEqual([false, true, true, false, true].map((now) => c.exceeded('k', now)), [false, true, false, false, true]);
  const e = everyPoll();
  assert.deepEqual([true, true, false].map((now) => e.exceeded('k', now)), [true, true, false]);
  const quiet = new Crossings(crossingOptions({ emitatstartup: false }));
  assert.deepEqual([true, true, false, true].map((now) => quiet.exceeded('k', now)), [false, false, false, true]);
});

test('memusage fires {memusage} once when usage crosses percent', () => {
  const c = onChange();
  const polls = [50, 70.04, 71, 40, 65].map((p) => memusageReports(p, 63, c));
  assert.deepEqual(polls, [[], [{ memusage: 70 }], [], [], [{ memusage: 65 }]]);
  assert.equal(beaconProblem('memusage', [{ interval: 3 }]), 'Configuration for memusage beacon requires percent.');
  assert.equal(beaconProblem('memusage', [{ percent: '63%' }]), null);
  assert.equal(beaconProblem('memusage', [{ percent: '63%' }, { interval: 'often' }]), 'Beacon memusage: interval must be a number of seconds above 0, got "often".');
});

test('cpu fires {cpu} once when the load crosses percent', () => {
  const c = onChange();
  assert.deepEqual([10, 95, 99].map((p) => cpuReports(p, 90, c)), [[], [{ cpu: 95 }], []]);
});

test('load fires the three averages when one leaves its range', () => {
  const c = onChange();
  const ranges = { '1m': [0, 2] as [number, number], '15m': [0.1, 1] as [number, number] };
  assert.deepEqual(loadReports({ '1m': 1, '5m': 5, '15m': 0.5 }, ranges, c), [], '5m has no range, so 5 is fine');
  assert.deepEqual(loadReports({ '1m': 2.5, '5m': 1, '15m': 0.5 }, ranges, c), [{ '1m': 2.5, '5m': 1, '15m': 0.5 }]);
  assert.deepEqual(loadReports({ '1m': 3, '5m': 1, '15m': 0.5 }, ranges, c), []);
  assert.match(beaconProblem('load', [{ averages: { '1m': [0] } }])!, /two numbers/);
  assert.equal(beaconProblem('load', [{ interval: 1 }]), 'Averages configuration is required for load beacon.');
});

test('diskusage: per mount, regexes match whole mount points, a later entry overrides an earlier one', () => {
  const options = { '/': '63%', '^/(?!home).*$': '90%', '/home': 50 };
  const mounts = ['/', '/var', '/home', '/homework'];
  assert.deepEqual(Object.fromEntries(thresholdsFor(options, mounts)), { '/': 90, '/var': 90, '/home': 50 }, '/homework starts with home, which the regex leaves out');
  assert.deepEqual(Object.fromEntries(thresholdsFor({ '/v': 10 }, ['/var'])), {}, 'a plain mount is matched whole');
  const c = onChange();
  const uses = (root: number, home: number) => [{ mount: '/', percent: root }, { mount: '/home', percent: home }];
  assert.deepEqual(diskusageReports(uses(70, 40), { '/': '63%', '/home': '50%' }, c), [{ diskusage: 70, mount: '/' }]);
  assert.deepEqual(diskusageReports(uses(71, 55), { '/': '63%', '/home': '50%' }, c), [{ diskusage: 55, mount: '/home' }]);
  assert.match(beaconProblem('diskusage', [{ '/': 'full' }])!, /needs a percent/);
});

test('network_info: rates per second between two samples, fired when greater than (or equal to) the limits', () => {
  const sample = (rx: number, tx: number) => ({ eth0: { rx_bytes: rx, tx_bytes: tx, rx_packets: 0, tx_packets: 0, rx_errs: 0, tx_errs: 0, rx_drop: 0, tx_drop: 0 } });
  const rates = ratesBetween(sample(1000, 0), sample(5000, 200), 2);
  assert.deepEqual(rates.eth0, { bytes_sent: 100, bytes_recv: 2000, packets_sent: 0, packets_recv: 0, errin: 0, errout: 0, dropin: 0, dropout: 0 });
  const c = onChange();
  assert.deepEqual(networkReports(rates, { eth0: { type: 'greater', bytes_recv: 5000 } }, c), []);
  assert.deepEqual(networkReports(rates, { eth0: { type: 'greater', bytes_recv: 1000 } }, c), [{ interface: 'eth0', network_info: rates.eth0 }]);
  assert.deepEqual(networkReports(rates, { eth0: { type: 'equal', bytes_sent: 100 } }, onChange()).length, 1);
  assert.match(beaconProblem('network_info', [{ interfaces: { eth0: { type: 'less' } } }])!, /greater or equal/);
});

test('ps fires {name: Stopped} when a process vanishes and {name: Running} when one appears', () => {
  const c = onChange();
  const processes = { nginx: 'stopped', redis: 'running' };
  assert.deepEqual(psReports(new Set(['nginx']), processes, c), []);
  assert.deepEqual(psReports(new Set(['redis']), processes, c), [{ nginx: 'Stopped' }, { redis: 'Running' }]);
  assert.deepEqual(psReports(new Set(['redis']), processes, c), []);
  assert.match(beaconProblem('ps', [{ processes: { nginx: 'gone' } }])!, /running or stopped/);
});

test('service reports {name: {running}, service_name} on its own tag when the status changes', () => {
  const c = onChange();
  assert.deepEqual(serviceReport('web', true, {}, c), [{ web: { running: true }, service_name: 'web', tag: 'web' }], 'the first status is reported (emitatstartup)');
  assert.deepEqual(serviceReport('web', true, {}, c), []);
  assert.deepEqual(serviceReport('web', false, {}, c), [{ web: { running: false }, service_name: 'web', tag: 'web' }]);
  const dir = mkdtempSync(join(tmpdir(), 'beacons-pid-'));
  try {
    writeFileSync(join(dir, 'web.pid'), '123');
    assert.deepEqual(serviceReport('web', false, { uncleanshutdown: join(dir, 'web.pid') }, onChange())[0]!.web, { running: false, uncleanshutdown: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.match(beaconProblem('service', [{ services: { web: { provider: 'runit' } } }])!, /supervisord/);
});

test('status picks the configured fields of each function return', () => {
  const load = { '1-min': 0.1, '5-min': 0.2, '15-min': 0.3 };
  assert.deepEqual(selectFields(load, ['all']), load);
  assert.deepEqual(selectFields(load, ['1-min', '5-min']), { '1-min': 0.1, '5-min': 0.2 });
  assert.deepEqual(selectFields(['a', 'b', 'c'], [0, 2]), { 0: 'a', 2: 'c' });
});

test('inotify: masks name the change as Salt does; exclusions; refused masks', () => {
  assert.equal(changeName('change', true, false, ['create', 'delete', 'modify']), 'IN_MODIFY');
  assert.equal(changeName('rename', true, false, ['create']), 'IN_CREATE');
  assert.equal(changeName('rename', false, false, ['delete']), 'IN_DELETE');
  assert.equal(changeName('rename', false, true, ['delete_self']), 'IN_DELETE_SELF');
  assert.equal(changeName('change', true, false, ['create']), null);
  assert.ok(isExcluded('/srv/app/tmp/x', [{ pattern: '/srv/app/tmp', regex: false }]));
  assert.ok(!isExcluded('/srv/app/tmpfile', [{ pattern: '/srv/app/tmp', regex: false }]));
  assert.ok(isExcluded('/srv/app/a.swp', [{ pattern: '\\.swp$', regex: true }]));
  assert.match(beaconProblem('inotify', [{ files: { '/etc': { mask: ['open'] } } }])!, /cannot be watched/);
});

test('inotify watches a directory with fs.watch and reports each change once per poll', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'beacons-inotify-'));
  const beacon = inotifyBeacon.create({ files: { [dir]: { mask: ['create', 'modify'] } } }, silentHost);
  try {
    assert.deepEqual(await beacon.poll(), []);
    writeFileSync(join(dir, 'app.conf'), 'a');
    writeFileSync(join(dir, 'app.conf'), 'b');
    let reports = await beacon.poll();
    for (let i = 0; i < 50 && !reports.some((r) => r.change === 'IN_MODIFY'); i++) {
      await sleep(100);
      reports = [...reports, ...(await beacon.poll())];
    }
    const path = join(dir, 'app.conf');
    assert.ok(reports.some((r) => r.change === 'IN_MODIFY' && r.path === path && r.tag === dir), JSON.stringify(reports));
    assert.equal(reports.filter((r) => r.change === 'IN_MODIFY').length, 1, JSON.stringify(reports));
  } finally {
    beacon.close?.();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('beacons module actions: add, list, modify, enable/disable, delete; pillar beacons are listed but not changed', () => {
  const book = new BeaconBook({ memusage: [{ percent: '90%' }] }, () => ({ beacons: { load: [{ averages: { '1m': [0, 4] } }] } }));
  assert.deepEqual(Object.keys(book.merged()).sort(), ['load', 'memusage']);
  assert.deepEqual(book.handle({ action: 'add', name: 'ps', data: [{ processes: { nginx: 'running' } }] }), { result: true, comment: 'Added beacon: ps.' });
  assert.deepEqual(book.handle({ action: 'add', name: 'ps', data: [] }), { result: true, comment: 'Beacon ps is already configured.' });
  assert.match((book.handle({ action: 'add', name: 'nope', data: [] }) as { comment: string }).comment, /Beacon "nope" is not available/);
  assert.match((book.handle({ action: 'add', name: 'cpu', data: [{ interval: 1 }] }) as { comment: string }).comment, /configuration invalid, not adding\.\nConfiguration for cpu beacon requires percent/);
  assert.deepEqual(book.handle({ action: 'disable_beacon', name: 'ps' }), { result: true, comment: 'Disabled beacon ps on minion.' });
  assert.deepEqual(book.merged().ps, [{ processes: { nginx: 'running' } }, { enabled: false }]);
  book.handle({ action: 'enable_beacon', name: 'ps' });
  assert.deepEqual(book.merged().ps, [{ processes: { nginx: 'running' } }, { enabled: true }]);
  assert.deepEqual(book.handle({ action: 'modify', name: 'memusage', data: [{ percent: '95%' }] }), { result: true, comment: 'Modified beacon: memusage.' });
  assert.deepEqual(book.handle({ action: 'delete', name: 'load' }), { result: false, comment: 'Cannot delete beacon item load, it is configured in pillar.' });
  assert.deepEqual(book.handle({ action: 'delete', name: 'ps' }), { result: true, comment: 'Deleted beacon: ps.' });
  assert.deepEqual(book.handle({ action: 'delete', name: 'ps' }), { result: false, comment: 'Beacon ps is not configured.' });
  assert.deepEqual(book.handle({ action: 'disable' }), { result: true, comment: 'Disabled beacons on minion.' });
  assert.equal(book.merged().enabled, false);
  assert.deepEqual(Object.keys((book.handle({ action: 'list', include_pillar: false }) as { beacons: object }).beacons).sort(), ['enabled', 'memusage']);
});

test('runner: a beacon that appears in the pillar runs without a restart, and stops when it leaves', async () => {
  const fired: string[] = [];
  let pillar: Record<string, unknown> = {};
  const book = new BeaconBook({}, () => pillar);
  const host: BeaconHost = { log: pino({ level: 'silent' }), call: async () => ({ '1-min': 0.5 }) };
  const runner = new BeaconRunner({ id: 'web1', book, host, fire: (tag) => fired.push(tag) > 0, stateRunning: () => false });
  runner.start();
  try {
    await sleep(1200);
    assert.deepEqual(fired, []);
    pillar = { beacons: { status: [{ loadavg: ['1-min'] }, { interval: 1 }] } };
    for (let i = 0; i < 40 && fired.length < 2; i++) await sleep(100);
    assert.ok(fired.length >= 2, 'a status beacon reports at every interval');
    pillar = {};
    await sleep(300);
    const seen = fired.length;
    await sleep(2200);
    assert.equal(fired.length, seen, 'no report once the pillar no longer has the beacon');
    assert.deepEqual(Object.keys(book.merged()), []);
  } finally {
    runner.stop();
  }
});

test('runner: polls a due beacon, sends salt/beacon/<id>/<name>/<tag> with the id, and skips a beacon during a state run', async () => {
  const fired: { tag: string; data: Record<string, unknown> }[] = [];
  let stateRuns = false;
  const book = new BeaconBook({ status: [{ loadavg: ['1-min'] }, { interval: 1 }], service: [{ services: { web: {} } }, { disable_during_state_run: true }] }, () => ({}));
  const host: BeaconHost = { log: pino({ level: 'silent' }), call: async (fun) => (fun === 'status.loadavg' ? { '1-min': 0.5, '5-min': 0.1 } : true) };
  const runner = new BeaconRunner({ id: 'web1', book, host, fire: (tag, data) => fired.push({ tag, data }) > 0, stateRunning: () => stateRuns });
  stateRuns = true;
  runner.start();
  try {
    for (let i = 0; i < 50 && fired.length === 0; i++) await sleep(50);
    assert.equal(fired.length, 1, JSON.stringify(fired));
    assert.match(fired[0]!.tag, /^salt\/beacon\/web1\/status\/\d{4}-\d\d-\d\dT/);
    assert.deepEqual(fired[0]!.data, { data: { loadavg: { '1-min': 0.5 } }, id: 'web1' });
    book.handle({ action: 'delete', name: 'status' });
    stateRuns = false;
    book.handle({ action: 'modify', name: 'service', data: [{ services: { web: {} } }] });
    for (let i = 0; i < 50 && fired.length === 1; i++) await sleep(50);
    assert.deepEqual(fired[1], { tag: 'salt/beacon/web1/service/web', data: { web: { running: true }, service_name: 'web', id: 'web1' } });
  } finally {
    runner.stop();
  }
});
