// A real SMTP server (the smtp-server package) on a free loopback port, keeping every
// message it accepts: envelope, headers and raw text. By default it offers no STARTTLS
// and takes mail without a login; `login` makes it require that user and password.
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** MAIL FROM and RCPT TO addresses. */
  envelope: { from: string; to: string[] };
  /** Header names in lower case, folded lines joined. */
  headers: Record<string, string>;
  raw: string;
}

export interface MailServerOptions {
  login?: { user: string; pass: string };
  /** Offer STARTTLS (with smtp-server's own self-signed certificate). */
  starttls?: boolean;
}

export interface TestMailServer {
  port: number;
  /** host:port, as smtp.send_msg takes it in `server`. */
  address: string;
  mails: ReceivedMail[];
  /** Waits until `count` mails have arrived (failing after timeoutMs), and returns them all. */
  waitForMails(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

function parseHeaders(raw: string): Record<string, string> {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/));
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export async function startMailServer(options: MailServerOptions = {}): Promise<TestMailServer> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: options.starttls ? [] : ['STARTTLS'],
    authOptional: options.login === undefined,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      const ok = auth.username === options.login?.user && auth.password === options.login?.pass;
      callback(ok ? null : new Error('Invalid username or password'), ok ? { user: auth.username } : undefined);
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        mails.push({ envelope: { from: from ? from.address : '', to: session.envelope.rcptTo.map((r) => r.address) }, headers: parseHeaders(raw), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    address: `127.0.0.1:${port}`,
    mails,
    async waitForMails(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (mails.length < count) {
        if (Date.now() > deadline) throw new Error(`the SMTP server got ${mails.length} mail(s) within ${timeoutMs} ms, not ${count}`);
        await sleep(50);
      }
      return mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
