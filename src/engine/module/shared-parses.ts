// Parses shared between the analysis of a run and the module view, so that each file of the run
// is parsed once. The view needs other packages' declarations (and some importers' bodies)
// while the run analyses package after package; without sharing, a package the run analyses is
// parsed a second time for the view, blanked. Two ways round it:
// - order: packages after the packages of the run they import, so their declarations come from
//   the trees their own analysis parsed (offered after it, the bodies dropped: no parse);
// - early: a file of the run the view needs before its turn (an importer's goroutines, an import
//   cycle the import blocks show) is parsed whole once, and its analysis adopts that tree.
// Both are kept within a memory budget; past it the view parses as it did before.
import type { GoParser } from '../parser.js';
import type { Tree } from '../types.js';
import { SyntaxTree, type TreeArrays, type TreeCache } from '../syntax/tree.js';
import type { PackageModel } from '../model.js';
import { blankedBodies, blankRanges, declarationsTree, type BodyBraces } from './declarations.js';
import { importedPaths, importPathOfDir, type ModuleLayout } from './layout.js';

/** Whole trees parsed early for the run's own files are kept up to this many bytes of arrays. */
const EARLY_BYTES_BUDGET = 192 * 1024 * 1024;
/** Declaration trees offered by analysed packages are kept up to this many bytes of arrays. */
const OFFERED_BYTES_BUDGET = 64 * 1024 * 1024;
/**
 * Declaration trees the view parsed itself (files the run does not analyse: generated ones, other
 * modules' files) are kept up to this many bytes of arrays, so that a package many import (syscall)
 * is not parsed again each time the view starts afresh (trim).
 */
const PARSED_BYTES_BUDGET = 48 * 1024 * 1024;

export class SharedParses {
  constructor(
    private readonly layout: ModuleLayout,
    private readonly parser: GoParser,
    private readonly cache: TreeCache | undefined,
    private readonly maxFileChars: number,
  ) {}

  /**
   * The order to analyse directories in: a package after the packages of the run it imports (as
   * far as their import blocks say), so that what an importer asks of them is offered (below)
   * rather than parsed again. Also notes which directories some other directory of the run imports.
   */
  order(dirs: ReadonlyMap<string, readonly { path: string; text: string }[]>): string[] {
    const byPath = new Map<string, string>();
    for (const dir of dirs.keys()) {
      const path = importPathOfDir(this.layout, dir);
      if (path) byPath.set(path, dir);
    }
    // The package's own imports, and its tests' (which the analysis resolves too).
    const hard = new Map<string, Set<string>>();
    const tests = new Map<string, Set<string>>();
    for (const [dir, files] of dirs) {
      for (const f of files) this.runTexts.set(f.path, f.text);
      const own = new Set<string>();
      const test = new Set<string>();
      for (const f of files) {
        for (const path of importedPaths(f.text)) {
          const dep = byPath.get(path);
          if (dep !== undefined && dep !== dir) (f.path.endsWith('_test.go') ? test : own).add(dep);
        }
      }
      for (const d of own) test.delete(d);
      hard.set(dir, own);
      tests.set(dir, test);
      for (const d of own) this.importedInRun.add(d);
      for (const d of test) this.importedInRun.add(d);
    }
    const postorder = (edges: (dir: string) => Iterable<string>): string[] => {
      const order: string[] = [];
      const seen = new Set<string>();
      const visit = (dir: string): void => {
        if (seen.has(dir)) return;
        seen.add(dir);
        for (const dep of edges(dir)) visit(dep);
        order.push(dir);
      };
      for (const dir of dirs.keys()) visit(dir);
      return order;
    };
    const first = postorder((d) => hard.get(d) ?? []);
    const at = new Map(first.map((d, i) => [d, i]));
    // A test import counts as an edge too unless it would close a cycle (`runtime`'s tests import
    // `runtime/trace`, which imports `runtime`): a package placed before the importer cannot
    // depend on it; one placed after is searched for a path back.
    const reaches = (from: string, to: string): boolean => {
      const limit = at.get(to)!;
      const stack = [from];
      const seen = new Set<string>();
      while (stack.length) {
        const d = stack.pop()!;
        if (d === to) return true;
        if (seen.has(d) || at.get(d)! < limit) continue;
        seen.add(d);
        for (const n of hard.get(d) ?? []) stack.push(n);
      }
      return false;
    };
    const safeTests = new Map<string, string[]>();
    for (const [dir, test] of tests) safeTests.set(dir, [...test].filter((dep) => at.get(dep)! < at.get(dir)! || !reaches(dep, dir)));
    return postorder((d) => [...(hard.get(d) ?? []), ...(safeTests.get(d) ?? [])]);
  }

  private readonly importedInRun = new Set<string>();
  /** Declarations made from analysed files' trees, by path, with the text they were parsed from. */
  private readonly offered = new Map<string, { source: string; bodies: BodyBraces[]; tree: Tree }>();
  private offeredBytes = 0;

