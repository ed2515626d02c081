// Which locals carry the value a sync.Map Load returned, between the Load and
// a later call in the same function. Flow-light: definitions in a branch that
// excludes the use (the other arm of an if, another switch case) do not reach
// it, and a later definition in a block enclosing the use replaces earlier
// ones (`c = &counter{...}` right before `m.Store(k, c)`).
import { ast, usesOf, type Scopes, type SyntaxNode } from '../../src/engine/index.js';

interface Def {
  /** Binding (name node id) defined. */
  id: number;
  /** The defining statement or clause. */
  stmt: SyntaxNode;
  rhs: SyntaxNode[];
  /** The Load's own result binding. */
  isLoad: boolean;
}

export class Taint {
  /** Flow-insensitive over-approximation: every binding some tainted definition reaches. */
  readonly ids = new Set<number>();
  private readonly defs: Def[] = [];

  constructor(private readonly scopes: Scopes, fn: SyntaxNode, load: SyntaxNode, loadValue: number | undefined, loadStmt: SyntaxNode | undefined, untilIndex: number) {
    if (loadValue === undefined || !loadStmt) return;
    this.ids.add(loadValue);
    this.defs.push({ id: loadValue, stmt: loadStmt, rhs: [], isLoad: true });
    const from = load.endIndex;
    const flows: { lhs: SyntaxNode[]; rhs: SyntaxNode[]; stmt: SyntaxNode }[] = [];
    ast.walk(fn, (n) => {
      // Only statements after the Load (or holding it) and before `untilIndex` matter.
      if (n.endIndex <= from || n.startIndex >= untilIndex) return false;
      const lhs = (f: string) => ast.expressionsOf(ast.field(n, f));
      switch (n.type) {
        case 'short_var_declaration':
        case 'assignment_statement':
        case 'range_clause':
          if (n.id !== loadStmt.id) flows.push({ lhs: lhs('left'), rhs: lhs('right'), stmt: n });
          break;
        case 'var_spec':
          if (n.id !== loadStmt.id) flows.push({ lhs: n.childrenForFieldName('name').filter((x): x is SyntaxNode => x !== null), rhs: lhs('value'), stmt: n });
          break;
        case 'type_switch_statement':
          flows.push({ lhs: lhs('alias'), rhs: lhs('value'), stmt: n });
          break;
      }
    });
    for (const f of flows) {
      for (const l of f.lhs) {
        if (l.type !== 'identifier' || l.text === '_') continue;
        const b = scopes.resolve(l);
        if (b) this.defs.push({ id: b.nameNode.id, stmt: f.stmt, rhs: f.rhs, isLoad: false });
      }
    }
    for (let changed = true, rounds = 0; changed && rounds < 5; rounds++) {
      changed = false;
      for (const d of this.defs) {
        if (this.ids.has(d.id) || !d.rhs.some((r) => this.mentions(r, this.ids))) continue;
        this.ids.add(d.id);
        changed = true;
      }
    }
  }

  /** True when an identifier under `node` resolves to one of the bindings. */
  mentions(node: SyntaxNode, ids: ReadonlySet<number>): boolean {
    if (ids.size === 0) return false;
    let hit = false;
    ast.walk(node, (n) => {
      if (hit) return false;
      if (n.type === 'identifier') {
        const b = this.scopes.resolve(n);
        if (b && ids.has(b.nameNode.id)) hit = true;
      }
    });
    return hit;
  }

  /** True when some identifier under `node` holds the loaded value at that point. */
  reaches(node: SyntaxNode): boolean {
    let hit = false;
    ast.walk(node, (n) => {
      if (hit) return false;
      if (n.type === 'identifier' && this.taintedAt(n)) hit = true;
    });
    return hit;
  }

