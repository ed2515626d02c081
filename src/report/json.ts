// --format json: {"findings":[...], "stats":{...}}.
import type { Finding, Severity, TextEdit } from '../engine/types.js';
import type { RaceSummary, ReviewResult } from '../review/types.js';

export interface JsonEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** The mechanical fix, when the rule has one. Columns are 1-based; end positions are exclusive. */
  suggestion?: { description: string; edits: JsonEdit[] };
  related?: { path: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
  fingerprint: string;
}

export interface JsonReport {
  findings: JsonFinding[];
  stats: ReviewResult['stats'] & { findings: number; problems: number };
  /** Files that were not analysed, each with the one-line reason. */
  problems: { path: string; message: string }[];
  /** Present when the race check ran: packages tested, results, races, time. */
  race?: RaceSummary;
}

function edit(e: TextEdit): JsonEdit {
  return { line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn, newText: e.newText };
}

export function toJsonFinding(f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    path: f.path,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    message: f.message,
    ...(f.fix ? { suggestion: { description: f.fix.description, edits: f.fix.edits.map(edit) } } : {}),
    ...(f.related?.length
      ? { related: f.related.map((r) => ({ path: r.path, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn, message: r.message })) }
      : {}),
    fingerprint: f.fingerprint,
  };
}

export function renderJson(result: ReviewResult): string {
  const report: JsonReport = {
    findings: result.findings.map(toJsonFinding),
    stats: {
      files: result.stats.files,
      packages: result.stats.packages,
      findingsBeforeFilter: result.stats.findingsBeforeFilter,
      findings: result.findings.length,
      problems: result.problems.length,
      ...(result.stats.baselined !== undefined ? { baselined: result.stats.baselined } : {}),
      durationMs: result.stats.durationMs,
    },
    problems: result.problems.map((p) => ({ path: p.path, message: p.message })),
    ...(result.race ? { race: result.race } : {}),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
