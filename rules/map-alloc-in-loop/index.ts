// map-alloc-in-loop: a map made (make or literal) in a loop body and used only
// inside that iteration. Each iteration allocates a fresh map and drops the old
// one; making it once before the loop and clearing it keeps its storage.
//
// The map must be a local declared in the loop body (`m := make(...)`,
// `var m = ...`), so it cannot be seen after the iteration, and every use must
// keep it inside: indexing (`m[k]`, `m[k] = v`), `len(m)`, `delete(m, k)`,
// `clear(m)`, ranging over it, comparing it with nil. Anything else — passing
// it to any function, assigning or returning it, sending it, appending it,
// putting it in a literal, taking its address, calling a method on it,
// mentioning it in a closure — counts as leaving, and nothing is reported.
// Non-empty literals are reported only when never written (a constant table:
// build it once); a written non-empty literal cannot be reset by clear.
import { defineRule, ast, usesOf, type RuleContext, type SyntaxNode, type Binding } from '../../src/engine/index.js';

const BOUNDARY = ['function_declaration', 'method_declaration', 'func_literal'];
const BUILTIN_KEEPS = new Set(['len', 'delete', 'clear']);

export default defineRule({
  meta: {
    id: 'map-alloc-in-loop',
    severity: 'notice',
    description: 'A map allocated in every loop iteration that never leaves the iteration; allocate once and clear it.',
    fixable: false,
    needs: ['scopes', 'types'],
  },
  create(ctx) {
    const check = (stmt: SyntaxNode) => {
      for (const d of declaredMaps(ctx, stmt)) checkLocal(ctx, d.binding, d.expr);
    };
    return { short_var_declaration: check, var_declaration: check };
  },
});

/** Locals a statement binds to a fresh map (make or literal). */
function declaredMaps(ctx: RuleContext, stmt: SyntaxNode): { binding: Binding; expr: SyntaxNode }[] {
  const out: { binding: Binding; expr: SyntaxNode }[] = [];
  const pairs: { name: SyntaxNode; value: SyntaxNode }[] = [];
  if (stmt.type === 'short_var_declaration') {
    const left = ast.expressionsOf(ast.field(stmt, 'left'));
    const right = ast.expressionsOf(ast.field(stmt, 'right'));
    if (left.length === right.length) left.forEach((l, i) => pairs.push({ name: l, value: right[i]! }));
  } else {
    for (const spec of ast.namedChildren(stmt).filter((s) => s.type === 'var_spec')) {
      const names = spec.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
      const values = ast.expressionsOf(ast.field(spec, 'value'));
      if (names.length === values.length) names.forEach((n, i) => pairs.push({ name: n, value: values[i]! }));
    }
  }
  for (const { name, value } of pairs) {
    if (name.type !== 'identifier' || name.text === '_') continue;
    const expr = ast.unparen(value);
    if (!freshMap(ctx, expr)) continue;
    const b = ctx.scopes.resolve(name);
    if (b && b.nameNode.id === name.id) out.push({ binding: b, expr });
  }
  return out;
}

function freshMap(ctx: RuleContext, expr: SyntaxNode): boolean {
  if (expr.type === 'call_expression') {
    if (!ast.callsIdentifier(expr, 'make')) return false;
    const shape = ast.callShape(expr);
    if (shape?.callee !== 'make' || shape.args.length < 1 || ctx.scopes.resolve(ast.field(expr, 'function')!)) return false;
    return ctx.pkg.underlying(ctx.pkg.typeOf(shape.args[0]!)).kind === 'map';
  }
  if (expr.type === 'composite_literal') return ctx.pkg.underlying(ctx.pkg.typeOf(ast.field(expr, 'type'))).kind === 'map';
  return false;
}

/** The innermost loop whose body holds `node`, without crossing a function boundary. */
function loopBodyOf(node: SyntaxNode): SyntaxNode | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (BOUNDARY.includes(p.type)) return undefined;
    if (p.type === 'for_statement') {
      const body = ast.field(p, 'body');
      return body && ast.contains(body, node) ? p : undefined;
    }
  }
  return undefined;
}

function checkLocal(ctx: RuleContext, b: Binding, expr: SyntaxNode): void {
  const loop = loopBodyOf(b.nameNode);
  if (!loop || !b.func) return;
  let written = false;
  for (const u of usesOf(ctx.scopes, b, b.func)) {
    if (u.kind === 'decl') continue;
    const how = staysInside(u.node, loop);
    if (!how) return;
    if (how === 'write') written = true;
  }
  const body = expr.type === 'composite_literal' ? ast.field(expr, 'body') : null;
  const filled = !!body && ast.namedChildren(body).some((c) => c.type !== 'comment');
  if (filled && written) return;
  const name = b.name;
  const typeText = expr.type === 'composite_literal' ? ast.field(expr, 'type')!.text : ast.callShape(expr)!.args[0]!.text;
  let advice: string;
  if (filled) advice = `It is never written, so build it once before the loop and reuse it.`;
  else if (ctx.goVersion && !ctx.atLeastGo('1.21')) advice = `Make it once before the loop (${name} := make(${typeText})) and empty it at the top of each iteration with a delete loop (the compiler turns it into a bulk clear); clear(${name}) needs Go 1.21 in go.mod.`;
  else advice = `Make it once before the loop (${name} := make(${typeText})) and call clear(${name}) at the top of each iteration (Go 1.21+); a cleared map keeps its storage.`;
  ctx.report({
    node: expr,
    message: `${name} is allocated anew in every iteration of the loop at line ${loop.startPosition.row + 1} and never leaves the iteration, so each pass allocates a map and drops the previous one for the garbage collector. ${advice}`,
  });
}

/** How a use of the map keeps it inside the iteration: 'read', 'write', or undefined when it may leave. */
function staysInside(ident: SyntaxNode, loop: SyntaxNode): 'read' | 'write' | undefined {
  if (!ast.contains(loop, ident)) return undefined;
  for (let p = ident.parent; p && p.id !== loop.id; p = p.parent) if (p.type === 'func_literal') return undefined;
  let node = ident;
  let parent = node.parent;
  while (parent?.type === 'parenthesized_expression') {
    node = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  switch (parent.type) {
    case 'index_expression': {
      if (ast.field(parent, 'operand')?.id !== node.id) return undefined;
      return isWritten(parent) ? 'write' : 'read';
    }
    case 'argument_list': {
      const call = parent.parent;
      const fn = call ? ast.field(call, 'function') : null;
      if (!fn || fn.type !== 'identifier' || !BUILTIN_KEEPS.has(fn.text)) return undefined;
      if (fn.text !== 'len' && ast.namedChildren(parent)[0]?.id !== node.id) return undefined;
      return fn.text === 'len' ? 'read' : 'write';
    }
    case 'range_clause':
      return ast.field(parent, 'right')?.id === node.id ? 'read' : undefined;
    case 'binary_expression': {
      const other = ast.field(parent, 'left')?.id === node.id ? ast.field(parent, 'right') : ast.field(parent, 'left');
      return other?.type === 'nil' ? 'read' : undefined;
    }
    default:
      return undefined;
  }
}

function isWritten(index: SyntaxNode): boolean {
  const p = index.parent;
  if (!p) return false;
  if (p.type === 'inc_statement' || p.type === 'dec_statement') return true;
  const stmt = p.type === 'expression_list' ? p.parent : p;
  return stmt?.type === 'assignment_statement' && ast.contains(ast.field(stmt, 'left') ?? stmt, index);
}
