// map-range-order: the unspecified, randomised order of `for ... range m` leaks
// out of the function. Two shapes:
//  1. the loop appends (or `+=` concatenates) something derived from the key or
//     value to a slice/string declared before the loop, and that slice then
//     leaves the function (returned, printed, joined, hashed, encoded, compared,
//     stored in a field, sent) with no sort of it after the loop;
//  2. the loop body writes something derived from the key or value to an output
//     (fmt.Fprint*/Print*, log.Print*, Write*/Encode on a writer declared outside
//     the loop and not chosen per key).
// Order that picks a winner rather than a sequence (first match, last write wins)
// is in selection.ts; order reaching a callback or seeded random draws in
// effects.ts; Go 1.23 iterators (`maps.Keys(m)`, `slices.Collect`) in iterators.ts.
// Order-insensitive uses (sums, set insertion, map copies, min/max, counting)
// never match any shape. A function or field whose comment says the order means
// nothing is taken at its word (disclaimers.ts); a slice that leaves as a result
// or through an unexported field is judged by its readers (callers.ts).
import {
  defineRule, ast, flowOf, rootIdentifier, sortedFieldNames, callersSortResult, rangeClauseOf, sinkName, shapeOf, addImportsEdit, escapeOf,
  type RuleContext, type SyntaxNode, type Binding, type FunctionFlow, type GoType,
} from '../../src/engine/index.js';
import { mapIteratorCall, collectedIterator, type MapIterator } from './iterators.js';
import { firstMatch, lastWriteWins } from './selection.js';
import { callbackInOrder, randomDraws } from './effects.js';
import { callersIgnoreOrder, callerShowingOrder, fieldReadsIgnoreOrder, fieldReadShowingOrder, returnedAsField } from './callers.js';
import { orderDisclaimed, storedFieldsDisclaimOrder, fieldDisclaimsOrder } from './disclaimers.js';

// An HTTP/2 (hpack) header field list: each entry carries its own name, and order across names means nothing (RFC 9113).
const HEADER_FIELD_TYPE = /(^|\.)HeaderField$/;

