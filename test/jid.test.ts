import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatJid, JID_PATTERN, JidGenerator } from '../shared/jid.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

test('a jid is 20 digits and matches JID_PATTERN', () => {
  const jid = new JidGenerator().next();
  assert.match(jid, /^\d{20}$/);
  assert.equal(JID_PATTERN.test(jid), true);
});

test('JID_PATTERN refuses anything but exactly 20 digits', () => {
  assert.equal(JID_PATTERN.test('2024010112000000000'), false);
  assert.equal(JID_PATTERN.test('202401011200000000000'), false);
  assert.equal(JID_PATTERN.test('2024010112000000000x'), false);
  assert.equal(JID_PATTERN.test(''), false);
});

test('formatJid writes local time as YYYYMMDDhhmmss plus microseconds', () => {
  const local = new Date(2024, 2, 5, 7, 8, 9, 123); // 2024-03-05 07:08:09.123 local time
  const micros = local.getTime() * 1000 + 456;
  const expected =
    `${local.getFullYear()}${pad(local.getMonth() + 1)}${pad(local.getDate())}` +
    `${pad(local.getHours())}${pad(local.getMinutes())}${pad(local.getSeconds())}123456`;
  assert.equal(expected.slice(0, 14), '20240305070809');
  assert.equal(formatJid(micros), expected);
});

test('formatJid zero-pads the microseconds', () => {
  const local = new Date(2030, 11, 31, 23, 59, 58, 0);
  assert.equal(formatJid(local.getTime() * 1000 + 7), '20301231235958000007');
});

test('jids from one generator strictly increase even with the same input time', () => {
  const gen = new JidGenerator();
  const fixed = new Date(2024, 0, 1, 12, 0, 0, 0).getTime() * 1000;
  const jids = Array.from({ length: 5000 }, () => gen.next(fixed));
  assert.equal(new Set(jids).size, jids.length);
  for (let i = 1; i < jids.length; i++) assert.ok(jids[i]! > jids[i - 1]!, `${jids[i]} after ${jids[i - 1]}`);
  assert.equal(jids[0], formatJid(fixed));
  assert.equal(jids[1], formatJid(fixed + 1));
});

test('a clock that goes backwards does not make a jid go backwards', () => {
  const gen = new JidGenerator();
  const t = new Date(2024, 0, 1, 12, 0, 0, 0).getTime() * 1000;
  const first = gen.next(t);
  const second = gen.next(t - 5_000_000);
  assert.ok(second > first);
});

test('jids from the real clock strictly increase over many calls', () => {
  const gen = new JidGenerator();
  let prev = gen.next();
  for (let i = 0; i < 2000; i++) {
    const jid = gen.next();
    assert.ok(jid > prev, `${jid} after ${prev}`);
    prev = jid;
  }
});
