// haproxy's runtime API over its stats socket, in non-interactive mode: one command per
// connection, the answer is everything haproxy writes before it closes.
import net from 'node:net';
import { CommandExecutionError } from '../command-error.js';

/** Sends one command to the socket (a unix socket path, or host:port for a TCP stats socket) and returns the answer. */
export function sendCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const tcp = /^(.+):(\d+)$/.exec(socket);
    const conn = tcp ? net.createConnection({ host: tcp[1]!, port: Number(tcp[2]) }) : net.createConnection({ path: socket });
    const chunks: Buffer[] = [];
    conn.on('connect', () => conn.end(`${command}\n`));
    conn.on('data', (chunk: Buffer) => chunks.push(chunk));
    conn.on('error', (err: NodeJS.ErrnoException) => reject(new CommandExecutionError(`haproxy socket ${socket}: ${err.code ?? err.message} (is haproxy running with 'stats socket ${socket} level admin'?)`)));
    conn.on('close', (hadError) => {
      if (!hadError) resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

/** A command that answers nothing when it worked (disable/enable server, set weight, set server); anything else is haproxy's error. */
export async function adminCommand(socket: string, command: string): Promise<void> {
  const answer = (await sendCommand(socket, command)).trim();
  if (answer !== '') throw new CommandExecutionError(`haproxy refused '${command}' on ${socket}: ${answer}`);
}
