// What salt-ts-key -a / -r / -d do to the key store: which keys a glob picks from
// which lists, and the lines Salt prints for each change.
import type { KeyStatus } from '../../shared/protocol/messages.js';
import { globMatch } from '../../shared/targeting/glob.js';
import type { KeyLists, KeyStore } from './store.js';

export interface KeyAction {
  verb: 'accept' | 'reject' | 'delete';
  glob: string;
}

export interface KeyPlan {
  matched: string[];
  /** The matched keys, by the list they are in now (for the confirmation prompt). */
  byList: KeyLists;
  pastTense: string;
  defaultYes: boolean;
  noMatchMessage: string;
  apply(): string[];
}

const ALL: KeyStatus[] = ['accepted', 'denied', 'pending', 'rejected'];

export function planKeyAction(store: KeyStore, action: KeyAction, opts: { includeRejected: boolean; includeAccepted: boolean }): KeyPlan {
  const { from, to, pastTense, listNames } = describe(action.verb, opts);
  const lists = store.list();
  const byList: KeyLists = { accepted: [], denied: [], pending: [], rejected: [] };
  const matched: Array<[string, KeyStatus]> = [];
  for (const status of from) {
    for (const id of lists[status].filter((id) => globMatch(action.glob, id))) {
      byList[status].push(id);
      matched.push([id, status]);
    }
  }
  return {
    matched: matched.map(([id]) => id),
    byList,
    pastTense,
    defaultYes: action.verb !== 'delete',
    noMatchMessage: `The key glob '${action.glob}' does not match any ${listNames} keys.`,
    apply: () =>
      matched.map(([id, status]) => {
        if (to === null) store.delete(id);
        else store.move(id, status, to);
        return `Key for minion ${id} ${pastTense}.`;
      }),
  };
}

function describe(verb: KeyAction['verb'], opts: { includeRejected: boolean; includeAccepted: boolean }) {
  switch (verb) {
    case 'accept': {
      const from: KeyStatus[] = opts.includeRejected ? ['pending', 'rejected'] : ['pending'];
      return { from, to: 'accepted' as const, pastTense: 'accepted', listNames: opts.includeRejected ? 'unaccepted or rejected' : 'unaccepted' };
    }
    case 'reject': {
      const from: KeyStatus[] = opts.includeAccepted ? ['pending', 'accepted'] : ['pending'];
      return { from, to: 'rejected' as const, pastTense: 'rejected', listNames: opts.includeAccepted ? 'unaccepted or accepted' : 'unaccepted' };
    }
    case 'delete':
      return { from: ALL, to: null, pastTense: 'deleted', listNames: 'accepted, denied, unaccepted or rejected' };
  }
}
