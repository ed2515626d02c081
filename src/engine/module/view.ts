// The module around the analysed packages: other packages' declarations,
// loaded lazily by import path the first time a type, function or variable
// of theirs is asked for, parsed once (function bodies blanked) and kept for
// the run within a budget. Findings are only ever reported in the analysed
// packages; these are evidence. `withBodies` gives a package's full text when
// a rule needs evidence from inside its functions.
import { posix } from 'node:path';
import type { GoParser } from '../parser.js';
import type { SyntaxNode, Tree } from '../types.js';
import { SyntaxTree, type TreeArrays, type TreeCache } from '../syntax/tree.js';
import { GoFile, isGeneratedSource } from '../source.js';
import { PackageModel } from '../model.js';
import { blankFunctionBodies } from './declarations.js';
import { SharedParses } from './shared-parses.js';
import { DependencyRecorder, importerIndex, MAX_IMPORTER_FILE_CHARS, type UnitDependencies } from './dependencies.js';
export { importedPaths } from './layout.js';
import { importedPaths } from './layout.js';
import { GO_STATEMENT } from '../relevant.js';
import { locatePackage, moduleOfDir, importPathOfDir, parseGoModFile, type ModuleLayout, type ModuleInfo } from './layout.js';

/** Reads the Go files of one directory; the front end decides where from (disk, an archive, memory). */
export interface PackageReader {
  /** `.go` files directly in `dir` (names and texts); undefined when there is no such directory. */
  goFiles(dir: string): { name: string; text: string }[] | undefined;
  /** Text of a file (go.mod of a dependency), if present. */
  readFile?(path: string): string | undefined;
  /**
   * The directories under a module directory that hold `.go` files (vendor/, testdata/, hidden
   * ones and nested modules left out), same path convention as goFiles. Without it the view
   * cannot look for a package's importers (reverse callers are then not searched).
   */
  packageDirs?(moduleDir: string): string[];
}

/**
 * A question about a package's function bodies that only some files can answer (they mention a
 * name): those files are parsed whole, the rest keep their bodies blanked. `key` names the
 * question, so each gets its own package and facts computed on it answer only that question.
 */
export interface BodiesWanted {
  key: string;
  keep: (text: string) => boolean;
}

/** A file that may start goroutines or serve requests (a go statement, `.Go(`, a handler). */
const CONCURRENT_FILE = new RegExp(`\\.Go\\(|ResponseWriter|ServeHTTP|${GO_STATEMENT.source}`, GO_STATEMENT.flags);

/** A dependency file larger than this is not read for declarations. */
const MAX_DECL_FILE_CHARS = MAX_IMPORTER_FILE_CHARS;
/** At most this many packages are loaded for declarations in one run (a bound on memory). */
const MAX_LOADED_PACKAGES = 2000;

const IGNORED_BUILD = /^\/\/go:build\s+ignore\b/m;
/** Source text of directories kept by filesAt (the reader reads the disk or an archive each time). */
const LISTED_CHARS_BUDGET = 32 * 1024 * 1024;
/** Loaded source kept between analysed directories before the view starts afresh (bodies are blanked, so trees are small). */
const RETAINED_CHARS_BUDGET = 48 * 1024 * 1024;

export class ModuleView {
  private readonly loaded = new Map<string, PackageModel | null>();
  private readonly owners = new WeakMap<Tree, PackageModel>();
  private readonly ownTrees: Tree[] = [];
  private readonly depModules = new Map<string, ModuleInfo | null>();
  /** Packages loaded for declarations (not analysed): for the stats and tests. */
  loadedCount = 0;
  private chars = 0;

  private readonly shared: SharedParses;
  /** What each analysed directory read through the view (dependencies.ts). */
  private readonly recorder = new DependencyRecorder();
  /** The directory each packageAt key resolved to. */
  private readonly resolvedDirs = new Map<string, string | undefined>();

  constructor(
    readonly layout: ModuleLayout,
    private readonly reader: PackageReader,
    private readonly parser: GoParser,
    private readonly cache?: TreeCache,
  ) {
    this.shared = new SharedParses(layout, parser, cache, MAX_DECL_FILE_CHARS);
  }