// Text that any finding's loop body must contain: an append, a +=, an output call,
// an early exit (first match), an element write (last write wins) or a call (callback, draws).
const SHAPES_TEXT = /\bappend\(|\+=|\bF?[Pp]rint|\bWrite|\bEncode|\blog\.|\bbreak\b|\breturn\b|\bcontinue\s+\w|\]\s*=[^=]|\(/;

export default defineRule({
  meta: {
    id: 'map-range-order',
    severity: 'warning',
    description: 'The unspecified order of ranging over a map escapes into a returned, printed, encoded or written result.',
    fixable: true,
    needs: ['scopes', 'types', 'flow'],
  },
  create(ctx) {
    return {
      for_statement(loop: SyntaxNode) {
        const clause = rangeClauseOf(loop);
        const ranged = clause && ast.field(clause, 'right');
        const body = ast.field(loop, 'body');
        if (!clause || !ranged || !body) return;
        if (!SHAPES_TEXT.test(body.text)) return; // cheap pre-filter before any type work
        const iterator = mapIteratorCall(ctx, ranged);
        const mapType = iterator ? undefined : mapTypeOf(ctx, ranged);
        const inferred = !iterator && !mapType && inferredMapRange(ctx, clause, body);
        if (!iterator && !mapType && !inferred) return;
        const flow = flowOf(ctx.scopes, loop);
        if (!flow || orderDisclaimed(flow.fn)) return;
        const vars = rangeVars(ctx, clause);
        if (vars.length === 0) return;
        const derived = (n: SyntaxNode) => mentionsDerived(ctx, n, vars, body);
        // A range whose map type is only inferred is reported for the narrowest shape alone.
        const leak = inferred ? randomDraws(ctx, body) : orderLeak(ctx, flow, loop, body, vars, derived);
        if (!leak) return;
        report(ctx, flow.fn, loop, clause, ranged, mapType, iterator, leak);
      },
      call_expression(call: SyntaxNode) {
        const it = collectedIterator(ctx, call);
        if (!it) return;
        const leak = collectedIteratorLeak(ctx, call);
        if (!leak) return;
        const slices = it.std ? 'slices.Sorted' : 'a sorted copy of';
        const notice = onlyReturned(ctx, flowOf(ctx.scopes, call)!.fn, leak);
        ctx.report({
          node: call,
          message: `Map iteration order is unspecified and randomised, and ${call.text} collects the entries in that order; here they reach ${leak.subject} (${leak.how}), ${consequence(notice, 'them', 'Sort them')}: ${it.std ? `${slices}(${it.call.text})` : `sort the slice`} instead of ${it.std ? call.text : 'using it as is'}.`,
          severity: notice ? 'notice' : undefined,
        });
      },
    };
  },
});

/** Every shape by which the order of the range `loop` gets out of it (the first found). */
function orderLeak(ctx: RuleContext, flow: FunctionFlow, loop: SyntaxNode, body: SyntaxNode, vars: Binding[], derived: (n: SyntaxNode) => boolean): Leak | undefined {
  return collectedAndLeaked(ctx, flow, loop, body, derived, vars) ?? writtenInLoop(ctx, body, derived)
    ?? firstMatch(ctx, loop, body, derived, vars) ?? lastWriteWins(ctx, loop, body, derived, vars)
    ?? callbackInOrder(ctx, flow, body, derived) ?? randomDraws(ctx, body);
}

/**
 * A reader's loop over a returned slice (or a field), judged by the same shapes: whether the
 * slice's order gets out of it, and whether only into that function's own result.
 */
function rangeLoopLeak(ctx: RuleContext, loop: SyntaxNode): { returned: boolean } | undefined {
  const clause = rangeClauseOf(loop);
  const body = ast.field(loop, 'body');
  if (!clause || !body) return { returned: false };
  if (!SHAPES_TEXT.test(body.text)) return undefined;
  const flow = flowOf(ctx.scopes, loop);
  if (!flow) return { returned: false };
  const vars = rangeVars(ctx, clause);
  if (vars.length === 0) return undefined;
  const leak = orderLeak(ctx, flow, loop, body, vars, (n) => mentionsDerived(ctx, n, vars, body));
  return leak && { returned: 'returned' in leak && !!leak.returned };
}

/** The result is returned, and its callers restore the order (sort it) or never read it. */
function callersUnaffected(ctx: RuleContext, fn: SyntaxNode): boolean {
  return callersSortResult(ctx.scopes, ctx.pkg, fn) || callersIgnoreOrder(ctx, fn, rangeLoopLeak);
}

/** `x.f = s` where every field assigned is unexported and read only in ways that ignore the order. */
function storedFieldsReadInAnyOrder(ctx: RuleContext, assignment: SyntaxNode): boolean {
  const targets = ast.expressionsOf(ast.field(assignment, 'left')).map(ast.unparen).filter((t) => t.type === 'selector_expression');
  return targets.length > 0 && targets.every((t) => fieldReadsIgnoreOrder(ctx, ast.field(t, 'field')?.text ?? '', rangeLoopLeak));
}

/** Where a slice collected from a map iterator goes: a local that leaves unsorted, or a sink it is passed to directly. */
function collectedIteratorLeak(ctx: RuleContext, call: SyntaxNode): SequenceLeak | undefined {
  const flow = flowOf(ctx.scopes, call);
  if (!flow || orderDisclaimed(flow.fn)) return undefined;
  let stmt = call.parent;
  if (stmt?.type === 'expression_list') stmt = stmt.parent;
  if (stmt && (stmt.type === 'short_var_declaration' || stmt.type === 'assignment_statement')) {
    const left = ast.expressionsOf(ast.field(stmt, 'left'));
    const right = ast.expressionsOf(ast.field(stmt, 'right'));
    const i = right.findIndex((r) => ast.unparen(r).id === call.id);
    const target = i >= 0 && left.length === right.length ? left[i] : undefined;
    if (!target || target.type !== 'identifier') return undefined;
    const b = ctx.scopes.resolve(target);
    if (!b || flow.sortAfter(b, stmt)) return undefined;
    const leaves = flow.leavesAfter(b, stmt);
    if (!leaves) return undefined;
    if (leaves.kind === 'return' && callersUnaffected(ctx, flow.fn)) return undefined;
    if (leaves.kind === 'field' && storedFieldsReadInAnyOrder(ctx, leaves.node)) return undefined;
    return { subject: b.name, how: `${leaves.what} at line ${leaves.node.startPosition.row + 1}`, collected: true, returned: leaves.kind === 'return' };
  }
  const e = escapeOf(call, flow.fn);
  if (!e) return undefined;
  if (e.kind === 'return' && callersUnaffected(ctx, flow.fn)) return undefined;
  if (e.kind === 'field' && storedFieldsReadInAnyOrder(ctx, e.node)) return undefined;
  return { subject: 'the result', how: `${e.what} at line ${e.node.startPosition.row + 1}`, collected: true, returned: e.kind === 'return' };
}

/**
 * The ranged expression's type is unknown (an imported type), but the range key is
 * used as the key of a string-keyed map (`children[name] = ...`): slices, arrays and
 * strings yield int indexes, so this ranges over a map (or a channel or iterator).
 */
function inferredMapRange(ctx: RuleContext, clause: SyntaxNode, body: SyntaxNode): boolean {
  const ranged = ast.field(clause, 'right');
  if (!ranged || ctx.scopes.typeOfExpr(ranged).kind !== 'unknown') return false;
  const key = ast.expressionsOf(ast.field(clause, 'left'))[0];
  const kb = key?.type === 'identifier' ? ctx.scopes.resolve(key) : undefined;
  if (!kb) return false;
  let keyed = false;
  ast.walk(body, (n) => {
    if (keyed) return false;
    if (n.type !== 'index_expression') return;
    const idx = ast.field(n, 'index');
    const operand = ast.field(n, 'operand');
    if (idx?.type !== 'identifier' || !operand || ctx.scopes.resolve(idx)?.nameNode.id !== kb.nameNode.id) return;
    const t = ctx.pkg.underlying(ctx.scopes.typeOfExpr(operand));
    if (t.kind === 'map') {
      const k = ctx.pkg.underlying(t.key);
      if (k.kind === 'basic' && k.name === 'string') keyed = true;
    }
  });
  return keyed;
}

interface SequenceLeak {
  /** What carries the order: "names", "the output". */
  subject: string;
  /** How it leaves: "returned at line 12", "written by w.Write at line 9". */
  how: string;
  /** True when sorting the collected slice afterwards would also fix it. */
  collected: boolean;
  /** True when the order only reaches the function's result: its callers decide whether it matters. */
  returned?: boolean;
  /** The field of the returned composite literal that holds the slice (`return &T{names: names}`). */
  asField?: string;
}

/** A sequence that carries the order out, or an effect of the order (which entry wins, a callback, draws). */
type Leak = SequenceLeak | { effect: string };

function mapTypeOf(ctx: RuleContext, expr: SyntaxNode): Extract<GoType, { kind: 'map' }> | undefined {
  const t = ctx.scopes.typeOfExpr(expr);
  if (shapeOf(ctx.pkg, t) !== 'map') return undefined;
  const u = ctx.pkg.underlying(t);
  return u.kind === 'map' ? u : undefined;
}

/** Bindings of the range key and value (declared by `:=` or assigned by `=`). */
function rangeVars(ctx: RuleContext, clause: SyntaxNode): Binding[] {
  const out: Binding[] = [];
  for (const n of ast.expressionsOf(ast.field(clause, 'left'))) {
    if (n.type !== 'identifier' || n.text === '_') continue;
    const b = ctx.scopes.resolve(n);
    if (b) out.push(b);
  }
  return out;
}

/** True when `expr` mentions a range variable or a local declared inside the loop body. */
function mentionsDerived(ctx: RuleContext, expr: SyntaxNode, vars: Binding[], body: SyntaxNode): boolean {
  let found = false;
  ast.walk(expr, (n) => {
    if (found) return false;
    if (n.type !== 'identifier') return;
    const b = ctx.scopes.resolve(n);
    if (!b) return;
    if (vars.some((v) => v.nameNode.id === b.nameNode.id) || (b.func && ast.contains(body, b.nameNode))) found = true;
  });
  return found;
}

/** Statements under `body`, not descending into function literals (they may run later, or never). */
function bodyNodes(body: SyntaxNode, types: readonly string[]): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  ast.walk(body, (n) => {
    if (n.type === 'func_literal') return false;
    if (types.includes(n.type)) out.push(n);
  });
  return out;
}

