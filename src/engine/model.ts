// The package model: one per Go package (directory + package clause), built
// once from the parsed files and shared by every rule. Heavier analyses are
// facts (see facts.ts), computed lazily and cached here.
import type { GoVersion, SyntaxNode, Tree } from './types.js';
import type { ModuleView } from './module/view.js';
import type { GoFile } from './source.js';
import { field, namedChildren, receiverOf } from './ast.js';
import { typeFromNode, type GoType, type StructField, UNKNOWN, parseGoInt } from './gotypes.js';

export interface TypeDecl {
  name: string;
  /** The type_spec or type_alias node. */
  node: SyntaxNode;
  /** The right-hand side type expression. */
  typeNode: SyntaxNode;
  file: GoFile;
  alias: boolean;
}

export interface FuncDecl {
  name: string;
  node: SyntaxNode;
  file: GoFile;
  /** For methods: receiver type name (without `*`) and whether it is a pointer receiver. */
  receiver?: { typeName: string; pointer: boolean; name?: string };
  /** Doc comment lines directly above the declaration. */
  doc: string;
}

export interface ValueDecl {
  name: string;
  nameNode: SyntaxNode;
  /** var_spec or const_spec. */
  spec: SyntaxNode;
  kind: 'var' | 'const';
  typeNode?: SyntaxNode;
  value?: SyntaxNode;
  file: GoFile;
}

export interface Fact<T> {
  readonly name: string;
  compute(pkg: PackageModel): T;
}

/** Declares a package-level analysis that rules share; computed at most once per package. */
export function defineFact<T>(name: string, compute: (pkg: PackageModel) => T): Fact<T> {
  return { name, compute };
}

export class PackageModel {
  readonly types = new Map<string, TypeDecl>();
  readonly funcs = new Map<string, FuncDecl>();
  /** receiver type name -> method name -> decl */
  readonly methods = new Map<string, Map<string, FuncDecl>>();
  readonly values = new Map<string, ValueDecl>();
  /** The module around this package (other packages' declarations), when the front end gives one. */
  module?: ModuleView;
  /** The import path, when the package is in a known module. */
  importPath?: string;
  /** Loaded only for its declarations (another package's evidence), not analysed. */
  declarationsOnly = false;
  /** Read by the module view as another package's evidence (never analysed itself). */
  loadedByView = false;
  private readonly facts = new Map<string, unknown>();
  private readonly typeCache = new Map<number, GoType>();
  private fileByTree?: WeakMap<Tree, GoFile>;

  constructor(
    /** Directory of the package, relative to the analysis root ("" for the root). */
    readonly dir: string,
    readonly name: string,
    readonly files: GoFile[],
    readonly goVersion: GoVersion | undefined,
  ) {
    for (const f of files) this.index(f);
  }

  fact<T>(f: Fact<T>): T {
    if (this.facts.has(f.name)) return this.facts.get(f.name) as T;
    const value = f.compute(this);
    this.facts.set(f.name, value);
    return value;
  }

  methodsOf(typeName: string): Map<string, FuncDecl> {
    return this.methods.get(typeName) ?? new Map();
  }

  /** All function-like declarations (functions and methods). */
  *allFuncs(): Iterable<FuncDecl> {
    yield* this.funcs.values();
    for (const m of this.methods.values()) yield* m.values();
  }

  /** Resolves a type through named types and aliases (this package's, or an imported one's) to its structure. */
  underlying(t: GoType, depth = 0): GoType {
    if (t.kind !== 'named' || depth > 10) return t;
    const found = this.namedDecl(t);
    if (!found) return t;
    return this.underlying(this.typeOf(found.decl.typeNode), depth + 1);
  }

  /** The declaration of a named type and the package declaring it; undefined when not visible. */
  namedDecl(t: Extract<GoType, { kind: 'named' }>): { decl: TypeDecl; pkg: PackageModel } | undefined {
    if (t.home) {
      const decl = t.home.types.get(t.name);
      return decl ? { decl, pkg: t.home } : undefined;
    }
    const owner = this.ownerOf(t.node);
    if (owner !== this) return owner.namedDecl(t);
    if (!t.qualifier) {
      const decl = this.types.get(t.name);
      if (decl) return { decl, pkg: this };
      // A dot import puts another package's exported names in the file's scope.
      for (const path of this.fileOf(t.node)?.dotImports ?? []) {
        const other = this.module?.packageAt(path, this.dir);
        const d = other?.types.get(t.name);
        if (d && other) return { decl: d, pkg: other };
      }
      return undefined;
    }
    const other = this.importedPackage(t.qualifier, t.node);
    const decl = other?.types.get(t.name);
    return decl && other ? { decl, pkg: other } : undefined;
  }

  /** The package behind an import name in the file holding `node` (module view only). */
  importedPackage(qualifier: string, node: SyntaxNode): PackageModel | undefined {
    if (!this.module) return undefined;
    const owner = this.ownerOf(node);
    if (owner !== this) return owner.importedPackage(qualifier, node);
    const path = this.fileOf(node)?.imports.get(qualifier);
    return path ? this.module.packageAt(path, this.dir) : undefined;
  }

  /** The package that declared a node: this one, or another of the module view. */
  ownerOf(node: SyntaxNode): PackageModel {
    return this.module?.ownerOf(node) ?? this;
  }

  /** The file of this package holding a node. */
  fileOf(node: SyntaxNode): GoFile | undefined {
    if (!this.fileByTree) {
      this.fileByTree = new WeakMap();
      for (const f of this.files) this.fileByTree.set(f.tree, f);
    }
    return this.fileByTree.get(node.tree);
  }