  /** The identifier's binding is tainted by a definition that reaches this use. */
  taintedAt(ident: SyntaxNode): boolean {
    const b = this.scopes.resolve(ident);
    if (!b || !this.ids.has(b.nameNode.id)) return false;
    const defs = this.defs.filter((d) => d.id === b.nameNode.id && d.stmt.startIndex < ident.startIndex && !ast.contains(d.stmt, ident) && !exclusive(d.stmt, ident));
    // The last definition that every path to the use passes through cuts off the earlier ones.
    const dominating = defs.filter((d) => d.stmt.parent && ast.contains(d.stmt.parent, ident));
    const cut = dominating.length ? dominating[dominating.length - 1]!.stmt.startIndex : -1;
    return defs.some((d) => d.stmt.startIndex >= cut && (d.isLoad || d.rhs.some((r) => this.mentions(r, this.ids))));
  }
}

const CASES = new Set(['expression_case', 'default_case', 'type_case', 'communication_case']);

/** True when `a` and `b` sit in different arms of one if or switch: no path runs both. */
export function exclusive(a: SyntaxNode, b: SyntaxNode): boolean {
  const chain = new Map<number, SyntaxNode>(); // ancestor id -> child of it on the path to a
  for (let child = a, p = a.parent; p; child = p, p = p.parent) chain.set(p.id, child);
  for (let child = b, p = b.parent; p; child = p, p = p.parent) {
    const fromA = chain.get(p.id);
    if (!fromA) continue;
    if (fromA.id === child.id) return false;
    if (p.type === 'if_statement') {
      const arm = (n: SyntaxNode) => (n.id === ast.field(p, 'consequence')?.id ? 1 : n.id === ast.field(p, 'alternative')?.id ? 2 : 0);
      return arm(fromA) !== 0 && arm(child) !== 0 && arm(fromA) !== arm(child);
    }
    return CASES.has(fromA.type) && CASES.has(child.type);
  }
  return false;
}

/**
 * The data a value is computed from: the parameters, receivers and range or
 * unresolved locals its identifiers lead to, following local definitions.
 * Package-level names, constants, imports and called functions add nothing.
 */
export function rootsOf(scopes: Scopes, expr: SyntaxNode, out = new Set<number>(), seen = new Set<number>(), depth = 0): Set<number> {
  ast.walk(expr, (n) => {
    if (n.type === 'call_expression') {
      // The callee is code, not data: only its arguments (and a method's receiver) count.
      const fn = ast.field(n, 'function');
      const operand = fn?.type === 'selector_expression' ? ast.field(fn, 'operand') : null;
      if (operand) rootsOf(scopes, operand, out, seen, depth);
      const args = ast.field(n, 'arguments');
      if (args) rootsOf(scopes, args, out, seen, depth);
      return false;
    }
    if (n.type !== 'identifier') return;
    const b = scopes.resolve(n);
    if (!b || b.kind === 'package' || b.kind === 'const' || b.kind === 'func') return;
    const id = b.nameNode.id;
    if (seen.has(id)) return;
    seen.add(id);
    const defs: SyntaxNode[] = [];
    if ((b.kind === 'local' || b.kind === 'result') && depth < 4 && b.func) {
      if (b.value) defs.push(b.value);
      else if (b.tupleValue) defs.push(b.tupleValue.expr);
      for (const u of usesOf(scopes, b, b.func)) {
        if (u.kind === 'address') return void out.add(id);
        if (u.kind !== 'assign') continue;
        const list = u.node.parent?.type === 'expression_list' ? u.node.parent : u.node;
        const stmt = list.parent;
        const right = stmt ? ast.expressionsOf(ast.field(stmt, 'right')) : [];
        const left = ast.expressionsOf(list);
        const i = left.findIndex((l) => l.id === u.node.id);
        const r = right.length === left.length ? right[i] : right.length === 1 ? right[0] : undefined;
        if (!r) return void out.add(id);
        defs.push(r);
      }
      if (defs.length === 0 && !b.typeNode) return void out.add(id);
      for (const d of defs) rootsOf(scopes, d, out, seen, depth + 1);
      return;
    }
    if (b.kind === 'range' && b.range && depth < 4) {
      rootsOf(scopes, b.range.expr, out, seen, depth + 1);
      return;
    }
    out.add(id);
  });
  return out;
}
