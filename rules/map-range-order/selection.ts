// Order that decides *which* entry wins, rather than the order of a sequence:
//  - first match: the loop stops (break, return, or a labelled continue/break of
//    an outer loop) at the first entry that passes a check, after using that
//    entry. When several entries can pass, the one picked changes between runs.
//    A check that is an equality lookup (`k == name`, `v.ID == id`) matches one
//    entry at most and is left alone, as are existence tests that only return
//    a constant, error returns, and deleting one entry (deliberate eviction).
//  - last write wins: an inner loop over something derived from the entry writes
//    `out[d] = v`; two entries yielding the same d overwrite each other and the
//    map's order picks the survivor.
import { ast, type RuleContext, type SyntaxNode, type Binding } from '../../src/engine/index.js';

export interface Selection {
  /** Finishes "Map iteration order is unspecified and randomised, and here ...". */
  effect: string;
}

type Derived = (n: SyntaxNode) => boolean;

const LOOPS = new Set(['for_statement']);
const BREAK_TARGETS = new Set(['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement']);

/** First-match selection in the body of the map range `loop`. */
export function firstMatch(ctx: RuleContext, loop: SyntaxNode, body: SyntaxNode, derived: Derived, vars: Binding[]): Selection | undefined {
  if (!/\b(break|return|continue)\b/.test(body.text)) return undefined;
  if (singleEntry(loop)) return undefined;
  // Test helpers pick "the" entry a test set up to match once; a wrong pick shows up as a failing test.
  if (ctx.file.path.endsWith('_test.go')) return undefined;
  for (const exit of loopExits(loop, body)) {
    const guard = guardOf(exit, body, derived);
    if (!guard || uniqueMatch(ctx, guard, derived, vars)) continue;
    if (!usesEntry(ctx, exit, body, derived, loop)) continue;
    const line = guard.startPosition.row + 1;
    return { effect: `it decides which entry the loop picks: the loop stops at the first entry that passes the check at line ${line}, and more than one entry can pass it` };
  }
  return undefined;
}

/**
 * The function checks `len(m) == 1` (or `!= 1`, `> 1`) on the ranged map before the
 * loop: with one entry there is nothing to choose between.
 */
function singleEntry(loop: SyntaxNode): boolean {
  const clause = loop.namedChildren.find((c) => c?.type === 'range_clause');
  const ranged = clause ? ast.field(clause, 'right') : null;
  const fn = ast.enclosingFunction(loop);
  if (!ranged || !fn) return false;
  const before = fn.text.slice(0, loop.startIndex - fn.startIndex).replace(/\s+/g, '');
  const m = ranged.text.replace(/\s+/g, '');
  return [`len(${m})==1`, `len(${m})!=1`, `len(${m})>1`, `1==len(${m})`].some((t) => before.includes(t));
}

/** break/return/labelled continue statements that end `loop` early (not inside closures or inner loops' own breaks). */
function loopExits(loop: SyntaxNode, body: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const outerLabels = enclosingLabels(loop);
  ast.walk(body, (n) => {
    if (n.type === 'func_literal') return false;
    if (n.type === 'return_statement') out.push(n);
    if (n.type !== 'break_statement' && n.type !== 'continue_statement') return;
    const label = n.namedChild(0)?.text;
    if (label) {
      if (outerLabels.has(label)) out.push(n); // leaves this loop for an outer one
      else if (n.type === 'break_statement' && labelOf(loop) === label) out.push(n);
    } else if (n.type === 'break_statement') {
      const target = ast.ancestor(n, [...BREAK_TARGETS]);
      if (target?.id === loop.id) out.push(n);
    }
  });
  return out;
}

function labelOf(loop: SyntaxNode): string | undefined {
  const p = loop.parent;
  return p?.type === 'labeled_statement' ? p.namedChild(0)?.text : undefined;
}

/** Labels of loops that enclose `loop` (a `continue L` to one of them leaves `loop`). */
function enclosingLabels(loop: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (let p = loop.parent; p && !['function_declaration', 'method_declaration', 'func_literal'].includes(p.type); p = p.parent) {
    if (p.type === 'labeled_statement' && p.namedChild(1) && LOOPS.has(p.namedChild(1)!.type) && p.namedChild(1)!.id !== loop.id) out.add(p.namedChild(0)!.text);
  }
  return out;
}

/**
 * The condition that lets an iteration reach `exit`: an enclosing `if` whose
 * condition mentions the entry, or an earlier `if cond { continue }` filter at
 * the body's top level.
 */