  /** Makes an analysed package part of the view: its types resolve others' and others' resolve to it. */
  register(pkg: PackageModel): void {
    pkg.module = this;
    pkg.importPath ??= importPathOfDir(this.layout, pkg.dir);
    for (const f of pkg.files) this.owners.set(f.tree, pkg);
  }

  /** The package that declared a node, if it belongs to the view. */
  ownerOf(node: SyntaxNode): PackageModel | undefined {
    return this.owners.get(node.tree);
  }

  /** The package an import path names, as seen from a package directory; undefined when it cannot be read. */
  packageAt(importPath: string, fromDir: string): PackageModel | undefined {
    const from = this.moduleFor(fromDir);
    const relative = importPath.startsWith('.');
    const key = `${relative ? fromDir : (from?.dir ?? '')}\0${importPath}`;
    if (this.loaded.has(key)) {
      this.recorder.resolved(fromDir, this.resolvedDirs.get(key));
      return this.loaded.get(key) ?? undefined;
    }
    let pkg: PackageModel | undefined;
    let dir: string | undefined;
    if (this.loadedCount < MAX_LOADED_PACKAGES) {
      // GOPATH-era relative imports (`"../util"`) name a directory next to the importer.
      const loc = importPath.startsWith('./') || importPath.startsWith('../') ? { dir: posix.join(fromDir || '.', importPath) } : locatePackage(this.layout, importPath, from);
      if (loc) {
        dir = loc.dir;
        pkg = this.load(loc.dir, importPath);
      }
    }
    this.loaded.set(key, pkg ?? null);
    this.resolvedDirs.set(key, dir);
    this.recorder.resolved(fromDir, dir);
    return pkg;
  }

  /** The run's directories in the order that shares parses best (shared-parses.ts). */
  analysisOrder(dirs: ReadonlyMap<string, readonly { path: string; text: string }[]>): string[] {
    return this.shared.order(dirs);
  }

  /** An analysed package, after its rules ran: its declarations are kept for the packages that import it. */
  offer(pkg: PackageModel): void {
    this.shared.offer(pkg);
  }

  /** The whole trees the view parsed before their turn for these files of the run; they leave the view. */
  takeParsed(inputs: readonly { path: string; text: string }[]): Map<string, TreeArrays> | undefined {
    return this.shared.takeParsed(inputs);
  }

  /** Starts recording what the analysis of one directory reads through the view. */
  beginUnit(): void {
    this.recorder.begin();
  }

  /** What the directory's analysis read since beginUnit (closed over what the packages it used read). */
  endUnit(): UnitDependencies {
    return this.recorder.end();
  }

  /** Frees the trees of loaded packages. */
  dispose(): void {
    this.dropLoaded();
    this.endRun();
  }

  private dropLoaded(): void {
    for (const t of this.ownTrees) t.delete();
    this.ownTrees.length = 0;
    this.loaded.clear();
    this.resolvedDirs.clear();
  }

  /** After a run over a set of directories: what it offered is let go (a kept view serves other runs). */
  endRun(): void {
    this.shared.clear();
  }

  private moduleFor(dir: string): ModuleInfo | undefined {
    const own = moduleOfDir(this.layout, dir);
    if (own) return own;
    // A dependency's own imports resolve through its go.mod (read once).
    for (const [root, info] of this.depModules) if (info && (dir === root || dir.startsWith(root + '/'))) return info;
    return this.layout.modules[0];
  }

  /**
   * The same package with its function bodies, for evidence that lives in them (a lazy
   * initialisation of a field, a decode call); parsed on first request and kept.
   */
  withBodies(pkg: PackageModel, only?: BodiesWanted): PackageModel {
    if (!pkg.declarationsOnly || !pkg.importPath) return pkg;
    const key = only ? `bodies\0${pkg.dir}\0${only.key}` : `bodies\0${pkg.dir}`;
    this.recorder.used(pkg.dir);
    const hit = this.loaded.get(key) ?? (only ? this.loaded.get(`bodies\0${pkg.dir}`) : undefined);
    if (hit) return hit;
    // With `only`, files the question cannot be about keep their blanked parse (reused, not parsed again).
    const full = (only ? this.load(pkg.dir, pkg.importPath, false, false, only.keep, this.declarationFilesAt(pkg.dir)) : this.load(pkg.dir, pkg.importPath, false)) ?? pkg;
    this.loaded.set(key, full);
    return full;
  }

