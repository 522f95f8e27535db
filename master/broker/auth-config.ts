// Renders the broker's authorization block from the accepted keys. Only this block
// changes on a reload: touching any other setting would make nats-server refuse
// the whole reload.
import type { Permissions } from '../../shared/protocol/permissions.js';
import { cliPermissions, minionPermissions, registrationPermissions } from '../../shared/protocol/permissions.js';

export interface AuthUsers {
  masterKey: string;
  cliKey: string;
  registrationKey: string;
  /** minion id -> public nkey */
  minions: Map<string, string>;
}

export function renderAuthorization(users: AuthUsers): string {
  const lines = [
    user(users.masterKey, { publish: ['>'], subscribe: ['>'] }),
    user(users.cliKey, cliPermissions()),
    user(users.registrationKey, registrationPermissions()),
  ];
  for (const [id, key] of users.minions) lines.push(user(key, minionPermissions(id)));
  return `authorization {\n  users = [\n${lines.map((l) => '    ' + l).join('\n')}\n  ]\n}\n`;
}

function user(nkey: string, p: Permissions): string {
  const list = (xs: string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
  const responses = p.allowResponses ? ', allow_responses: true' : '';
  return `{nkey: ${JSON.stringify(nkey)}, permissions: {publish: {allow: ${list(p.publish)}}, subscribe: {allow: ${list(p.subscribe)}}${responses}}}`;
}
