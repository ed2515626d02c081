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
  if (usage.resets.length || usage.escapes.length) return;
  const label = identityLabel(owner.id);
  if (usage.removals.length) {
    // A delete later in the same function runs only when control gets there.
    const skipped = usage.removals.map((r) => skippedRemoval(ins.node, r.node)).filter((x): x is SkippedRemoval => !!x);
    if (skipped.length < usage.removals.length) return;
    const s = skipped[0]!;
    ctx.report({
      node: ins.node,
      message:
        `${label} (${owner.why}) stores ${what} here, and the delete at line ${s.removal.startPosition.row + 1} is not deferred, so ${s.skip} skips it and the entry pins the whole request (body, headers, context values) for as long as the map lives.` +
        ` Defer the removal right after storing (\`defer\` a function that locks and deletes), or store only the few values you need instead of the request scope.`,
    });
    return;
  }
  ctx.report({
    node: ins.node,
    message:
      `${label} (${owner.why}) stores ${what} here and nothing in this package ever removes its entries, so each entry pins the whole request (body, headers, context values and cancel functions) for as long as the map lives.` +
      ` Store only the few values you need (an ID, a path, a deadline), not the request scope, or delete the entry when the request ends.`,
  });
}

interface SkippedRemoval {
  removal: SyntaxNode;
  /** "the early return at line 40", "a panic in next.ServeHTTP (net/http recovers it and serves on)". */
  skip: string;
}

/**
 * A removal in the same function as the insertion, after it and not deferred, that an
 * early return or a panic in the next handler can skip. Removals elsewhere (a close
 * path, a deferred function) are taken to run.
 */
function skippedRemoval(insertion: SyntaxNode, removalSite: SyntaxNode): SkippedRemoval | undefined {
  const fn = ast.enclosingFunction(insertion);
  if (!fn || ast.enclosingFunction(removalSite)?.id !== fn.id || removalSite.startIndex < insertion.endIndex) return undefined;
  if (ast.ancestor(removalSite, ['defer_statement'])) return undefined;
  const removal = ast.ancestor(removalSite, ['call_expression']) ?? removalSite;
  let skip: string | undefined;
  ast.walk(fn, (n) => {
    if (skip) return false;
    if (n.type === 'func_literal') return false;
    if (n.startIndex >= removal.startIndex) return false; // at or after the removal
    if (n.startIndex < insertion.endIndex) return n.endIndex > insertion.endIndex ? undefined : false; // holds the insertion, or before it
    if (n.type === 'return_statement') skip = `the early return at line ${n.startPosition.row + 1}`;
    else if (n.type === 'call_expression' && /\.ServeHTTP$/.test(ast.field(n, 'function')?.text ?? '')) {
      skip = `a panic in ${ast.field(n, 'function')!.text} (net/http recovers it and keeps serving)`;
    }
    return undefined;
  });
  return skip ? { removal, skip } : undefined;
}

type ScopeKind = 'request' | 'writer' | 'context';

const DESCRIBE: Record<ScopeKind, string> = {
  request: 'an *http.Request',
  writer: 'an http.ResponseWriter',
  context: 'a context.Context',
};

/**
 * Describes the request-scoped value stored, or undefined: the value itself, a
 * composite literal holding one (`&job{ctx: ctx}`), a function literal capturing one,
 * an `append` of such values, or a local bound to any of these (`j := &job{...}; m[id] = j`).
 */
function requestScope(ctx: RuleContext, value: SyntaxNode, depth = 0): string | undefined {
  if (depth > 3) return undefined;
  let v = ast.unparen(value);
  const direct = scopeKindOfExpr(ctx, v, 0);
  if (direct) return DESCRIBE[direct];
  if (v.type === 'identifier') {
    const b = ctx.scopes.resolve(v);
    return b?.kind === 'local' && b.value ? requestScope(ctx, b.value, depth + 1) : undefined;
  }
  const shape = ast.callShape(v);
  if (shape?.callee === 'append' && !ctx.scopes.resolve(ast.field(v, 'function')!)) {
    for (const arg of shape.args.slice(1)) {
      const inner = requestScope(ctx, arg, depth + 1);
      if (inner) return inner;
    }
    return undefined;
  }
  if (v.type === 'unary_expression' && v.child(0)?.type === '&') v = ast.unparen(ast.field(v, 'operand') ?? v);
  if (v.type === 'composite_literal') {
    const body = ast.field(v, 'body');
    for (const el of body ? ast.namedChildren(body) : []) {
      const valueNode = el.type === 'keyed_element' ? el.namedChild(1) : el.type === 'literal_element' ? el : null;
      const inner = valueNode?.type === 'literal_element' ? valueNode.namedChild(0) : valueNode;
      const kind = inner ? scopeKindOfExpr(ctx, inner, 0) : undefined;
      if (kind) return `a composite literal holding ${DESCRIBE[kind]} (${inner!.text})`;
      const captured = inner && ast.unparen(inner).type === 'func_literal' ? requestScope(ctx, inner, depth + 1) : undefined;
      if (captured) return `a composite literal holding ${captured}`;
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
