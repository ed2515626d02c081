// Ties what the race detector saw to the lines of the repository: a static
// concurrency finding on a line the detector reported racing is confirmed
// (error, says so, names the other side); a map race no static rule saw becomes
// a concurrent-map-access error of its own. Pure.
import { Fingerprinter } from '../engine/fingerprint.js';
import type { Finding, RelatedLocation } from '../engine/types.js';
import type { RaceAccess, RaceReport, StackFrame } from './report.js';

/** A frame with its repository path, when the frame is in the repository. */
export interface RepoFrame extends StackFrame {
  path?: string;
}

export interface RepoAccess extends Omit<RaceAccess, 'frames' | 'createdAt'> {
  frames: RepoFrame[];
  createdAt: RepoFrame[];
}

export interface RepoRaceReport extends Omit<RaceReport, 'current' | 'previous'> {
  current: RepoAccess;
  previous?: RepoAccess;
}

/** The static rules a race report can confirm. */
export const CONFIRMABLE_RULES = ['concurrent-map-access', 'unguarded-map-field', 'map-write-under-rlock'] as const;
export const RACE_RULE_ID = 'concurrent-map-access';

export interface ConfirmOptions {
  /** Head file text by repository path (fingerprints, columns); undefined when not read. */
  readHead: (path: string) => string | undefined;
  /** Pull-request mode: true for lines the change touched; a race is placed on the side that is. */
  onChangedLine?: (path: string, line: number) => boolean;
  /** False when the user turned concurrent-map-access off: confirmed findings stay, new ones are not made. */
  reportNew: boolean;
}

export interface ConfirmResult {
  findings: Finding[];
  /** Static findings the detector confirmed. */
  confirmed: number;
  /** Map races no static finding covered, now findings of their own. */
  added: number;
}

/** The access's own line: the innermost frame in the repository (runtime and library frames skipped). */
export function siteOf(a: RepoAccess): RepoFrame | undefined {
  return a.frames.find((f) => f.path !== undefined);
}

const key = (path: string, line: number) => `${path}:${line}`;

/**
 * A map assignment's value store (`m[k] = v` writes the slot after mapassign
 * returns) races without a runtime frame; when its line is a line some map
 * report names, it is the same map race.
 */
export function markMapRaces(reports: RepoRaceReport[]): RepoRaceReport[] {
  const mapLines = new Set<string>();
  const sitesOf = (r: RepoRaceReport) => [r.current, ...(r.previous ? [r.previous] : [])].map(siteOf).filter((s): s is RepoFrame => s !== undefined);
  for (const r of reports) if (r.map) for (const s of sitesOf(r)) mapLines.add(key(s.path!, s.line));
  return reports.map((r) => (r.map || !sitesOf(r).some((s) => mapLines.has(key(s.path!, s.line))) ? r : { ...r, map: true }));
}

