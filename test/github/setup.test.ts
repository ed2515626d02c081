// `npm start` without APP_ID: Probot's setup flow, which registers the App from app.yml.
import { createServer } from 'node:net';
import { startServer } from '../../src/github/server.js';

test('without APP_ID the server offers the registration flow with our manifest', async () => {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  const { server } = await startServer({ env: { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'fatal', LOG_FORMAT: 'json', NO_SMEE_SETUP: 'true' } });
  try {
    const root = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/probot');
    const page = await (await fetch(`http://127.0.0.1:${port}/probot`)).text();
    // The registration form carries the manifest built from app.yml.
    const manifest = /name="manifest"[^>]*value='([^']*)'/.exec(page);
    expect(manifest).not.toBeNull();
    const decoded = JSON.parse(manifest![1]!) as { name: string; default_permissions: Record<string, string>; default_events: string[] };
    expect(decoded.name).toBe('mapguard');
    expect(decoded.default_permissions).toEqual({ checks: 'write', pull_requests: 'write', contents: 'read', metadata: 'read' });
    expect(decoded.default_events.sort()).toEqual(['check_run', 'check_suite', 'pull_request']);
  } finally {
    await server.stop();
  }
});
