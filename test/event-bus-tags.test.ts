// The event bus's rules without a fleet: which tags a minion may send, the data the master
// puts on the bus for them, how state.event matches and prints, and the subject a tag glob
// narrows a subscription to.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { busData, minionTagRefusal } from '../master/events/minion-events.js';
import { subjectForTagGlob, tagMatches } from '../master/events/bus.js';
import { eventLine } from '../master/events/print.js';

describe('minion event tags', () => {
  test('user tags and the minion’s own beacon and minion tags pass', () => {
    for (const tag of ['myapp/build/done', 'deploy', 'salt/beacon/web1/memusage/', 'salt/minion/web1/custom', 'saltapp/x', 'salt/state_result/20261122140000000001/web1/nano', 'salt/job/20261122140000000001/prog/web1/3']) {
      assert.equal(minionTagRefusal('web1', tag), null, tag);
    }
  });

  test("the master's namespaces and other minions' tags are refused, naming the tag", () => {
    for (const tag of ['salt/job/1/ret/web2', 'salt/auth', 'salt/key', 'salt/run/1/ret', 'salt/minion/web2/start', 'salt/beacon/web2/x/', 'salt/beacon/web10/x/', 'salt/master/online', 'salt/state_result/20261122140000000001/web2/nano', 'salt/state_result/1/web1/nano', 'salt/job/20261122140000000001/prog/web2/3', 'salt/job/20261122140000000001/ret/web1']) {
      assert.match(minionTagRefusal('web1', tag) ?? '', new RegExp(`^tag '${tag.replaceAll('/', '\\/')}' is in the master's salt/ namespace`), tag);
    }
  });

  test("the bus data: Salt's fire_master load, or a beacon's data flat with the true id", () => {
    assert.deepEqual(busData('web1', 'a/b', { id: 'web2', x: 1 }), { id: 'web1', tag: 'a/b', data: { id: 'web2', x: 1 }, cmd: '_minion_event' });
    assert.deepEqual(busData('web1', 'salt/beacon/web1/load/', { '1m': 3, id: 'web2' }), { '1m': 3, id: 'web1' });
    const tag = 'salt/state_result/20261122140000000001/web1/nano';
    assert.deepEqual(busData('web1', tag, { ret: {} }), { id: 'web1', tag, data: { ret: {} }, cmd: '_minion_event', jid: '20261122140000000001' });
  });
});

describe('state.event matching and printing', () => {
  test('tagmatch is the tag itself, a glob whose * spans /, or a regex of the whole tag', () => {
    assert.ok(tagMatches('salt/job/*', 'salt/job/1/ret/web1'));
    assert.ok(tagMatches('*', 'anything/at/all'));
    assert.ok(tagMatches('salt/job/[0-9]+/new', 'salt/job/123/new'));
    assert.ok(!tagMatches('salt/job/*', 'salt/run/1/new'));
    assert.ok(!tagMatches('salt/job', 'salt/job/1/new'));
    assert.ok(!tagMatches('(', '('.repeat(2)), 'a bad regex matches nothing');
  });

  test("a line is tag<TAB>json with Python's separators and ensure_ascii; pretty sorts keys", () => {
    assert.equal(eventLine('a/b', { z: [1, 'é'], a: { y: null } }, false), 'a/b\t{"z": [1, "\\u00e9"], "a": {"y": null}}');
    assert.equal(eventLine('a/b', { z: 1, a: { y: true, b: 2 } }, true), 'a/b\t{\n    "a": {\n        "b": 2,\n        "y": true\n    },\n    "z": 1\n}');
  });

  test('a tag glob narrows the subscription to its wildcard-free leading parts', () => {
    assert.equal(subjectForTagGlob('myapp/build/*'), 'salt.event.myapp.build.>');
    assert.equal(subjectForTagGlob('myapp/build/done'), 'salt.event.myapp.build.done');
    assert.equal(subjectForTagGlob('myapp/bu*'), 'salt.event.myapp.>');
    assert.equal(subjectForTagGlob('*/done'), 'salt.event.>');
    assert.equal(subjectForTagGlob('web1.example.com/x?'), 'salt.event.web1%2Eexample%2Ecom.>');
  });
});
