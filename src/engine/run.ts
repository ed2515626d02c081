// Runs rules over Go sources: parse each file once, group files into packages,
// build one model per package, walk each tree once dispatching to every rule's
// visitor, then apply suppressions and fingerprint the findings.
import { severityRank, type Finding, type GoVersion, type RelatedLocation, type Severity, type SourceInput, type Span, type SyntaxNode, type Tree as SyntaxTree } from './types.js';
import type { Rule, RuleContext, ReportDescriptor, Listener, EditSpec } from './rule.js';
import { GoFile, dirOf } from './source.js';
import { PackageModel, type Fact } from './model.js';
import { Scopes } from './scope.js';
import { goParser } from './parser.js';
import type { TreeArrays, TreeCache } from './syntax/tree.js';
import { spanOf } from './ast.js';
import { atLeast, goVersionFromGoMod } from './gomod.js';
import { Fingerprinter } from './fingerprint.js';
import { matchSuppression, parseSuppression, SUPPRESSION_RULE_ID, type Suppression } from './suppress.js';
import { defineFact } from './model.js';
import { ModuleView, type PackageReader } from './module/view.js';
import type { ModuleLayout } from './module/layout.js';
import type { UnitDependencies } from './module/dependencies.js';

/** Rule setting after configuration: a severity, or off. */
export type RuleSeverity = Severity | 'off';

export interface AnalyzeOptions {
  rules: readonly Rule[];
  /** go.mod files by directory (relative to the root); a package uses the nearest above it. */
  goMods?: { dir: string; text: string }[];
  /** Per-rule severity override; 'off' disables the rule. Default: the rule's own severity. */
  severityOf?: (rule: Rule) => RuleSeverity;
  /** Files over this many characters are skipped with a problem (default 5 MiB). */
  maxFileChars?: number;
  /**
   * Trees already parsed, by path (another thread parsed them: see src/review/parallel.ts); a file
   * with one is not parsed again. Its text must be the one the tree was parsed from.
   */
  trees?: ReadonlyMap<string, TreeArrays>;
  /** Trees of texts parsed before (this run or an earlier one); the module view's parses use it too. */
  treeCache?: TreeCache;
  /** Called after each directory (the unit of analysis): how many are done, of how many. */
  onDirectoryDone?: (done: number, total: number) => void;
  /** Every rule id a suppression may name (default: the ids of `rules`); includes rules that are off. */
  knownRuleIds?: readonly string[];
  /** The module around the sources: other packages' declarations are read through it as evidence. */
  module?: { layout: ModuleLayout; reader: PackageReader; /** the caller keeps the view across calls (a worker) */ keep?: boolean };
  /** Also return each directory's result with what it read through the module view (a result cache keeps them). */
  units?: boolean;
}

export interface FileProblem {
  path: string;
  message: string;
}

export interface AnalysisResult {
  findings: Finding[];
  problems: FileProblem[];
  files: number;
  packages: number;
  /** With `units`: the same, per analysed directory. */
  units?: UnitResult[];
}

/** One directory's share of a result, and what besides its own files it was computed from. */
export interface UnitResult {
  dir: string;
  findings: Finding[];
  problems: FileProblem[];
  files: number;
  packages: number;
  /** Read through the module view; empty without one. */
  dependencies: UnitDependencies;
}

export const ScopesFact: Fact<Scopes> = defineFact('scopes', (pkg) => new Scopes(pkg));

export const DEFAULT_MAX_CHARS = 5 * 1024 * 1024;


/** The text of the go.mod a directory's packages take their Go version from: the nearest above it. */
export function goModFor(dir: string, goMods: readonly { dir: string; text: string }[]): string | undefined {
  let best: { dir: string; text: string } | undefined;
  for (const m of goMods) {
    const d = m.dir.replace(/\/+$/, '');
    const covers = d === '' || d === '.' || dir === d || dir.startsWith(d + '/');
    if (covers && (!best || d.length > best.dir.length)) best = { dir: d, text: m.text };
  }
  return best?.text;
}

function goVersionFor(dir: string, goMods: { dir: string; text: string }[]): GoVersion | undefined {
  const text = goModFor(dir, goMods);
  return text !== undefined ? goVersionFromGoMod(text) : undefined;
}

