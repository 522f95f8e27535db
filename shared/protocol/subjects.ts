// The only place NATS subjects are spelled. Master, minions and CLIs all build
// subjects through these functions, and the broker permissions are derived from them.

const SAFE_TOKEN_CHAR = /[A-Za-z0-9_-]/;

/** Encodes a minion id (or any name) as one subject token: `.`, `*`, `>` and
 * other characters outside [A-Za-z0-9_-] become %XX, so `web1.example.com` is
 * one token and can never widen a permission. */
export function subjectToken(name: string): string {
  let out = '';
  for (const ch of name) {
    if (SAFE_TOKEN_CHAR.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out === '' ? '%' : out;
}

export function nameFromToken(token: string): string {
  return token === '%' ? '' : decodeURIComponent(token);
}

export const Subjects = {
  /** Pending minions submit their public key here (registration credential). */
  auth: 'salt.auth',
  /** Jobs for every accepted minion. */
  jobsAll: 'salt.pub.all',
  /** Jobs for one minion. */
  jobsFor: (id: string) => `salt.pub.${subjectToken(id)}`,
  /** A minion's return for one job. */
  returnFrom: (id: string, jid: string) => `salt.ret.${subjectToken(id)}.${jid}`,
  returnsAll: 'salt.ret.*.*',
  /** Announcements a minion makes about itself (start, grains). */
  minionNotice: (id: string, notice: string) => `salt.minion.${subjectToken(id)}.${notice}`,
  minionNoticesAll: 'salt.minion.*.*',
  /** A minion's requests to the master's file server (a notice kind it may publish, answered by request/reply). */
  fileRequest: (id: string) => `salt.minion.${subjectToken(id)}.file`,
  fileRequestsAll: 'salt.minion.*.file',
  /** A minion asking the master for its own compiled pillar (request/reply, like fileRequest). */
  pillarRequest: (id: string) => `salt.minion.${subjectToken(id)}.pillar`,
  pillarRequestsAll: 'salt.minion.*.pillar',
  /** An event a minion sends to the master's bus (event.send, beacons); the master stamps its id. */
  minionEvent: (id: string) => `salt.minion.${subjectToken(id)}.event`,
  minionEventsAll: 'salt.minion.*.event',
  /** Requests the CLIs make of the master. */
  api: (verb: ApiVerb) => `salt.api.${verb}`,
  apiAll: 'salt.api.>',
  /** The event bus: a tag `salt/job/123/new` travels on `salt.event.salt.job.123.new`. */
  event: (tag: string) => 'salt.event.' + tag.split('/').map(subjectToken).join('.'),
  eventsAll: 'salt.event.>',
} as const;

export type ApiVerb = 'publish' | 'extend' | 'keys';

/** Inbox prefixes, so each kind of client can be allowed only its own replies. */
export const Inboxes = {
  minion: (id: string) => `_INBOX.m.${subjectToken(id)}`,
  cli: '_INBOX.cli',
  registration: '_INBOX.auth',
} as const;

/** Parses `salt.ret.<token>.<jid>` into the minion id the broker vouches for. */
export function parseReturnSubject(subject: string): { id: string; jid: string } | null {
  const parts = subject.split('.');
  if (parts.length !== 4 || parts[0] !== 'salt' || parts[1] !== 'ret') return null;
  return { id: nameFromToken(parts[2]!), jid: parts[3]! };
}

/** Parses `salt.minion.<token>.<notice>` into the minion id the broker vouches for. */
export function parseMinionNoticeSubject(subject: string): { id: string; notice: string } | null {
  const parts = subject.split('.');
  if (parts.length !== 4 || parts[0] !== 'salt' || parts[1] !== 'minion') return null;
  return { id: nameFromToken(parts[2]!), notice: parts[3]! };
}