  /**
   * Directories of the view's own modules (not dependencies) with a non-test file importing
   * `importPath`: where its exported functions have callers. Every file of the modules is read
   * once, on the first question, for its import block.
   */
  importersOf(importPath: string): string[] {
    this.importers ??= importerIndex(this.layout, this.reader, (dir) => this.filesAt(dir, false));
    const dirs = this.importers.get(importPath) ?? [];
    this.recorder.importersAsked(importPath, dirs);
    return dirs;
  }

  /**
   * The source text of a declaration of a loaded package, as written (its body too, though the
   * package was parsed with bodies blanked: offsets are kept), read again from the reader.
   */
  declarationSource(node: SyntaxNode): string | undefined {
    const pkg = this.owners.get(node.tree);
    const file = pkg?.fileOf(node);
    if (!file) return undefined;
    const slash = file.path.lastIndexOf('/');
    const dir = slash < 0 ? '' : file.path.slice(0, slash);
    const name = file.path.slice(slash + 1);
    const text = this.filesAt(dir)?.find((f) => f.name === name)?.text;
    return text?.slice(node.startIndex, node.endIndex);
  }

  /** Parses a snippet of Go on its own (not kept: the caller deletes the tree). */
  parseDetached(text: string): Tree {
    return this.parser.parse(text);
  }

  /** The `.go` files of a directory, as the reader gives them (for a text prefilter before any parse). */
  goFilesAt(dir: string): { name: string; text: string }[] | undefined {
    return this.filesAt(dir);
  }

  private readonly listed = new Map<string, { name: string; text: string }[] | undefined>();
  private listedChars = 0;

  /**
   * The reader's files of a directory, kept while they fit a budget (least recently used go
   * first): the importer search reads the same importers' files for every package they import.
   */
  private filesAt(dir: string, record = true): { name: string; text: string }[] | undefined {
    if (this.listed.has(dir)) {
      const hit = this.listed.get(dir);
      this.listed.delete(dir);
      this.listed.set(dir, hit);
      if (record) this.recorder.listed(dir, hit);
      return hit;
    }
    const files = this.reader.goFiles(dir);
    // The importer index reads every directory for its imports: the answer is the dependency, not the texts.
    if (record) this.recorder.listed(dir, files);
    const chars = files?.reduce((n, f) => n + f.text.length, 0) ?? 0;
    if (chars > LISTED_CHARS_BUDGET / 4) return files;
    this.listed.set(dir, files);
    this.listedChars += chars;
    for (const [d, old] of this.listed) {
      if (this.listedChars <= LISTED_CHARS_BUDGET) break;
      this.listed.delete(d);
      this.listedChars -= old?.reduce((n, f) => n + f.text.length, 0) ?? 0;
    }
    return files;
  }

  /** A package of the modules, bodies included, `main` packages too: evidence from its callers. */
  callersAt(dir: string): PackageModel | undefined {
    const key = `callers\0${dir}`;
    this.recorder.used(dir);
    if (this.loaded.has(key)) return this.loaded.get(key) ?? undefined;
    const importPath = importPathOfDir(this.layout, dir);
    // Only files that start goroutines or serve requests keep their bodies: the others give the
    // package's declarations (field types, results) and are parsed blanked, 2x faster.
    // Blanked files already parsed for the package's declarations are reused, not parsed again.
    const pkg = importPath ? this.load(dir, importPath, false, true, (text) => CONCURRENT_FILE.test(text), this.declarationFilesAt(dir)) : undefined;
    this.loaded.set(key, pkg ?? null);
    return pkg;
  }

