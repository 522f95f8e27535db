// What each kind of broker user may publish and subscribe to. The master turns
// these into the nats-server authorization block; nothing else grants access.
import { Inboxes, Subjects, subjectToken } from './subjects.js';

export interface Permissions {
  publish: string[];
  subscribe: string[];
  /** May answer requests it received (one reply each) without inbox publish rights. */
  allowResponses?: boolean;
}

/** An accepted minion: its own jobs in, its own returns and notices out, nothing else. */
export function minionPermissions(id: string): Permissions {
  const token = subjectToken(id);
  return {
    publish: [`salt.ret.${token}.*`, `salt.minion.${token}.*`],
    subscribe: [Subjects.jobsAll, Subjects.jobsFor(id), `${Inboxes.minion(id)}.>`],
    allowResponses: true,
  };
}

/** The CLIs (holders of the master's client credential): requests to the master, and the
 * event bus (state.event watches it; orchestration runs in the CLI and fires its own events). */
export function cliPermissions(): Permissions {
  return { publish: [Subjects.apiAll, Subjects.eventsAll], subscribe: [`${Inboxes.cli}.>`, Subjects.eventsAll] };
}

/** A minion whose key is not accepted yet: it may only submit its key and read the answer. */
export function registrationPermissions(): Permissions {
  return { publish: [Subjects.auth], subscribe: [`${Inboxes.registration}.>`] };
}

/** The registration credential is public by design: every pending minion uses it, and
 * it grants nothing beyond submitting a key (see registrationPermissions). */
export const REGISTRATION_SEED = 'SUAKGAOPOA3S2JFBQEG75FHKGUOTUGPRYDZ6CMYYLVW43WCONKDBHN2DSY';
