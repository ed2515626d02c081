// Light name resolution and type inference over the syntax tree: enough to
// know that `m` in `m[k] = v` is the `var m map[string]int` three lines up,
// that `s.items` is a map field, or that `v` ranges over struct values. No
// type checker: what cannot be seen resolves to undefined / unknown, and rules
// treat unknown as "do not flag".
import type { SyntaxNode } from './types.js';
import type { PackageModel, ValueDecl } from './model.js';
import { expressionsOf, field, namedChildren, parametersOf, unparen, receiverOf } from './ast.js';
import { lowerBound, type SyntaxTree } from './syntax/tree.js';
import { type GoType, UNKNOWN } from './gotypes.js';

export type BindingKind = 'local' | 'param' | 'receiver' | 'result' | 'range' | 'package' | 'const' | 'func';

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The identifier that declares the name. */
  nameNode: SyntaxNode;
  /** The declaring statement, spec or parameter declaration. */
  declNode: SyntaxNode;
  typeNode?: SyntaxNode;
  /** Initialiser expression, when one value is bound to this name. */
  value?: SyntaxNode;
  /** For `v, ok := m[k]` style: the single right-hand expression and this name's position. */
  tupleValue?: { expr: SyntaxNode; index: number };
  /** For range variables: the ranged expression and whether this is the key (0) or value (1). */
  range?: { expr: SyntaxNode; index: number };
  /** The function declaring a local (undefined for package-level names). */
  func?: SyntaxNode;
}

const FUNC_NODES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** The binding with the function that declares it (the nearest function above the declaring scope). */
function withFunc(b: Binding | undefined, func: SyntaxNode | undefined): Binding | undefined {
  if (b) b.func = func;
  return b;
}

/** The nodes whose names declaredIn can bind (parameters, results and receivers are parameter declarations). */
const DECLARING_TYPES = ['short_var_declaration', 'receive_statement', 'range_clause', 'type_switch_statement', 'var_spec', 'const_spec', 'parameter_declaration', 'variadic_parameter_declaration'];

/** The index of the top-level node (a child of the file's root) holding node i; the root for the root. */
function topLevelIndex(tree: SyntaxTree, i: number): number {
  const { parent } = tree.data;
  let top = i;
  while (parent[top]! > 0) top = parent[top]!;
  return top;
}

/**
 * For each top-level declaration of a file (by node index), the names its declaring nodes name,
 * each with the start offsets of the nodes that declare it (ascending: document order).
 */
function namesByTopLevel(tree: SyntaxTree): Map<number, Map<string, number[]>> {
  const out = new Map<number, Map<string, number[]>>();
  for (const n of tree.rootNode.descendantsOfType(DECLARING_TYPES)) {
    const top = topLevelIndex(tree, n.index);
    let names = out.get(top);
    if (!names) out.set(top, (names = new Map()));
    const add = (name: string) => {
      const at = names!.get(name);
      if (!at) names!.set(name, [n.startIndex]);
      else if (at[at.length - 1] !== n.startIndex) at.push(n.startIndex);
    };
    switch (n.type) {
      case 'short_var_declaration':
      case 'receive_statement':
      case 'range_clause':
        for (const e of expressionsOf(field(n, 'left'))) add(e.text);
        break;
      case 'type_switch_statement':
        for (const e of expressionsOf(field(n, 'alias'))) add(e.text);
        break;
      default:
        for (const e of n.childrenForFieldName('name')) if (e) add(e.text);
    }
  }
  return out;
}

/** Whether a sorted list of offsets holds one in [from, to). */
function anyWithin(sorted: readonly number[], from: number, to: number): boolean {
  const k = lowerBound(sorted, from);
  return k < sorted.length && sorted[k]! < to;
}

export class Scopes {
  private readonly cache = new Map<number, Binding | null>();
  private readonly typeCache = new Map<number, GoType>();

  constructor(private readonly pkg: PackageModel) {}

  /** The declaration an identifier refers to, or undefined (imports, builtins, unknown). */
  resolve(ident: SyntaxNode): Binding | undefined {
    const hit = this.cache.get(ident.id);
    if (hit !== undefined) return hit ?? undefined;
    const b = this.lookup(ident) ?? null;
    this.cache.set(ident.id, b);
    return b ?? undefined;
  }

