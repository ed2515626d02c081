// sync.Map recognition shared by the syncmap-* rules: which calls are method
// calls on a sync.Map (known through types only: a field, variable or
// parameter of type sync.Map / *sync.Map), which locals hold a value read out
// of one, and what a Load's results are bound to. Unknown types never match.
import type { SyntaxNode } from './types.js';
import type { Binding, Scopes } from './scope.js';
import { calledMethodName, callShape, enclosingFunction, expressionsOf, field, namedChildren, unparen, walk } from './ast.js';
import { isSyncMap } from './gotypes.js';
import { defineFact, type Fact } from './model.js';
import { ScopesFact } from './run.js';

/** Methods of sync.Map whose first result is a value read from the map. */
export const SYNC_MAP_VALUE_METHODS: ReadonlySet<string> = new Set(['Load', 'LoadOrStore', 'LoadAndDelete', 'Swap']);

const SYNC_MAP_METHODS = new Set([
  'Load', 'Store', 'LoadOrStore', 'LoadAndDelete', 'Delete', 'Swap', 'CompareAndSwap', 'CompareAndDelete', 'Range', 'Clear',
]);

export interface SyncMapCall {
  call: SyntaxNode;
  /** The sync.Map operand (`m`, `s.cache`, `&m`). */
  receiver: SyntaxNode;
  method: string;
  args: SyntaxNode[];
}

/** `x.M(...)` where x's static type is sync.Map or *sync.Map and M is one of its methods. */
export function syncMapCall(scopes: Scopes, node: SyntaxNode): SyncMapCall | undefined {
  const method = calledMethodName(node);
  if (!method || !SYNC_MAP_METHODS.has(method)) return undefined;
  const shape = callShape(node);
  if (!shape?.receiver || !shape.method || !SYNC_MAP_METHODS.has(shape.method)) return undefined;
  if (!isSyncMap(scopes.typeOfExpr(shape.receiver))) return undefined;
  return { call: node, receiver: shape.receiver, method: shape.method, args: shape.args };
}

/** Where a value read from a sync.Map comes from. */
export interface SyncMapValueSource {
  /** The call producing it: a Load-family call, or the Range call whose callback receives it. */
  call: SyncMapCall;
  /** `result`: the first result of Load/LoadOrStore/LoadAndDelete/Swap; `range-key`/`range-value`: a Range callback parameter. */
  via: 'result' | 'range-key' | 'range-value';
}

/**
 * The left-hand identifiers bound to a call's results when the call is the only
 * right-hand expression of `a, b := call`, `a, b = call` or `var a, b = call`.
 */
export function tupleTargets(call: SyntaxNode): SyntaxNode[] | undefined {
  let list: SyntaxNode = call;
  while (list.parent?.type === 'parenthesized_expression') list = list.parent;
  let stmt = list.parent;
  if (stmt?.type === 'expression_list') {
    if (expressionsOf(stmt).length !== 1) return undefined;
    list = stmt;
    stmt = stmt.parent;
  }
  if (!stmt) return undefined;
  if (stmt.type === 'short_var_declaration' || stmt.type === 'assignment_statement') {
    if (field(stmt, 'right')?.id !== list.id) return undefined;
    if (stmt.type === 'assignment_statement' && stmt.child(1)?.type !== '=') return undefined;
    return expressionsOf(field(stmt, 'left')).map(unparen);
  }
  if (stmt.type === 'var_spec') {
    if (field(stmt, 'value')?.id !== list.id) return undefined;
    return stmt.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
  }
  return undefined;
}

/**
 * The sync.Map read a local's current value comes from, seen from `at` (a use
 * of the binding): `v, ok := m.Load(k)`, `var v, _ = m.LoadOrStore(k, x)`,
 * `v, ok = m.Load(k)` (every assignment before `at` in the function must be
 * such a read), `x := v` of such a local, or a parameter of a function literal
 * passed straight to `m.Range`. Anything else: undefined.
 */
export function syncMapValueSource(scopes: Scopes, b: Binding, at: SyntaxNode, depth = 0): SyncMapValueSource | undefined {
  if (depth > 4) return undefined;
  if (b.kind === 'param') return rangeParamSource(scopes, b);
  if (b.kind !== 'local') return undefined;
  if (b.tupleValue) {
    if (b.tupleValue.index !== 0) return undefined;
    const call = syncMapCall(scopes, unparen(b.tupleValue.expr));
    if (call && SYNC_MAP_VALUE_METHODS.has(call.method)) return reassignedOnlyFromSyncMap(scopes, b, at, call);
    return undefined;
  }
  if (b.value) {
    const v = unparen(b.value);
    if (v.type !== 'identifier') return undefined;
    const inner = scopes.resolve(v);
    const src = inner ? syncMapValueSource(scopes, inner, v, depth + 1) : undefined;
    return src ? reassignedOnlyFromSyncMap(scopes, b, at, src.call, src) : undefined;
  }
  if (b.declNode.type === 'var_spec') return reassignedOnlyFromSyncMap(scopes, b, at, undefined);
  return undefined;
}

/**
 * Checks the assignments to `b` between its declaration and `at`: each must be
 * the value result of a sync.Map read. Returns the last such read (or the
 * declaration's own source when nothing reassigns it).
 */
