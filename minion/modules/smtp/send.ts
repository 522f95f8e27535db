// Hands one message to an SMTP server through nodemailer: implicit TLS (use_ssl) or plain
// SMTP upgraded with STARTTLS when the server offers it, as Salt's smtp module connects.
import { CommandExecutionError } from '../command-error.js';

export interface MailServer {
  host: string;
  port: number;
  /** TLS from the first byte (SMTPS); otherwise STARTTLS when offered. */
  ssl: boolean;
  username: string | null;
  password: string | null;
}

export interface Mail {
  from: string;
  /** The To header as given: comma-separated addresses. */
  to: string;
  subject: string;
  body: string;
  html: boolean;
  attachments: { filename: string; content: Buffer }[];
}

/** `host`, `host:port` (as smtplib reads it) and an explicit port (0: the protocol's default, 465 with SSL, else 25). */
export function mailServer(server: string, port: number, ssl: boolean, username: string | null, password: string | null): MailServer {
  const colon = server.indexOf(':');
  const inline = colon !== -1 && colon === server.lastIndexOf(':') ? Number(server.slice(colon + 1)) : NaN;
  const host = Number.isInteger(inline) ? server.slice(0, colon) : server;
  const chosen = port || (Number.isInteger(inline) ? inline : ssl ? 465 : 25);
  return { host, port: chosen, ssl, username, password };
}

/** nodemailer's message, except for OpenSSL's long one of a failed handshake. */
function describe(err: unknown, server: MailServer): string {
  const reason = (err as { reason?: unknown }).reason;
  if (typeof reason !== 'string') return err instanceof Error ? err.message : String(err);
  // Salt's default is SMTPS, which a server taking plain SMTP answers with this.
  return server.ssl ? `TLS ${reason} (use_ssl is on; a server that speaks plain SMTP and STARTTLS needs use_ssl=False)` : `TLS ${reason}`;
}

export async function sendMail(server: MailServer, mail: Mail): Promise<void> {
  // Loaded on first use: most jobs send no mail, and every worker loads the registry.
  const { createTransport } = await import('nodemailer');
  const transport = createTransport({
    host: server.host,
    port: server.port,
    secure: server.ssl,
    // Salt logs in only when both are given.
    auth: server.username && server.password ? { user: server.username, pass: server.password } : undefined,
  });
  try {
    await transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      [mail.html ? 'html' : 'text']: mail.body,
      attachments: mail.attachments,
    });
  } catch (err) {
    throw new CommandExecutionError(`smtp.send_msg: sending through ${server.host}:${server.port} failed: ${describe(err, server)}`);
  } finally {
    transport.close();
  }
}
