// Event-driven automation end to end, with a real master and minions: a beacon sees
// something on a minion, its event reaches the master's bus, and the reactor answers:
// memory pressure runs a state on that minion (once, within 10 s); a supervisord program
// killed behind supervisord's back is started again and the team gets one webhook post and
// one mail (a real SMTP server); a mount past its threshold runs a clean-up state.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fsSize } from 'systeminformation';
import { useFleet } from './support/cluster.js';
import { joinEventBus, type BusEvent, type EventBus } from './support/event-bus.js';
import { HOG_PERCENT, startMemoryHog, thresholdAboveNow } from './support/memory-pressure.js';
import { withHostLock } from './support/host-lock.js';
import { returnsOf } from './support/returns.js';
import { startMailServer, type TestMailServer } from './support/smtp-server.js';
import { startSupervisord, type Supervisord } from './support/supervisord.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const work = mkdtempSync(join(tmpdir(), 'salt-ts-automation-'));
const out = join(work, 'out');
const states = join(work, 'states');
const pillar = join(work, 'pillar');
const reactors = join(work, 'reactor');
const junk = join(out, 'junk');

function write(path: string, text: string): void {
  mkdirSync(dirname(join(work, path)), { recursive: true });
  writeFileSync(join(work, path), text);
}

write('reactor/memory.sls', `
relieve-memory:
  local.state.apply:
    - tgt: {{ data['id'] }}
    - args:
      - mods: automation.memory
      - pillar: {memusage: {{ data['memusage'] }}}
`);
write('states/automation/memory.sls', `
memory-marker:
  file.managed:
    - name: ${out}/memory-{{ grains['id'] }}
    - contents: "memusage {{ pillar['memusage'] }}"
    - makedirs: True
`);
write('reactor/disk-full.sls', `
clean-up-{{ data['mount'] }}:
  local.state.apply:
    - tgt: {{ data['id'] }}
    - args:
      - mods: cleanup
      - pillar: {mount: {{ data['mount'] | tojson }}}
`);
write('states/cleanup.sls', `
old-files:
  file.absent:
    - name: ${junk}

cleaned-marker:
  file.managed:
    - name: ${out}/cleaned-{{ grains['id'] }}
    - contents: "cleaned {{ pillar['mount'] }}"
`);
write('pillar/top.sls', `
base:
  auto2:
    - automation
`);

// A poll every second, so each event is due within a second or two of its cause.
const EVERY_SECOND = { interval: 1 };
// Long enough for several polls: a second reaction would show here.
const QUIET_MS = 4000;

