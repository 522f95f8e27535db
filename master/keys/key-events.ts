// Salt's `salt/key` events, worked out from the key lists before and after a change, so
// every way a key moves (salt-ts-key, a reactor's wheel.key, auto_accept) reports it.
import type { KeyLists } from './store.js';

export type KeyAct = 'accept' | 'reject' | 'delete';

export interface KeyEvent {
  id: string;
  act: KeyAct;
  result: true;
}

export function keyEvents(before: KeyLists, after: KeyLists): KeyEvent[] {
  const had = (lists: KeyLists) => new Set(Object.values(lists).flat());
  const newIn = (status: 'accepted' | 'rejected') => after[status].filter((id) => !before[status].includes(id));
  const stillThere = had(after);
  return [
    ...newIn('accepted').map((id) => ({ id, act: 'accept' as const, result: true as const })),
    ...newIn('rejected').map((id) => ({ id, act: 'reject' as const, result: true as const })),
    ...[...had(before)].filter((id) => !stillThere.has(id)).sort().map((id) => ({ id, act: 'delete' as const, result: true as const })),
  ];
}
