// Worker thread body for parallel analysis: receives one directory's sources
// at a time, runs the engine with the registry's rules, posts the result back.
import { parentPort } from 'node:worker_threads';
import { analyzeSources, type RuleSeverity, type SourceInput } from '../engine/index.js';
import { allRules } from '../../rules/index.js';
import { ruleCatalogue } from './catalogue.js';

export interface WorkerJob {
  id: number;
  files: SourceInput[];
  goMods: { dir: string; text: string }[];
  severities: Record<string, RuleSeverity>;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: WorkerJob) => {
    analyzeSources(job.files, { rules: allRules, knownRuleIds: ruleCatalogue().map((r) => r.id), goMods: job.goMods, severityOf: (r) => job.severities[r.meta.id] ?? r.meta.severity })
      .then((result) => port.postMessage({ id: job.id, result }))
      .catch((e: unknown) => port.postMessage({ id: job.id, error: (e as Error).message }));
  });
}