describe('automation: beacon -> reactor -> fix and notification', () => {
  let bus: EventBus;
  let sup: Supervisord;
  let mail: TestMailServer;
  let webhook: WebhookReceiver;

  // The program, the mail server and the webhook exist before the minion polls them;
  // files naming their ports and paths are written before the master starts.
  before(async () => {
    sup = await startSupervisord('[program:webapp]\ncommand=sleep 300\nautostart=true\nautorestart=false\nstartsecs=0\n');
    mail = await startMailServer();
    webhook = await startWebhookReceiver();
    write('pillar/automation.sls', `
beacons:
  service:
    - services:
        webapp:
          provider: supervisord
          conf_file: ${sup.conf}
    - interval: 1
ops-smtp:
  smtp.server: 127.0.0.1
  smtp.port: ${mail.port}
  smtp.sender: salt@example.com
`);
    write('reactor/service-down.sls', `
{% set name = data['service_name'] %}
{% if not data[name]['running'] %}
restart-{{ name }}:
  local.supervisord.start:
    - tgt: {{ data['id'] }}
    - args:
      - name: {{ name }}
      - conf_file: ${sup.conf}

notify-ops:
  local.http.query:
    - tgt: {{ data['id'] }}
    - args:
      - url: ${webhook.url}
      - method: POST
      - data: {{ {'text': name ~ ' was down on ' ~ data['id'] ~ ', restarted'} | tojson | yaml_dquote }}

mail-ops:
  local.smtp.send_msg:
    - tgt: {{ data['id'] }}
    - args:
      - recipient: ops@example.com
      - message: {{ name ~ ' was down on ' ~ data['id'] ~ ', restarted' }}
      - subject: {{ name }} restarted on {{ data['id'] }}
      - profile: ops-smtp
{% endif %}
`);
  });
  // Registered before the fleet's own hook, so the bus leaves before the broker stops.
  after(() => bus?.close());

  const fleet = useFleet('automation', [{ id: 'auto1' }, { id: 'auto2' }], {
    master: {
      file_roots: { base: [states] },
      pillar_roots: { base: [pillar] },
      reactor: [
        { 'salt/beacon/*/memusage/': [join(reactors, 'memory.sls')] },
        { 'salt/beacon/*/service/*': [join(reactors, 'service-down.sls')] },
        { 'salt/beacon/*/diskusage/': [join(reactors, 'disk-full.sls')] },
      ],
    },
  });

  // After the fleet has stopped, so no beacon sees the program go away.
  after(async () => {
    await sup?.stop();
    await mail?.close();
    await webhook?.close();
    rmSync(work, { recursive: true, force: true });
  });

  before(async () => {
    bus = await joinEventBus(`nats://127.0.0.1:${fleet().port}`, fleet().masterDir);
  });

  const salt = async (id: string, ...args: string[]) => {
    const res = await fleet().cli('salt-ts', [id, ...args, '--out', 'json', '-t', '30'], 60_000);
    return returnsOf(res.stdout)[id];
  };
  const reactorJobs = (fun: string, id: string) =>
    bus.untaken('salt/job/*/new').filter((e) => e.data.user === 'Reactor' && e.data.fun === fun && (e.data.minions as string[]).includes(id));
  const stamp = (event: BusEvent) => Date.parse(`${String(event.data._stamp)}Z`);

  test('memory pressure: the memusage event runs the reactor state on that minion within 10 s, once', () => withHostLock('memory', async () => {
    const threshold = await thresholdAboveNow();
    assert.deepEqual(await salt('auto1', 'beacons.add', 'memusage', JSON.stringify([{ percent: `${threshold}%` }, EVERY_SECOND])), { result: true, comment: 'Added beacon: memusage.' });
    const hog = await startMemoryHog(HOG_PERCENT);
    try {
      const event = await bus.next('salt/beacon/auto1/memusage/', 15_000);
      const seen = Date.now();
      assert.ok(Number(event.data.memusage) >= threshold, JSON.stringify(event.data));
      // A functional deadline: the reaction's state run has returned 10 s after the event, or it is late.
      const ret = await bus.next('salt/job/*/ret/auto1', Math.max(0, seen + 10_000 - Date.now()), (data) => data.fun === 'state.apply');
      assert.ok(stamp(ret) - stamp(event) <= 10_000, `state run returned ${stamp(ret) - stamp(event)} ms after the event`);
      assert.equal(ret.data.success, true, JSON.stringify(ret.data));
      assert.equal(readFileSync(join(out, 'memory-auto1'), 'utf8'), `memusage ${event.data.memusage}\n`);
      await assert.rejects(bus.next('salt/beacon/auto1/memusage/', QUIET_MS), /no event/, 'still above the threshold: no second event');
      assert.equal(reactorJobs('state.apply', 'auto1').length, 1, 'one reaction');
    } finally {
      await hog.stop();
      await salt('auto1', 'beacons.delete', 'memusage');
    }
  }));

  test('a supervisord program killed is started again by the reactor, with one webhook post and one mail', async () => {
    const pid = sup.ctl('pid', 'webapp').trim();
    assert.match(pid, /^[1-9]\d*$/, 'the program runs');
    process.kill(Number(pid), 'SIGKILL');
    const down = await bus.next('salt/beacon/auto2/service/webapp', 10_000, (data) => !(data.webapp as { running: boolean }).running);
    assert.equal(down.data.service_name, 'webapp');
    // autorestart=false: supervisord leaves it down, so RUNNING again is the reactor's doing.
    await bus.next('salt/beacon/auto2/service/webapp', 15_000, (data) => (data.webapp as { running: boolean }).running);
    assert.match(sup.ctl('status', 'webapp'), /^webapp\s+RUNNING/);
    assert.notEqual(sup.ctl('pid', 'webapp').trim(), pid);
    await mail.waitForMails(1, 15_000);
    for (let i = 0; i < 100 && webhook.received.length === 0; i++) await sleep(100);
    await sleep(QUIET_MS);
    assert.equal(reactorJobs('supervisord.start', 'auto2').length, 1);
    assert.deepEqual(webhook.received.map((n) => [n.method, n.path, JSON.parse(n.body)]), [['POST', '/hooks/ops', { text: 'webapp was down on auto2, restarted' }]]);
    assert.equal(mail.mails.length, 1);
    const [sent] = mail.mails;
    assert.deepEqual(sent!.envelope, { from: 'salt@example.com', to: ['ops@example.com'] });
    assert.equal(sent!.headers.subject, 'webapp restarted on auto2');
    assert.match(sent!.raw, /webapp was down on auto2, restarted/);
  });

  test('a mount past its threshold runs the clean-up state on that minion', async () => {
    mkdirSync(junk, { recursive: true });
    writeFileSync(join(junk, 'old.log'), 'x'.repeat(1024));
    const mount = (await fsSize()).filter((fs) => work.startsWith(fs.mount)).sort((a, b) => b.mount.length - a.mount.length)[0]!;
    // Just below what the mount uses now, so the first poll crosses it.
    const threshold = Math.max(0, Math.floor(mount.use) - 1);
    assert.deepEqual(await salt('auto1', 'beacons.add', 'diskusage', JSON.stringify([{ [mount.mount]: `${threshold}%` }, EVERY_SECOND])), { result: true, comment: 'Added beacon: diskusage.' });
    try {
      const event = await bus.next('salt/beacon/auto1/diskusage/', 15_000);
      assert.equal(event.data.mount, mount.mount);
      const ret = await bus.next('salt/job/*/ret/auto1', 30_000, (data) => data.fun === 'state.apply');
      assert.equal(ret.data.success, true, JSON.stringify(ret.data));
      assert.equal(existsSync(junk), false, 'the old files are gone');
      assert.equal(readFileSync(join(out, 'cleaned-auto1'), 'utf8'), `cleaned ${mount.mount}\n`);
    } finally {
      await salt('auto1', 'beacons.delete', 'diskusage');
    }
  });

  test('no reaction failed', () => {
    assert.deepEqual(bus.untaken('salt/reactor/*/error'), []);
  });
});
