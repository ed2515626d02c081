// map-range-value-copy: `for k, v := range m` (or `v := m[k]`) gives a copy of
// a struct or array element; mutating the copy (`v.f = x`, `v.n++`, `v[i] = x`,
// a pointer-receiver method that assigns to its receiver) and never reading it
// again loses the update: the map keeps the old value. Only value steps count:
// a mutation through a pointer, slice or map field reaches shared storage and is
// not lost. Any later read of the copy (`m[k] = v`, `use(v)`, `v.f` in an
// expression), `&v`, or a closure mentioning `v` means the copy is used: no finding.
import {
  defineRule, ast, flowOf, isAfter, rangeClauseOf, shapeOf,
  type RuleContext, type SyntaxNode, type Binding, type GoType, type Use,
} from '../../src/engine/index.js';

const INDEX_INIT_TEXT = /^\w+(?:\s*,\s*\w+)?\s*:=\s*[\w.()]+\[[^\n]*\]\s*$/;
/** `d = m[k]`, `d, ok = m[k]`, `var d = m[k]`, `var d, ok = m[k]`: the same copy without `:=`. */
const INDEX_ASSIGN_TEXT = /^(?:var\s+)?\w+(?:\s*,\s*\w+)?\s*(?:\w[\w.]*\s*)?=\s*[\w.()]+\[[^\n]*\]\s*$/;

export default defineRule({
  meta: {
    id: 'map-range-value-copy',
    severity: 'error',
    description: 'Mutates a copy of a map element (range value or m[k]) and never stores it back, so the update is lost.',
    fixable: true,
    needs: ['scopes', 'types', 'flow'],
  },
  create(ctx) {
    return {
      for_statement(loop: SyntaxNode) {
        const clause = rangeClauseOf(loop);
        const body = ast.field(loop, 'body');
        const ranged = clause && ast.field(clause, 'right');
        if (!clause || !body || !ranged || !clause.children.some((c) => c?.type === ':=')) return;
        const left = ast.expressionsOf(ast.field(clause, 'left'));
        const value = left[1];
        if (!value || value.type !== 'identifier' || value.text === '_') return;
        if (!isMapExpr(ctx, ranged)) return;
        const b = ctx.scopes.resolve(value);
        if (!b || b.nameNode.id !== value.id) return;
        if (!mutatedInText(value.text, body.text)) return;
        const key = left[0]?.type === 'identifier' && left[0].text !== '_' ? left[0] : undefined;
        check(ctx, b, body, { map: ranged, key, loop });
      },
      short_var_declaration(stmt: SyntaxNode) {
        if (!INDEX_INIT_TEXT.test(stmt.text)) return; // cheap pre-filter: `x := m[...]` or `x, ok := m[...]`
        const copy = mutatedLookup(ctx, stmt, ast.expressionsOf(ast.field(stmt, 'left')), ast.expressionsOf(ast.field(stmt, 'right')));
        if (!copy) return;
        const b = ctx.scopes.resolve(copy.name);
        const scope = stmt.parent;
        if (!b || b.nameNode.id !== copy.name.id || !scope) return;
        check(ctx, b, scope, { map: copy.operand, index: copy.index });
      },
      assignment_statement(stmt: SyntaxNode) {
        if (ast.field(stmt, 'operator')?.text !== '=' || !INDEX_ASSIGN_TEXT.test(stmt.text)) return;
        lookupCopy(ctx, stmt, ast.expressionsOf(ast.field(stmt, 'left')), ast.expressionsOf(ast.field(stmt, 'right')));
      },
      var_spec(spec: SyntaxNode) {
        if (!INDEX_ASSIGN_TEXT.test(`var ${spec.text}`)) return;
        const names = spec.childrenForFieldName('name').filter((n): n is SyntaxNode => !!n);
        lookupCopy(ctx, spec, names, ast.expressionsOf(ast.field(spec, 'value')));
      },
    };
  },
});

/**
 * `d = m[k]` / `var d = m[k]`: the copy is bound to a variable that may be read
 * after the enclosing block, so the whole declaring scope is searched, and only
 * mutations after this statement (with no rebinding in between) count.
 */
