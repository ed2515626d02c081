// map-param-reassign: `func f(m map[K]V) { m = make(map[K]V); m[k] = v }`.
// A map parameter is a copy of the caller's map header; rebinding it to a new
// map (make, a literal, nil) and then writing to it changes a map the caller
// never sees. Quiet when the new map leaves the function afterwards in any way
// (returned, stored, assigned elsewhere, passed to a call, captured by a
// closure): then the caller or someone else can see it.
import {
  defineRule, ast, flowOf, shapeOf,
  type RuleContext, type SyntaxNode, type Use,
} from '../../src/engine/index.js';

// Uses of the rebound map that keep it inside the function.
const LOCAL_BUILTINS = new Set(['len', 'delete', 'clear']);

const NEW_MAP_TEXT = /^[\w\s()]+=\s*(?:make\s*\(|nil\s*$|map\s*\[|[\w.]+\s*\{)/;

export default defineRule({
  meta: {
    id: 'map-param-reassign',
    severity: 'warning',
    description: 'Assigns a new map to a map parameter and then writes to it, as if the caller would see the writes.',
    fixable: false,
    needs: ['scopes', 'types', 'flow'],
  },
  create(ctx) {
    return {
      assignment_statement(stmt: SyntaxNode) {
        if (!NEW_MAP_TEXT.test(stmt.text)) return; // cheap pre-filter before any tree or type work
        const left = ast.expressionsOf(ast.field(stmt, 'left'));
        const right = ast.expressionsOf(ast.field(stmt, 'right'));
        const op = ast.field(stmt, 'operator')?.text ?? stmt.child(1)?.text;
        if (op !== '=' || left.length !== 1 || right.length !== 1) return;
        const target = ast.unparen(left[0]!);
        if (target.type !== 'identifier') return;
        if (!newMap(ctx, ast.unparen(right[0]!))) return;
        const b = ctx.scopes.resolve(target);
        if (!b || b.kind !== 'param' || !b.func) return;
        if (shapeOf(ctx.pkg, ctx.scopes.typeOfBinding(b)) !== 'map') return;
        const flow = flowOf(ctx.scopes, b.func);
        if (!flow) return;
        const after = flow.usesAfter(b, stmt).filter((u) => u.kind !== 'decl');
        let write: SyntaxNode | undefined;
        for (const u of after) {
          if (u.kind === 'address' || ast.ancestor(u.node, ['func_literal'])?.id !== ast.ancestor(stmt, ['func_literal'])?.id) return;
          if (u.kind === 'assign') return; // rebound again: reason about that assignment instead
          const role = roleOf(u);
          if (role === 'escapes') return;
          if (role === 'write' && !write) write = u.node;
        }
        if (!write) return;
        const line = write.startPosition.row + 1;
        ctx.report({
          node: stmt,
          message: `${b.name} is a parameter, so this assignment rebinds only the function's own copy of the map header and the write at line ${line} goes to a map the caller never sees. Return the new map (or take it from the caller), or empty the caller's map with clear(${b.name}) instead of replacing it.`,
        });
      },
    };
  },
});

/** `make(map...)` / `make(T)` of a map type, a map composite literal, or nil. */
function newMap(ctx: RuleContext, e: SyntaxNode): boolean {
  if (e.type === 'nil') return true;
  if (e.type === 'composite_literal') return shapeOf(ctx.pkg, ctx.pkg.typeOf(ast.field(e, 'type'))) === 'map';
  if (e.type === 'call_expression') {
    const fn = ast.field(e, 'function');
    return fn?.type === 'identifier' && fn.text === 'make' && !ctx.scopes.resolve(fn);
  }
  return false;
}

/** How one later use treats the rebound map: written (`m[k] = v`, delete), only read locally, or handed on. */
function roleOf(u: Use): 'write' | 'local' | 'escapes' {
  let n = u.node;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (!p) return 'escapes';
  if (p.type === 'index_expression' && ast.field(p, 'operand')?.id === n.id) {
    return isWritten(p) ? 'write' : 'local';
  }
  if (p.type === 'range_clause' && ast.field(p, 'right')?.id === n.id) return 'local';
  if (p.type === 'binary_expression') return 'local'; // m == nil
  if (p.type === 'argument_list') {
    const call = p.parent;
    const fn = call && ast.field(call, 'function');
    if (fn?.type === 'identifier' && LOCAL_BUILTINS.has(fn.text)) return fn.text === 'len' ? 'local' : 'write';
  }
  return 'escapes';
}

function isWritten(index: SyntaxNode): boolean {
  const p = index.parent;
  if (!p) return false;
  if (p.type === 'inc_statement' || p.type === 'dec_statement') return true;
  const stmt = p.type === 'expression_list' ? p.parent : p;
  return stmt?.type === 'assignment_statement' && ast.expressionsOf(ast.field(stmt, 'left')).some((e) => e.id === index.id);
}
