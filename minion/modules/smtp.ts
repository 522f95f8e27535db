// smtp: send a message through an SMTP server (Salt's smtp module), e.g. from a reactor
// to tell the team what a beacon saw. Server and credentials come as arguments or from
// a profile: a dict of smtp.* settings under its name in the minion's pillar (or grains).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { pyStr } from '../../shared/output/py-str.js';
import { isRecord } from '../../shared/output/sorted-keys.js';
import { CommandExecutionError } from './command-error.js';
import { mailServer, sendMail, type Mail } from './smtp/send.js';
import type { BoundArgs, ExecContext, ExecModule } from './types.js';

const fail = (message: string) => new CommandExecutionError(`smtp.send_msg: ${message}`);
const given = (value: unknown): string | null => (value == null || value === '' ? null : pyStr(value));
// Salt takes SSL only from the text 'True' (its default); a YAML true means the same here.
const isSsl = (value: unknown) => value === true || value === 'True' || value === 'true';

/** Where Salt's config.option finds a name past the minion's options (which hold only the options salt-ts knows): grains, then pillar. */
function configOption(ctx: ExecContext, name: string): unknown {
  for (const source of [ctx.grains, ctx.pillar]) {
    if (Object.hasOwn(source, name)) return source[name];
  }
  return undefined;
}

/** A profile's settings replace the connection arguments, as in Salt (a missing key leaves that setting unset). */
function withProfile(ctx: ExecContext, a: BoundArgs): BoundArgs {
  const name = given(a.profile);
  if (name === null) return a;
  const creds = configOption(ctx, name);
  if (creds === undefined) throw fail(`profile '${name}' is in neither the minion's grains nor its pillar`);
  if (!isRecord(creds)) throw fail(`profile '${name}' must be a dict of smtp.* settings, got ${pyStr(creds)}`);
  return { ...a, server: creds['smtp.server'], use_ssl: creds['smtp.tls'], sender: creds['smtp.sender'], username: creds['smtp.username'], password: creds['smtp.password'], port: creds['smtp.port'] ?? 0 };
}

async function attachments(value: unknown): Promise<Mail['attachments']> {
  if (value == null || value === '') return [];
  const paths = Array.isArray(value) ? value.map(pyStr) : [pyStr(value)];
  return Promise.all(paths.map(async (path) => {
    try {
      return { filename: basename(path), content: await readFile(path) };
    } catch (err) {
      throw fail(`attachment ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }));
}

async function sendMsg(ctx: ExecContext, args: BoundArgs): Promise<true> {
  const a = withProfile(ctx, args);
  const server = given(a.server);
  const sender = given(a.sender);
  if (server === null) throw fail('no server given (server= or a profile with smtp.server)');
  if (sender === null) throw fail('no sender given (sender= or a profile with smtp.sender)');
  const port = Number(a.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw fail(`port must be a port number, got ${pyStr(a.port)}`);
  const recipients = Array.isArray(a.recipient) ? a.recipient.map(pyStr).join(', ') : pyStr(a.recipient);
  await sendMail(mailServer(server, port, isSsl(a.use_ssl), given(a.username), given(a.password)), {
    from: sender,
    to: recipients,
    subject: pyStr(a.subject),
    body: pyStr(a.message),
    html: a.is_html === true,
    attachments: await attachments(a.attachments),
  });
  return true;
}

export const smtpModule: ExecModule = {
  name: 'smtp',
  doc: 'Send messages through an SMTP server (Salt\'s smtp module).',
  functions: {
    send_msg: {
      doc: "Send message to recipient (comma-separated addresses) through server ('host' or 'host:port'; use_ssl='True' by default: SMTPS, else STARTTLS when offered), logging in when username and password are given; profile names a dict of smtp.server/smtp.tls/smtp.sender/smtp.username/smtp.password/smtp.port in the minion's grains or pillar; attachments is a list of files; return True. CLI: salt-ts '*' smtp.send_msg admin@example.com 'disk full on web1' profile=ops-smtp",
      params: [
        { name: 'recipient' }, { name: 'message' }, { name: 'subject', default: 'Message from Salt' }, { name: 'sender', default: null },
        { name: 'server', default: null }, { name: 'use_ssl', default: 'True' }, { name: 'username', default: null }, { name: 'password', default: null },
        { name: 'profile', default: null }, { name: 'attachments', default: null }, { name: 'is_html', default: false }, { name: 'port', default: 0 },
      ],
      run: sendMsg,
    },
  },
};
