// Baselines: write today's findings, re-run -> nothing new; a new finding ->
// exactly that one; the same code moved 20 lines down -> still nothing.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

const data = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'baseline');

async function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'mapguard', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

describe('mapguard check --write-baseline / --baseline', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mapguard-baseline-'));
    copyFileSync(join(data, 'store.go'), join(dir, 'store.go'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const lines = (out: string) => out.trim().split('\n').filter(Boolean);

  it('round trip: nothing new; a new finding alone; moved code stays baselined', async () => {
    const before = await run(['check', '.'], dir);
    expect(before.code).toBe(1);
    expect(lines(before.stdout)).toHaveLength(2);

    const written = await run(['check', '--write-baseline', 'mapguard-baseline.json', '.'], dir);
    expect(written).toMatchObject({ code: 0, stdout: '' });
    expect(written.stderr).toBe('mapguard: wrote 2 findings to the baseline mapguard-baseline.json\n');
    const file = JSON.parse(readFileSync(join(dir, 'mapguard-baseline.json'), 'utf8')) as { mapguard_baseline: number; findings: { ruleId: string; path: string; line: number }[] };
    expect(file.mapguard_baseline).toBe(1);
    expect(file.findings.map((f) => [f.ruleId, f.path, f.line])).toEqual([['nil-map-write', 'store.go', 6], ['nil-map-write', 'store.go', 13]]);

    const again = await run(['check', '--baseline', 'mapguard-baseline.json', '.'], dir);
    expect(again).toMatchObject({ code: 0, stdout: '' });
    expect(again.stderr).toMatch(/^mapguard: 0 findings .* 2 baselined\n$/);

    copyFileSync(join(data, 'store-new.go.txt'), join(dir, 'store.go'));
    const added = await run(['check', '--baseline', 'mapguard-baseline.json', '.'], dir);
    expect(added.code).toBe(1);
    expect(lines(added.stdout)).toEqual([expect.stringMatching(/^store\.go:20:2: .*\[nil-map-write\]$/)]);

    copyFileSync(join(data, 'store-moved.go.txt'), join(dir, 'store.go'));
    const moved = await run(['check', '--baseline', 'mapguard-baseline.json', '.'], dir);
    expect(moved).toMatchObject({ code: 0, stdout: '' });

    // Config `baseline:` does the same; a fixed finding drops out of the next write.
    writeFileSync(join(dir, 'mapguard.yml'), 'baseline: mapguard-baseline.json\n');
    expect((await run(['check', '.'], dir)).code).toBe(0);
    writeFileSync(join(dir, 'store.go'), readFileSync(join(data, 'store.go'), 'utf8').replace('\tvar tags map[string]bool', '\ttags := map[string]bool{}'));
    await run(['check', '--write-baseline', 'mapguard-baseline.json', '.'], dir);
    expect((JSON.parse(readFileSync(join(dir, 'mapguard-baseline.json'), 'utf8')) as { findings: unknown[] }).findings).toHaveLength(1);
  });

  it('a missing or malformed baseline is a one-line usage error', async () => {
    const missing = await run(['check', '--baseline', 'nope.json', '.'], dir);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'mapguard: nope.json: no such baseline file (write one with --write-baseline)\n' });
    writeFileSync(join(dir, 'bad.json'), '{"findings": []}');
    const bad = await run(['check', '--baseline', 'bad.json', '.'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^mapguard: bad\.json: not a mapguard baseline .*\n$/);
    expect(bad.stderr.split('\n')).toHaveLength(2);
  });
});
