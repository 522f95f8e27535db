// A real HTTP server on loopback for the http module and state tests: /ok answers
// "service ok v2", /missing 404, /json a JSON body, /echo the request back, /slow
// never answers, and /healthy-after/N answers 503 to its first N requests, then 200.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

export async function startTestServer(): Promise<TestServer> {
  const counts = new Map<string, number>();
  const server: Server = createServer(async (req, res) => {
    const path = req.url ?? '/';
    const seen = (counts.get(path) ?? 0) + 1;
    counts.set(path, seen);
    const healthyAfter = /^\/healthy-after\/(\d+)/.exec(path);
    if (path === '/ok') res.writeHead(200, { 'content-type': 'text/plain', 'x-app': 'morse' }).end('service ok v2');
    else if (path === '/json') res.writeHead(200, { 'content-type': 'application/json' }).end('{"version": "v2", "up": true}');
    else if (path.startsWith('/echo')) res.writeHead(201).end(JSON.stringify({ method: req.method, url: path, auth: req.headers.authorization ?? null, token: req.headers['x-token'] ?? null, body: await readBody(req) }));
    else if (path === '/slow') return; // never answers
    else if (healthyAfter) {
      if (seen > Number(healthyAfter[1])) res.writeHead(200).end(`healthy after ${seen - 1} failures`);
      else res.writeHead(503).end('starting');
    } else res.writeHead(404).end('no such page');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
