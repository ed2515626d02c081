// Issue 16: unauthenticated large bodies were read whole before the signature check (one forged
// 26 MB POST: +300 MiB; eight at once: 1.2 GiB). The limit answers 413 without handing anything
// to the webhook middleware, whether the size is declared or only streamed; a body within the
// limit reaches it whole, as text.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { limitBodies } from '../../src/github/body-limit.js';

const LIMIT = 1024 * 1024;
let server: Server;
let url: string;
const received: (string | undefined)[] = [];

beforeAll(async () => {
  const inner = async (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    received.push((req as IncomingMessage & { body?: string }).body);
    res.writeHead(200).end('ok');
    return true;
  };
  const handler = limitBodies(inner, LIMIT);
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

test('a body declared over the limit is refused with 413 and never reaches the middleware', async () => {
  const before = received.length;
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(LIMIT + 1) });
  expect(res.status).toBe(413);
  expect(received.length).toBe(before);
});

test('a streamed body (no content-length) past the limit is refused too', async () => {
  const before = received.length;
  const chunk = new TextEncoder().encode('y'.repeat(64 * 1024));
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent > LIMIT * 2) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit & { duplex: 'half' });
  expect(res.status).toBe(413);
  expect(received.length).toBe(before);
});

test('a body within the limit reaches the middleware whole, as text; GETs pass through', async () => {
  const payload = JSON.stringify({ zen: 'Keep it logically awesome.', pad: 'é'.repeat(1000) });
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
  expect(res.status).toBe(200);
  expect(received[received.length - 1]).toBe(payload);
  const get = await fetch(url.replace('/api/github/webhooks', '/healthz'));
  expect(get.status).toBe(200);
  expect(received[received.length - 1]).toBeUndefined();
});
