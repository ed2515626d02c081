// Baselines: today's findings recorded by fingerprint (rule + path + normalised
// line text + occurrence), so that an existing codebase can adopt mapguard and be
// blocked only by new findings. Line numbers are kept for people, never matched:
// code that moves keeps its fingerprint. Pure: text in, text out.
import type { Finding } from '../engine/types.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  path: string;
  /** Where it was when recorded; informational only. */
  line: number;
}

export interface Baseline {
  version: number;
  entries: BaselineEntry[];
}

export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** The file `--write-baseline` writes: today's findings, sorted, one entry each. */
export function renderBaseline(findings: readonly Finding[]): string {
  const entries = findings
    .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.path, line: f.line }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.fingerprint < b.fingerprint ? -1 : 1)));
  return JSON.stringify({ mapguard_baseline: BASELINE_VERSION, findings: entries }, null, 2) + '\n';
}

/** Reads a baseline file's text; `source` names it in the one-line error. */
export function parseBaseline(text: string, source: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${source}: not a mapguard baseline (invalid JSON: ${(e as Error).message})`);
  }
  const obj = data as { mapguard_baseline?: unknown; findings?: unknown };
  if (typeof obj !== 'object' || obj === null || obj.mapguard_baseline !== BASELINE_VERSION || !Array.isArray(obj.findings)) {
    throw new BaselineError(`${source}: not a mapguard baseline (expected {"mapguard_baseline": ${BASELINE_VERSION}, "findings": [...]}; write one with --write-baseline)`);
  }
  const entries: BaselineEntry[] = [];
  for (const [i, e] of (obj.findings as unknown[]).entries()) {
    const x = e as Partial<BaselineEntry>;
    if (typeof x?.fingerprint !== 'string' || typeof x.ruleId !== 'string' || typeof x.path !== 'string') {
      throw new BaselineError(`${source}: entry ${i + 1} needs fingerprint, ruleId and path`);
    }
    entries.push({ fingerprint: x.fingerprint, ruleId: x.ruleId, path: x.path, line: typeof x.line === 'number' ? x.line : 0 });
  }
  return { version: BASELINE_VERSION, entries };
}

/** The findings the baseline does not hold, and how many it held. */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): { findings: Finding[]; baselined: number } {
  const known = new Set(baseline.entries.map((e) => e.fingerprint));
  const kept = findings.filter((f) => !known.has(f.fingerprint));
  return { findings: kept, baselined: findings.length - kept.length };
}
