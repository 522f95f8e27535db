// Salt's `salt/key` events, worked out from the key lists before and after a change, so
// every way a key moves (salt-ts-key, a reactor's wheel.key, auto_accept) reports it.
import type { KeyLists } from './store.js';

export type KeyAct = 'accept' | 'reject' | 'delete';

export interface KeyEvent {
  id: string;
  act: KeyAct;
  result: true;
}

// Sets, not list lookups: auto_accept compares the whole fleet's lists on every new key.
export function keyEvents(before: KeyLists, after: KeyLists): KeyEvent[] {
  const had = (lists: KeyLists) => new Set(Object.values(lists).flat());
  const event = (act: KeyAct) => (id: string): KeyEvent => ({ id, act, result: true });
  const newIn = (status: 'accepted' | 'rejected') => {
    const old = new Set(before[status]);
    return after[status].filter((id) => !old.has(id));
  };
  const stillThere = had(after);
  return [
    ...newIn('accepted').map(event('accept')),
    ...newIn('rejected').map(event('reject')),
    ...[...had(before)].filter((id) => !stillThere.has(id)).sort().map(event('delete')),
  ];
}
