import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: Record<string, string>;
  body: string;
  /** What the receiver answered. */
  status: number;
}

/**
 * A real HTTP receiver on loopback for webhook tests and the benchmark: records every request and
 * answers with whatever `answer` decides (200 by default).
 */
export async function startReceiver(answer: (req: Received, index: number) => number = () => 200) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry: Received = {
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks).toString('utf8'),
        status: 0,
      };
      entry.status = answer(entry, received.length);
      received.push(entry);
      res.writeHead(entry.status, { 'content-type': 'text/plain' }).end(entry.status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Requests that were answered 2xx, parsed. */
    delivered: () =>
      received
        .filter((r) => r.status < 300)
        .map((r) => ({
          id: r.headers['webhook-id']!,
          ...(JSON.parse(r.body) as { type: string; data: { id: string } }),
        })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