function lookupCopy(ctx: RuleContext, stmt: SyntaxNode, left: SyntaxNode[], right: SyntaxNode[]): void {
  const copy = mutatedLookup(ctx, stmt, left, right);
  if (!copy) return;
  const b = ctx.scopes.resolve(copy.name);
  if (!b || b.kind !== 'local') return;
  const scope = ast.ancestor(b.declNode, ['block']) ?? stmt.parent;
  if (!scope) return;
  check(ctx, b, scope, { map: copy.operand, index: copy.index, after: stmt });
}

/**
 * `name[, ok] := / = m[k]` whose `name` looks mutated soon after: the copied variable, the map
 * operand and the index. The window after the statement is bounded (a superset of the
 * variable's scope in practice, and no parent lookups); the type check comes last, as it costs most.
 */
function mutatedLookup(ctx: RuleContext, stmt: SyntaxNode, left: SyntaxNode[], right: SyntaxNode[]): { name: SyntaxNode; operand: SyntaxNode; index?: SyntaxNode } | undefined {
  if (right.length !== 1 || left.length < 1 || left.length > 2) return undefined;
  const init = ast.unparen(right[0]!);
  const operand = init.type === 'index_expression' ? ast.field(init, 'operand') : null;
  const name = left[0]!;
  if (!operand || name.type !== 'identifier' || name.text === '_') return undefined;
  const rest = ctx.file.text.slice(stmt.endIndex, stmt.endIndex + 4000);
  if (!mutatedInText(name.text, rest) || !isMapExpr(ctx, operand)) return undefined;
  return { name, operand, index: ast.field(init, 'index') ?? undefined };
}

/**
 * Cheap text pre-filter run before any type work: does `text` contain something
 * shaped like a mutation of `name` (`name.f =`, `name.f++`, `name[i] op=`, `name.M(`)?
 */
function mutatedInText(name: string, text: string): boolean {
  // Statement-initial `name.f.g[i] op= ...`, `name.f++`, or `name.f.M(...)`; found by
  // indexOf, and only candidate lines are tested with a small anchored pattern.
  const line = new RegExp(`^${name}(?:\\s*(?:\\.\\s*\\w+|\\[[^\\]\\n]*\\]))+\\s*(?:(?:[-+*/%&|^]|<<|>>|&\\^)?=(?!=)|\\+\\+|--|\\()`);
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    const next = text[i + name.length];
    if (next !== '.' && next !== '[') continue;
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    if (j >= 0 && text[j] !== '\n' && text[j] !== '{' && text[j] !== ';') continue;
    const nl = text.indexOf('\n', i);
    if (line.test(text.slice(i, nl < 0 ? undefined : nl))) return true;
  }
  return false;
}

interface Origin {
  map: SyntaxNode;
  /** Range form: the key variable (when declared) and the loop. */
  key?: SyntaxNode;
  loop?: SyntaxNode;
  /** `v := m[k]` form: the index expression. */
  index?: SyntaxNode;
  /** `v = m[k]` form: the assignment; only mutations after it, with no rebinding between, are of this copy. */
  after?: SyntaxNode;
}

function isMapExpr(ctx: RuleContext, expr: SyntaxNode): boolean {
  return shapeOf(ctx.pkg, ctx.scopes.typeOfExpr(expr)) === 'map';
}

interface Mutation {
  use: Use;
  /** The statement that mutates. */
  stmt: SyntaxNode;
  /** What is changed, for the message: "v.count", "v[2]", "v.Reset()". */
  what: string;
}

