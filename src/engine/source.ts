// A parsed Go file: text, tree, package clause and imports. Parsed once; every
// rule and model computation shares the same tree.
import type { SyntaxNode, Tree } from './types.js';
import { field, namedChildren } from './ast.js';

const GENERATED = /^\/\/ Code generated .* DO NOT EDIT\.$/m;

/** The Go convention for generated files: the marker line before the package clause. */
export function isGeneratedSource(text: string): boolean {
  return GENERATED.test(text.slice(0, Math.max(0, text.search(/^package\s/m)) || 4096));
}

/** The directory of a slash-separated path ('' for a file at the root). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Directories the go tool ignores, and mapguard with it: vendor/, testdata/, and names starting with `.` or `_`. */
export function isSkippedDirName(name: string): boolean {
  return name === 'vendor' || name === 'testdata' || name.startsWith('.') || name.startsWith('_');
}

/** A slash-separated directory inside one of the skipped directories. */
export function isSkippedDir(dir: string): boolean {
  return dir.split('/').some(isSkippedDirName);
}

/** The name an import is known by without an alias: the last element, without a major-version suffix (`/v2`) or a `go-` prefix. */
export function defaultImportName(importPath: string): string {
  const parts = importPath.split('/');
  let last = parts.pop()!;
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts.pop()!;
  return last.replace(/^go-/, '').replace(/\.v\d+$/, '').replace(/[-.]go$/, '');
}

export class GoFile {
  readonly root: SyntaxNode;
  readonly packageName: string;
  /** import name (alias or last path element) -> import path */
  readonly imports = new Map<string, string>();
  /** Paths imported with `.`: their exported names are in the file's scope. */
  readonly dotImports: string[] = [];
  /** String ranges of top-level declarations that did not parse; no finding is reported inside them. */
  unparsed: { start: number; end: number }[] = [];
  private lineStarts?: number[];

  constructor(
    readonly path: string,
    readonly text: string,
    readonly tree: Tree,
  ) {
    this.root = tree.rootNode;
    let pkg = '';
    for (const c of namedChildren(this.root)) {
      if (c.type === 'package_clause') pkg = c.namedChild(0)?.text ?? '';
      else if (c.type === 'import_declaration') this.collectImports(c);
      else if (c.type !== 'comment') break;
    }
    this.packageName = pkg;
  }

  private collectImports(decl: SyntaxNode): void {
    const specs: SyntaxNode[] = [];
    for (const c of namedChildren(decl)) {
      if (c.type === 'import_spec') specs.push(c);
      else if (c.type === 'import_spec_list') specs.push(...namedChildren(c).filter((s) => s.type === 'import_spec'));
    }
    for (const s of specs) {
      const pathNode = field(s, 'path');
      if (!pathNode) continue;
      const importPath = pathNode.text.slice(1, -1);
      const alias = field(s, 'name')?.text;
      const name = alias ?? defaultImportName(importPath);
      if (name === '.') this.dotImports.push(importPath);
      else if (name !== '_') this.imports.set(name, importPath);
    }
  }

  /** The local name under which a standard or module path is imported, e.g. "sync" -> "sync". */
  importName(importPath: string): string | undefined {
    // Asked for every call by some rules: answered from a reverse map, built once (first name wins, as a scan of imports would find it).
    if (!this.namesByPath) {
      this.namesByPath = new Map();
      for (const [name, p] of this.imports) if (!this.namesByPath.has(p)) this.namesByPath.set(p, name);
    }
    return this.namesByPath.get(importPath);
  }

  private namesByPath?: Map<string, string>;

  /** Text of a 1-based line, without the newline. */
  lineText(line: number): string {
    const starts = this.starts();
    const start = starts[line - 1];
    if (start === undefined) return '';
    const next = starts[line];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1).replace(/\r$/, '');
  }

  get lineCount(): number {
    return this.starts().length;
  }

  /** String index of the start of a 1-based line/column. */
  indexOf(line: number, column: number): number {
    return (this.starts()[line - 1] ?? this.text.length) + column - 1;
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      const s = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) s.push(i + 1);
      this.lineStarts = s;
    }
    return this.lineStarts;
  }
}