  private lookup(ident: SyntaxNode): Binding | undefined {
    const name = ident.text;
    // A name nothing in the top-level declaration around it declares is the package's (or nobody's).
    if (this.mayBeLocal(ident)) {
      const local = this.localBinding(ident, name);
      if (local) return local;
    }
    const v = this.pkg.values.get(name);
    if (v) return { name, kind: v.kind === 'const' ? 'const' : 'package', nameNode: v.nameNode, declNode: v.spec, typeNode: v.typeNode, value: v.value };
    const f = this.pkg.funcs.get(name);
    if (f) return { name, kind: 'func', nameNode: field(f.node, 'name')!, declNode: f.node };
    return undefined;
  }

  /** The innermost declaration of the name visible at the identifier, inside its function or block scopes. */
  private localBinding(ident: SyntaxNode, name: string): Binding | undefined {
    // Ancestors once, on the tree's arrays, with the nearest function at or above each (walking
    // up per ancestor is quadratic). Node objects are made only for the ancestors asked.
    const tree = ident.tree;
    const { parent: parentOf, type: typeOf } = tree.data;
    const chain: number[] = [];
    for (let p = parentOf[ident.index]!; p >= 0; p = parentOf[p]!) chain.push(p);
    const funcs = new Int32Array(chain.length);
    let above = -1;
    for (let i = chain.length - 1; i >= 0; i--) {
      if (FUNC_NODES.has(tree.names.types[typeOf[chain[i]!]!] ?? '')) above = chain[i]!;
      funcs[i] = above;
    }
    // Every binding declaredIn finds comes from a declaring node inside the scope node that holds
    // it: a scope node with none of the name's declaring nodes inside cannot bind it.
    const declaring = this.declaringOffsets(ident);
    const { start, end } = tree.data;
    for (let i = 0; i < chain.length; i++) {
      const p = chain[i]!;
      if (declaring && !anyWithin(declaring, start[p]!, end[p]!)) continue;
      const child = i === 0 ? ident : tree.node(chain[i - 1]!)!;
      const found = this.declaredIn(tree.node(p)!, child, name, ident, funcs[i]! >= 0 ? tree.node(funcs[i]!) : null);
      if (found) return found;
    }
    return undefined;
  }

  /** Start offsets of the nodes declaring the identifier's name in its top-level declaration; undefined at the top level. */
  private declaringOffsets(ident: SyntaxNode): readonly number[] | undefined {
    const top = topLevelIndex(ident.tree, ident.index);
    if (top === ident.index) return undefined;
    return this.namesOf(ident.tree).get(top)?.get(ident.text) ?? [];
  }

  private namesOf(tree: SyntaxTree): Map<number, Map<string, number[]>> {
    let byTop = this.declaredNames.get(tree);
    if (!byTop) this.declaredNames.set(tree, (byTop = namesByTopLevel(tree)));
    return byTop;
  }

  /** Whether anything in the top-level declaration around the identifier declares its name (false: it is the package's, or nobody's). */
  mayBeLocal(ident: SyntaxNode): boolean {
    // Climbed on the tree's parent array: no node objects for the ancestors.
    const top = topLevelIndex(ident.tree, ident.index);
    if (top === ident.index) return true;
    return this.namesOf(ident.tree).get(top)?.has(ident.text) ?? false;
  }

  /**
   * Per file: for each top-level declaration (by node index), every name it declares anywhere
   * inside it, as declaredIn would read the declaring nodes (a superset: which of them are visible
   * where is declaredIn's question). Built for a whole file at once from the tree's type index.
   */
  private readonly declaredNames = new WeakMap<SyntaxTree, Map<number, Map<string, number[]>>>();