function reassignedOnlyFromSyncMap(scopes: Scopes, b: Binding, at: SyntaxNode, declCall: SyncMapCall | undefined, declSource?: SyncMapValueSource): SyncMapValueSource | undefined {
  const fn = b.func ?? enclosingFunction(b.nameNode);
  let last: SyncMapValueSource | undefined = declCall ? (declSource ?? { call: declCall, via: 'result' }) : undefined;
  if (!fn) return last;
  let ok = true;
  walk(fn, (n) => {
    if (!ok || n.startIndex >= at.startIndex) return false;
    if (n.type !== 'identifier' || n.text !== b.name || n.id === b.nameNode.id) return;
    if (scopes.resolve(n)?.nameNode.id !== b.nameNode.id) return;
    const target = assignedTarget(n);
    if (!target) {
      if (n.parent?.type === 'unary_expression' && n.parent.child(0)?.type === '&') ok = false; // &v: anything may write it
      return;
    }
    const call = target.index === 0 && target.rhs ? syncMapCall(scopes, unparen(target.rhs)) : undefined;
    if (call && SYNC_MAP_VALUE_METHODS.has(call.method)) last = { call, via: 'result' };
    else ok = false;
  });
  return ok ? last : undefined;
}

/** For an identifier on the left of `=`/`:=`: its position and the single right-hand call, if any. */
function assignedTarget(ident: SyntaxNode): { index: number; rhs?: SyntaxNode } | undefined {
  const list = ident.parent;
  const stmt = list?.type === 'expression_list' ? list.parent : list;
  if (!list || !stmt) return undefined;
  if (stmt.type !== 'assignment_statement' && stmt.type !== 'short_var_declaration') {
    if (stmt.type === 'range_clause' && field(stmt, 'left')?.id === (list.type === 'expression_list' ? list.id : ident.id)) return { index: -1 };
    return undefined;
  }
  const left = field(stmt, 'left');
  if (!left || (left.id !== list.id && left.id !== ident.id)) {
    // `v++`, `v += x` and friends are assignment statements too; treat as a non-sync.Map write.
    return undefined;
  }
  if (stmt.type === 'assignment_statement' && stmt.child(1)?.type !== '=') return { index: -1 };
  const names = expressionsOf(left);
  const index = names.findIndex((n) => n.id === ident.id);
  const right = expressionsOf(field(stmt, 'right'));
  if (right.length === 1 && names.length > 1) return { index, rhs: right[0] };
  // One value per name: `v = m2` is not a sync.Map read (index -1 marks "other").
  return { index: -1 };
}

/** A parameter of `func(k, v any) bool { ... }` passed directly to `m.Range(...)`. */
function rangeParamSource(scopes: Scopes, b: Binding): SyncMapValueSource | undefined {
  const fn = b.func;
  if (fn?.type !== 'func_literal') return undefined;
  const args = fn.parent;
  const call = args?.type === 'argument_list' ? args.parent : null;
  if (!call) return undefined;
  const sm = syncMapCall(scopes, call);
  if (sm?.method !== 'Range' || sm.args[0]?.id !== fn.id) return undefined;
  const params = namedChildren(field(fn, 'parameters') ?? fn).filter((p) => p.type === 'parameter_declaration');
  const names = params.flatMap((p) => p.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null));
  const i = names.findIndex((n) => n.id === b.nameNode.id);
  if (i < 0 || i > 1) return undefined;
  return { call: sm, via: i === 0 ? 'range-key' : 'range-value' };
}

/**
 * Identity of a sync.Map operand across functions of the package: `var:m` for
 * a package variable, `field:T.f` for field f of named type T, `local:<id>`
 * for a local or parameter. Undefined when it cannot be named.
 */
export function syncMapIdentity(scopes: Scopes, receiver: SyntaxNode): string | undefined {
  let e = unparen(receiver);
  if (e.type === 'unary_expression' && e.child(0)?.type === '&') e = unparen(field(e, 'operand') ?? e);
  if (e.type === 'identifier') {
    const b = scopes.resolve(e);
    if (!b) return undefined;
    return b.kind === 'package' ? `var:${b.name}` : `local:${b.nameNode.id}`;
  }
  if (e.type === 'selector_expression') {
    const operand = field(e, 'operand');
    const name = field(e, 'field')?.text;
    if (!operand || !name) return undefined;
    let t = scopes.typeOfExpr(operand);
    if (t.kind === 'pointer') t = t.elem;
    return t.kind === 'named' && !t.qualifier ? `field:${t.name}.${name}` : undefined;
  }
  return undefined;
}

/**
 * sync.Maps (by identity) whose values the package replaces in place with
 * CompareAndSwap or Swap: their values evolve after the first Store, so a
 * later "initial" Store can erase an update.
 */
export const SyncMapSwappedFact: Fact<ReadonlySet<string>> = defineFact('syncmap-swapped', (pkg) => {
  const scopes = pkg.fact(ScopesFact);
  const out = new Set<string>();
  for (const f of pkg.files) {
    // `Swap(` also finds CompareAndSwap; a file without either has nothing to walk for.
    if (!f.text.includes('Swap(')) continue;
    for (const n of f.root.descendantsOfType('call_expression')) {
      const method = calledMethodName(n);
      if (method !== 'CompareAndSwap' && method !== 'Swap') continue;
      const call = syncMapCall(scopes, n);
      const id = call ? syncMapIdentity(scopes, call.receiver) : undefined;
      if (id) out.add(id);
    }
  }
  return out;
});

/**
 * Whether any file of the package can name sync.Map (`sync.Map`, or `<alias>.Map` under
 * an aliased import). Values are recognised by type only, and a type never written in the
 * package is never known, so rules skip packages where this is false without typing calls.
 */
export const MentionsSyncMapFact: Fact<boolean> = defineFact('syncmap:mentioned', (pkg) =>
  pkg.files.some((f) => {
    const name = f.importName('sync');
    return !!name && f.text.includes(`${name}.Map`);
  }),
);