/** Parses sources into GoFiles; files that cannot be analysed become problems. */
export async function parseSources(inputs: SourceInput[], maxChars = DEFAULT_MAX_CHARS, trees?: ReadonlyMap<string, TreeArrays>, cache?: TreeCache): Promise<{ files: GoFile[]; problems: FileProblem[] }> {
  const parser = await goParser();
  const files: GoFile[] = [];
  const problems: FileProblem[] = [];
  for (const input of inputs) {
    if (input.text.length > maxChars) {
      problems.push({ path: input.path, message: `skipped: ${input.text.length} characters is over the ${maxChars} limit` });
      continue;
    }
    if (input.text.includes('\0')) {
      problems.push({ path: input.path, message: 'skipped: binary content (NUL byte)' });
      continue;
    }
    let tree;
    try {
      const ready = trees?.get(input.path);
      tree = ready ? parser.adopt(input.text, ready) : parser.parse(input.text, cache);
    } catch (e) {
      problems.push({ path: input.path, message: `skipped: parser failed (${(e as Error).message})` });
      continue;
    }
    const file = new GoFile(input.path, input.text, tree);
    if (tree.rootNode.hasError) {
      // The grammar can trail the language (Go 1.26's new(expr), say). Keep the file,
      // but no finding is reported inside a top-level declaration that failed to parse:
      // error recovery there is a guess. Without a package clause nothing is usable.
      const broken = file.root.namedChildren.filter((d): d is SyntaxNode => !!d && (d.hasError || d.isError || d.isMissing));
      const at = firstError(tree.rootNode);
      const line = at ? ` at line ${at.startPosition.row + 1}` : '';
      if (!file.packageName || broken.some((d) => d.type === 'package_clause' || d.type === 'import_declaration')) {
        problems.push({ path: input.path, message: `skipped: syntax error${line}` });
        tree.delete();
        continue;
      }
      file.unparsed = broken.map((d) => ({ start: d.startIndex, end: d.endIndex }));
      problems.push({ path: input.path, message: `syntax error${line}: the declaration holding it is not analysed` });
    }
    files.push(file);
  }
  return { files, problems };
}

function firstError(node: SyntaxNode): SyntaxNode | undefined {
  if (node.isError || node.isMissing) return node;
  for (const c of node.children) {
    if (c && (c.hasError || c.isError || c.isMissing)) return firstError(c) ?? c;
  }
  return undefined;
}