  /** The blanked files of a package of `dir` loaded for its declarations, by path. */
  private declarationFilesAt(dir: string): Map<string, GoFile> | undefined {
    for (const p of this.loaded.values()) if (p && p.dir === dir && p.declarationsOnly) return new Map(p.files.map((f) => [f.path, f]));
    return undefined;
  }

  private importers?: Map<string, string[]>;

  /** Source characters held by loaded packages (their trees are proportional). */
  get retainedChars(): number {
    return this.chars;
  }

  /**
   * Between two analysed directories: when the loaded packages hold more than the budget,
   * let them all go (a type cached in one may point into another, so they go together) and
   * load again on demand.
   */
  trim(budgetChars = RETAINED_CHARS_BUDGET): void {
    if (this.chars <= budgetChars) return;
    this.dropLoaded();
    this.loadedCount = 0;
    this.chars = 0;
  }

  /**
   * Reads a package of `dir`. `keepBodies` picks the files parsed whole when the rest are blanked;
   * `reuse` holds blanked files parsed before (their trees stay owned by the package that parsed them).
   */
  private load(dir: string, importPath: string, declarationsOnly = true, withMain = false, keepBodies?: (text: string) => boolean, reuse?: Map<string, GoFile>): PackageModel | undefined {
    const listed = this.filesAt(dir);
    if (!listed) return undefined;
    const files: GoFile[] = [];
    const reused = new Set<GoFile>();
    for (const { name, text: source } of listed) {
      if (name.endsWith('_test.go') || source.length > MAX_DECL_FILE_CHARS || source.includes('\0')) continue;
      if (IGNORED_BUILD.test(source.slice(0, 2048)) && !isGeneratedSource(source)) continue;
      const blank = declarationsOnly || (!!keepBodies && !keepBodies(source));
      const before = blank ? reuse?.get(`${dir}/${name}`) : undefined;
      if (before) {
        files.push(before);
        reused.add(before);
        continue;
      }
      const path = `${dir}/${name}`;
      let tree: Tree | undefined;
      let text: string;
      try {
        const early = this.shared.wholeTree(path, source);
        if (blank) {
          const offered = this.shared.declarations(path, source, early);
          text = offered ? offered.text : blankFunctionBodies(source);
          tree = offered ?? this.parser.parse(text, this.cache);
          if (!offered) this.shared.keepParsed(path, source, tree);
        } else {
          text = source;
          // Its own tree over the same arrays: the analysis's tree of this file will be owned by the analysed package.
          tree = early ? new SyntaxTree(source, early.data, early.names) : this.parser.parse(text, this.cache);
        }
      } catch {
        continue; // no tree: the package is read without this file
      }
      this.chars += text.length;
      const file = new GoFile(`${dir}/${name}`, text, tree);
      this.ownTrees.push(tree);
      if (!file.packageName || (file.packageName === 'main' && !withMain) || file.packageName.endsWith('_test')) continue;
      files.push(file);
    }
    if (files.length === 0) return undefined;
    // One package per directory; a stray file with another clause (a generator) does not split it.
    const counts = new Map<string, number>();
    for (const f of files) counts.set(f.packageName, (counts.get(f.packageName) ?? 0) + 1);
    const name = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const mine = files.filter((f) => f.packageName === name);
    this.noteDependencyModule(dir);
    const pkg = new PackageModel(dir, name, mine, undefined);
    pkg.module = this;
    pkg.importPath = importPath;
    pkg.declarationsOnly = declarationsOnly;
    pkg.loadedByView = true;
    for (const f of mine) if (!reused.has(f)) this.owners.set(f.tree, pkg);
    this.loadedCount++;
    return pkg;
  }

  /** A dependency in the module cache resolves its own imports through its go.mod. */
  private noteDependencyModule(dir: string): void {
    const at = dir.lastIndexOf('@');
    if (at < 0 || !this.reader.readFile) return;
    const slash = dir.indexOf('/', at);
    const root = slash < 0 ? dir : dir.slice(0, slash);
    if (this.depModules.has(root)) return;
    const text = this.reader.readFile(`${root}/go.mod`);
    const info = text ? parseGoModFile(text, root) : undefined;
    this.depModules.set(root, info ?? null);
  }
}
