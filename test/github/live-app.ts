// The real server (`npm start`'s startServer) on a free loopback port against a FakeGitHub, and
// signed webhook deliveries to it: shared by the end-to-end tests.
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import type { Server } from 'probot';
import { startServer, type StartOptions } from '../../src/github/server.js';
import type { MapguardApp } from '../../src/github/app.js';

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

export interface LiveApp {
  server: Server;
  app: MapguardApp;
  port: number;
  secret: string;
}

/** Starts the App against a fake GitHub listening on `ghPort`, with a fresh App key. */
export async function startLiveApp(ghPort: number, opts: { secret: string; env?: NodeJS.ProcessEnv; override?: StartOptions['override'] }): Promise<LiveApp> {
  const port = await freePort();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const { server, app } = await startServer({
    env: { APP_ID: '4242', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: opts.secret, PORT: String(port), HOST: '127.0.0.1', GHE_HOST: `127.0.0.1:${ghPort}`, GHE_PROTOCOL: 'http', LOG_LEVEL: 'fatal', MAPGUARD_RECOVER_ON_START: 'off', ...opts.env },
    ...(opts.override ? { override: opts.override } : {}),
  });
  return { server, app, port, secret: opts.secret };
}

/** POSTs a webhook signed with the App's secret (or the given signature); the status and the time to the answer. */
export async function deliver(live: Pick<LiveApp, 'port' | 'secret'>, event: string, body: string, delivery: string, signature?: string): Promise<{ status: number; ms: number }> {
  const t0 = Date.now();
  const res = await fetch(`http://127.0.0.1:${live.port}/api/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': delivery,
      'x-hub-signature-256': signature ?? `sha256=${createHmac('sha256', live.secret).update(body).digest('hex')}`,
    },
    body,
  });
  await res.text();
  return { status: res.status, ms: Date.now() - t0 };
}

/** A pull_request event payload for octo/shop. */
export function pullRequestPayload(action: string, number: number, headSha: string, baseSha: string): string {
  return JSON.stringify({
    action,
    number,
    pull_request: { number, state: 'open', draft: false, changed_files: 2, head: { sha: headSha, ref: `branch-${number}` }, base: { sha: baseSha, ref: 'main' } },
    repository: { id: 5, name: 'shop', full_name: 'octo/shop', html_url: 'http://127.0.0.1/octo/shop', owner: { login: 'octo', id: 1 } },
    installation: { id: 77 },
    sender: { login: 'dev', id: 10 },
  });
}
