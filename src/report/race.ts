// The race check's summary: a Markdown table for the check run and the Action's
// step summary, and plain lines for the CLI's stderr. Timeouts and limits are named.
import type { RaceSummary } from '../review/types.js';

function settingsText(r: RaceSummary): string {
  return `go test -race -count=${r.settings.count}${r.settings.cpu ? ` -cpu=${r.settings.cpu}` : ''}${r.settings.run ? ` -run=${r.settings.run}` : ''}, ${(r.durationMs / 1000).toFixed(1)} s`;
}

function racesText(r: RaceSummary): string {
  const n = r.races.map + r.races.other;
  if (n === 0) return 'no race seen';
  const parts = [`${r.races.map} map race${r.races.map === 1 ? '' : 's'}`, `${r.races.other} other race${r.races.other === 1 ? '' : 's'}`];
  return `${parts.join(', ')} (${r.confirmed} finding${r.confirmed === 1 ? '' : 's'} confirmed, ${r.added} new)`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderRaceTable(r: RaceSummary): string {
  const lines = [`**Race detector** (${settingsText(r)}): ${racesText(r)}`];
  if (r.incomplete) lines.push(`\n_Incomplete: ${r.incomplete}_`);
  if (r.packages.length > 0) {
    lines.push('', '| Package | Result | Tests passed | Failed | Skipped | Map races | Other races | Note |', '|---|---|---:|---:|---:|---:|---:|---|');
    for (const p of r.packages) {
      const note = [p.failedTests.length ? `failed: ${p.failedTests.join(', ')}` : '', p.note ?? ''].filter(Boolean).join('; ');
      lines.push(`| \`${p.pkg || '.'}\` | ${p.status} | ${p.tests.passed} | ${p.tests.failed} | ${p.tests.skipped} | ${p.races.map} | ${p.races.other} | ${cell(note)} |`);
    }
  }
  return lines.join('\n');
}

/** For the CLI's stderr: one line for the run, one per package that did not simply pass. */
export function renderRaceText(r: RaceSummary): string {
  const lines = [`mapguard: race check (${settingsText(r)}): ${r.packages.length} package${r.packages.length === 1 ? '' : 's'} tested, ${racesText(r)}`];
  for (const p of r.packages) {
    if (p.status === 'passed' && p.races.map + p.races.other === 0) continue;
    const bits = [`${p.tests.passed} passed, ${p.tests.failed} failed`];
    if (p.races.map + p.races.other > 0) bits.push(`${p.races.map} map race(s), ${p.races.other} other`);
    if (p.failedTests.length) bits.push(`failed: ${p.failedTests.join(', ')}`);
    if (p.note) bits.push(p.note);
    lines.push(`mapguard: race check: ${p.pkg || '.'}: ${p.status} (${bits.join('; ')})`);
  }
  if (r.incomplete) lines.push(`mapguard: race check incomplete: ${r.incomplete}`);
  return lines.join('\n') + '\n';
}