function check(ctx: RuleContext, b: Binding, boundary: SyntaxNode, origin: Origin): void {
  const t = ctx.scopes.typeOfBinding(b);
  const shape = shapeOf(ctx.pkg, t);
  if (shape !== 'struct' && shape !== 'array') return;
  const flow = flowOf(ctx.scopes, boundary);
  if (!flow) return;
  const uses = flow.uses(b).filter((u) => u.kind !== 'decl');
  if (uses.some((u) => u.kind === 'address' || ast.ancestor(u.node, ['func_literal']) && !ast.contains(ast.ancestor(u.node, ['func_literal'])!, b.nameNode))) return;
  const mutations: Mutation[] = [];
  const lvalueRoots = new Set<number>();
  for (const u of uses) {
    const m = mutationAt(ctx, u, t);
    if (m === 'lvalue') lvalueRoots.add(u.node.id);
    else if (m) {
      mutations.push(m);
      lvalueRoots.add(u.node.id);
    }
  }
  if (origin.after) {
    const after = origin.after;
    const rebinds = uses.filter((u) => u.node.startIndex > after.endIndex && isRebinding(u.node));
    const ofThisCopy = (m: Mutation) => m.stmt.startIndex > after.endIndex && !rebinds.some((r) => r.node.startIndex < m.stmt.startIndex);
    mutations.splice(0, mutations.length, ...mutations.filter(ofThisCopy));
  }
  if (mutations.length === 0) return;
  // Comparing the whole copy (`v == zero`) decides something but keeps nothing: not a use of the update.
  const reads = uses.filter((u) => !lvalueRoots.has(u.node.id) && u.kind === 'read' && !wholeComparison(u.node));
  const lost = mutations.filter((m) => !reads.some((r) => isAfter(r.node, m.stmt, boundary)));
  if (lost.length === 0) return;
  const fix = origin.loop ? storeBackFix(ctx, b, origin, mutations) : undefined;
  const store = storeText(b, origin);
  for (const m of lost) {
    const how = origin.loop ? `a copy of the map element made by range` : `a copy of ${origin.map.text}[${origin.index?.text ?? 'k'}]`;
    const advice = store
      ? `Store it back with ${store} after the change, or keep pointers in the map (map[K]*T).`
      : `Declare the key (for k, ${b.name} := range ${origin.map.text}) and store it back with ${origin.map.text}[k] = ${b.name}, or keep pointers in the map (map[K]*T).`;
    ctx.report({
      node: m.stmt,
      message: `${m.what} changes ${b.name}, which is ${how}, and the changed copy is never stored or passed on, so ${origin.map.text} keeps the old value. ${advice}`,
      fix,
    });
  }
}

function storeText(b: Binding, origin: Origin): string | undefined {
  if (origin.loop) return origin.key ? `${origin.map.text}[${origin.key.text}] = ${b.name}` : undefined;
  return origin.index ? `${origin.map.text}[${origin.index.text}] = ${b.name}` : undefined;
}

/**
 * Whether this use of the copy is the root of a mutation through value steps only.
 * 'lvalue' marks a use that is written but through a shared step (pointer, slice,
 * map field) or a plain rebinding: neither a read nor a lost mutation.
 */
function mutationAt(ctx: RuleContext, u: Use, t: GoType): Mutation | 'lvalue' | undefined {
  let node = u.node;
  let type = t;
  let valueSteps = true;
  let steps = 0;
  for (;;) {
    const p = node.parent;
    if (!p) return undefined;
    if (p.type === 'parenthesized_expression') {
      node = p;
      continue;
    }
    if (p.type === 'selector_expression' && ast.field(p, 'operand')?.id === node.id) {
      const name = ast.field(p, 'field')?.text ?? '';
      const call = p.parent;
      if (call?.type === 'call_expression' && ast.field(call, 'function')?.id === p.id) {
        // A method call on the copy (or on a value field of it).
        if (!valueSteps || !mutatingPointerMethod(ctx, type, name)) return undefined;
        const stmt = call.parent?.type === 'expression_statement' ? call.parent : undefined;
        return stmt ? { use: u, stmt, what: `${p.text}()` } : undefined;
      }
      if (shapeOf(ctx.pkg, type) !== 'struct') valueSteps = false;
      type = ctx.scopes.fieldType(type, name);
      if (type.kind === 'unknown') valueSteps = false;
      node = p;
      steps++;
      continue;
    }
    if (p.type === 'index_expression' && ast.field(p, 'operand')?.id === node.id) {
      if (shapeOf(ctx.pkg, type) !== 'array') valueSteps = false;
      const u2 = ctx.pkg.underlying(type);
      type = u2.kind === 'array' ? u2.elem : { kind: 'unknown' };
      node = p;
      steps++;
      continue;
    }
    break;
  }
  const stmt = lvalueStatement(node);
  if (!stmt) return undefined;
  if (!valueSteps || steps === 0) return 'lvalue';
  return { use: u, stmt, what: node.text.replace(/\s+/g, '') };
}

/** The assignment or ++/-- statement that writes `node`, if `node` is one of its targets. */
function lvalueStatement(node: SyntaxNode): SyntaxNode | undefined {
  const p = node.parent;
  if (!p) return undefined;
  if (p.type === 'inc_statement' || p.type === 'dec_statement') return p;
  const stmt = p.type === 'expression_list' ? p.parent : p;
  if (stmt?.type !== 'assignment_statement') return undefined;
  const left = ast.field(stmt, 'left');
  if (!left) return undefined;
  return ast.expressionsOf(left).some((e) => e.id === node.id) || left.id === node.id ? stmt : undefined;
}

