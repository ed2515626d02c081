// analyze(): the one pipeline every front end runs. Engine over the workspace
// (config paths and rule severities applied), optional escape comparison,
// optional race check (its reports confirm or add concurrency findings), then
// the diff filter. Pure apart from what the injected runners do.
import { analyzeSources, compareFindings, textSuppresses, type Finding, type Rule, type RuleSeverity } from '../engine/index.js';
import { allRules } from '../../rules/index.js';
import { filterFindings, lineVisible } from '../diff/index.js';
import { confirmRaces, RACE_RULE_ID } from '../race/confirm.js';
import { pathIncluded } from '../config/paths.js';
import type { Config } from '../config/types.js';
import type { ReviewInput, ReviewResult } from './types.js';
import { analyzeInWorkers, workerCount, workersAvailable } from './parallel.js';
import { ruleCatalogue } from './catalogue.js';
import { applyBaseline } from './baseline.js';
import { readerFor } from './module-source.js';
import { DiskTreeCache } from './tree-cache.js';
import { splitByCache } from './result-cache.js';

export function severityFor(config: Config, ruleId: string, fallback: Finding['severity']): RuleSeverity {
  return config.rules[ruleId] ?? fallback;
}

export async function analyze(input: ReviewInput, rules: readonly Rule[] = allRules): Promise<ReviewResult> {
  const started = Date.now();
  const { workspace, diff, config } = input;
  const included = workspace.files.filter((f) => pathIncluded(f.path, config) && (config.tests || !f.path.endsWith('_test.go')));
  // The module view reads from disk, or from every file the front end gave (the App).
  const moduleFiles = workspace.module ? (workspace.module.fsRoot ? [] : (workspace.moduleFiles ?? workspace.files)) : undefined;
  const reader = workspace.module && moduleFiles ? readerFor(workspace.module, moduleFiles) : undefined;
  const severities = Object.fromEntries(rules.map((r) => [r.meta.id, severityFor(config, r.meta.id, r.meta.severity)]));
  // Kept results (result-cache.ts): directories whose inputs and reads are unchanged are not analysed again.
  const store = rules === allRules ? input.resultCache : undefined;
  const split = store ? splitByCache(included, { severities, goMods: workspace.goMods ?? [], ...(workspace.module ? { layout: workspace.module.layout } : {}) }, store, reader) : undefined;
  const files = split ? split.toAnalyse : included;
  const keptDirs = split?.kept.length ?? 0;
  const onProgress = input.onProgress && keptDirs ? (done: number, total: number) => input.onProgress!(done + keptDirs, total + keptDirs) : input.onProgress;
  // Worker threads only run the registry's rules; a custom rule list stays on this thread.
  const threads = rules === allRules ? workerCount(files.length) : 1;
  // The App keeps its event loop free for webhooks and /healthz: even a small review runs on a worker thread.
  const workers = threads > 1 ? threads : input.offThread && rules === allRules && workersAvailable() ? 1 : 0;
  const result =
    files.length === 0 && split
      ? { findings: [], problems: [], files: 0, packages: 0, units: [] }
      : workers >= 1
        ? await analyzeInWorkers(files, workspace.goMods ?? [], severities, workers, moduleFiles && workspace.module ? { source: workspace.module, files: moduleFiles } : undefined, input.treeCacheDir, onProgress, input.signal, !!split)
        : await analyzeSources(files, {
            ...(input.treeCacheDir ? { treeCache: new DiskTreeCache(input.treeCacheDir) } : {}),
            ...(onProgress ? { onDirectoryDone: onProgress } : {}),
            rules,
            knownRuleIds: ruleCatalogue().map((r) => r.id),
            goMods: workspace.goMods,
            severityOf: (rule) => severityFor(config, rule.meta.id, rule.meta.severity),
            ...(workspace.module && reader ? { module: { layout: workspace.module.layout, reader } } : {}),
            ...(split ? { units: true } : {}),
          });
  if (split && store) {
    for (const unit of result.units ?? []) {
      const key = split.keys.get(unit.dir);
      if (key) store.put(key, unit);
    }
    result.findings = [...result.findings, ...split.kept.flatMap((u) => u.findings)];
    result.problems = [...result.problems, ...split.kept.flatMap((u) => u.problems)];
    for (const unit of split.kept) {
      result.files += unit.files;
      result.packages += unit.packages;
    }
  }
  // Problems in path order: the same list whichever thread or kept result each came from.
  result.problems = [...result.problems].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  let findings = [...result.findings];
  let escape: ReviewResult['escape'];
  if (input.escape && diff) {
    const comparison = await input.escape.compare(diff);
    escape = comparison.summary;
    const texts = new Map(workspace.files.map((f) => [f.path, f.text.split('\n')]));
    for (const f of comparison.findings) {
      const severity = severityFor(config, f.ruleId, f.severity);
      if (severity === 'off' || !pathIncluded(f.path, config)) continue;
      const lines = texts.get(f.path);
      if (lines && textSuppresses((n) => lines[n - 1] ?? '', f.line, f.ruleId)) continue;
      findings.push({ ...f, severity });
    }
  }
  let race: ReviewResult['race'];
  if (input.race) {
    const run = await input.race.run(diff);
    race = run.summary;
    const texts = new Map(workspace.files.map((f) => [f.path, f.text]));
    const byPath = new Map((diff ?? []).filter((d) => d.status !== 'deleted').map((d) => [d.path, d]));
    const visible = (path: string, line: number) => {
      const fd = byPath.get(path);
      return fd !== undefined && lineVisible(fd, line, config.filter);
    };
    const newSeverity = severityFor(config, RACE_RULE_ID, 'error');
    const confirmed = confirmRaces(findings, run.reports, {
      readHead: (p) => texts.get(p),
      ...(diff ? { onChangedLine: visible } : {}),
      reportNew: newSeverity !== 'off',
    });
    const unchanged = new Set(findings);
    findings = confirmed.findings.flatMap((f) => {
      if (unchanged.has(f)) return [f];
      // Race evidence: error, unless the user set this rule's severity explicitly.
      const severity = config.rules[f.ruleId] ?? 'error';
      if (severity === 'off' || !pathIncluded(f.path, config)) return [];
      const lines = texts.get(f.path)?.split('\n');
      if (lines && textSuppresses((n) => lines[n - 1] ?? '', f.line, f.ruleId)) return [];
      return [{ ...f, severity }];
    });
    race.confirmed = confirmed.confirmed;
    race.added = confirmed.added;
  }
  const before = findings.length;
  if (diff) findings = filterFindings(findings, diff, config.filter);
  let baselined: number | undefined;
  if (input.baseline) ({ findings, baselined } = applyBaseline(findings, input.baseline));
  findings = [...findings].sort(compareFindings);
  return {
    findings,
    problems: result.problems,
    ...(escape ? { escape } : {}),
    ...(race ? { race } : {}),
    stats: { files: result.files, packages: result.packages, findingsBeforeFilter: before, ...(baselined !== undefined ? { baselined } : {}), ...(split ? { keptDirectories: keptDirs } : {}), durationMs: Date.now() - started },
  };
}