/** Shape 1: `s = append(s, derived)` / `s += derived` in the loop, then `s` leaves unsorted. */
function collectedAndLeaked(ctx: RuleContext, flow: FunctionFlow, loop: SyntaxNode, body: SyntaxNode, derived: (n: SyntaxNode) => boolean, vars: Binding[]): SequenceLeak | undefined {
  for (const stmt of bodyNodes(body, ['assignment_statement'])) {
    const left = ast.expressionsOf(ast.field(stmt, 'left'));
    const right = ast.expressionsOf(ast.field(stmt, 'right'));
    if (left.length !== 1 || right.length !== 1) continue;
    const target = ast.unparen(left[0]!);
    const value = ast.unparen(right[0]!);
    const op = ast.field(stmt, 'operator')?.text ?? stmt.child(1)?.text;
    let collects = false;
    if (op === '=' && value.type === 'call_expression') {
      const call = ast.callShape(value);
      const fn = ast.field(value, 'function');
      collects = !!call && call.callee === 'append' && !!fn && !ctx.scopes.resolve(fn) && call.args.length >= 2
        && ast.exprKey(call.args[0]!) === ast.exprKey(target) && call.args.slice(1).some(derived);
    } else if (op === '+=') {
      const t = ctx.pkg.underlying(ctx.scopes.typeOfExpr(target));
      collects = t.kind === 'basic' && t.name === 'string' && derived(value);
    }
    if (!collects) continue;
    if (dispatchedOnKey(ctx, stmt, body, vars)) continue;
    if (appendsHeaderFields(value)) continue;
    if (target.type === 'identifier') {
      const b = ctx.scopes.resolve(target);
      if (!b || !b.func || ast.contains(loop, b.nameNode)) continue; // per-iteration slice: order stays inside
      if (flow.sortAfter(b, loop)) continue;
      const leaves = flow.leavesAfter(b, loop);
      if (!leaves) continue;
      // Every caller in the package sorts (or heapifies) the result, or uses it as a set: the order is restored or never read.
      if (leaves.kind === 'return' && callersUnaffected(ctx, flow.fn)) continue;
      if (leaves.kind === 'field' && (storedFieldsDisclaimOrder(ctx, leaves.node) || storedFieldsReadInAnyOrder(ctx, leaves.node))) continue;
      // `return &T{names: names}`: the slice becomes a field of the result, judged by that field's reads.
      const asField = leaves.kind === 'return' ? returnedAsField(ctx, leaves.node, b) : undefined;
      if (asField && fieldReadsIgnoreOrder(ctx, asField, rangeLoopLeak)) continue;
      const line = leaves.node.startPosition.row + 1;
      return { subject: b.name, how: `${leaves.what} at line ${line}`, collected: true, returned: leaves.kind === 'return', asField };
    }
    if (target.type === 'selector_expression') {
      const key = ast.exprKey(target);
      if (!/^[A-Za-z_][\w.]*$/.test(key)) continue;
      const root = rootIdentifier(target);
      const rb = root && ctx.scopes.resolve(root);
      if (rb && ast.contains(loop, rb.nameNode)) continue; // a struct built per iteration
      if (sortedFieldNames(ctx.pkg).has(ast.field(target, 'field')?.text ?? '')) continue;
      if (flow.sortAfter(key, loop)) continue;
      if (ctx.scopes.typeOfExpr(target).kind === 'unknown') continue;
      if (fieldDisclaimsOrder(ctx, target)) continue;
      if (fieldReadsIgnoreOrder(ctx, ast.field(target, 'field')?.text ?? '', rangeLoopLeak)) continue;
      return { subject: key, how: 'a field, which outlives the loop', collected: true };
    }
  }
  return undefined;
}

