// The package model: one per Go package (directory + package clause), built
// once from the parsed files and shared by every rule. Heavier analyses are
// facts (see facts.ts), computed lazily and cached here.
import type { GoVersion, SyntaxNode } from './types.js';
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
  private readonly facts = new Map<string, unknown>();
  private readonly typeCache = new Map<number, GoType>();

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

  /** Resolves a type through the package's named types (and aliases) to its structure. */
  underlying(t: GoType, depth = 0): GoType {
    if (t.kind !== 'named' || t.qualifier || depth > 10) return t;
    const decl = this.types.get(t.name);
    if (!decl) return t;
    return this.underlying(this.typeOf(decl.typeNode), depth + 1);
  }

  /** Converts a type node, evaluating simple constant array lengths declared in the package. */
  typeOf(node: SyntaxNode | null): GoType {
    if (!node) return UNKNOWN;
    // Types are immutable and asked for again and again (struct fields on every selector): memoise.
    let t = this.typeCache.get(node.id);
    if (!t) {
      t = typeFromNode(node, (n) => this.constInt(n));
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
