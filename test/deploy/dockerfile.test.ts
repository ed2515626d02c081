// The image without an image builder on this machine: the runtime stage's COPY
// lines are replayed into a temporary /app (from this built checkout), then the
// CLI runs from it the way `docker run <image> mapguard check /src` would, and
// the App's server starts its setup flow (no APP_ID) under the image's ENV.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dockerfile = readFileSync(join(repo, 'Dockerfile'), 'utf8');
const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

/** ENV of the runtime stage, as KEY=VALUE pairs (continuation lines joined). */
function runtimeEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  const joined = runtime.replace(/\\\n\s*/g, ' ');
  for (const m of joined.matchAll(/^ENV (.+)$/gm)) for (const kv of m[1]!.trim().split(/\s+/)) {
    const [k, ...v] = kv.split('=');
    env[k!] = v.join('=');
  }
  return env;
}

describe('Dockerfile runtime stage', () => {
  let app: string;
  beforeAll(() => {
    app = mkdtempSync(join(tmpdir(), 'mapguard-image-'));
    // COPY [--from=build] <sources...> <dest> lines, replayed from this checkout (the Go stage is the host's toolchain).
    for (const m of runtime.matchAll(/^COPY (.+)$/gm)) {
      const words = m[1]!.trim().split(/\s+/);
      if (words[0]!.startsWith('--from=') && words[0] !== '--from=build') continue;
      if (words[0] === '--from=build') words.shift();
      const dest = words.pop()!;
      for (const from of words) {
        const name = from.replace(/^\/src\//, '');
        const target = dest === './' ? join(app, name) : join(app, dest.replace(/^\.\//, ''));
        if (name === 'node_modules') symlinkSync(join(repo, name), target);
        else cpSync(join(repo, name), target, { recursive: true });
      }
    }
  });
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it('ships the CLI, the compiled code, the rule pages and app.yml, and links mapguard onto PATH', () => {
    for (const p of ['bin/mapguard.js', 'dist/src/cli/main.js', 'dist/src/github/main.js', 'rules/nil-map-write/README.md', 'app.yml', 'package.json']) expect(existsSync(join(app, p))).toBe(true);
    expect(runtime).toMatch(/^RUN ln -s \/app\/bin\/mapguard\.js \/usr\/local\/bin\/mapguard$/m);
    expect(runtime).toMatch(/apt-get install .*bubblewrap.*gcc/);
  });

  it('mapguard check /src works from the image layout', () => {
    const r = spawnSync(process.execPath, [join(app, 'bin', 'mapguard.js'), 'check', '--fail-on', 'never', join(repo, 'examples')], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...runtimeEnv() } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\[nil-map-write\]/);
    expect(r.stderr).toMatch(/^mapguard: \d+ findings/m);
    const v = spawnSync(process.execPath, [join(app, 'bin', 'mapguard.js'), '--version'], { encoding: 'utf8' });
    expect(v.stdout.trim()).toBe((JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('the server starts its setup flow under the image environment (no NODE_ENV=production)', async () => {
    const env = runtimeEnv();
    expect(env.NODE_ENV).toBeUndefined();
    const child = spawn(process.execPath, [join(app, 'dist', 'src', 'github', 'main.js')], { cwd: app, env: { PATH: process.env.PATH ?? '', ...env, PORT: '0', HOST: '127.0.0.1', WEBHOOK_PROXY_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const started = await Promise.race([
      new Promise<boolean>((r) => {
        const t = setInterval(() => {
          if (/Welcome to Probot|Listening on|setup/i.test(out)) {
            clearInterval(t);
            r(true);
          }
        }, 100);
      }),
      exited.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(false), 20_000)),
    ]);
    child.kill('SIGTERM');
    await exited;
    expect({ started, out: started ? '' : out }).toEqual({ started: true, out: '' });
  }, 30_000);
});
