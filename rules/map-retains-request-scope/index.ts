// map-retains-request-scope: a long-lived map stores a context.Context, an
// *http.Request, an http.ResponseWriter, a struct literal holding one, or a
// function literal capturing one, and nothing in the package ever removes
// entries from it. Each entry pins the whole request for the map's lifetime.
// Maps that drop their entries (`delete`, `clear`, replaced, or handed to code
// that might) are not reported: the request is then held only while in flight.
import {
  defineRule, ast, LifetimeFact, MapUsageFact, identityLabel, insertionVisitor, isMapInsertion,
  type MapInsertion, type RuleContext, type SyntaxNode, type GoType, type Binding, type Visitor,
} from '../../src/engine/index.js';

const NONE: Visitor = {};

export default defineRule({
  meta: {
    id: 'map-retains-request-scope',
    severity: 'warning',
    description: 'A long-lived map stores a request, response writer or context (or a closure over one), pinning the whole request for the map\'s lifetime.',
    fixable: false,
    needs: ['scopes', 'types'],
  },
  create(ctx) {
    // Request-scoped values are typed with these imports; a file without them has none to store.
    if (!ctx.file.importName('net/http') && !ctx.file.importName('context')) return NONE;
    return insertionVisitor(ctx.pkg, ctx.file, (ins) => checkInsertion(ctx, ins));
  },
});

function checkInsertion(ctx: RuleContext, ins: MapInsertion): void {
  if (!ins.value) return;
  const m = ins.map;
  if (m.type !== 'identifier' && m.type !== 'selector_expression') return;
  const what = requestScope(ctx, ins.value);
  if (!what) return;
  const owner = ctx.fact(LifetimeFact).longLivedMap(m);
  if (!owner || !isMapInsertion(ctx.pkg, ctx.scopes, ins)) return;
  const usage = ctx.fact(MapUsageFact).usage(owner.id);
  if (usage.removals.length || usage.resets.length || usage.escapes.length) return;
  ctx.report({
    node: ins.node,
    message:
      `${identityLabel(owner.id)} (${owner.why}) stores ${what} here and nothing in this package ever removes its entries, so each entry pins the whole request (body, headers, context values and cancel functions) for as long as the map lives.` +
      ` Store only the few values you need (an ID, a path, a deadline), not the request scope, or delete the entry when the request ends.`,
  });
}

type ScopeKind = 'request' | 'writer' | 'context';

const DESCRIBE: Record<ScopeKind, string> = {
  request: 'an *http.Request',
  writer: 'an http.ResponseWriter',
  context: 'a context.Context',
};

/** Describes the request-scoped value stored, or undefined. */
function requestScope(ctx: RuleContext, value: SyntaxNode): string | undefined {
  let v = ast.unparen(value);
  const direct = scopeKindOfExpr(ctx, v, 0);
  if (direct) return DESCRIBE[direct];
  if (v.type === 'unary_expression' && v.child(0)?.type === '&') v = ast.unparen(ast.field(v, 'operand') ?? v);
  if (v.type === 'composite_literal') {
    const body = ast.field(v, 'body');
    for (const el of body ? ast.namedChildren(body) : []) {
      const valueNode = el.type === 'keyed_element' ? el.namedChild(1) : el.type === 'literal_element' ? el : null;
      const inner = valueNode?.type === 'literal_element' ? valueNode.namedChild(0) : valueNode;
      const kind = inner ? scopeKindOfExpr(ctx, inner, 0) : undefined;
      if (kind) return `a composite literal holding ${DESCRIBE[kind]} (${inner!.text})`;
    }
    return undefined;
  }
  if (v.type === 'func_literal') {
    let found: { name: string; kind: ScopeKind } | undefined;
    ast.walk(v, (n) => {
      if (found) return false;
      if (n.type !== 'identifier') return undefined;
      const b = ctx.scopes.resolve(n);
      if (!b || !b.func || ast.contains(v, b.nameNode)) return undefined; // declared inside the literal
      const kind = scopeKindOfBinding(ctx, b, 0);
      if (kind) found = { name: n.text, kind };
      return undefined;
    });
    if (found) return `a function literal that captures ${found.name} (${DESCRIBE[found.kind].replace(/^an? /, '')})`;
  }
  return undefined;
}

function scopeKindOfType(ctx: RuleContext, t: GoType): ScopeKind | undefined {
  const http = ctx.file.importName('net/http');
  const context = ctx.file.importName('context');
  if (t.kind === 'pointer' && t.elem.kind === 'named' && http && t.elem.qualifier === http && t.elem.name === 'Request') return 'request';
  if (t.kind === 'named' && http && t.qualifier === http && t.name === 'ResponseWriter') return 'writer';
  if (t.kind === 'named' && context && t.qualifier === context && t.name === 'Context') return 'context';
  return undefined;
}

function scopeKindOfBinding(ctx: RuleContext, b: Binding, depth: number): ScopeKind | undefined {
  if (depth > 4) return undefined;
  const byType = scopeKindOfType(ctx, ctx.scopes.typeOfBinding(b));
  if (byType === 'request' || byType === 'writer') return byType;
  // A context is the request's only when it comes from one: a parameter of code that
  // runs per request, or derived from such a context or from r.Context(). A service's
  // lifecycle context handed to a constructor is not.
  if (byType === 'context' && b.kind === 'param' && ctx.fact(LifetimeFact).perRequest(b.nameNode)) return 'context';
  if (b.value) return scopeKindOfExpr(ctx, b.value, depth + 1);
  // ctx, cancel := context.WithCancel(parent): a derived context is as request-scoped as its parent.
  if (b.tupleValue?.index === 0) {
    const shape = ast.callShape(ast.unparen(b.tupleValue.expr));
    const context = ctx.file.importName('context');
    if (shape && context && shape.callee.startsWith(`${context}.With`) && shape.args[0]) {
      return scopeKindOfExpr(ctx, shape.args[0], depth + 1) === 'context' ? 'context' : undefined;
    }
  }
  return undefined;
}

/** `r`, `w`, `ctx`, `r.Context()`, `r.WithContext(ctx)`, `context.WithValue(ctx, k, v)`. */
function scopeKindOfExpr(ctx: RuleContext, expr: SyntaxNode, depth: number): ScopeKind | undefined {
  if (depth > 4) return undefined;
  const e = ast.unparen(expr);
  if (e.type === 'identifier') {
    const b = ctx.scopes.resolve(e);
    return b && b.kind !== 'package' ? scopeKindOfBinding(ctx, b, depth + 1) : undefined;
  }
  if (e.type === 'selector_expression') return scopeKindOfType(ctx, ctx.scopes.typeOfExpr(e));
  const shape = ast.callShape(e);
  if (!shape) return undefined;
  if (shape.receiver && scopeKindOfExpr(ctx, shape.receiver, depth + 1) === 'request') {
    if (shape.method === 'Context') return 'context';
    if (shape.method === 'WithContext' || shape.method === 'Clone') return 'request';
  }
  const context = ctx.file.importName('context');
  if (context && shape.callee.startsWith(`${context}.With`) && !shape.callee.endsWith('Cancel') && shape.args[0]) {
    // context.WithValue / WithoutCancel return one context; the Cancel variants return two.
    return scopeKindOfExpr(ctx, shape.args[0], depth + 1) === 'context' ? 'context' : undefined;
  }
  return undefined;
}
