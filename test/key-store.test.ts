import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '@nats-io/nkeys';
import { KeyStore } from '../master/keys/store.js';
import { planKeyAction } from '../master/keys/actions.js';
import { formatFingerprints, formatKeyLists } from '../master/keys/format.js';
import { fingerprint } from '../shared/fingerprint.js';

const newKey = () => createUser().getPublicKey();
const noFlags = { includeRejected: false, includeAccepted: false };
const plain = { json: false, color: false };

let dir: string;
let store: KeyStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'salt-ts-keys-'));
  store = new KeyStore(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('KeyStore.submit', () => {
  test('creates the four Salt key folders', () => {
    assert.deepEqual(readdirSync(dir).sort(), ['minions', 'minions_denied', 'minions_pre', 'minions_rejected']);
  });

  test('a new key is pending without auto_accept', () => {
    const key = newKey();
    assert.equal(store.submit('web1', key, false), 'pending');
    assert.equal(store.statusOf('web1'), 'pending');
    assert.equal(store.read('pending', 'web1'), key);
  });

  test('resubmitting the same pending key stays pending', () => {
    const key = newKey();
    store.submit('web1', key, false);
    assert.equal(store.submit('web1', key, false), 'pending');
    assert.equal(store.read('pending', 'web1'), key);
  });

  test('a key accepted on disk but not yet in the caller\'s map (salt-ts-key -a just ran) stays accepted, never pending too', () => {
    const key = newKey();
    store.submit('web1', key, false);
    store.move('web1', 'pending', 'accepted');
    assert.equal(store.submit('web1', key, false, new Map()), 'accepted');
    assert.deepEqual(store.list().pending, []);
  });

  test('a new key is accepted with auto_accept', () => {
    const key = newKey();
    assert.equal(store.submit('web1', key, true), 'accepted');
    assert.equal(store.read('accepted', 'web1'), key);
    assert.deepEqual([...store.accepted()], [['web1', key]]);
  });

  test('auto_accept takes a pending key out of pending', () => {
    const key = newKey();
    store.submit('web1', key, false);
    assert.equal(store.submit('web1', key, true), 'accepted');
    assert.equal(store.read('pending', 'web1'), null);
    assert.deepEqual(store.list().pending, []);
  });

  test('the accepted key resubmitted is accepted', () => {
    const key = newKey();
    store.submit('web1', key, true);
    assert.equal(store.submit('web1', key, false), 'accepted');
  });

  test('another key for an accepted id is denied and the accepted key is kept', () => {
    const key = newKey();
    const impostor = newKey();
    store.submit('web1', key, true);
    assert.equal(store.submit('web1', impostor, true), 'denied');
    assert.equal(store.read('accepted', 'web1'), key);
    assert.equal(store.read('denied', 'web1'), impostor);
    assert.deepEqual(store.list().denied, ['web1']);
  });

  test('another key for a pending id is denied and the pending key is kept, as in Salt', () => {
    const key = newKey();
    const impostor = newKey();
    store.submit('web1', key, false);
    assert.equal(store.submit('web1', impostor, false), 'denied');
    assert.equal(store.read('pending', 'web1'), key);
    assert.equal(store.read('denied', 'web1'), impostor);
  });

  test('a public key accepted under another id is denied', () => {
    const key = newKey();
    store.submit('web1', key, true);
    assert.equal(store.submit('web2', key, true), 'denied');
    assert.equal(store.read('accepted', 'web2'), null);
    assert.equal(store.read('denied', 'web2'), key);
    assert.deepEqual(store.list().accepted, ['web1']);
  });

  test('a rejected key stays rejected on resubmit, even with auto_accept', () => {
    const key = newKey();
    store.submit('web1', key, false);
    assert.equal(store.move('web1', 'pending', 'rejected'), true);
    assert.equal(store.submit('web1', key, true), 'rejected');
    assert.equal(store.submit('web1', newKey(), true), 'rejected');
    assert.equal(store.statusOf('web1'), 'rejected');
    assert.deepEqual(store.list().accepted, []);
  });
});

describe('KeyStore lists', () => {
  test('list() gives each folder sorted', () => {
    for (const id of ['web3', 'db1', 'web10', 'web2']) store.submit(id, newKey(), false);
    store.submit('zeta', newKey(), true);
    store.submit('alpha', newKey(), true);
    assert.deepEqual(store.list(), {
      accepted: ['alpha', 'zeta'],
      pending: ['db1', 'web10', 'web2', 'web3'],
      rejected: [],
      denied: [],
    });
  });

  test('temporary and other non-id file names are never listed', () => {
    store.submit('web1', newKey(), false);
    writeFileSync(join(dir, 'minions_pre', '.web2.tmp'), newKey());
    writeFileSync(join(dir, 'minions_pre', '.hidden'), 'x');
    writeFileSync(join(dir, 'minions', '-dash'), 'x');
    assert.deepEqual(store.list().pending, ['web1']);
    assert.deepEqual(store.list().accepted, []);
  });

  test('move() reports a key that is not there', () => {
    assert.equal(store.move('ghost', 'pending', 'accepted'), false);
  });

  test('delete() removes a key from every list', () => {
    store.submit('web1', newKey(), true);
    store.submit('web1', newKey(), true); // also denied now
    assert.equal(store.delete('web1'), true);
    assert.equal(store.statusOf('web1'), null);
    assert.deepEqual(store.list(), { accepted: [], pending: [], rejected: [], denied: [] });
    assert.equal(store.delete('web1'), false);
  });
});

describe('planKeyAction', () => {
  beforeEach(() => {
    for (const id of ['web1', 'web2', 'db1']) store.submit(id, newKey(), false);
    store.submit('web9', newKey(), true);
    store.submit('webr', newKey(), false);
    store.move('webr', 'pending', 'rejected');
  });

  test('accept picks pending keys matching the glob and moves them', () => {
    const plan = planKeyAction(store, { verb: 'accept', glob: 'web*' }, noFlags);
    assert.deepEqual(plan.matched, ['web1', 'web2']);
    assert.deepEqual(plan.byList, { accepted: [], denied: [], pending: ['web1', 'web2'], rejected: [] });
    assert.equal(plan.defaultYes, true);
    assert.deepEqual(plan.apply(), ['Key for minion web1 accepted.', 'Key for minion web2 accepted.']);
    assert.deepEqual(store.list().accepted, ['web1', 'web2', 'web9']);
    assert.deepEqual(store.list().pending, ['db1']);
  });

  test('accept with includeRejected also takes rejected keys', () => {
    const plan = planKeyAction(store, { verb: 'accept', glob: 'web?' }, { includeRejected: true, includeAccepted: false });
    assert.deepEqual(plan.matched, ['web1', 'web2', 'webr']);
    assert.deepEqual(plan.byList.rejected, ['webr']);
    plan.apply();
    assert.equal(store.statusOf('webr'), 'accepted');
  });

  test('reject takes pending keys only, unless includeAccepted', () => {
    const plan = planKeyAction(store, { verb: 'reject', glob: 'web*' }, noFlags);
    assert.deepEqual(plan.matched, ['web1', 'web2']);
    assert.deepEqual(plan.apply(), ['Key for minion web1 rejected.', 'Key for minion web2 rejected.']);
    assert.equal(store.statusOf('web9'), 'accepted');

    const wider = planKeyAction(store, { verb: 'reject', glob: 'web9' }, { includeRejected: false, includeAccepted: true });
    assert.deepEqual(wider.byList.accepted, ['web9']);
    assert.deepEqual(wider.apply(), ['Key for minion web9 rejected.']);
    assert.equal(store.statusOf('web9'), 'rejected');
  });

  test('delete takes keys from every list and defaults to no', () => {
    const plan = planKeyAction(store, { verb: 'delete', glob: 'web*' }, noFlags);
    assert.equal(plan.defaultYes, false);
    assert.deepEqual(plan.byList, { accepted: ['web9'], denied: [], pending: ['web1', 'web2'], rejected: ['webr'] });
    assert.deepEqual(plan.apply().sort(), [
      'Key for minion web1 deleted.',
      'Key for minion web2 deleted.',
      'Key for minion web9 deleted.',
      'Key for minion webr deleted.',
    ]);
    assert.deepEqual(store.list(), { accepted: [], denied: [], pending: ['db1'], rejected: [] });
  });

  test('the glob is anchored: an exact id picks only that key', () => {
    assert.deepEqual(planKeyAction(store, { verb: 'accept', glob: 'web' }, noFlags).matched, []);
    assert.deepEqual(planKeyAction(store, { verb: 'accept', glob: 'db1' }, noFlags).matched, ['db1']);
  });

  test('noMatchMessage names the glob and the lists searched', () => {
    const msg = (verb: 'accept' | 'reject' | 'delete', flags = noFlags) => planKeyAction(store, { verb, glob: 'nope*' }, flags).noMatchMessage;
    assert.equal(msg('accept'), "The key glob 'nope*' does not match any unaccepted keys.");
    assert.equal(msg('accept', { includeRejected: true, includeAccepted: false }), "The key glob 'nope*' does not match any unaccepted or rejected keys.");
    assert.equal(msg('reject', { includeRejected: false, includeAccepted: true }), "The key glob 'nope*' does not match any unaccepted or accepted keys.");
    assert.equal(msg('delete'), "The key glob 'nope*' does not match any accepted, denied, unaccepted or rejected keys.");
  });

  test('nothing changes until apply()', () => {
    planKeyAction(store, { verb: 'delete', glob: '*' }, noFlags);
    assert.deepEqual(store.list().pending, ['db1', 'web1', 'web2']);
  });
});

describe('formatKeyLists', () => {
  const lists = { accepted: ['web1', 'web2'], denied: ['bad1'], pending: ['new1'], rejected: ['old1'] };

  test('text lists the four headings in Salt order with their keys', () => {
    assert.equal(
      formatKeyLists(lists, plain),
      'Accepted Keys:\nweb1\nweb2\nDenied Keys:\nbad1\nUnaccepted Keys:\nnew1\nRejected Keys:\nold1\n',
    );
  });

  test('empty lists keep their heading, unless onlyNonEmpty', () => {
    const empty = { accepted: [], denied: [], pending: ['new1'], rejected: [] };
    assert.equal(formatKeyLists(empty, plain), 'Accepted Keys:\nDenied Keys:\nUnaccepted Keys:\nnew1\nRejected Keys:\n');
    assert.equal(formatKeyLists(empty, plain, true), 'Unaccepted Keys:\nnew1\n');
  });

  test('no escape codes without colour, escape codes with it', () => {
    assert.ok(!formatKeyLists(lists, plain).includes('\x1b'));
    const coloured = formatKeyLists(lists, { json: false, color: true });
    assert.ok(coloured.includes('\x1b['));
    assert.equal(coloured.replace(/\x1b\[[0-9;]*m/g, ''), formatKeyLists(lists, plain));
  });

  test('JSON uses the Salt folder names', () => {
    const out = formatKeyLists(lists, { json: true, color: true });
    assert.ok(!out.includes('\x1b'));
    assert.deepEqual(JSON.parse(out), {
      minions: ['web1', 'web2'],
      minions_denied: ['bad1'],
      minions_pre: ['new1'],
      minions_rejected: ['old1'],
    });
  });
});

describe('formatFingerprints', () => {
  test('prints id:  fingerprint lines for the matching keys', () => {
    const key1 = newKey();
    const key2 = newKey();
    store.submit('web1', key1, true);
    store.submit('web2', key2, false);
    store.submit('db1', newKey(), false);
    const out = formatFingerprints(store, 'web*', plain);
    assert.equal(out, `Accepted Keys:\nweb1:  ${fingerprint(key1)}\nUnaccepted Keys:\nweb2:  ${fingerprint(key2)}\n`);
    assert.match(out, /^web1: {2}[0-9a-f]{2}(?::[0-9a-f]{2}){31}$/m);
  });

  test('a fingerprint is 32 colon-separated hex pairs (sha256)', () => {
    assert.match(fingerprint(newKey()), /^[0-9a-f]{2}(?::[0-9a-f]{2}){31}$/);
    assert.equal(
      fingerprint('abc'),
      'ba:78:16:bf:8f:01:cf:ea:41:41:40:de:5d:ae:22:23:b0:03:61:a3:96:17:7a:9c:b4:10:ff:61:f2:00:15:ad',
    );
  });

  test('JSON maps each folder to id: fingerprint', () => {
    const key = newKey();
    store.submit('web1', key, true);
    assert.deepEqual(JSON.parse(formatFingerprints(store, '*', { json: true, color: false })), {
      minions: { web1: fingerprint(key) },
      minions_denied: {},
      minions_pre: {},
      minions_rejected: {},
    });
  });
});
