// GitHub Actions workflow commands (::error file=...::message): annotations on
// the run and, for changed lines, in the pull request's diff view.
import type { Severity } from '../engine/types.js';
import type { ReviewResult } from '../review/types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', notice: 'notice' };

/** Escaping of a command's message (runner's toolkit escapeData). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command property value (toolkit escapeProperty). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, props: [string, string | number][], message: string): string {
  const p = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${name}${p ? ` ${p}` : ''}::${escapeData(message)}\n`;
}

/**
 * One command per finding: `::error file=path,line=L,col=C,endLine=E,endColumn=EC,title=rule-id::message`
 * (warning -> ::warning, notice -> ::notice). Columns are only given for a finding on a single
 * line: the runner rejects columns when line and endLine differ. Related sites follow the message
 * on their own lines. Files that could not be analysed become ::warning commands titled mapguard.
 */
export function renderWorkflowCommands(result: ReviewResult): string {
  let out = '';
  for (const f of result.findings) {
    const props: [string, string | number][] = [['file', f.path], ['line', f.line]];
    if (f.endLine === f.line) props.push(['col', f.column], ['endLine', f.endLine], ['endColumn', f.endColumn]);
    else props.push(['endLine', f.endLine]);
    props.push(['title', f.ruleId]);
    let message = f.message;
    for (const r of f.related ?? []) message += `\n${r.path}:${r.line}:${r.column}: ${r.message}`;
    out += command(COMMAND[f.severity], props, message);
  }
  for (const p of result.problems) out += command('warning', [['file', p.path], ['title', 'mapguard']], p.message);
  return out;
}
