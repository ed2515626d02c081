#!/usr/bin/env node
// Per-rule precision on the judged real repositories (the scorer, score-repos.mjs, counts per tier).
// From a built checkout:
//   MIRRORS=<dir of owner+name git mirrors> node eval/score-rules.mjs eval/real-repos.tsv
// For each pinned repository: extract the commit's Go files, run `mapguard check --format json`,
// match findings to verdicts by (path, line, rule), and print per rule the findings still
// reported by verdict, the unjudged ones, and (TRUE + DEBATABLE) / judged: issue 13's measure.
// `--list <rule-id>` also prints each finding of that rule (notices too) with its verdict, pattern,
// message and severity.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';

const file = process.argv[2];
const mirrors = process.env.MIRRORS;
if (!file || !mirrors) {
  console.error('usage: MIRRORS=<dir> node eval/score-rules.mjs <verdicts.tsv>');
  process.exit(2);
}
const listRule = process.argv.includes('--list') ? process.argv[process.argv.indexOf('--list') + 1] : undefined;
const bin = join(process.cwd(), 'bin', 'mapguard.js');
const rows = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('repo\t'))
  .map((l) => l.split('\t')).map(([repo, commit, path, line, rule, verdict, pattern]) => ({ repo, commit, path, line: Number(line), rule, verdict, pattern }));
const pins = [...new Map(rows.map((r) => [`${r.repo}@${r.commit}`, r])).values()];

/** The Go and module files of a commit, written under `out` (one `git cat-file --batch`). */
function extract(gitDir, commit, out) {
  const ls = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', commit], { maxBuffer: 1 << 30 }).toString('utf8');
  const blobs = ls.split('\0').filter(Boolean).map((l) => {
    const [meta, path] = l.split('\t');
    const [, type, sha] = meta.split(' ');
    return { type, sha, path };
  }).filter((e) => e.type === 'blob' && /\.go$|(^|\/)go\.(mod|sum|work)$|(^|\/)vendor\/modules\.txt$/.test(e.path));
  const buf = spawnSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { input: blobs.map((e) => e.sha).join('\n') + '\n', maxBuffer: 4 << 30 }).stdout;
  let at = 0;
  for (const e of blobs) {
    const nl = buf.indexOf(10, at);
    const header = buf.subarray(at, nl).toString();
    at = nl + 1;
    if (header.endsWith('missing')) continue;
    const size = Number(header.split(' ')[2]);
    mkdirSync(dirname(join(out, e.path)), { recursive: true });
    writeFileSync(join(out, e.path), buf.subarray(at, at + size));
    at += size + 1;
  }
}

const perRule = new Map();
const tallyOf = (rule) => {
  if (!perRule.has(rule)) perRule.set(rule, { TRUE: 0, DEBATABLE: 0, FP: 0, unjudged: 0 });
  return perRule.get(rule);
};
for (const pin of pins) {
  const gitDir = join(mirrors, pin.repo.replace('/', '+'), 'repo');
  if (!existsSync(gitDir)) {
    console.log(`NO-MIRROR ${pin.repo}`);
    continue;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'mg-rules-'));
  try {
    extract(gitDir, pin.commit, tmp);
    const res = spawnSync('node', [bin, 'check', '--format', 'json', '--fail-on', 'never', '.'], { cwd: tmp, encoding: 'utf8', maxBuffer: 1 << 30 });
    const verdicts = new Map(rows.filter((r) => r.repo === pin.repo && r.commit === pin.commit && r.path).map((r) => [`${r.path}:${r.line}:${r.rule}`, r]));
    for (const f of JSON.parse(res.stdout).findings) {
      const path = f.path.replace(/^\.\//, '');
      const row = verdicts.get(`${path}:${f.line}:${f.ruleId}`);
      if (listRule === f.ruleId) console.log(['LIST', row?.verdict ?? 'unjudged', `${pin.repo} ${path}:${f.line}`, row?.pattern ?? '', f.message, f.severity].join('\t'));
      if (f.severity !== 'error' && f.severity !== 'warning') continue;
      tallyOf(f.ruleId)[row?.verdict ?? 'unjudged']++;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
for (const [rule, t] of [...perRule].sort()) {
  const judged = t.TRUE + t.DEBATABLE + t.FP;
  const precision = judged ? ((t.TRUE + t.DEBATABLE) / judged).toFixed(2) : 'n/a';
  console.log(`${rule}: TRUE ${t.TRUE}, DEBATABLE ${t.DEBATABLE}, FP ${t.FP}, unjudged ${t.unjudged}; (TRUE+DEBATABLE)/judged ${precision}`);
}