/** A pointer-receiver method of this package's type that assigns to its receiver's fields. */
function mutatingPointerMethod(ctx: RuleContext, t: GoType, name: string): boolean {
  if (t.kind !== 'named' || t.qualifier) return false;
  const m = ctx.pkg.methodsOf(t.name).get(name);
  if (!m?.receiver?.pointer || !m.receiver.name) return false;
  const recv = m.receiver.name;
  let writes = false;
  ast.walk(m.node, (n) => {
    if (writes) return false;
    if (n.type === 'func_literal') return false;
    if (n.type !== 'assignment_statement' && n.type !== 'inc_statement' && n.type !== 'dec_statement') return;
    const targets = n.type === 'assignment_statement' ? ast.expressionsOf(ast.field(n, 'left')) : [n.namedChild(0)!];
    for (const target of targets) {
      let e = ast.unparen(target);
      if (e.type === 'unary_expression' && ast.field(e, 'operand')?.text === recv) writes = true; // *r = ...
      while (e.type === 'selector_expression' || e.type === 'index_expression') e = ast.unparen(ast.field(e, 'operand')!);
      if (e.type === 'identifier' && e.text === recv && e.id !== ast.unparen(target).id) writes = true;
    }
  });
  return writes;
}

/**
 * `for k, v := range m { ...; v.f = x }` -> add `m[k] = v` after the top-level
 * statement holding the last mutation. Only when every path through the body
 * reaches that point (no continue/break/return/goto/labels), the map is a plain
 * name or field, and the body never rebinds the key or the map.
 */
function storeBackFix(ctx: RuleContext, b: Binding, origin: Origin, mutations: Mutation[]) {
  const { loop, key, map } = origin;
  if (!loop || !key) return undefined;
  const body = ast.field(loop, 'body');
  if (!body) return undefined;
  const m = ast.exprKey(map);
  if (!/^[A-Za-z_][\w.]*$/.test(m)) return undefined;
  let unsafe = false;
  ast.walk(body, (n) => {
    if (unsafe) return false;
    if (n.type === 'func_literal') return false;
    if (['continue_statement', 'break_statement', 'return_statement', 'goto_statement', 'labeled_statement', 'defer_statement'].includes(n.type)) unsafe = true;
    if (n.type === 'assignment_statement' || n.type === 'short_var_declaration') {
      for (const t of ast.expressionsOf(ast.field(n, 'left'))) {
        const k = ast.exprKey(t);
        if (k === key.text || k === m || m.startsWith(`${k}.`)) unsafe = true;
      }
    }
  });
  if (unsafe) return undefined;
  const last = mutations[mutations.length - 1]!;
  const top = ast.statementsOf(body).find((s) => ast.contains(s, last.stmt));
  if (!top) return undefined;
  const indent = /^\s*/.exec(ctx.file.lineText(top.startPosition.row + 1))![0];
  const nl = ctx.file.text.indexOf('\n', top.endIndex);
  const lineEnd = nl < 0 ? ctx.file.text.length : nl;
  if (ctx.file.text.slice(top.endIndex, lineEnd).replace(/\/\/.*$/, '').trim() !== '') return undefined;
  return {
    description: `Store ${b.name} back with ${map.text}[${key.text}] = ${b.name}`,
    // Through the end of the line, so a trailing comment stays with its statement.
    edits: [{ startIndex: top.startIndex, endIndex: lineEnd, text: `${ctx.file.text.slice(top.startIndex, lineEnd)}\n${indent}${map.text}[${key.text}] = ${b.name}` }],
  };
}

function wholeComparison(ident: SyntaxNode): boolean {
  let n = ident;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (p?.type !== 'binary_expression') return false;
  const op = ast.field(p, 'operator')?.text;
  return op === '==' || op === '!=';
}

/** `d = x` (or `d, ok = x`): the name itself is assigned, so later mutations are of another value. */
function isRebinding(ident: SyntaxNode): boolean {
  const p = ident.parent;
  const stmt = p?.type === 'expression_list' ? p.parent : p;
  return stmt?.type === 'assignment_statement' && !!ast.field(stmt, 'left') && ast.contains(ast.field(stmt, 'left')!, ident) && (p?.type === 'expression_list' || ast.field(stmt, 'left')?.id === ident.id);
}