/** `append(s, hpack.HeaderField{...})`: a header list, whose order across names carries no meaning. */
function appendsHeaderFields(value: SyntaxNode): boolean {
  const args = ast.namedChildren(ast.field(value, 'arguments') ?? value).slice(1);
  return args.length > 0 && args.every((a) => {
    const lit = ast.unparen(a);
    const type = lit.type === 'composite_literal' ? ast.field(lit, 'type') : null;
    return !!type && HEADER_FIELD_TYPE.test(type.text);
  });
}

/**
 * Inside `switch k { case "urls": ... }` (or `if k == "urls"`) on the range key:
 * each key is handled by its own branch, the config-parsing pattern, so the
 * branch's appends do not interleave keys.
 */
function dispatchedOnKey(ctx: RuleContext, stmt: SyntaxNode, body: SyntaxNode, vars: Binding[]): boolean {
  const key = vars.find((v) => v.range?.index === 0);
  if (!key) return false;
  // The key itself, or a local of the body holding it converted (`name, ok := k.(string)`, `s := string(k)`).
  const isKey = (b: Binding | undefined): boolean => !!b && (b.nameNode.id === key.nameNode.id
    || (ast.contains(body, b.nameNode) && /^(identifier|type_assertion_expression|call_expression|parenthesized_expression)$/.test(
      (b.value ?? b.tupleValue?.expr)?.type ?? '') && mentionsBinding(ctx, (b.value ?? b.tupleValue?.expr)!, key)));
  for (let p = stmt.parent; p && p.id !== body.id; p = p.parent) {
    const cond = p.type === 'expression_switch_statement' ? ast.field(p, 'value') : p.type === 'if_statement' ? ast.field(p, 'condition') : null;
    if (!cond) continue;
    let mentions = false;
    ast.walk(cond, (n) => {
      if (n.type === 'identifier' && isKey(ctx.scopes.resolve(n))) mentions = true;
      return !mentions;
    });
    if (mentions && (p.type === 'expression_switch_statement' || /==/.test(cond.text))) return true;
  }
  return false;
}