export function confirmRaces(findings: Finding[], reports: RepoRaceReport[], opts: ConfirmOptions): ConfirmResult {
  const confirmable = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!(CONFIRMABLE_RULES as readonly string[]).includes(f.ruleId)) continue;
    const k = key(f.path, f.line);
    confirmable.set(k, [...(confirmable.get(k) ?? []), f]);
  }
  // One entry per racing line: the reports that name it, so repeated runs (-count) say it once.
  const byLine = new Map<string, { site: RepoFrame; access: RepoAccess; report: RepoRaceReport; other?: RepoAccess }[]>();
  const note = (site: RepoFrame, access: RepoAccess, report: RepoRaceReport, other?: RepoAccess) => {
    const k = key(site.path!, site.line);
    byLine.set(k, [...(byLine.get(k) ?? []), { site, access, report, ...(other ? { other } : {}) }]);
  };
  const unmatched: RepoRaceReport[] = [];
  for (const r of reports) {
    const sides = [r.current, ...(r.previous ? [r.previous] : [])];
    const sites = sides.map(siteOf);
    // A report confirms a static finding on either side's line: the static model already says it is a map access.
    let matched = false;
    let shown = false;
    sides.forEach((a, i) => {
      const s = sites[i];
      if (!s || !confirmable.has(key(s.path!, s.line))) return;
      note(s, a, r, sides[1 - i]);
      matched = true;
      if (!opts.onChangedLine || opts.onChangedLine(s.path!, s.line)) shown = true;
    });
    // A confirmed finding off the change's lines would be filtered out: when the other side is
    // on a changed line, the race is also reported there, so the pull request still shows it.
    const otherSideChanged = opts.onChangedLine !== undefined && sites.some((s) => s && opts.onChangedLine!(s.path!, s.line));
    if (r.map && (!matched || (!shown && otherSideChanged))) unmatched.push(r);
  }

  const out: Finding[] = [];
  let confirmed = 0;
  const fp = new Fingerprinter();
  const lineText = (path: string, line: number) => opts.readHead(path)?.split('\n')[line - 1] ?? '';
  for (const f of findings) {
    const seen = (CONFIRMABLE_RULES as readonly string[]).includes(f.ruleId) ? byLine.get(key(f.path, f.line)) : undefined;
    if (!seen) {
      out.push(f);
      continue;
    }
    // Proven: whatever the static rule said (a broken discipline, a write under RLock), this is
    // a concurrent map access. The static span, fix and related locations stay.
    confirmed++;
    const first = seen[0]!;
    const related = mergeRelated(f.related ?? [], seen.flatMap((s) => relatedOf(s.other, s.access)));
    const staticNote = f.ruleId === RACE_RULE_ID ? '' : ` (Found without running it too: ${f.ruleId}.)`;
    out.push({
      ...f,
      ruleId: RACE_RULE_ID,
      severity: 'error',
      message: `${raceSentence(first.report, first.access, first.other)} ${GUARD}${staticNote}`,
      ...(related.length ? { related } : {}),
      fingerprint: fp.next(RACE_RULE_ID, f.path, lineText(f.path, f.line)),
    });
  }

  let added = 0;
  if (opts.reportNew) {
    const made = new Map<string, Finding>();
    for (const r of unmatched) {
      const sides = [r.current, ...(r.previous ? [r.previous] : [])].filter((a) => siteOf(a));
      if (sides.length === 0) continue; // both sides outside the repository (a dependency's race)
      // Pull-request mode shows a race when either side is on a changed line: place it there.
      // Otherwise on the package's own code: a test that writes the map stands in for a caller.
      const primary =
        (opts.onChangedLine && sides.find((a) => opts.onChangedLine!(siteOf(a)!.path!, siteOf(a)!.line))) ?? sides.find((a) => !siteOf(a)!.path!.endsWith('_test.go')) ?? sides[0]!;
      const other = sides.find((a) => a !== primary);
      const site = siteOf(primary)!;
      const k = key(site.path!, site.line);
      const existing = made.get(k);
      const related = relatedOf(other, primary);
      if (existing) {
        existing.related = mergeRelated(existing.related ?? [], related);
        continue;
      }
      const lineText = opts.readHead(site.path!)?.split('\n')[site.line - 1] ?? '';
      const column = Math.max(1, lineText.length - lineText.trimStart().length + 1);
      const finding: Finding = {
        ruleId: RACE_RULE_ID,
        severity: 'error',
        path: site.path!,
        line: site.line,
        column,
        endLine: site.line,
        endColumn: Math.max(column + 1, lineText.trimEnd().length + 1),
        message: `${raceSentence(r, primary, other)} ${GUARD}`,
        fingerprint: fp.next(RACE_RULE_ID, site.path!, lineText),
      };
      if (related.length) finding.related = related;
      made.set(k, finding);
      out.push(finding);
      added++;
    }
  }
  return { findings: out, confirmed, added };
}

const GUARD = 'Guard every access to this map with one mutex (reads included), or give each goroutine its own map.';

function raceSentence(r: RepoRaceReport, primary: RepoAccess, other: RepoAccess | undefined): string {
  const where = r.test ? ` in ${r.test}` : '';
  return r.source === 'runtime-crash'
    ? `The Go runtime crashed here with "fatal error: ${r.crash}"${where}: ${sideText(primary)}.`
    : `The race detector saw this map ${primary.kind} race${where}: ${sideText(primary)}${other ? ` raced with ${otherText(other)}` : ''}.`;
}

function sideText(a: RepoAccess): string {
  return `a ${a.kind} by ${a.goroutine}`;
}

function otherText(a: RepoAccess): string {
  const s = siteOf(a);
  return `a ${a.kind} by ${a.goroutine}${s ? ` at ${s.path}:${s.line}` : ' outside the repository'}`;
}

/** The other side's innermost repository frames and where its goroutine started. */
function relatedOf(other: RepoAccess | undefined, self: RepoAccess): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  if (other) {
    const frames = other.frames.filter((f) => f.path !== undefined).slice(0, 3);
    frames.forEach((f, i) => out.push(loc(f, i === 0 ? `race detector: the other ${other.kind} (${other.goroutine})` : `race detector: the other ${other.kind} was reached through ${shortFunc(f.func)}`)));
    const start = other.createdAt.find((f) => f.path !== undefined);
    if (start) out.push(loc(start, `race detector: ${other.goroutine} started here`));
  }
  const own = self.createdAt.find((f) => f.path !== undefined);
  if (own) out.push(loc(own, `race detector: ${self.goroutine} started here`));
  return mergeRelated([], out);
}

/** `example.com/m/pkg.(*T).M` -> `pkg.(*T).M`. */
function shortFunc(f: string): string {
  return f.slice(f.lastIndexOf('/') + 1);
}

function loc(f: RepoFrame, message: string): RelatedLocation {
  return { path: f.path!, line: f.line, column: 1, endLine: f.line, endColumn: 2, message };
}

function mergeRelated(a: RelatedLocation[], b: RelatedLocation[]): RelatedLocation[] {
  const out = [...a];
  for (const r of b) if (!out.some((o) => o.path === r.path && o.line === r.line)) out.push(r);
  return out.slice(0, 8);
}
