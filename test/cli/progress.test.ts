// The progress line: nothing for a quick run, nothing when stderr is not a terminal, never on
// stdout; drawn in place (carriage return, erase line) and erased before the results.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { ProgressLine } from '../../src/cli/progress.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');

describe('ProgressLine', () => {
  it('waits for the delay, redraws at most every so often, always draws the last step, erases at the end', () => {
    let t = 0;
    const out: string[] = [];
    const p = new ProgressLine({ write: (s) => out.push(s), afterMs: 2000, everyMs: 100, now: () => t });
    p.update(1, 10);
    t = 1999;
    p.update(2, 10);
    expect(out).toEqual([]);
    t = 2000;
    p.update(3, 10);
    t = 2050;
    p.update(4, 10); // too soon after the last draw
    t = 2060;
    p.update(10, 10); // the last step is always drawn
    p.done();
    expect(out).toEqual(['\r\x1b[Kmapguard: 3/10 directories analysed', '\r\x1b[Kmapguard: 10/10 directories analysed', '\r\x1b[K']);
  });

  it('erases nothing when it never drew', () => {
    const out: string[] = [];
    const p = new ProgressLine({ write: (s) => out.push(s) });
    p.update(1, 1);
    p.done();
    expect(out).toEqual([]);
  });
});

describe('mapguard check with a terminal on stderr', () => {
  const run = async (stderrIsTTY: boolean) => {
    let stdout = '';
    let stderr = '';
    const code = await main(['node', 'mapguard', 'check', '--format', 'json', '--fail-on', 'never', '--no-cache', examples], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: examples, stderrIsTTY, progressAfterMs: 0 });
    return { code, stdout, stderr };
  };

  it('draws progress on stderr and leaves stdout to the JSON', async () => {
    const r = await run(true);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\r\x1b\[Kmapguard: \d+\/\d+ director(y|ies) analysed/);
    expect(r.stderr).toContain('\r\x1b[K');
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stdout).not.toContain('analysed');
  });

  it('draws nothing when stderr is not a terminal', async () => {
    const r = await run(false);
    expect(r.stderr).not.toContain('analysed');
  });
});