  /**
   * An analysed package, after its rules ran: when another directory of the run imports it, its
   * files' declarations are made from their trees now (the bodies dropped, no parse) and kept
   * for load(), which would otherwise parse every file again with its bodies blanked.
   */
  offer(pkg: PackageModel): void {
    if (!this.importedInRun.has(pkg.dir) || pkg.name === 'main' || pkg.name.endsWith('_test')) return;
    for (const f of pkg.files) {
      if (f.path.endsWith('_test.go') || f.text.length > this.maxFileChars || this.offered.has(f.path)) continue;
      if (this.offeredBytes >= OFFERED_BYTES_BUDGET) return;
      const bodies = blankedBodies(f.text);
      // The text is blanked when the declarations are taken; the tree keeps the analysed one meanwhile.
      const tree = declarationsTree(f.tree, bodies, f.text);
      if (!tree) continue;
      this.offered.set(f.path, { source: f.text, bodies, tree });
      this.offeredBytes += tree.data.buffer.byteLength;
    }
  }

  /** Declaration trees the view parsed from blanked text, by path, with the text they were parsed from. */
  private readonly parsed = new Map<string, { source: string; tree: Tree }>();
  private parsedBytes = 0;

  /** A declarations tree the view had to parse (nothing offered it): kept for the next load of its package. */
  keepParsed(path: string, source: string, tree: Tree): void {
    if (this.parsedBytes >= PARSED_BYTES_BUDGET || this.parsed.has(path)) return;
    this.parsed.set(path, { source, tree });
    this.parsedBytes += tree.data.buffer.byteLength;
  }

  /** Texts of the files this run will analyse, by path (order), and the directories whose turn has come. */
  private readonly runTexts = new Map<string, string>();
  private readonly started = new Set<string>();
  /** Whole trees parsed by the view for files the run analyses later: the analysis adopts them (takeParsed). */
  private readonly early = new Map<string, Tree>();
  private earlyBytes = 0;

  /**
   * A file the run will analyse but has not yet, asked for before its turn (an importer's
   * declarations, its goroutines): parsed whole once, here, and kept for its analysis, so
   * the view's blanked parse and the analysis's parse become one. Within a memory budget.
   */
  wholeTree(path: string, source: string): Tree | undefined {
    const hit = this.early.get(path);
    if (hit) return hit.text === source ? hit : undefined;
    const slash = path.lastIndexOf('/');
    if (this.runTexts.get(path) !== source || this.started.has(slash < 0 ? '' : path.slice(0, slash)) || this.earlyBytes >= EARLY_BYTES_BUDGET) return undefined;
    const tree = this.parser.parse(source, this.cache);
    this.early.set(path, tree);
    this.earlyBytes += tree.data.buffer.byteLength;
    return tree;
  }

  /** The whole trees parsed early for these files of the run, by path; they leave the store. */
  takeParsed(inputs: readonly { path: string; text: string }[]): Map<string, TreeArrays> | undefined {
    let out: Map<string, TreeArrays> | undefined;
    for (const f of inputs) {
      // Its turn has come: the analysis parses it now, so the view must not parse it early again
      // (an external test package of the directory asks for the package's declarations).
      const slash = f.path.lastIndexOf('/');
      this.started.add(slash < 0 ? '' : f.path.slice(0, slash));
      const t = this.early.get(f.path);
      if (!t) continue;
      this.early.delete(f.path);
      this.earlyBytes -= t.data.buffer.byteLength;
      if (t.text === f.text) (out ??= new Map()).set(f.path, t.data);
    }
    return out;
  }

  /** The declarations of a whole tree (bodies dropped without a parse; parsed blanked if it cannot be). */
  private declarationsOf(full: Tree): Tree | undefined {
    const bodies = blankedBodies(full.text);
    return declarationsTree(full, bodies, blankRanges(full.text, bodies));
  }

  /**
   * A file's declarations without a parse: made from its analysed tree if it was offered with
   * this very text, else the view's own earlier parse of it, else made from a whole tree parsed
   * early; undefined when none can give them.
   */
  declarations(path: string, source: string, early: Tree | undefined): Tree | undefined {
    const o = this.offered.get(path);
    if (o && o.source === source) return new SyntaxTree(blankRanges(source, o.bodies), o.tree.data, o.tree.names);
    const p = this.parsed.get(path);
    if (p && p.source === source) return new SyntaxTree(p.tree.text, p.tree.data, p.tree.names);
    return early ? this.declarationsOf(early) : undefined;
  }

  /** After a run: everything it kept is let go (a kept view serves other runs). */
  clear(): void {
    this.runTexts.clear();
    this.started.clear();
    this.early.clear();
    this.earlyBytes = 0;
    this.offered.clear();
    this.offeredBytes = 0;
    this.parsed.clear();
    this.parsedBytes = 0;
    this.importedInRun.clear();
  }
}