function guardOf(exit: SyntaxNode, body: SyntaxNode, derived: Derived): SyntaxNode | undefined {
  for (let p = exit.parent; p && p.id !== body.id; p = p.parent) {
    if (p.type === 'for_statement') return undefined; // exits of an inner loop's own logic: not ours to judge
    if (p.type === 'if_statement') {
      const cond = ast.field(p, 'condition');
      if (cond && derived(cond)) return cond;
    }
  }
  let top: SyntaxNode = exit;
  while (top.parent && top.parent.id !== body.id && !(top.parent.type === 'statement_list' && top.parent.parent?.id === body.id)) top = top.parent;
  for (let s = top.previousNamedSibling; s; s = s.previousNamedSibling) {
    if (s.type !== 'if_statement') continue;
    const cond = ast.field(s, 'condition');
    const then = ast.statementsOf(ast.field(s, 'consequence'));
    if (cond && derived(cond) && then.length === 1 && then[0]!.type === 'continue_statement' && !then[0]!.namedChild(0)) return cond;
  }
  return undefined;
}

/**
 * Equality lookups match one entry at most: the key itself (`k == name`), or any
 * comparison of the entry with a loop-invariant, non-literal value (`v.ID == id`,
 * `strings.EqualFold(v.Name, name)`). Error checks (`err != nil`) are not a
 * selection either: the loop reports the first failure.
 */
function uniqueMatch(ctx: RuleContext, cond: SyntaxNode, derived: Derived, vars: Binding[]): boolean {
  if (/\berr\w*\s*!=\s*nil\b|\bErr\w*\s*!=\s*nil\b/.test(cond.text)) return true;
  let unique = false;
  // `if e != nil` on an error value: the loop reports the first failure, not a selection.
  ast.walk(cond, (n) => {
    if (n.type !== 'binary_expression' || n.child(1)?.type !== '!=' || ast.field(n, 'right')?.text !== 'nil') return;
    const t = ctx.scopes.typeOfExpr(ast.field(n, 'left')!);
    if (t.kind === 'basic' && t.name === 'error') unique = true;
  });
  if (unique) return true;
  ast.walk(cond, (n) => {
    if (unique) return false;
    let sides: SyntaxNode[] = [];
    // `k != name` appears as the `if ... { continue }` filter in front of a lookup's exit.
    if (n.type === 'binary_expression' && (n.child(1)?.type === '==' || n.child(1)?.type === '!=')) sides = [ast.field(n, 'left'), ast.field(n, 'right')].filter((s): s is SyntaxNode => !!s);
    const call = ast.callShape(n);
    const fnName = call ? (call.method ?? call.callee) : '';
    if (call && /^(EqualFold|Equal|DeepEqual|Identical\w*|HasPrefix|HasSuffix)$/.test(fnName) && call.args.length === 2) sides = call.args;
    // `dn.Equal(certDN)`, `a.Equals(b)`: an equality method on the entry.
    if (call?.receiver && /^(Equal|Equals|EqualFold)$/.test(call.method ?? '') && call.args.length === 1) sides = [call.receiver, call.args[0]!];
    if (sides.length !== 2) return;
    const [a, b] = sides as [SyntaxNode, SyntaxNode];
    if (isKey(ctx, a, vars) || isKey(ctx, b, vars)) unique = true;
    else if ((derived(a) && invariant(b, derived)) || (derived(b) && invariant(a, derived))) unique = true;
  });
  return unique;
}

function isKey(ctx: RuleContext, n: SyntaxNode, vars: Binding[]): boolean {
  const e = ast.unparen(n);
  if (e.type !== 'identifier') return false;
  const b = ctx.scopes.resolve(e);
  return !!b && vars.some((v) => v.nameNode.id === b.nameNode.id && v.range?.index === 0);
}

/** Not derived from the entry, and not a literal (comparing with a literal selects a class, not one entry). */
function invariant(n: SyntaxNode, derived: Derived): boolean {
  const e = ast.unparen(n);
  if (derived(e)) return false;
  if (/literal$/.test(e.type) || ['true', 'false', 'nil', 'iota'].includes(e.type)) return false;
  if (e.type === 'identifier' && /^[A-Z_][A-Z0-9_]*$/.test(e.text)) return false; // a constant in caps
  return true;
}

/**
 * The exit carries the entry out: a return of something derived from it (not only
 * inside an error), or a statement before the exit in its block that uses the
 * entry (an assignment, a call, a mutation) other than deleting it from the map.
 */
