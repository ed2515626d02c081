// A slice built in map order and returned, or stored in a field, is only a problem if someone
// reads its order. On judged real code most such slices are used as sets: ranged for
// independent per-element work, searched with slices.Contains, measured with len, or sorted by
// the reader. When every reader is in view (an unexported function's callers, an unexported
// field's reads: all in the package) and each one's use is order-free in that sense, the order
// never escapes and nothing is reported. A caller seen to print, join, encode or compare the
// result is the evidence that the order matters.
import { ast, callSitesNamed, defineFact, flowOf, isSortCall, rangeClauseOf, sinkName, usesOf, type Binding, type PackageModel, type RuleContext, type SyntaxNode } from '../../src/engine/index.js';

/**
 * How a loop over a slice lets its order out (the rule's own shapes, applied to the reader's
 * loop): undefined when it does not, `returned` when the order only travels on to that
 * function's own result.
 */
export type LoopLeak = (ctx: RuleContext, loop: SyntaxNode) => { returned: boolean } | undefined;

/** What a use does with the order of a slice: nothing, lets it out, or cannot be told. */
type UseOfOrder = 'free' | 'leak' | 'unknown';

/** Calls that read a slice without depending on its order. */
const ORDER_FREE_CALLS = /^(len|cap|slices\.Contains|slices\.ContainsFunc|slices\.Max|slices\.Min)$/;

// A reader's loop is judged by the rule's shapes, which may ask about that reader's own readers:
// one level is followed, no more.
let following = false;

function once<T>(fallback: T, f: () => T): T {
  if (following) return fallback;
  following = true;
  try {
    return f();
  } finally {
    following = false;
  }
}

/**
 * The call sites of `fn` in the package; with `all`, only when they are all of them (it is an
 * unexported function or method, so no other package can call it).
 */
function visibleCallSites(ctx: RuleContext, fn: SyntaxNode, all: boolean): readonly SyntaxNode[] {
  if (fn.type !== 'function_declaration' && fn.type !== 'method_declaration') return [];
  const name = ast.field(fn, 'name')?.text;
  if (!name || (all && /^[A-Z]/.test(name))) return [];
  return callSitesNamed(ctx.pkg, name);
}

/** True when the function has callers, all in the package, and every one uses its result without depending on its order. */
export function callersIgnoreOrder(ctx: RuleContext, fn: SyntaxNode, loopLeak: LoopLeak): boolean {
  const sites = visibleCallSites(ctx, fn, true);
  return sites.length > 0 && once(false, () => sites.every((call) => useOfOrder(ctx, call, loopLeak) === 'free'));
}

/** A call site of the function in the package that prints, joins, encodes, compares or indexes its result, or ranges it in order into an output. */
export function callerShowingOrder(ctx: RuleContext, fn: SyntaxNode, loopLeak: LoopLeak): SyntaxNode | undefined {
  // Call sites are matched by name: evidence only when no other function or method has it.
  if ((ctx.pkg.fact(DeclaredNamesFact).funcs.get(ast.field(fn, 'name')?.text ?? '') ?? 0) > 1) return undefined;
  // One caller in view is evidence enough, exported or not.
  const sites = visibleCallSites(ctx, fn, false);
  return once(undefined, () => sites.find((call) => useOfOrder(ctx, call, loopLeak) === 'leak'));
}

/**
 * True when the struct field is unexported (every read is in the package) and each read of a
 * field of that name uses the slice without depending on its order. Fields are matched by name,
 * whatever struct they belong to: more reads, never fewer, so the answer errs towards reporting.
 */
export function fieldReadsIgnoreOrder(ctx: RuleContext, name: string, loopLeak: LoopLeak): boolean {
  if (!name || /^[A-Z]/.test(name)) return false;
  const selectors = ctx.pkg.fact(FieldSelectorsFact).get(name) ?? [];
  return once(false, () => selectors.every((sel) => writesField(sel, name) || useOfOrder(ctx, sel, loopLeak) === 'free'));
}

/** A read of the (unexported) field that prints, joins, encodes, compares, indexes or ranges it in order into an output. */
export function fieldReadShowingOrder(ctx: RuleContext, name: string, loopLeak: LoopLeak): SyntaxNode | undefined {
  if (!name || /^[A-Z]/.test(name)) return undefined;
  // Reads are matched by name: evidence only when one struct field of the package has it.
  if ((ctx.pkg.fact(DeclaredNamesFact).fields.get(name) ?? 0) > 1) return undefined;
  const selectors = ctx.pkg.fact(FieldSelectorsFact).get(name) ?? [];
  return once(undefined, () => selectors.find((sel) => !writesField(sel, name) && useOfOrder(ctx, sel, loopLeak) === 'leak'));
}

/** How many functions and methods, and how many struct fields, the package declares under each name. */
const DeclaredNamesFact = defineFact('map-range-order:declaredNames', (pkg: PackageModel) => {
  const funcs = new Map<string, number>();
  const fields = new Map<string, number>();
  const count = (m: Map<string, number>, name: string | undefined) => name && m.set(name, (m.get(name) ?? 0) + 1);
  for (const file of pkg.files) {
    for (const d of file.root.descendantsOfType(['function_declaration', 'method_declaration'])) count(funcs, d && ast.field(d, 'name')?.text);
    for (const d of file.root.descendantsOfType('field_declaration')) {
      for (const n of d?.childrenForFieldName('name') ?? []) count(fields, n?.text);
    }
  }
  return { funcs, fields };
});

