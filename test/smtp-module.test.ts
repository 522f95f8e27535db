// smtp.send_msg against a real SMTP server on loopback: what arrives (envelope, headers,
// body, attachments), logging in, a profile's settings, and errors naming the server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smtpModule } from '../minion/modules/smtp.js';
import { failureText, moduleRunner } from './support/module-runner.js';
import { startMailServer, type TestMailServer } from './support/smtp-server.js';

const runner = moduleRunner([smtpModule]);
const send = (arg: unknown[], kwarg: Record<string, unknown>, grains = {}) => runner.run('smtp.send_msg', arg, kwarg, grains);
const plain = { use_ssl: false };

const dir = mkdtempSync(join(tmpdir(), 'salt-ts-smtp-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('smtp.send_msg', () => {
  let server: TestMailServer;
  before(async () => { server = await startMailServer(); });
  after(() => server.close());

  test('delivers to every comma-separated recipient with the subject, sender and message', async () => {
    const outcome = await send(['ops@example.com, dev@example.com', 'webapp was down on web1, restarted'], { ...plain, subject: 'webapp restarted', sender: 'salt@example.com', server: server.address });
    assert.deepEqual(outcome, { return: true, retcode: 0, success: true });
    const [mail] = await server.waitForMails(1);
    assert.deepEqual(mail!.envelope, { from: 'salt@example.com', to: ['ops@example.com', 'dev@example.com'] });
    assert.equal(mail!.headers.subject, 'webapp restarted');
    assert.equal(mail!.headers.from, 'salt@example.com');
    assert.equal(mail!.headers.to, 'ops@example.com, dev@example.com');
    assert.match(mail!.raw, /\r\n\r\nwebapp was down on web1, restarted/);
  });

  test("the subject is Salt's 'Message from Salt' unless given; attachments and is_html make a multipart message", async () => {
    const report = join(dir, 'report.txt');
    writeFileSync(report, 'disk at 91%\n');
    await send(['ops@example.com', '<b>disk full</b>'], { ...plain, sender: 'salt@example.com', server: server.address, attachments: [report], is_html: true });
    const mail = (await server.waitForMails(2))[1]!;
    assert.equal(mail.headers.subject, 'Message from Salt');
    assert.match(mail.headers['content-type']!, /^multipart\/mixed/);
    assert.match(mail.raw, /Content-Type: text\/html/);
    assert.match(mail.raw, /Content-Disposition: attachment; filename=report\.txt/);
    assert.ok(mail.raw.includes(Buffer.from('disk at 91%\n').toString('base64')), 'the file travels base64-encoded');
  });

  test('a profile in the grains (or pillar) gives server, sender and port', async () => {
    const grains = { 'ops-smtp': { 'smtp.server': '127.0.0.1', 'smtp.port': server.port, 'smtp.sender': 'alerts@example.com' } };
    assert.equal((await send(['ops@example.com', 'from a profile'], { profile: 'ops-smtp' }, grains)).return, true);
    const mail = (await server.waitForMails(3))[2]!;
    assert.equal(mail.envelope.from, 'alerts@example.com');
    assert.match(failureText(await send(['ops@example.com', 'x'], { profile: 'nosuch' })), /^ERROR: smtp\.send_msg: profile 'nosuch' is in neither the minion's grains nor its pillar/);
    assert.match(failureText(await send(['ops@example.com', 'x'], { profile: 'ops-smtp' }, { 'ops-smtp': 'smtp.example.com' })), /profile 'ops-smtp' must be a dict of smtp\.\* settings, got smtp\.example\.com/);
  });

  test('missing server or sender, or an unreadable attachment, is named', async () => {
    assert.match(failureText(await send(['ops@example.com', 'x'], { sender: 'salt@example.com' })), /smtp\.send_msg: no server given/);
    assert.match(failureText(await send(['ops@example.com', 'x'], { server: server.address })), /smtp\.send_msg: no sender given/);
    const missing = join(dir, 'nosuch.log');
    assert.match(failureText(await send(['ops@example.com', 'x'], { ...plain, sender: 'salt@example.com', server: server.address, attachments: [missing] })), new RegExp(`attachment ${missing} cannot be read \\(ENOENT\\)`));
    assert.equal(server.mails.length, 3, 'nothing more was sent');
  });

  test("use_ssl is 'True' by default (SMTPS): a plain server is an error naming it, and gets no mail", async () => {
    const text = failureText(await send(['ops@example.com', 'x'], { sender: 'salt@example.com', server: server.address }));
    assert.equal(text, `ERROR: smtp.send_msg: sending through ${server.address} failed: TLS wrong version number (use_ssl is on; a server that speaks plain SMTP and STARTTLS needs use_ssl=False)`);
    assert.equal(server.mails.length, 3);
  });
});

describe('smtp.send_msg errors', () => {
  test('a server that is down is named host:port', async () => {
    const down = await startMailServer();
    await down.close();
    const text = failureText(await send(['ops@example.com', 'x'], { ...plain, sender: 'salt@example.com', server: down.address }));
    assert.match(text, new RegExp(`^ERROR: smtp\\.send_msg: sending through ${down.address} failed: .*ECONNREFUSED`));
  });

  test('with username and password it logs in; a refused login is an error naming the server', async () => {
    const server = await startMailServer({ login: { user: 'alerts', pass: 's3cret' } });
    try {
      const args = { ...plain, sender: 'salt@example.com', server: '127.0.0.1', port: server.port, username: 'alerts' };
      assert.equal((await send(['ops@example.com', 'logged in'], { ...args, password: 's3cret' })).return, true);
      assert.equal((await server.waitForMails(1)).length, 1);
      const text = failureText(await send(['ops@example.com', 'x'], { ...args, password: 'wrong' }));
      assert.match(text, new RegExp(`sending through ${server.address} failed: .*Invalid username or password`));
      assert.equal(server.mails.length, 1);
    } finally {
      await server.close();
    }
  });

  test("STARTTLS is used when offered, and the server's certificate is verified", async () => {
    const server = await startMailServer({ starttls: true });
    try {
      const text = failureText(await send(['ops@example.com', 'x'], { ...plain, sender: 'salt@example.com', server: server.address }));
      assert.match(text, new RegExp(`sending through ${server.address} failed: .*certificate`));
      assert.equal(server.mails.length, 0);
    } finally {
      await server.close();
    }
  });
});