/** Groups files into packages by directory and package clause. */
export function groupPackages(files: GoFile[], goMods: { dir: string; text: string }[] = []): PackageModel[] {
  const groups = new Map<string, GoFile[]>();
  for (const f of files) {
    const key = `${dirOf(f.path)}\0${f.packageName}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(f);
  }
  return [...groups.entries()].map(([key, fs]) => {
    const [dir, name] = key.split('\0') as [string, string];
    return new PackageModel(dir, name, fs, goVersionFor(dir, goMods));
  });
}

/** Sources by directory: the unit of analysis, since a Go package never spans directories. */
export function groupByDirectory(inputs: SourceInput[]): Map<string, SourceInput[]> {
  const byDir = new Map<string, SourceInput[]>();
  for (const input of inputs) {
    const dir = dirOf(input.path);
    let list = byDir.get(dir);
    if (!list) byDir.set(dir, (list = []));
    list.push(input);
  }
  return byDir;
}

export async function analyzeSources(inputs: SourceInput[], options: AnalyzeOptions): Promise<AnalysisResult> {
  // One directory at a time: parse, analyse, free the trees. Peak memory is one
  // directory's trees, not the whole input's.
  const byDir = groupByDirectory(inputs);
  const findings: Finding[] = [];
  const problems: FileProblem[] = [];
  let fileCount = 0;
  let packageCount = 0;
  const view = options.module ? await moduleViewFor(options.module, options.treeCache) : undefined;
  let dirsDone = 0;
  const units: UnitResult[] | undefined = options.units ? [] : undefined;
  try {
    // With the module view, imported packages first: their declarations are then offered to the
    // view from the trees the analysis parsed, not parsed a second time (view.ts, offer).
    const order = view ? view.analysisOrder(byDir) : [...byDir.keys()];
    for (const dir of order) {
      const dirInputs = byDir.get(dir)!;
      const unit = units ? { findings: findings.length, problems: problems.length, files: fileCount, packages: packageCount } : undefined;
      if (unit) view?.beginUnit();
      // Files the module view parsed before their turn are adopted, not parsed again.
      const early = view?.takeParsed(dirInputs);
      const trees = early && options.trees ? new Map([...options.trees, ...early]) : (early ?? options.trees);
      const parsed = await parseSources(dirInputs, options.maxFileChars, trees, options.treeCache);
      problems.push(...parsed.problems);
      fileCount += parsed.files.length;
      try {
        const packages = groupPackages(parsed.files, options.goMods);
        packageCount += packages.length;
        for (const pkg of packages) {
          view?.register(pkg);
          findings.push(...(await analyzePackage(pkg, options, problems)));
          view?.offer(pkg);
        }
      } finally {
        for (const f of parsed.files) f.tree.delete();
      }
      if (unit && units) {
        units.push({
          dir,
          findings: findings.slice(unit.findings),
          problems: problems.slice(unit.problems),
          files: fileCount - unit.files,
          packages: packageCount - unit.packages,
          dependencies: view?.endUnit() ?? { dirs: {}, importers: {} },
        });
      }
      view?.trim();
      options.onDirectoryDone?.(++dirsDone, byDir.size);
    }
  } finally {
    if (!options.module?.keep) view?.dispose();
    else view?.endRun();
  }
  findings.sort(compareFindings);
  return { findings, problems, files: fileCount, packages: packageCount, ...(units ? { units } : {}) };
}

const keptViews = new WeakMap<object, ModuleView>();

/** One view per module option; a kept one (a worker's) lives across calls so dependencies are read once. */
async function moduleViewFor(m: NonNullable<AnalyzeOptions['module']>, cache: TreeCache | undefined): Promise<ModuleView> {
  const kept = m.keep ? keptViews.get(m) : undefined;
  if (kept) return kept;
  const view = new ModuleView(m.layout, m.reader, await goParser(), cache);
  if (m.keep) keptViews.set(m, view);
  return view;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

interface RawFinding {
  rule: Rule;
  severity: Severity;
  span: Span;
  message: string;
  fix?: Finding['fix'];
  related?: RelatedLocation[];
}

/** Runs the enabled rules over one package. Problems (rule crashes) are appended to `problems`. */
export async function analyzePackage(pkg: PackageModel, options: AnalyzeOptions, problems: FileProblem[]): Promise<Finding[]> {
  const parser = await goParser();
  const enabled = options.rules
    .map((rule) => ({ rule, severity: options.severityOf ? options.severityOf(rule) : rule.meta.severity }))
    .filter((r): r is { rule: Rule; severity: Severity } => r.severity !== 'off')
    .filter((r) => !r.rule.meta.minGo || !pkg.goVersion || atLeast(pkg.goVersion, r.rule.meta.minGo));
  const scopes = pkg.fact(ScopesFact);
  const out: Finding[] = [];
  const known = new Set(options.knownRuleIds ?? options.rules.map((r) => r.meta.id));
  const ran = new Set(enabled.map((r) => r.rule.meta.id));

  for (const file of pkg.files) {
    const raw: RawFinding[] = [];
    // node type -> listeners (enter / exit)
    const enter = new Map<string, Listener[]>();
    const exit = new Map<string, Listener[]>();
    for (const { rule, severity } of enabled) {
      const ctx = makeContext(rule, severity, file, pkg, scopes, raw);
      let visitor;
      try {
        visitor = rule.create(ctx);
      } catch (e) {
        problems.push({ path: file.path, message: `internal error in rule ${rule.meta.id}: ${(e as Error).message}` });
        continue;
      }
      for (const [key, fn] of Object.entries(visitor)) {
        const isExit = key.endsWith(':exit');
        const type = isExit ? key.slice(0, -5) : key;
        if (!parser.names.typeNames.has(type)) throw new Error(`rule ${rule.meta.id} listens to unknown node type ${type}`);
        const safe: Listener = (node) => {
          try {
            fn(node);
          } catch (e) {
            problems.push({ path: file.path, message: `internal error in rule ${rule.meta.id} at line ${node.startPosition.row + 1}: ${(e as Error).message}` });
          }
        };
        const table = isExit ? exit : enter;
        let list = table.get(type);
        if (!list) table.set(type, (list = []));
        list.push(safe);
      }
    }
    const comments: SyntaxNode[] = [];
    dispatch(file.tree, enter, exit, comments);
    const suppressions = comments
      .filter((c) => c.text.includes('mapguard'))
      .map((c) => parseSuppression(c, (l) => file.lineText(l)))
      .filter((s): s is Suppression => !!s);
    const fp = new Fingerprinter();
    raw.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
    for (const r of raw) {
      if (file.unparsed.length) {
        const at = file.indexOf(r.span.line, r.span.column);
        if (file.unparsed.some((u) => at >= u.start && at < u.end)) continue;
      }
      if (matchSuppression(suppressions, r.rule.meta.id, r.span.line)) continue;
      out.push({
        ruleId: r.rule.meta.id,
        severity: r.severity,
        path: file.path,
        ...r.span,
        message: r.message,
        ...(r.fix ? { fix: r.fix } : {}),
        ...(r.related?.length ? { related: r.related } : {}),
        fingerprint: fp.next(r.rule.meta.id, file.path, file.lineText(r.span.line)),
      });
    }
    for (const s of suppressions) {
      let problem: string | undefined;
      const unknown = s.ruleIds?.filter((id) => !known.has(id)) ?? [];
      // "Unused" only when every rule it names ran: a rule turned off finds nothing to match.
      const allRan = s.ruleIds ? s.ruleIds.every((id) => ran.has(id)) : enabled.length === options.rules.length;
      if (s.ruleIds && s.ruleIds.length === 0) problem = 'This suppression names no rule; write `//mapguard:ignore <rule-id> -- <reason>`.';
      else if (unknown.length) problem = `This suppression names ${unknown.join(', ')}, which ${unknown.length > 1 ? 'are not mapguard rules' : 'is not a mapguard rule'}.`;
      else if (!s.reason) problem = 'This suppression gives no reason; add one after `--` (or `//` for nolint) so reviewers know why the finding is safe.';
      else if (!s.used && allRan) problem = 'This suppression matches no finding; remove it.';
      if (!problem) continue;
      out.push({
        ruleId: SUPPRESSION_RULE_ID,
        severity: 'notice',
        path: file.path,
        line: s.line,
        column: s.column,
        endLine: s.line,
        endColumn: s.endColumn,
        message: problem,
        fingerprint: fp.next(SUPPRESSION_RULE_ID, file.path, file.lineText(s.line)),
      });
    }
  }
  return out;
}