/** `expr` is `b` itself or an expression naming it as an operand (`b.(string)`, `string(b)`). */
function mentionsBinding(ctx: RuleContext, expr: SyntaxNode, b: Binding): boolean {
  const e = ast.unparen(expr);
  const operand = e.type === 'type_assertion_expression' ? ast.field(e, 'operand')
    : e.type === 'call_expression' ? ast.namedChildren(ast.field(e, 'arguments') ?? e)[0] : e;
  const inner = operand && ast.unparen(operand);
  return inner?.type === 'identifier' && ctx.scopes.resolve(inner)?.nameNode.id === b.nameNode.id;
}

/** Shape 2: the body writes something derived from the key or value to an output shared across iterations. */
function writtenInLoop(ctx: RuleContext, body: SyntaxNode, derived: (n: SyntaxNode) => boolean): SequenceLeak | undefined {
  for (const call of bodyNodes(body, ['call_expression'])) {
    const sink = sinkName(call);
    if (!sink || sink.kind !== 'output') continue;
    const shape = ast.callShape(call)!;
    const m = shape.method ?? '';
    // Sprint*/Errorf/Append* and Join/Marshal return a value; shape 1 follows values.
    if (/^(Sprint|Sprintf|Sprintln|Errorf|Append|Appendf|Appendln|Join)$/.test(m) || /^Marshal/.test(m)) continue;
    // log.Fatal*/Panic* end the program (or the goroutine) at the first write: no sequence to order.
    if (/^(Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)$/.test(m)) continue;
    let dest: SyntaxNode | undefined;
    let payload: SyntaxNode[];
    if (/^Fprint/.test(m) || sink.name === 'io.WriteString') {
      dest = shape.args[0];
      payload = shape.args.slice(1);
    } else if (shape.receiver && (sink.name.startsWith('fmt.') || sink.name.startsWith('log.'))) {
      payload = shape.args;
    } else {
      dest = shape.receiver;
      payload = shape.args;
    }
    if (!payload.some(derived)) continue;
    if (leavesLoopAfter(call, body)) continue;
    if (dest && (derived(dest) || !sharedDestination(ctx, dest, body))) continue;
    return { subject: 'the output', how: `written by ${sink.name} at line ${call.startPosition.row + 1}`, collected: false };
  }
  return undefined;
}

/**
 * The write is followed, in its own block, by a statement that ends the loop
 * (return, os.Exit, panic, log.Fatal*, or a break that belongs to the loop):
 * at most one iteration writes, so there is no sequence to order.
 */