const FieldSelectorsFact = defineFact('map-range-order:fieldSelectors', (pkg: PackageModel) => {
  const byField = new Map<string, SyntaxNode[]>();
  for (const file of pkg.files) {
    for (const sel of file.root.descendantsOfType('selector_expression')) {
      const name = sel && ast.field(sel, 'field')?.text;
      if (!sel || !name) continue;
      let list = byField.get(name);
      if (!list) byField.set(name, (list = []));
      list.push(sel);
    }
  }
  return byField;
});

/**
 * `x.f = ...` (the selector is assigned), or the read inside `x.f = append(x.f, ...)` and
 * `x.f = x.f[:0]`: the field's own update, which adds or drops elements without reading their order.
 */
function writesField(sel: SyntaxNode, name: string): boolean {
  let n = sel;
  let p = n.parent;
  if (p?.type === 'argument_list' && ast.namedChildren(p)[0]?.id === n.id && p.parent?.type === 'call_expression'
    && ast.field(p.parent, 'function')?.text === 'append') {
    n = p.parent;
    p = n.parent;
  } else if (p?.type === 'slice_expression' && ast.field(p, 'operand')?.id === n.id) {
    n = p;
    p = n.parent;
  }
  if (p?.type !== 'expression_list') return false;
  const stmt = p.parent;
  if (stmt?.type !== 'assignment_statement') return false;
  const left = ast.expressionsOf(ast.field(stmt, 'left'));
  if (ast.field(stmt, 'left')?.id === p.id) return n.id === sel.id; // the assigned target itself
  const right = ast.expressionsOf(p);
  const i = right.findIndex((r) => r.id === n.id);
  const target = i >= 0 && left.length === right.length ? ast.unparen(left[i]!) : undefined;
  return target?.type === 'selector_expression' && ast.field(target, 'field')?.text === name;
}

/** What the value of `expr` (a call's result, a field read, or a local holding it) does with its order. */
function useOfOrder(ctx: RuleContext, expr: SyntaxNode, loopLeak: LoopLeak): UseOfOrder {
  let n = expr;
  let p = n.parent;
  while (p?.type === 'parenthesized_expression') {
    n = p;
    p = p.parent;
  }
  if (!p) return 'unknown';
  if (p.type === 'argument_list') {
    const call = p.parent;
    if (!call || call.type !== 'call_expression') return 'unknown';
    if (isSortCall(call)) return 'free';
    const callee = ast.field(call, 'function');
    if (callee && ORDER_FREE_CALLS.test(callee.text) && ast.namedChildren(p)[0]?.id === n.id) return 'free';
    const sink = sinkName(call);
    return sink && (sink.kind === 'output' || sink.kind === 'compare') ? 'leak' : 'unknown';
  }
  // `f()[0]`: the element at a fixed position is the one the order put there.
  if (p.type === 'index_expression' && ast.field(p, 'operand')?.id === n.id) return ast.field(p, 'index')?.type === 'int_literal' ? 'leak' : 'unknown';
  if (p.type === 'range_clause' && ast.field(p, 'right')?.id === n.id) {
    const loop = p.parent;
    if (!loop || rangeClauseOf(loop)?.id !== p.id) return 'unknown';
    const leak = loopLeak(ctx, loop);
    return !leak ? 'free' : leak.returned ? 'unknown' : 'leak';
  }
  if (p.type === 'expression_list') {
    const stmt = p.parent;
    if (!stmt || (stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement')) return 'unknown';
    if (ast.field(stmt, 'right')?.id !== p.id) return 'unknown';
    const left = ast.expressionsOf(ast.field(stmt, 'left'));
    const right = ast.expressionsOf(p);
    if (left.length !== 1 || right.length !== 1 || left[0]!.type !== 'identifier') return 'unknown';
    const b = ctx.scopes.resolve(left[0]!);
    const flow = b && flowOf(ctx.scopes, stmt);
    if (!b || !flow) return 'unknown';
    if (flow.sortAfter(b, stmt)) return 'free';
    // Every later read of the local decides; another assignment to it gives up (its value changes).
    const uses = usesOf(ctx.scopes, b, flow.fn).filter((u) => u.kind !== 'decl' && u.node.startIndex > stmt.endIndex);
    if (uses.some((u) => u.kind !== 'read')) return 'unknown';
    const each = uses.map((u) => useOfOrder(ctx, u.node, loopLeak));
    return each.includes('leak') ? 'leak' : each.every((e) => e === 'free') ? 'free' : 'unknown';
  }
  return 'unknown';
}

/** The key under which a return statement's composite literal holds `b` (`return &T{names: b}`). */
export function returnedAsField(ctx: RuleContext, ret: SyntaxNode, b: Binding): string | undefined {
  for (const el of ast.descendants(ret, ['keyed_element'])) {
    const key = el.namedChild(0);
    const value = el.namedChild(1);
    const v = value && ast.unparen(value.type === 'literal_element' ? value.namedChild(0) ?? value : value);
    if (v?.type === 'identifier' && ctx.scopes.resolve(v)?.nameNode.id === b.nameNode.id) return (key?.namedChild(0) ?? key)?.text;
  }
  return undefined;
}
