// salt/key events from the key lists before and after a change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyEvents } from '../master/keys/key-events.js';

const lists = (accepted: string[], pending: string[] = [], rejected: string[] = [], denied: string[] = []) => ({ accepted, pending, rejected, denied });

test('a key moved to accepted or rejected is an accept or reject; a key gone from every list is a delete', () => {
  assert.deepEqual(keyEvents(lists(['web1'], ['web2', 'web3']), lists(['web1', 'web2'], [], ['web3'])), [
    { id: 'web2', act: 'accept', result: true },
    { id: 'web3', act: 'reject', result: true },
  ]);
  assert.deepEqual(keyEvents(lists(['web1', 'web2'], [], [], ['web1']), lists(['web2'])), [{ id: 'web1', act: 'delete', result: true }]);
});

test('nothing moved, or only a new pending or denied key: no events', () => {
  assert.deepEqual(keyEvents(lists(['web1']), lists(['web1'])), []);
  assert.deepEqual(keyEvents(lists(['web1']), lists(['web1'], ['web9'], [], ['web1'])), []);
});