function leavesLoopAfter(call: SyntaxNode, body: SyntaxNode): boolean {
  let stmt: SyntaxNode | null = call;
  while (stmt && stmt.parent && stmt.parent.type !== 'statement_list') stmt = stmt.parent;
  if (!stmt || !ast.contains(body, stmt)) return false;
  for (let s = stmt.nextNamedSibling; s; s = s.nextNamedSibling) {
    if (s.type === 'return_statement') return true;
    if (s.type === 'break_statement' && s.namedChildCount === 0) {
      const target = ast.ancestor(s, ['expression_switch_statement', 'type_switch_statement', 'select_statement', 'for_statement']);
      if (target && body.parent && target.id === body.parent.id) return true;
    }
    if (s.type === 'expression_statement') {
      const c = s.namedChild(0);
      const callee = c?.type === 'call_expression' ? ast.callShape(c)?.callee : undefined;
      if (callee && /^(os\.Exit|panic|log\.Fatal\w*|log\.Panic\w*)$/.test(callee)) return true;
    }
  }
  return false;
}

/** A writer that outlives one iteration: declared outside the loop body (or a field/global), with a known non-map type. */
function sharedDestination(ctx: RuleContext, dest: SyntaxNode, body: SyntaxNode): boolean {
  let root = ast.unparen(dest);
  if (root.type === 'unary_expression' && root.child(0)?.type === '&') root = ast.unparen(ast.field(root, 'operand') ?? root);
  while (root.type === 'selector_expression' || root.type === 'call_expression') {
    const next = root.type === 'selector_expression' ? ast.field(root, 'operand') : ast.field(root, 'function');
    if (!next) return false;
    root = ast.unparen(next);
  }
  if (root.type !== 'identifier') return false;
  const b = ctx.scopes.resolve(root);
  if (!b) return ['os'].includes(root.text); // os.Stdout
  if (ast.contains(body, b.nameNode)) return false;
  // A buffer emptied in the loop (`buf.Reset()`) holds one iteration's output.
  return !new RegExp(`\\b${b.name}\\s*\\.\\s*(?:Reset|Truncate)\\s*\\(`).test(body.text);
}

function report(ctx: RuleContext, fn: SyntaxNode, loop: SyntaxNode, clause: SyntaxNode, ranged: SyntaxNode, mapType: Extract<GoType, { kind: 'map' }> | undefined, iterator: MapIterator | undefined, leak: Leak): void {
  const m = iterator ? iterator.map.text : ranged.text;
  const fix = mapType ? sortedKeysFix(ctx, loop, clause, ranged, mapType) : undefined;
  const k = ast.expressionsOf(ast.field(clause, 'left'))[0];
  const kName = k && k.type === 'identifier' && k.text !== '_' ? k.text : 'k';
  const how = iterator?.std && iterator.kind === 'Keys' ? `range over slices.Sorted(${iterator.call.text}) instead`
    : ctx.atLeastGo('1.23') ? `for _, ${kName} := range slices.Sorted(maps.Keys(${m}))`
    : `collect the keys of ${m}, sort them (slices.Sort or sort.Strings) and range over that slice`;
  const alt = 'collected' in leak && leak.collected ? `, or sort ${leak.subject} before it is used` : '';
  const what = 'effect' in leak ? leak.effect : `it reaches ${leak.subject} (${leak.how})`;
  const body = ast.field(loop, 'body');
  const notice = 'returned' in leak && onlyReturned(ctx, fn, leak);
  ctx.report({
    span: { ...ast.spanOf(loop), endLine: loop.startPosition.row + 1, endColumn: (body?.startPosition.column ?? loop.endPosition.column) + 1 },
    message: `Map iteration order is unspecified and randomised, and here ${what}, ${consequence(notice, 'the entries', 'Iterate sorted keys')}: ${how}${alt}.`,
    fix,
    severity: notice ? 'notice' : undefined,
  });
}

/**
 * Order that only reaches the function's result, with no caller or reader of the returned field
 * seen reading it: a notice (on judged real code most such results were used as sets, or sorted by
 * callers out of view).
 */
function onlyReturned(ctx: RuleContext, fn: SyntaxNode, leak: SequenceLeak): boolean {
  return !!leak.returned && !callerShowingOrder(ctx, fn, rangeLoopLeak)
    && !(leak.asField && fieldReadShowingOrder(ctx, leak.asField, rangeLoopLeak));
}

/** The end of the first sentence and the start of the second: what the order does, and the fix's lead-in. */
function consequence(notice: boolean, items: string, fix: string): string {
  return notice
    ? `so callers get ${items} in a different order from run to run. If a caller depends on that order, ${fix.toLowerCase()}`
    : `so the result can differ from run to run. ${fix}`;
}

