// The App analyses on a worker thread even for a small review (issue 16: heavy work never on the
// event-loop thread, so webhooks and /healthz are answered meanwhile). Run on the compiled code in
// a child process (under ts-jest there is no compiled worker module): the same findings either way,
// and the event loop stays responsive only off the thread; an abort (the job's time budget)
// terminates the thread.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const script = `
const { analyze } = await import(${JSON.stringify(join(repoRoot, 'dist', 'src', 'review', 'index.js'))});
const { DEFAULT_CONFIG } = await import(${JSON.stringify(join(repoRoot, 'dist', 'src', 'config', 'index.js'))});
const files = [];
for (let f = 0; f < 40; f++) {
  let text = 'package big\\n\\nimport "sync"\\n\\n';
  for (let i = 0; i < 150; i++) text += 'type S' + f + '_' + i + ' struct { mu sync.Mutex; m map[string]int }\\n\\nfunc (s *S' + f + '_' + i + ') Put(k string) { s.mu.Lock(); s.m[k]++; s.mu.Unlock() }\\n\\nfunc (s *S' + f + '_' + i + ') Get(k string) int { return s.m[k] }\\n\\nfunc (s *S' + f + '_' + i + ') Run() { go s.Put("a") }\\n\\n';
  files.push({ path: 'big/f' + f + '.go', text });
}
const key = (r) => r.findings.map((x) => x.ruleId + ' ' + x.path + ':' + x.line).sort().join('\\n');
async function timed(offThread) {
  let last = performance.now(), lag = 0;
  const t = setInterval(() => { const now = performance.now(); lag = Math.max(lag, now - last); last = now; }, 5);
  const r = await analyze({ workspace: { files }, config: DEFAULT_CONFIG, offThread });
  clearInterval(t);
  lag = Math.max(lag, performance.now() - last);
  return { r, lag };
}
const on = await timed(false);
const t0 = performance.now();
const off = await timed(true);
const offMs = performance.now() - t0;
// Aborted (the App's job budget): the thread is terminated and the reason comes back at once.
const c = new AbortController();
const t1 = performance.now();
setTimeout(() => c.abort(new Error('out of budget')), 50);
const aborted = await analyze({ workspace: { files }, config: DEFAULT_CONFIG, offThread: true, signal: c.signal }).then(() => 'finished', (e) => e.message);
const abortMs = performance.now() - t1;
console.log(JSON.stringify({ same: key(on.r) === key(off.r), findings: off.r.findings.length, inThreadLag: on.lag, offThreadLag: off.lag, offMs, aborted, abortMs }));
`;

test('an App review is analysed off the event loop, with the same findings', () => {
  // A file, not --eval: worker threads inherit the parent's exec flags.
  const dir = mkdtempSync(join(tmpdir(), 'mapguard-offthread-'));
  const file = join(dir, 'run.mjs');
  writeFileSync(file, script);
  const r = spawnSync(process.execPath, [file], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, MAPGUARD_WORKERS: '' } });
  rmSync(dir, { recursive: true, force: true });
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { same: boolean; findings: number; inThreadLag: number; offThreadLag: number; offMs: number; aborted: string; abortMs: number };
  expect(out.findings).toBeGreaterThan(0);
  expect(out.same).toBe(true);
  // In the thread the loop waits for the whole analysis; off it, only for a moment.
  expect(out.inThreadLag).toBeGreaterThan(4 * out.offThreadLag);
  // An aborted analysis ends with the abort's reason, long before a whole analysis would.
  expect(out.aborted).toBe('out of budget');
  expect(out.abortMs).toBeLessThan(out.offMs / 2);
}, 120_000);