  /** Converts a type node, evaluating simple constant array lengths declared in the package. */
  typeOf(node: SyntaxNode | null): GoType {
    if (!node) return UNKNOWN;
    // Types are immutable and asked for again and again (struct fields on every selector): memoise.
    let t = this.typeCache.get(node.id);
    if (!t) {
      const owner = this.module ? this.ownerOf(node) : this;
      // Another package's type expression: its unqualified names are that package's.
      t = owner !== this ? rehome(owner.typeOf(node), owner) : typeFromNode(node, (n) => this.constInt(n));
      this.typeCache.set(node.id, t);
    }
    return t;
  }

  /** Fields of a struct type declared in this package, by type name. */
  structFieldsOf(typeName: string): StructField[] | undefined {
    const decl = this.types.get(typeName);
    if (!decl) return undefined;
    const t = this.underlying(this.typeOf(decl.typeNode));
    return t.kind === 'struct' ? t.fields : undefined;
  }

  /** Value of an integer constant expression (literal, or package const), if simple. */
  constInt(node: SyntaxNode, depth = 0): number | undefined {
    if (depth > 5) return undefined;
    if (node.type === 'int_literal') return parseGoInt(node.text);
    if (node.type === 'identifier') {
      const d = this.values.get(node.text);
      if (d?.kind === 'const' && d.value) return this.constInt(d.value, depth + 1);
      return undefined;
    }
    if (node.type === 'parenthesized_expression' && node.namedChild(0)) return this.constInt(node.namedChild(0)!, depth + 1);
    if (node.type === 'binary_expression') {
      const l = field(node, 'left');
      const r = field(node, 'right');
      const op = field(node, 'operator')?.text ?? node.child(1)?.text;
      const a = l ? this.constInt(l, depth + 1) : undefined;
      const b = r ? this.constInt(r, depth + 1) : undefined;
      if (a === undefined || b === undefined) return undefined;
      switch (op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return b === 0 ? undefined : Math.trunc(a / b);
        case '<<': return a * 2 ** b;
        default: return undefined;
      }
    }
    return undefined;
  }

  private index(file: GoFile): void {
    for (const decl of namedChildren(file.root)) {
      switch (decl.type) {
        case 'function_declaration': {
          const name = field(decl, 'name')?.text;
          if (name) this.funcs.set(name, { name, node: decl, file, doc: docAbove(decl) });
          break;
        }
        case 'method_declaration': {
          const name = field(decl, 'name')?.text;
          const recv = receiverOf(decl);
          if (!name || !recv) break;
          let byName = this.methods.get(recv.typeName);
          if (!byName) this.methods.set(recv.typeName, (byName = new Map()));
          byName.set(name, {
            name,
            node: decl,
            file,
            receiver: { typeName: recv.typeName, pointer: recv.pointer, name: recv.name?.text },
            doc: docAbove(decl),
          });
          break;
        }
        case 'type_declaration':
          for (const spec of namedChildren(decl)) {
            if (spec.type !== 'type_spec' && spec.type !== 'type_alias') continue;
            const name = field(spec, 'name')?.text;
            const typeNode = field(spec, 'type');
            if (name && typeNode) this.types.set(name, { name, node: spec, typeNode, file, alias: spec.type === 'type_alias' });
          }
          break;
        case 'var_declaration':
        case 'const_declaration':
          this.indexValues(decl, file);
          break;
      }
    }
  }

  private indexValues(decl: SyntaxNode, file: GoFile): void {
    const kind = decl.type === 'var_declaration' ? 'var' : 'const';
    const specs: SyntaxNode[] = [];
    for (const c of namedChildren(decl)) {
      if (c.type === 'var_spec' || c.type === 'const_spec') specs.push(c);
      else if (c.type === 'var_spec_list' || c.type === 'const_spec_list') specs.push(...namedChildren(c).filter((s) => s.type === 'var_spec' || s.type === 'const_spec'));
    }
    for (const spec of specs) {
      const names = spec.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
      const typeNode = field(spec, 'type') ?? undefined;
      const valueList = field(spec, 'value');
      const values = valueList ? (valueList.type === 'expression_list' ? namedChildren(valueList) : [valueList]) : [];
      names.forEach((n, i) => {
        if (n.text === '_') return;
        this.values.set(n.text, { name: n.text, nameNode: n, spec, kind, typeNode, value: values.length === names.length ? values[i] : undefined, file });
      });
    }
  }
}

/** A type written in another package, as seen from outside it: its own unqualified names carry that package. */
function rehome(t: GoType, owner: PackageModel): GoType {
  switch (t.kind) {
    case 'named':
      return t.qualifier || t.home ? t : { ...t, qualifier: owner.name, home: owner };
    case 'pointer':
    case 'slice':
    case 'array':
    case 'chan':
      return { ...t, elem: rehome(t.elem, owner) };
    case 'map':
      return { ...t, key: rehome(t.key, owner), value: rehome(t.value, owner) };
    default:
      return t;
  }
}

/** Comment lines immediately above a declaration, joined. */
export function docAbove(decl: SyntaxNode): string {
  const lines: string[] = [];
  let prev = decl.previousNamedSibling;
  let row = decl.startPosition.row;
  while (prev && prev.type === 'comment' && prev.endPosition.row >= row - 1) {
    lines.unshift(prev.text);
    row = prev.startPosition.row;
    prev = prev.previousNamedSibling;
  }
  return lines.join('\n');
}
