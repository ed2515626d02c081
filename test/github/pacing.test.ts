// Issue 16, item 10: writes were paced at about one a second for the whole App (300 pull
// requests of a burst: the last check run after 302 s), because every client shared the
// throttling plugin's one pacing key. GitHub's secondary limits count per installation token, so
// pacing is per installation: two installations writing at once are not queued behind each other.
// Probot's real installation auth against a loopback server (tokens and check-run creates).
import { createServer, type Server } from 'node:http';
import { Probot } from 'probot';
import { octokitClass, throttleId } from '../../src/github/octokit.js';
import { privateKey } from './helpers.js';

let server: Server;
let baseUrl: string;
const writes: { url: string; at: number }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.includes('/access_tokens')) {
        res.writeHead(201);
        res.end(JSON.stringify({ token: 'ghs_test', expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: 'all' }));
        return;
      }
      writes.push({ url: req.url ?? '', at: Date.now() });
      res.writeHead(201);
      res.end('{"id":1}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

describe('write pacing', () => {
  it('is keyed by installation', () => {
    expect(throttleId({ auth: { installationId: 7 } })).toBe('mapguard-installation-7');
    expect(throttleId({ auth: { installationId: 8 } })).not.toBe(throttleId({ auth: { installationId: 7 } }));
    expect(throttleId({})).toBe('mapguard-app');
  });

  // Through Probot's installation auth (which keys its clients by installation when throttling is
  // on) and through our Octokit class alone (the Action's and the tools' clients: one key for all
  // before, 5.04 s for these six writes).
  const viaProbot = async () => {
    const probot = new Probot({ appId: 1, privateKey, Octokit: octokitClass(), baseUrl, logLevel: 'fatal' });
    return Promise.all([probot.auth(1), probot.auth(2)]);
  };
  const direct = async () => {
    const Octokit = octokitClass();
    return [1, 2].map((installationId) => new Octokit({ auth: { appId: 1, privateKey, installationId }, baseUrl }));
  };
  it.each([['through Probot', viaProbot], ['with our class alone', direct]])('two installations writing at once are paced apart, not one after the other (%s)', async (_how, clients) => {
    writes.length = 0;
    const [a, b] = (await clients()) as [InstanceType<ReturnType<typeof octokitClass>>, InstanceType<ReturnType<typeof octokitClass>>];
    const t0 = Date.now();
    const create = (o: typeof a, repo: string) => o.request('POST /repos/{owner}/{repo}/check-runs', { owner: 'octo', repo, name: 'mapguard', head_sha: 'f'.repeat(40) });
    await Promise.all([0, 1, 2].flatMap((i) => [create(a, `a${i}`), create(b, `b${i}`)]));
    const elapsed = Date.now() - t0;
    expect(writes).toHaveLength(6);
    // One write a second per installation: three each take about 2 s (3 s with the token request). One pacing key for both
    // would make the six take at least 5 s (it did: 5.05 s before the fix).
    expect(elapsed).toBeLessThan(4_500);
    // The two installations' first writes go out together.
    const first = (prefix: string) => writes.find((w) => w.url.includes(`/${prefix}0/`))!.at;
    expect(Math.abs(first('a') - first('b'))).toBeLessThan(700);
  }, 20_000);
});