/**
 * Visits the nodes rules listen to, in document order, with exit listeners run when the walk
 * leaves a node's subtree. The walk reads the tree's type array; only nodes someone listens to
 * (and comments, for suppressions) become node objects.
 */
function dispatch(tree: SyntaxTree, enter: Map<string, Listener[]>, exit: Map<string, Listener[]>, comments: SyntaxNode[]): void {
  const { type, after, count } = tree.data;
  const names = tree.names.types;
  const onEnter: (Listener[] | undefined)[] = [];
  const onExit: (Listener[] | undefined)[] = [];
  const isComment: boolean[] = [];
  names.forEach((name, id) => {
    if (!tree.names.named[id]) return;
    onEnter[id] = enter.get(name);
    onExit[id] = exit.get(name);
    isComment[id] = name === 'comment';
  });
  const open: { after: number; node: SyntaxNode; listeners: Listener[] }[] = [];
  for (let i = 0; i < count; i++) {
    while (open.length && open[open.length - 1]!.after <= i) {
      const { node, listeners } = open.pop()!;
      for (const fn of listeners) fn(node);
    }
    const t = type[i]!;
    const en = onEnter[t];
    const ex = onExit[t];
    if (!en && !ex && !isComment[t]) continue;
    const node = tree.node(i)!;
    if (isComment[t]) comments.push(node);
    if (en) for (const fn of en) fn(node);
    if (ex) open.push({ after: after[i]!, node, listeners: ex });
  }
  while (open.length) {
    const { node, listeners } = open.pop()!;
    for (const fn of listeners) fn(node);
  }
}

function makeContext(rule: Rule, severity: Severity, file: GoFile, pkg: PackageModel, scopes: Scopes, sink: RawFinding[]): RuleContext {
  const toEdit = (e: EditSpec) => {
    const startIndex = e.node ? e.node.startIndex : e.startIndex!;
    const endIndex = e.node ? e.node.endIndex : e.endIndex!;
    const start = positionAt(file, startIndex);
    const end = positionAt(file, endIndex);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, startIndex, endIndex, newText: e.text };
  };
  return {
    meta: rule.meta,
    file,
    pkg,
    scopes,
    goVersion: pkg.goVersion,
    atLeastGo: (v) => atLeast(pkg.goVersion, v),
    fact: (f) => pkg.fact(f),
    where: (node, other) => `${baseName((other ?? file).path)}:${node.startPosition.row + 1}`,
    report(d: ReportDescriptor) {
      const span = d.node ? spanOf(d.node) : d.span;
      if (!span) throw new Error('report() needs a node or a span');
      sink.push({
        rule,
        severity: lowerSeverity(severity === rule.meta.severity && d.severity ? d.severity : severity, d.atMost ?? 'error'),
        span,
        message: d.message,
        fix: d.fix ? { description: d.fix.description, edits: d.fix.edits.map(toEdit) } : undefined,
        related: d.related?.map((r) => ({ path: (r.file ?? file).path, ...spanOf(r.node), message: r.message })),
      });
    },
  };
}

/** The lower of two severities. */
function lowerSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) <= severityRank(b) ? a : b;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function positionAt(file: GoFile, index: number): { line: number; column: number } {
  // Binary search over line starts through the public API.
  let lo = 1;
  let hi = file.lineCount;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (file.indexOf(mid, 1) <= index) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, column: index - file.indexOf(lo, 1) + 1 };
}
