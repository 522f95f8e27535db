// A chat-style webhook on loopback: every request is kept (method, path, content type,
// body) and answered 200, so a test can count the notifications it got.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Notification {
  method: string;
  path: string;
  contentType: string;
  body: string;
}

export interface WebhookReceiver {
  /** The URL to post notifications to. */
  url: string;
  received: Notification[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Notification[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ method: req.method ?? '', path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok": true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/ops`,
    received,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
