// A limit on webhook bodies before anything is buffered. Probot's webhook middleware reads the
// whole body into memory before it checks the signature, so one forged 26 MB POST raised the
// server's memory by 300 MiB and eight at once to 1.2 GiB. GitHub sends at most 25 MB. Probot
// gives no option for it, so its middleware factory is wrapped once: a body declared or
// streamed past the limit gets 413 and is never held; one within it is read here, as text, and
// handed to the middleware as `request.body` (which it then uses instead of the stream).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Probot } from 'probot';

/** GitHub caps webhook payloads at 25 MB. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

type Middleware = (req: IncomingMessage, res: ServerResponse, next?: () => void) => Promise<boolean> | boolean;

function tooLarge(res: ServerResponse): true {
  if (!res.headersSent) res.writeHead(413, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: `payload over ${MAX_WEBHOOK_BYTES} bytes` }));
  return true;
}

/** The body as text, or undefined once it passes `max` bytes (the rest is not read). */
function readCapped(req: IncomingMessage, max: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        // Past the limit: drop what was kept and let the rest flow past unread.
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Wraps a webhook middleware with the body limit (POSTs only; other requests pass through). */
export function limitBodies(inner: Middleware, max = MAX_WEBHOOK_BYTES): Middleware {
  return async (req, res, next) => {
    if (req.method !== 'POST') return inner(req, res, next);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      req.resume(); // discard without holding it
      return tooLarge(res);
    }
    const text = await readCapped(req, max);
    if (text === undefined) return tooLarge(res);
    (req as IncomingMessage & { body?: string }).body = text;
    return inner(req, res, next);
  };
}

let installed = false;

/** Installs the limit on every Probot the process creates (idempotent). */
export function installBodyLimit(): void {
  if (installed) return;
  installed = true;
  const original = Probot.prototype.getNodeMiddleware;
  Probot.prototype.getNodeMiddleware = async function (this: Probot, ...args: Parameters<typeof original>) {
    return limitBodies((await original.apply(this, args)) as unknown as Middleware) as unknown as Awaited<ReturnType<typeof original>>;
  };
}
