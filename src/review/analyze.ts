// analyze(): the one pipeline every front end runs. Engine over the workspace
// (config paths and rule severities applied), optional escape comparison, then
// the diff filter. Pure apart from what the injected escape runner does.
import { analyzeSources, compareFindings, textSuppresses, type Finding, type Rule, type RuleSeverity } from '../engine/index.js';
import { allRules } from '../../rules/index.js';
import { filterFindings } from '../diff/index.js';
import { pathIncluded } from '../config/paths.js';
import type { Config } from '../config/types.js';
import type { ReviewInput, ReviewResult } from './types.js';
import { analyzeInWorkers, workerCount } from './parallel.js';
import { ruleCatalogue } from './catalogue.js';

export function severityFor(config: Config, ruleId: string, fallback: Finding['severity']): RuleSeverity {
  return config.rules[ruleId] ?? fallback;
}

export async function analyze(input: ReviewInput, rules: readonly Rule[] = allRules): Promise<ReviewResult> {
  const started = Date.now();
  const { workspace, diff, config } = input;
  const files = workspace.files.filter((f) => pathIncluded(f.path, config));
  // Worker threads only run the registry's rules; a custom rule list stays on this thread.
  const workers = rules === allRules ? workerCount(files.length) : 1;
  const result =
    workers > 1
      ? await analyzeInWorkers(files, workspace.goMods ?? [], Object.fromEntries(rules.map((r) => [r.meta.id, severityFor(config, r.meta.id, r.meta.severity)])), workers)
      : await analyzeSources(files, {
          rules,
          knownRuleIds: ruleCatalogue().map((r) => r.id),
          goMods: workspace.goMods,
          severityOf: (rule) => severityFor(config, rule.meta.id, rule.meta.severity),
        });
  let findings = result.findings;
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
  const before = findings.length;
  if (diff) findings = filterFindings(findings, diff, config.filter);
  findings = [...findings].sort(compareFindings);
  return {
    findings,
    problems: result.problems,
    ...(escape ? { escape } : {}),
    stats: { files: result.files, packages: result.packages, findingsBeforeFilter: before, durationMs: Date.now() - started },
  };
}
