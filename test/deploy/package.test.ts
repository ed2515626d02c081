// The published package works on its own: `npm pack` of this (built) checkout,
// installed into an empty folder, runs `mapguard check` on the examples and
// knows its version. Dependencies come from npm's cache (filled by `npm ci`),
// else the registry.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version;

test('npm pack -> npm install in an empty folder -> npx mapguard check examples/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mapguard-pack-'));
  try {
    // dist/ is already built (npm ci runs prepare); packing again would only rebuild it.
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--json'], { cwd: repo, encoding: 'utf8' });
    const [info] = JSON.parse(packed) as { filename: string; files: { path: string }[] }[];
    const paths = info!.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['bin/mapguard.js', 'dist/src/cli/main.js', 'rules/nil-map-write/README.md', 'app.yml']));
    expect(paths.some((p) => p.startsWith('src/') || p.startsWith('test/'))).toBe(false);
    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(dir, info!.filename)], { cwd: app, encoding: 'utf8', stdio: 'pipe' });
    const check = spawnSync('npx', ['--no-install', 'mapguard', 'check', '--fail-on', 'never', join(repo, 'examples')], { cwd: app, encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/\[nil-map-write\]/);
    expect(check.stderr).toMatch(/^mapguard: \d+ findings/m);
    const v = spawnSync('npx', ['--no-install', 'mapguard', '--version'], { cwd: app, encoding: 'utf8' });
    expect(v.stdout.trim()).toBe(version);
    const explain = spawnSync('npx', ['--no-install', 'mapguard', 'explain', 'nil-map-write'], { cwd: app, encoding: 'utf8' });
    expect(explain.stdout).toMatch(/^# nil-map-write/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);