  /** Looks for `name` declared by `parent` and visible at its child `child`. */
  private declaredIn(parent: SyntaxNode, child: SyntaxNode, name: string, ident: SyntaxNode, func: SyntaxNode | null): Binding | undefined {
    // `func` is the nearest function at or above `parent`, found once per lookup by the caller.
    const fn = func ?? undefined;
    switch (parent.type) {
      case 'statement_list':
      case 'block':
      case 'expression_case':
      case 'default_case':
      case 'type_case':
      case 'communication_case': {
        // Earlier sibling statements declaring the name, last declaration wins (shadowing). The
        // per-block index keeps this linear: scanning every statement per lookup is quadratic.
        const stmts = this.declaringStatements(parent).get(name);
        if (!stmts) return undefined;
        // The statements before the child, and the child itself when it may declare the name.
        let k = 0;
        while (k < stmts.length && stmts[k]!.startIndex < child.startIndex) k++;
        const self = stmts[k];
        if (self && self.id === child.id) {
          // The identifier may be the declaring name of this very statement.
          const b = withFunc(this.declaredBy(self, name, undefined), fn);
          if (b && b.nameNode.id === ident.id) return b;
          if (parent.type === 'communication_case' && self.type === 'receive_statement' && b) return b;
        }
        // The last earlier statement that declares the name wins (shadowing).
        for (let j = k - 1; j >= 0; j--) {
          const b = withFunc(this.declaredBy(stmts[j]!, name, undefined), fn);
          if (b) return b;
        }
        return undefined;
      }
      case 'for_statement': {
        for (const c of namedChildren(parent)) {
          if (c.id === child.id) continue;
          if (c.type === 'for_clause') {
            const init = field(c, 'initializer');
            if (init) {
              const b = withFunc(this.declaredBy(init, name, undefined), fn);
              if (b) return b;
            }
          } else if (c.type === 'range_clause') {
            const b = withFunc(this.rangeBinding(c, name, undefined), fn);
            if (b) return b;
          }
        }
        if (child.type === 'for_clause' || child.type === 'range_clause') {
          if (child.type === 'range_clause') {
            const b = withFunc(this.rangeBinding(child, name, undefined), fn);
            if (b && b.nameNode.id === ident.id) return b;
          } else {
            const init = field(child, 'initializer');
            if (init) {
              const b = withFunc(this.declaredBy(init, name, undefined), fn);
              if (b) return b;
            }
          }
        }
        return undefined;
      }
      case 'if_statement':
      case 'expression_switch_statement':
      case 'type_switch_statement': {
        const init = field(parent, 'initializer');
        if (init && init.id !== child.id) {
          const b = withFunc(this.declaredBy(init, name, undefined), fn);
          if (b) return b;
        }
        if (init && init.id === child.id) {
          const b = withFunc(this.declaredBy(init, name, undefined), fn);
          if (b && b.nameNode.id === ident.id) return b;
        }
        if (parent.type === 'type_switch_statement') {
          const alias = field(parent, 'alias');
          for (const a of alias ? expressionsOf(alias) : []) {
            if (a.text === name) return { name, kind: 'local', nameNode: a, declNode: parent, func: fn };
          }
        }
        return undefined;
      }
      case 'function_declaration':
      case 'method_declaration':
      case 'func_literal': {
        for (const p of parametersOf(parent)) {
          if (p.name.text === name) return { name, kind: 'param', nameNode: p.name, declNode: p.name.parent!, typeNode: p.type, func: parent };
        }
        const result = field(parent, 'result');
        if (result?.type === 'parameter_list') {
          for (const decl of namedChildren(result)) {
            const type = field(decl, 'type');
            for (const n of decl.childrenForFieldName('name')) {
              if (n?.text === name) return { name, kind: 'result', nameNode: n, declNode: decl, typeNode: type ?? undefined, func: parent };
            }
          }
        }
        if (parent.type === 'method_declaration') {
          const recv = receiverOf(parent);
          if (recv?.name?.text === name) {
            const decl = recv.name.parent!;
            return { name, kind: 'receiver', nameNode: recv.name, declNode: decl, typeNode: field(decl, 'type') ?? undefined, func: parent };
          }
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private rangeBinding(clause: SyntaxNode, name: string, func: SyntaxNode | undefined): Binding | undefined {
    const hasDefine = clause.children.some((c) => c?.type === ':=');
    const left = field(clause, 'left');
    const right = field(clause, 'right');
    if (!hasDefine || !left || !right) return undefined;
    const names = expressionsOf(left);
    const i = names.findIndex((n) => n.type === 'identifier' && n.text === name);
    if (i < 0) return undefined;
    return { name, kind: 'range', nameNode: names[i]!, declNode: clause, range: { expr: right, index: i }, func };
  }

  private readonly blockIndex = new Map<number, Map<string, SyntaxNode[]>>();

  /** Statements of a block (in order) that may declare each name, as declaredBy would see them. */
  private declaringStatements(block: SyntaxNode): Map<string, SyntaxNode[]> {
    let index = this.blockIndex.get(block.id);
    if (index) return index;
    index = new Map();
    const add = (name: string, stmt: SyntaxNode) => {
      const list = index!.get(name);
      if (!list) index!.set(name, [stmt]);
      else if (list[list.length - 1]!.id !== stmt.id) list.push(stmt);
    };
    for (const stmt of namedChildren(block)) {
      for (const n of declaredNames(stmt)) add(n, stmt);
    }
    this.blockIndex.set(block.id, index);
    return index;
  }

  /** The binding of `name` introduced by a statement, if it declares one. */
  declaredBy(stmt: SyntaxNode, name: string, func: SyntaxNode | undefined): Binding | undefined {
    switch (stmt.type) {
      case 'short_var_declaration': {
        const left = expressionsOf(field(stmt, 'left'));
        const right = expressionsOf(field(stmt, 'right'));
        const i = left.findIndex((n) => n.text === name);
        if (i < 0) return undefined;
        const b: Binding = { name, kind: 'local', nameNode: left[i]!, declNode: stmt, func };
        if (right.length === left.length) b.value = right[i];
        else if (right.length === 1) b.tupleValue = { expr: right[0]!, index: i };
        return b;
      }
      case 'var_declaration':
      case 'const_declaration': {
        for (const spec of specsOf(stmt)) {
          const names = spec.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
          const i = names.findIndex((n) => n.text === name);
          if (i < 0) continue;
          const values = expressionsOf(field(spec, 'value'));
          const b: Binding = { name, kind: stmt.type === 'const_declaration' ? 'const' : 'local', nameNode: names[i]!, declNode: spec, typeNode: field(spec, 'type') ?? undefined, func };
          if (values.length === names.length) b.value = values[i];
          else if (values.length === 1) b.tupleValue = { expr: values[0]!, index: i };
          return b;
        }
        return undefined;
      }
      case 'receive_statement': {
        const left = expressionsOf(field(stmt, 'left'));
        const i = left.findIndex((n) => n.text === name);
        if (i < 0 || !stmt.children.some((c) => c?.type === ':=')) return undefined;
        return { name, kind: 'local', nameNode: left[i]!, declNode: stmt, func };
      }
      case 'labeled_statement': {
        const inner = namedChildren(stmt).find((c) => c.type !== 'label_name');
        return inner ? this.declaredBy(inner, name, func) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** Best-effort static type of an expression; `unknown` when not visible. */
  typeOfExpr(expr: SyntaxNode, depth = 0): GoType {
    if (depth > 12) return UNKNOWN;
    // Rules often type the same expression (a ranged map, a write target); top-level results are memoised.
    if (depth === 0) {
      const hit = this.typeCache.get(expr.id);
      if (hit) return hit;
      const t = this.typeOfExprUncached(expr, 0);
      this.typeCache.set(expr.id, t);
      return t;
    }
    return this.typeOfExprUncached(expr, depth);
  }

  private typeOfExprUncached(expr: SyntaxNode, depth: number): GoType {
    const e = unparen(expr);
    switch (e.type) {
      case 'identifier': {
        const b = this.resolve(e);
        return b ? this.typeOfBinding(b, depth + 1) : UNKNOWN;
      }
      case 'composite_literal':
        return this.pkg.typeOf(field(e, 'type'));
      case 'unary_expression': {
        const op = field(e, 'operator')?.text ?? e.child(0)?.text;
        const operand = field(e, 'operand');
        if (!operand) return UNKNOWN;
        if (op === '&') return { kind: 'pointer', elem: this.typeOfExpr(operand, depth + 1) };
        if (op === '*') {
          const t = this.typeOfExpr(operand, depth + 1);
          return t.kind === 'pointer' ? t.elem : UNKNOWN;
        }
        if (op === '<-') {
          const t = this.pkg.underlying(this.typeOfExpr(operand, depth + 1));
          return t.kind === 'chan' ? t.elem : UNKNOWN;
        }
        return UNKNOWN;
      }
      case 'call_expression': {
        const fn = field(e, 'function');
        const args = namedChildren(field(e, 'arguments') ?? e).filter((c) => c.type !== 'comment');
        if (!fn) return UNKNOWN;
        if (fn.type === 'identifier' && (fn.text === 'make' || fn.text === 'new') && !this.resolve(fn)) {
          const t = this.pkg.typeOf(args[0] ?? null);
          return fn.text === 'new' ? { kind: 'pointer', elem: t } : t;
        }
        if (fn.type === 'identifier' && this.pkg.types.has(fn.text)) return this.pkg.typeOf(fn); // conversion T(x)
        if (fn.type === 'selector_expression') {
          const operand = field(fn, 'operand');
          const name = field(fn, 'field')?.text;
          const imported = operand ? this.importedAt(operand) : undefined;
          // The conversion pkg.T(x), with the module view.
          if (imported && name && !imported.funcs.has(name)) return imported.types.has(name) ? { kind: 'named', name, qualifier: operand!.text, node: fn, home: imported } : UNKNOWN;
        }
        if (fn.type === 'identifier' || fn.type === 'selector_expression') {
          const callee = this.calledFunc(fn, depth);
          return callee ? this.resultType(callee, 0) : UNKNOWN;
        }
        if (fn.type === 'parenthesized_type' || fn.type === 'parenthesized_expression') return this.pkg.typeOf(fn.namedChild(0));
        return UNKNOWN;
      }
      case 'selector_expression': {
        const operand = field(e, 'operand');
        const name = field(e, 'field')?.text;
        if (!operand || !name) return UNKNOWN;
        if (operand.type === 'identifier' && !this.resolve(operand)) {
          // pkg.Name of an import: a package variable's declared type, with the module view.
          const v = this.importedAt(operand)?.values.get(name);
          return v ? declaredValueType(this.pkg, v) : UNKNOWN;
        }
        return this.fieldType(this.typeOfExpr(operand, depth + 1), name);
      }
      case 'index_expression': {
        const operand = field(e, 'operand');
        if (!operand) return UNKNOWN;
        const t = this.pkg.underlying(this.typeOfExpr(operand, depth + 1));
        if (t.kind === 'map') return t.value;
        if (t.kind === 'slice' || t.kind === 'array') return t.elem;
        if (t.kind === 'pointer') {
          const u = this.pkg.underlying(t.elem);
          if (u.kind === 'array') return u.elem;
        }
        return UNKNOWN;
      }
      case 'slice_expression': {
        // `a[i:j]`: a slice of the same elements (an array or a pointer to one gives a slice).
        const operand = field(e, 'operand');
        if (!operand) return UNKNOWN;
        const t = this.typeOfExpr(operand, depth + 1);
        const u = this.pkg.underlying(t);
        if (u.kind === 'slice' || (u.kind === 'basic' && u.name === 'string')) return t;
        if (u.kind === 'array') return { kind: 'slice', elem: u.elem };
        if (u.kind === 'pointer') {
          const a = this.pkg.underlying(u.elem);
          if (a.kind === 'array') return { kind: 'slice', elem: a.elem };
        }
        return UNKNOWN;
      }
      case 'type_assertion_expression':
        return this.pkg.typeOf(field(e, 'type'));
      case 'interpreted_string_literal':
      case 'raw_string_literal':
        return { kind: 'basic', name: 'string' };
      case 'func_literal':
        return { kind: 'func', node: e };
      default:
        return UNKNOWN;
    }
  }

  /** Type of a field (or promoted field through embedded structs) of a value of type t. */
  fieldType(t: GoType, name: string, depth = 0): GoType {
    if (depth > 4) return UNKNOWN;
    let base = t.kind === 'pointer' ? t.elem : t;
    base = this.pkg.underlying(base);
    if (base.kind === 'pointer') base = this.pkg.underlying(base.elem);
    if (base.kind !== 'struct') return UNKNOWN;
    const direct = base.fields.find((f) => f.name === name);
    if (direct) return this.pkg.typeOf(direct.typeNode);
    for (const f of base.fields.filter((x) => x.embedded)) {
      const r = this.fieldType(this.pkg.typeOf(f.typeNode), name, depth + 1);
      if (r.kind !== 'unknown') return r;
    }
    return UNKNOWN;
  }

  typeOfBinding(b: Binding, depth = 0): GoType {
    if (b.typeNode) return this.pkg.typeOf(b.typeNode);
    if (b.value) return this.typeOfExpr(b.value, depth + 1);
    if (b.tupleValue && b.tupleValue.index <= 1) {
      const e = unparen(b.tupleValue.expr);
      const commaOk = e.type === 'index_expression' || e.type === 'type_assertion_expression' || (e.type === 'unary_expression' && e.child(0)?.type === '<-');
      if (commaOk && b.tupleValue.index === 1) {
        // `v, ok := m[k]` / `x.(T)` / `<-ch`: ok is bool, but only when the first is really a comma-ok form (a map, not a slice).
        if (e.type !== 'index_expression') return { kind: 'basic', name: 'bool' };
        const operand = field(e, 'operand');
        return operand && this.pkg.underlying(this.typeOfExpr(operand, depth + 1)).kind === 'map' ? { kind: 'basic', name: 'bool' } : UNKNOWN;
      }
      if (b.tupleValue.index === 0 && (commaOk || e.type === 'unary_expression')) return this.typeOfExpr(e, depth + 1);
    }
    if (b.tupleValue) {
      // `x, err := f()` / `a, b := recv.M()`: the i-th result of the function the call names.
      const e = unparen(b.tupleValue.expr);
      const fn = e.type === 'call_expression' ? field(e, 'function') : null;
      const callee = fn ? this.calledFunc(unparen(fn), depth) : undefined;
      if (callee) return this.resultType(callee, b.tupleValue.index);
    }
    if (b.range) {
      const t = this.pkg.underlying(this.typeOfExpr(b.range.expr, depth + 1));
      if (t.kind === 'map') return b.range.index === 0 ? t.key : t.value;
      if (t.kind === 'slice' || t.kind === 'array') return b.range.index === 0 ? { kind: 'basic', name: 'int' } : t.elem;
      if (t.kind === 'pointer') {
        const u = this.pkg.underlying(t.elem);
        if (u.kind === 'array') return b.range.index === 0 ? { kind: 'basic', name: 'int' } : u.elem;
      }
      if (t.kind === 'basic' && t.name === 'string') return b.range.index === 0 ? { kind: 'basic', name: 'int' } : { kind: 'basic', name: 'rune' };
      if (t.kind === 'chan' && b.range.index === 0) return t.elem;
    }
    return UNKNOWN;
  }

  /**
   * The declaration (function_declaration / method_declaration) a call's function expression runs:
   * a function or method of this package, or with the module view another package's (`pkg.F`, a
   * method of an imported type). Undefined for closures, interface methods and what is not visible.
   */
  private calledFunc(fn: SyntaxNode, depth: number): SyntaxNode | undefined {
    if (fn.type === 'identifier') {
      const f = this.pkg.funcs.get(fn.text);
      return f && !this.resolveLocalOnly(fn) ? f.node : undefined;
    }
    if (fn.type !== 'selector_expression') return undefined;
    const operand = field(fn, 'operand');
    const name = field(fn, 'field')?.text;
    if (!operand || !name) return undefined;
    const imported = this.importedAt(operand);
    if (imported) return imported.funcs.get(name)?.node;
    let recvType = this.typeOfExpr(operand, depth + 1);
    if (recvType.kind === 'pointer') recvType = recvType.elem;
    if (recvType.kind !== 'named') return undefined;
    if (!recvType.qualifier && !recvType.home) return this.pkg.methodsOf(recvType.name).get(name)?.node;
    // A method of another package's type (module view).
    const found = this.pkg.namedDecl(recvType);
    return found?.pkg.methodsOf(recvType.name).get(name)?.node;
  }

  /** The type of a function's i-th result (`(T, error)`, `(a, b int)`); unknown past the last. */
  private resultType(fn: SyntaxNode, index: number): GoType {
    const result = field(fn, 'result');
    if (!result) return UNKNOWN;
    if (result.type !== 'parameter_list') return index === 0 && !this.ofTypeParams(fn, result) ? this.pkg.typeOf(result) : UNKNOWN;
    let i = 0;
    for (const d of namedChildren(result)) {
      if (d.type !== 'parameter_declaration') continue;
      // `(a, b int)` declares two results of one type; an unnamed one declares one.
      const n = Math.max(1, d.childrenForFieldName('name').filter((x) => x !== null).length);
      if (index < i + n) return this.ofTypeParams(fn, field(d, 'type')) ? UNKNOWN : this.pkg.typeOf(field(d, 'type'));
      i += n;
    }
    return UNKNOWN;
  }

  /** The type names one of the function's type parameters (`func F[M ~map[K]V]() M`): not knowable without instantiation. */
  private ofTypeParams(fn: SyntaxNode, type: SyntaxNode | null): boolean {
    const params = field(fn, 'type_parameters');
    if (!params || !type) return false;
    const names = new Set(namedChildren(params).flatMap((p) => p.childrenForFieldName('name').filter((n) => n !== null).map((n) => n.text)));
    return type.text.split(/[^\w]+/).some((w) => names.has(w));
  }

  /** The package an unresolved identifier names as an import, when the module view can read it. */
  private importedAt(operand: SyntaxNode): PackageModel | undefined {
    if (operand.type !== 'identifier' || !this.pkg.module || this.resolve(operand)) return undefined;
    return this.pkg.importedPackage(operand.text, operand);
  }

  private resolveLocalOnly(ident: SyntaxNode): boolean {
    const b = this.resolve(ident);
    return !!b && b.kind !== 'func' && b.kind !== 'package';
  }
}

/** The type of another package's variable: written, or evident from its initialiser's shape. */
function declaredValueType(pkg: PackageModel, v: ValueDecl): GoType {
  if (v.kind !== 'var') return UNKNOWN;
  if (v.typeNode) return pkg.typeOf(v.typeNode);
  const e = v.value ? unparen(v.value) : undefined;
  if (!e) return UNKNOWN;
  if (e.type === 'composite_literal') return pkg.typeOf(field(e, 'type'));
  if (e.type === 'unary_expression' && e.child(0)?.text === '&') {
    const inner = field(e, 'operand');
    if (inner?.type === 'composite_literal') return { kind: 'pointer', elem: pkg.typeOf(field(inner, 'type')) };
  }
  if (e.type === 'call_expression' && field(e, 'function')?.text === 'make') return pkg.typeOf(namedChildren(field(e, 'arguments') ?? e)[0] ?? null);
  return UNKNOWN;
}

/** Names a statement may declare (the cases of Scopes.declaredBy). */
function declaredNames(stmt: SyntaxNode): string[] {
  switch (stmt.type) {
    case 'short_var_declaration':
    case 'receive_statement':
      return expressionsOf(field(stmt, 'left')).map((n) => n.text);
    case 'var_declaration':
    case 'const_declaration':
      return specsOf(stmt).flatMap((spec) => spec.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null).map((n) => n.text));
    case 'labeled_statement': {
      const inner = namedChildren(stmt).find((c) => c.type !== 'label_name');
      return inner ? declaredNames(inner) : [];
    }
    default:
      return [];
  }
}

function specsOf(decl: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const c of namedChildren(decl)) {
    if (c.type === 'var_spec' || c.type === 'const_spec') out.push(c);
    else if (c.type === 'var_spec_list' || c.type === 'const_spec_list') out.push(...namedChildren(c).filter((s) => s.type === 'var_spec' || s.type === 'const_spec'));
  }
  return out;
}