function usesEntry(ctx: RuleContext, exit: SyntaxNode, body: SyntaxNode, derived: Derived, loop: SyntaxNode): boolean {
  if (exit.type === 'return_statement') {
    const results = ast.expressionsOf(exit.namedChild(0));
    const types = resultTypes(exit);
    if (results.some((r, i) => derived(r) && !errorValue(r) && types[i] !== 'error')) return true;
  }
  const block = exit.parent;
  if (!block) return false;
  for (let s = exit.previousNamedSibling; s; s = s.previousNamedSibling) {
    if (s.type === 'comment' || !derived(s)) continue;
    if (deletesFromRanged(s, loop)) return false; // evicting one arbitrary entry is deliberate
    if (s.type === 'expression_statement' && logCall(s)) continue; // a trace line
    if (s.type === 'assignment_statement' || s.type === 'expression_statement' || s.type === 'inc_statement' || s.type === 'short_var_declaration') {
      if (s.type === 'short_var_declaration') continue; // a local of this iteration
      if (s.type === 'assignment_statement' && !assignsOutside(ctx, s, body)) continue;
      if (s.type === 'assignment_statement' && collectsError(ctx, s)) continue; // `*errs = append(*errs, err)` before returning it
      return true;
    }
  }
  return false;
}

/** `log.Printf(...)`, `lg.Warn(...)`, `o.mu.RUnlock()`: a trace line or housekeeping, not a use of the entry. */
function logCall(s: SyntaxNode): boolean {
  const c = ast.callShape(s.namedChild(0)!);
  if (!c) return false;
  if (/^(log|fmt)\./.test(c.callee) || /^(Print|Debug|Info|Warn|Warning|Error|Trace|Log|Notice)\w*$/.test(c.method ?? '')) return true;
  // Chained loggers (zerolog: `logger.Error().Err(err).Msg(m)`): the line ends in Msg/Msgf/Send after a level.
  if (/^(Msg|Msgf|Send)$/.test(c.method ?? '') && /\.(Debug|Info|Warn|Error|Trace|Fatal|Panic|Err)\(/.test(c.receiver?.text ?? '')) return true;
  // Releasing a lock or a handle on the way out is housekeeping, not a use of the entry.
  return /^(Unlock|RUnlock|Done|Close|Release|Cancel)$/.test(c.method ?? '');
}

/** The declared result types of the function a return belongs to, one text per position ("error", "*T"). */
function resultTypes(ret: SyntaxNode): string[] {
  const fn = ast.enclosingFunction(ret);
  const result = fn ? ast.field(fn, 'result') : null;
  if (!result) return [];
  if (result.type !== 'parameter_list') return [result.text];
  const out: string[] = [];
  for (const p of ast.namedChildren(result)) {
    if (p.type !== 'parameter_declaration') continue;
    const t = ast.field(p, 'type')?.text ?? '';
    const names = p.childrenForFieldName('name').length;
    for (let i = 0; i < Math.max(1, names); i++) out.push(t);
  }
  return out;
}

/** `errs = append(errs, err)`: recording the failure that the exit reports. */
function collectsError(ctx: RuleContext, s: SyntaxNode): boolean {
  const right = ast.expressionsOf(ast.field(s, 'right'));
  const call = right.length === 1 ? ast.callShape(ast.unparen(right[0]!)) : null;
  if (!call || call.callee !== 'append' || call.args.length < 2) return false;
  return call.args.slice(1).every((a) => {
    const t = ctx.scopes.typeOfExpr(a);
    return errorValue(a) || (t.kind === 'basic' && t.name === 'error');
  });
}

function errorValue(r: SyntaxNode): boolean {
  const e = ast.unparen(r);
  if (e.type === 'identifier') return /^err/i.test(e.text);
  const c = ast.callShape(e);
  return !!c && (/^(fmt\.Errorf|errors\.\w+|\w+\.Wrap\w*|\w*Err\w*)$/.test(c.callee) || /^(Errf|Errorf|Err|Wrap\w*)$/.test(c.method ?? ''));
}

function deletesFromRanged(s: SyntaxNode, loop: SyntaxNode): boolean {
  const call = s.type === 'expression_statement' ? ast.callShape(s.namedChild(0)!) : null;
  const clause = loop.namedChildren.find((c) => c?.type === 'range_clause');
  const ranged = clause ? ast.field(clause, 'right') : null;
  return !!call && call.callee === 'delete' && !!ranged && !!call.args[0] && ast.exprKey(call.args[0]) === ast.exprKey(ranged);
}

/** An assignment whose target outlives the iteration (declared outside the body, or a field/element). */
function assignsOutside(ctx: RuleContext, s: SyntaxNode, body: SyntaxNode): boolean {
  for (const t of ast.expressionsOf(ast.field(s, 'left'))) {
    const e = ast.unparen(t);
    if (e.type !== 'identifier') return true;
    if (e.text === '_') continue;
    const b = ctx.scopes.resolve(e);
    if (!b || !ast.contains(body, b.nameNode)) return true;
  }
  return false;
}

/**
 * `for k, v := range m { for _, d := range split(k) { out[d] = v } }`: entries that
 * yield the same inner key overwrite each other. Quiet when the loop reads `out`
 * (a presence check: the author handles duplicates), for constant values (a set)
 * and for appends/counters (every entry is kept).
 */
export function lastWriteWins(ctx: RuleContext, loop: SyntaxNode, body: SyntaxNode, outerDerived: Derived, vars: Binding[]): Selection | undefined {
  if (!/\bfor\b/.test(body.text)) return undefined;
  for (const inner of ast.descendants(body, ['for_statement'])) {
    if (ast.ancestor(inner, ['func_literal']) && !ast.contains(ast.ancestor(inner, ['func_literal'])!, loop)) continue;
    const clause = inner.namedChildren.find((c) => c?.type === 'range_clause');
    const innerRanged = clause ? ast.field(clause, 'right') : null;
    const innerBody = ast.field(inner, 'body');
    if (!clause || !innerRanged || !innerBody || !outerDerived(innerRanged)) continue;
    const innerVars = new Set<number>();
    for (const n of ast.expressionsOf(ast.field(clause, 'left'))) {
      const b = n.type === 'identifier' && n.text !== '_' ? ctx.scopes.resolve(n) : undefined;
      if (b) innerVars.add(b.nameNode.id);
    }
    for (const stmt of ast.descendants(innerBody, ['assignment_statement'])) {
      if (stmt.child(1)?.type !== '=' && ast.field(stmt, 'operator')?.text !== '=') continue;
      const left = ast.expressionsOf(ast.field(stmt, 'left'));
      const right = ast.expressionsOf(ast.field(stmt, 'right'));
      if (left.length !== 1 || right.length !== 1) continue;
      const target = ast.unparen(left[0]!);
      const value = ast.unparen(right[0]!);
      if (target.type !== 'index_expression') continue;
      const out = ast.field(target, 'operand');
      const key = ast.field(target, 'index');
      if (!out || !key || !mentionsAny(ctx, key, innerVars) || !fromOuterEntry(ctx, value, vars)) continue;
      if (ctx.pkg.underlying(ctx.scopes.typeOfExpr(out)).kind !== 'map') continue;
      const root = ast.unparen(out);
      const rb = root.type === 'identifier' ? ctx.scopes.resolve(root) : undefined;
      if (root.type === 'identifier' && (!rb || ast.contains(loop, rb.nameNode))) continue; // a map of this iteration
      if (readsMap(body, out, target)) continue;
      const line = stmt.startPosition.row + 1;
      return { effect: `it decides which entry survives in ${out.text}: entries that yield the same ${key.text} overwrite each other at line ${line}, and the last one written wins` };
    }
  }
  return undefined;
}

function mentionsAny(ctx: RuleContext, n: SyntaxNode, ids: Set<number>): boolean {
  let found = false;
  ast.walk(n, (c) => {
    if (found) return false;
    if (c.type === 'identifier') {
      const b = ctx.scopes.resolve(c);
      if (b && ids.has(b.nameNode.id)) found = true;
    }
  });
  return found;
}

/** The stored value comes from the outer entry (not a constant, not only the inner element). */
function fromOuterEntry(ctx: RuleContext, value: SyntaxNode, vars: Binding[]): boolean {
  const outer = new Set(vars.map((v) => v.nameNode.id));
  return mentionsAny(ctx, value, outer) && !(value.type === 'call_expression' && ast.callShape(value)?.callee === 'append');
}

/** The loop reads `out` somewhere other than the write itself (`if _, ok := out[d]; ok`, `len(out)`). */
function readsMap(body: SyntaxNode, out: SyntaxNode, write: SyntaxNode): boolean {
  const key = ast.exprKey(out);
  let reads = false;
  ast.walk(body, (n) => {
    if (reads) return false;
    if (n.id === write.id) return false;
    if ((n.type === 'identifier' || n.type === 'selector_expression') && ast.exprKey(n) === key && !ast.contains(write, n)) reads = true;
  });
  return reads;
}