// Key types slices.Sorted accepts (cmp.Ordered).
const ORDERED = new Set(['string', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr', 'byte', 'rune', 'float32', 'float64']);

/**
 * `for k := range m` / `for k, v := range m` -> `for _, k := range slices.Sorted(maps.Keys(m))`
 * (+ `v := m[k]` first in the body). Offered only for Go >= 1.23, an ordered key
 * type, a side-effect-free map expression the body never changes, and when the
 * `slices`/`maps` names are free.
 */
function sortedKeysFix(ctx: RuleContext, loop: SyntaxNode, clause: SyntaxNode, ranged: SyntaxNode, mapType: Extract<GoType, { kind: 'map' }>) {
  if (!ctx.atLeastGo('1.23')) return undefined;
  if (!clause.children.some((c) => c?.type === ':=')) return undefined;
  const left = ast.expressionsOf(ast.field(clause, 'left'));
  const key = left[0];
  const value = left[1];
  if (!key || key.type !== 'identifier' || key.text === '_' || left.length > 2) return undefined;
  const keyType = ctx.pkg.underlying(mapType.key);
  if (keyType.kind !== 'basic' || !ORDERED.has(keyType.name)) return undefined;
  const m = ast.exprKey(ranged);
  if (!/^[A-Za-z_][\w.]*$/.test(m)) return undefined;
  const body = ast.field(loop, 'body');
  if (!body || changesMap(body, m)) return undefined;
  const top = outermostFunction(loop);
  if (/\b(maps|slices)\b(?!\s*\.)/.test(top.text.replace(/"(?:[^"\\\n]|\\.)*"|`[^`]*`|\/\/[^\n]*/g, ''))) return undefined;
  if (ctx.pkg.values.has('maps') || ctx.pkg.values.has('slices') || ctx.pkg.funcs.has('maps') || ctx.pkg.funcs.has('slices')) return undefined;
  const imports = addImportsEdit(ctx.file, ['maps', 'slices']);
  if (imports === null) return undefined;
  const edits: { node?: SyntaxNode; startIndex?: number; endIndex?: number; text: string }[] = [
    { node: clause, text: `_, ${key.text} := range slices.Sorted(maps.Keys(${ranged.text}))` },
  ];
  if (value && value.type === 'identifier' && value.text !== '_') {
    const indent = /^\s*/.exec(ctx.file.lineText(loop.startPosition.row + 1))![0];
    // After the line's trailing comment when the body starts on the next line, else right after `{`.
    const nl = ctx.file.text.indexOf('\n', body.startIndex);
    const rest = ctx.file.text.slice(body.startIndex + 1, nl < 0 ? undefined : nl);
    const at = nl >= 0 && /^\s*(\/\/.*)?$/.test(rest) ? nl : body.startIndex + 1;
    edits.push({ startIndex: at, endIndex: at, text: `\n${indent}\t${value.text} := ${ranged.text}[${key.text}]` });
  }
  if (imports) edits.push(imports);
  return { description: `Range over the sorted keys of ${ranged.text}`, edits };
}

/** The body writes, deletes, clears or rebinds the map: a sorted snapshot of keys would change behaviour. */
function changesMap(body: SyntaxNode, m: string): boolean {
  let changes = false;
  ast.walk(body, (n) => {
    if (changes) return false;
    if (n.type === 'call_expression') {
      const c = ast.callShape(n);
      if (c && (c.callee === 'delete' || c.callee === 'clear') && c.args[0] && ast.exprKey(c.args[0]) === m) changes = true;
    } else if (n.type === 'assignment_statement' || n.type === 'inc_statement' || n.type === 'dec_statement') {
      const targets = n.type === 'assignment_statement' ? ast.expressionsOf(ast.field(n, 'left')) : [n.namedChild(0)!];
      for (const t of targets) {
        const u = ast.unparen(t);
        if (ast.exprKey(u) === m) changes = true;
        if (u.type === 'index_expression' && ast.exprKey(ast.field(u, 'operand') ?? u) === m) changes = true;
      }
    }
  });
  return changes;
}

function outermostFunction(node: SyntaxNode): SyntaxNode {
  let fn = ast.enclosingFunction(node) ?? node;
  for (let up = ast.enclosingFunction(fn); up; up = ast.enclosingFunction(up)) fn = up;
  return fn;
}
