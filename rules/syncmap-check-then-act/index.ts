// syncmap-check-then-act: `m.Load(k)` followed, in the same function, by
// `m.Store(k, ...)` or `m.Delete(k)` that acts on what the Load saw:
// - Store of a value computed from the loaded one (taint through locals);
// - Store on the path where the Load missed (`if !ok {...}`, the else of
//   `if ok {...}`, a switch case, or after `if ok { return }`) of a fresh
//   object, of a value built from more than the key, or into a map whose
//   values evolve (a cache fill computed from the key alone loses nothing);
// - Delete that depends on the Load (under a condition on its results, or
//   with the loaded value used afterwards: a non-atomic LoadAndDelete).
// Each sync.Map call is atomic, so the race detector sees nothing; the lost
// update is a logic race. Not findings: Load then LoadOrStore, other keys or
// maps, a Load in another function (closures included), a race already
// settled by LoadOrStore/Swap/CompareAndSwap in between, or both calls under
// one held `x.Lock()` (also a creator's lock around a closure, and helpers
// documented as running under the caller's lock). The receiver must be a
// sync.Map by type.
import {
  defineRule, MentionsSyncMapFact, type Visitor, ast, docAbove, syncMapCall, syncMapIdentity, tupleTargets, usesOf, SyncMapSwappedFact,
  type Binding, type RuleContext, type Scopes, type SyncMapCall, type SyntaxNode,
} from '../../src/engine/index.js';
import { Taint, exclusive, rootsOf } from './taint.js';

type Verdict = 'derived' | 'miss' | 'delete';

interface LoadSite {
  call: SyncMapCall;
  /** The statement binding its results (`v, ok := m.Load(k)`), if any. */
  stmt?: SyntaxNode;
  receiverKey: string;
  keyKey: string;
  /** Binding of the loaded value (first result), when named. */
  value?: Binding;
  /** Binding of `ok` (second result), when named. */
  ok?: Binding;
}

const STORE_OR_DELETE = /\.(?:Store|Delete)\(/;

export default defineRule({
  meta: {
    id: 'syncmap-check-then-act',
    severity: 'warning',
    description: 'sync.Map Load followed by a Store/Delete of the same key that depends on what the Load saw: another goroutine\'s update in between is lost.',
    fixable: false,
    needs: ['scopes', 'types'],
  },
  create(ctx): Visitor {
    if (!ctx.fact(MentionsSyncMapFact)) return {};
    // The Load and the Store/Delete sit in one function, so both calls are written in this file.
    if (!ctx.file.text.includes('.Load(') || !STORE_OR_DELETE.test(ctx.file.text)) return {};
    const loadsByFunc = new Map<number, LoadSite[]>();
    return {
      call_expression(node: SyntaxNode) {
        const act = syncMapCall(ctx.scopes, node);
        if (!act || (act.method !== 'Store' && act.method !== 'Delete') || act.args.length === 0) return;
        const fn = ast.enclosingFunction(node);
        if (!fn) return;
        let loads = loadsByFunc.get(fn.id);
        if (!loads) loadsByFunc.set(fn.id, (loads = loadsIn(ctx.scopes, fn)));
        const receiverKey = ast.exprKey(act.receiver);
        const keyKey = ast.exprKey(act.args[0]!);
        const candidates = loads.filter((l) => l.call.call.endIndex <= node.startIndex && l.receiverKey === receiverKey && l.keyKey === keyKey).reverse();
        for (const load of candidates) {
          if (settledBetween(ctx.scopes, fn, load, act)) break;
          const verdict = judge(ctx, fn, load, act);
          if (!verdict) continue;
          // Double-checked locking: the nearest Load under a held lock decides.
          if (lockHeldAcross(fn, load.call.call, node)) return;
          ctx.report({ node, message: messageFor(ctx, verdict, load, act) });
          return;
        }
      },
    };
  },
});

/** Every `m.Load(k)` on a sync.Map directly in `fn` (not in nested function literals). */
function loadsIn(scopes: Scopes, fn: SyntaxNode): LoadSite[] {
  const out: LoadSite[] = [];
  const body = ast.field(fn, 'body');
  if (!body) return out;
  ast.walk(body, (n) => {
    if (n.type === 'func_literal') return false;
    if (n.type !== 'call_expression') return;
    const call = syncMapCall(scopes, n);
    if (call?.method !== 'Load' || call.args.length !== 1) return;
    const site: LoadSite = { call, receiverKey: ast.exprKey(call.receiver), keyKey: ast.exprKey(call.args[0]!) };
    const targets = tupleTargets(n) ?? [];
    const bind = (t: SyntaxNode | undefined) => (t?.type === 'identifier' && t.text !== '_' ? scopes.resolve(t) : undefined);
    site.value = bind(targets[0]);
    site.stmt = ast.ancestor(n, ['short_var_declaration', 'assignment_statement', 'var_spec']) ?? undefined;
    site.ok = bind(targets[1]);
    out.push(site);
  });
  return out;
}

/**
 * True when an atomic call on the same map and key (LoadOrStore, Swap,
 * CompareAndSwap, ...) sits between the Load and the act: that call settled
 * the race, and a later Store is a deliberate update, not a check-then-act.
 */
function settledBetween(scopes: Scopes, fn: SyntaxNode, load: LoadSite, act: SyncMapCall): boolean {
  let settled = false;
  const from = load.call.call.endIndex;
  ast.walk(fn, (n) => {
    if (settled || n.endIndex <= from || n.startIndex >= act.call.startIndex) return false;
    if (n.type !== 'call_expression') return;
    const c = syncMapCall(scopes, n);
    if (!c || !ATOMIC_METHODS.has(c.method) || c.args.length === 0) return;
    if (ast.exprKey(c.receiver) === load.receiverKey && ast.exprKey(c.args[0]!) === load.keyKey) settled = true;
  });
  return settled;
}

const ATOMIC_METHODS = new Set(['LoadOrStore', 'LoadAndDelete', 'Swap', 'CompareAndSwap', 'CompareAndDelete']);

function judge(ctx: RuleContext, fn: SyntaxNode, load: LoadSite, act: SyncMapCall): Verdict | undefined {
  const scopes = ctx.scopes;
  const taintUntil = (end: number) => new Taint(scopes, fn, load.call.call, load.value?.nameNode.id, load.stmt, end);
  const taint = taintUntil(act.call.startIndex);
  const cond = new Conditions(scopes, load, taint);
  if (act.method === 'Store') {
    const value = act.args[1];
    if (value && taint.reaches(value)) return 'derived';
    // On the miss path, a value every goroutine computes alike from the key (a
    // cache fill of a string or size) loses nothing when overwritten. A fresh
    // object does (callers keep using the copy no longer in the map), and so
    // does a value built from other inputs (another caller's data).
    if (!value || !onMissPath(act.call, fn, load, cond)) return undefined;
    if (freshObject(ctx, value) || !fromKeyAlone(scopes, value, act)) return 'miss';
    // A key-derived initial value still erases updates when values evolve: the
    // package swaps them in place, or this function's hit path stores a value
    // computed from the loaded one (`else { m.Store(k, 1) }` of a counter).
    const id = syncMapIdentity(scopes, act.receiver);
    if (id && ctx.fact(SyncMapSwappedFact).has(id)) return 'miss';
    return derivedStoreAlongside(scopes, fn, load, act) ? 'miss' : undefined;
  }
  if (controlDependent(act.call, fn, load, cond)) return 'delete';
  // The Load's results read after the Delete: a non-atomic LoadAndDelete.
  const later = taintUntil(fn.endIndex);
  let after = false;
  ast.walk(fn, (n) => {
    if (after || n.endIndex <= act.call.endIndex) return false;
    if (n.type !== 'identifier' || n.startIndex < act.call.endIndex || isAssigned(n) || exclusive(n, act.call)) return;
    const b = scopes.resolve(n);
    if (b && (b.nameNode.id === load.ok?.nameNode.id || later.taintedAt(n))) after = true;
  });
  return after ? 'delete' : undefined;
}

/** Another Store of the same key after the Load writes a value computed from the loaded one. */
function derivedStoreAlongside(scopes: Scopes, fn: SyntaxNode, load: LoadSite, act: SyncMapCall): boolean {
  let found = false;
  ast.walk(fn, (n) => {
    if (found || n.endIndex <= load.call.call.endIndex) return false;
    if (n.type === 'func_literal') return false;
    if (n.type !== 'call_expression' || n.id === act.call.id) return;
    const other = syncMapCall(scopes, n);
    if (other?.method !== 'Store' || other.args.length !== 2) return;
    if (ast.exprKey(other.receiver) !== load.receiverKey || ast.exprKey(other.args[0]!) !== load.keyKey) return;
    const taint = new Taint(scopes, fn, load.call.call, load.value?.nameNode.id, load.stmt, n.startIndex);
    if (taint.reaches(other.args[1]!)) found = true;
  });
  return found;
}

/** The value is computed only from what the key and the map expression are computed from. */
function fromKeyAlone(scopes: Scopes, value: SyntaxNode, act: SyncMapCall): boolean {
  const allowed = rootsOf(scopes, act.args[0]!);
  rootsOf(scopes, act.receiver, allowed);
  for (const r of rootsOf(scopes, value)) if (!allowed.has(r)) return false;
  return true;
}

/** An identifier on the left of `=` or `:=` (written, not read). */
function isAssigned(ident: SyntaxNode): boolean {
  const list = ident.parent?.type === 'expression_list' ? ident.parent : ident;
  const stmt = list.parent;
  if (!stmt || ast.field(stmt, 'left')?.id !== list.id) return false;
  return stmt.type === 'short_var_declaration' || (stmt.type === 'assignment_statement' && stmt.child(1)?.type === '=');
}

/**
 * A freshly allocated object with identity: `&T{...}`, `new(T)`, `make(...)`, a
 * slice or map literal, a `newX(...)`/`NewX(...)` constructor call, or a
 * local whose only value is one of those.
 */
function freshObject(ctx: RuleContext, expr: SyntaxNode, depth = 0): boolean {
  const e = ast.unparen(expr);
  if (depth > 3) return false;
  if (e.type === 'unary_expression' && e.child(0)?.type === '&') {
    const operand = ast.field(e, 'operand');
    return !!operand && ast.unparen(operand).type === 'composite_literal';
  }
  if (e.type === 'composite_literal') {
    const t = ctx.pkg.underlying(ctx.pkg.typeOf(ast.field(e, 'type')));
    return t.kind === 'slice' || t.kind === 'map';
  }
  if (e.type === 'call_expression') {
    const fn = ast.field(e, 'function');
    if (!fn) return false;
    if (fn.type === 'identifier' && (fn.text === 'new' || fn.text === 'make')) return !ctx.scopes.resolve(fn);
    const name = fn.type === 'selector_expression' ? ast.field(fn, 'field')?.text : fn.type === 'identifier' ? fn.text : undefined;
    return !!name && /^[nN]ew([A-Z_]|$)/.test(name);
  }
  if (e.type === 'identifier') {
    const b = ctx.scopes.resolve(e);
    if (!b || (b.kind !== 'local') || !b.func) return false;
    // Every value the local gets in the function must be fresh.
    const values: SyntaxNode[] = [];
    if (b.value) values.push(b.value);
    else if (b.tupleValue) return false;
    let other = false;
    for (const u of usesOf(ctx.scopes, b, b.func)) {
      if (u.kind === 'address') other = true;
      if (u.kind !== 'assign') continue;
      const stmt = u.node.parent?.type === 'expression_list' ? u.node.parent.parent : u.node.parent;
      const left = stmt ? ast.expressionsOf(ast.field(stmt, 'left')) : [];
      const right = stmt ? ast.expressionsOf(ast.field(stmt, 'right')) : [];
      const i = left.findIndex((l) => l.id === u.node.id);
      if (i < 0 || right.length !== left.length || (stmt?.type === 'assignment_statement' && stmt.child(1)?.type !== '=')) other = true;
      else values.push(right[i]!);
    }
    return !other && values.length > 0 && values.every((v) => freshObject(ctx, v, depth + 1));
  }
  return false;
}

/** Classifies if-conditions over a Load's results: "true only after a hit" / "true after a miss". */
class Conditions {
  constructor(private readonly scopes: Scopes, private readonly load: LoadSite, private readonly taint: Taint) {}

  /** `node` names `b` and still holds what the Load gave it (no assignment in between). */
  private is(node: SyntaxNode, b: Binding | undefined): boolean {
    const n = ast.unparen(node);
    if (!b || n.type !== 'identifier' || this.scopes.resolve(n)?.nameNode.id !== b.nameNode.id) return false;
    const from = this.load.call.call.endIndex;
    const fn = b.func ?? ast.enclosingFunction(n);
    if (!fn) return true;
    return !usesOf(this.scopes, b, fn).some((u) => u.kind === 'assign' && u.node.startIndex > from && u.node.startIndex < n.startIndex && !exclusive(u.node, n));
  }

  /** When the condition is true, the Load found the key (at least in the tested case). */
  hit(node: SyntaxNode): boolean {
    const c = ast.unparen(node);
    if (this.is(c, this.load.ok)) return true;
    if (c.type === 'unary_expression' && c.child(0)?.type === '!') return this.miss(ast.field(c, 'operand') ?? c);
    if (c.type !== 'binary_expression') return false;
    const op = ast.field(c, 'operator')?.text;
    const l = ast.field(c, 'left');
    const r = ast.field(c, 'right');
    if (!l || !r) return false;
    if (op === '&&' || op === '||') return this.hit(l) || this.hit(r);
    return this.compare(l, r, op === '!=' ? 'nonnil' : op === '==' ? 'nil' : undefined) === 'hit';
  }

  /** When the condition is true, the Load missed (at least in the tested case). */
  miss(node: SyntaxNode): boolean {
    const c = ast.unparen(node);
    if (c.type === 'unary_expression' && c.child(0)?.type === '!') return this.hit(ast.field(c, 'operand') ?? c);
    if (c.type !== 'binary_expression') return false;
    const op = ast.field(c, 'operator')?.text;
    const l = ast.field(c, 'left');
    const r = ast.field(c, 'right');
    if (!l || !r) return false;
    if (op === '&&' || op === '||') return this.miss(l) || this.miss(r);
    return this.compare(l, r, op === '!=' ? 'nonnil' : op === '==' ? 'nil' : undefined) === 'miss';
  }

  /** `v == nil`, `v != nil`, `ok == false`, `ok == true` (either operand order). */
  private compare(l: SyntaxNode, r: SyntaxNode, op: 'nil' | 'nonnil' | undefined): 'hit' | 'miss' | undefined {
    if (!op) return undefined;
    for (const [a, b] of [[l, r], [r, l]] as const) {
      const other = ast.unparen(b);
      if (this.is(a, this.load.value) && other.type === 'nil') return op === 'nil' ? 'miss' : 'hit';
      if (this.is(a, this.load.ok) && (other.type === 'true' || other.type === 'false')) {
        const isTrue = (other.type === 'true') === (op === 'nil');
        return isTrue ? 'hit' : 'miss';
      }
    }
    return undefined;
  }

  /** The condition reads the Load's results (either polarity). */
  depends(node: SyntaxNode): boolean {
    const ids = new Set(this.taint.ids);
    if (this.load.ok) ids.add(this.load.ok.nameNode.id);
    return this.taint.mentions(node, ids);
  }
}

/** Walks from `node` up to `fn`, yielding each ancestor and the child on the path. */
function* pathUp(node: SyntaxNode, fn: SyntaxNode): Generator<{ parent: SyntaxNode; child: SyntaxNode }> {
  for (let child = node, parent = node.parent; parent && parent.id !== fn.id; child = parent, parent = parent.parent) {
    yield { parent, child };
  }
}

function onMissPath(act: SyntaxNode, fn: SyntaxNode, load: LoadSite, cond: Conditions): boolean {
  return guardedBy(act, fn, load, (c, branch) => (branch === 'consequence' ? cond.miss(c) : cond.hit(c)), (c) => cond.hit(c));
}

function controlDependent(act: SyntaxNode, fn: SyntaxNode, load: LoadSite, cond: Conditions): boolean {
  return guardedBy(act, fn, load, (c) => cond.depends(c), (c) => cond.depends(c));
}

/**
 * True when `act` sits in a branch of an if (after the Load) whose condition
 * satisfies `branchTest`, or after an earlier `if cond { return }` (no else,
 * after the Load) whose condition satisfies `exitTest`.
 */
function guardedBy(
  act: SyntaxNode, fn: SyntaxNode, load: LoadSite,
  branchTest: (cond: SyntaxNode, branch: 'consequence' | 'alternative') => boolean,
  exitTest: (cond: SyntaxNode) => boolean,
): boolean {
  const loadAt = load.call.call.startIndex;
  for (const { parent, child } of pathUp(act, fn)) {
    if (parent.type === 'expression_case' && child.type === 'statement_list' && parent.endIndex > loadAt) {
      // `switch { case !ok: ... }`: a tagless switch's case expressions are conditions.
      const sw = parent.parent;
      if (sw?.type === 'expression_switch_statement' && !ast.field(sw, 'value')) {
        if (ast.expressionsOf(ast.field(parent, 'value')).some((c) => branchTest(c, 'consequence'))) return true;
      }
    }
    if (parent.type === 'if_statement' && parent.endIndex > loadAt) {
      const c = ast.field(parent, 'condition');
      const consequence = ast.field(parent, 'consequence');
      const alternative = ast.field(parent, 'alternative');
      if (c && consequence?.id === child.id && branchTest(c, 'consequence')) return true;
      if (c && alternative?.id === child.id && branchTest(c, 'alternative')) return true;
    }
    if (parent.type === 'statement_list' || parent.type === 'block') {
      for (const st of ast.namedChildren(parent)) {
        if (st.startIndex >= child.startIndex) break;
        if (st.endIndex <= loadAt || st.type !== 'if_statement' || ast.field(st, 'alternative')) continue;
        const c = ast.field(st, 'condition');
        if (c && exitTest(c) && terminates(ast.field(st, 'consequence'))) return true;
      }
    }
  }
  return false;
}

/** A block whose last statement leaves it: return, break, continue, goto, panic(...). */
function terminates(block: SyntaxNode | null): boolean {
  const last = ast.statementsOf(block).at(-1);
  if (!last) return false;
  if (['return_statement', 'break_statement', 'continue_statement', 'goto_statement'].includes(last.type)) return true;
  if (last.type === 'expression_statement') {
    const shape = ast.callShape(last.namedChild(0) ?? last);
    return shape?.callee === 'panic';
  }
  return false;
}

/**
 * True when some `x.Lock()` before the Load in the same function is still
 * held at `act`: no `x.Unlock()` (other than deferred) in between.
 */
function lockHeldAcross(fn: SyntaxNode, load: SyntaxNode, act: SyntaxNode): boolean {
  if (lockHeldIn(fn, load, act)) return true;
  // Helpers documented as running under the caller's lock (`fooLocked`, "Lock should be held").
  const decl = fn.type === 'func_literal' ? ast.ancestor(fn, ['function_declaration', 'method_declaration']) : fn;
  if (decl && callerHoldsLock(decl)) return true;
  // A closure called while its creator holds a lock (`mu.Lock(); defer mu.Unlock(); add := func() {...}`).
  for (let inner = fn, outer = ast.enclosingFunction(fn); inner.type === 'func_literal' && outer; inner = outer, outer = ast.enclosingFunction(outer)) {
    if (lockHeldIn(outer, inner, inner)) return true;
  }
  return false;
}

function callerHoldsLock(decl: SyntaxNode): boolean {
  if (/Locked$/.test(ast.field(decl, 'name')?.text ?? '')) return true;
  const doc = docAbove(decl);
  if (/\bnot\s+(be\s+)?held\b|\bnot\s+hold\b|\bwithout\b[^.\n]*\block/i.test(doc)) return false;
  return /\b(lock|mutex|mu)\b[^.\n]*\b(is|be)\s+held|\bmust hold\b|\bwith [\w.]*\s*(lock|mutex|mu)\s+held|\bcaller holds\b/i.test(doc);
}

/** An unlock on an early-exit path (`if err { mu.Unlock(); return }`) that never reaches `act`. */
function leavesBefore(unlock: SyntaxNode, act: SyntaxNode): boolean {
  const block = ast.ancestor(unlock, ['block']);
  return !!block && !ast.contains(block, act) && terminates(block);
}

function lockHeldIn(fn: SyntaxNode, load: SyntaxNode, act: SyntaxNode): boolean {
  const locks: string[] = [];
  const unlocks: { key: string; at: number }[] = [];
  const lockAt = new Map<string, number>();
  ast.walk(fn, (n) => {
    if (n.type === 'func_literal' && n.id !== fn.id) return false;
    if (n.startIndex >= act.startIndex) return false;
    if (n.type !== 'call_expression') return;
    const shape = ast.callShape(n);
    if (!shape?.receiver || shape.args.length !== 0) return;
    const key = ast.exprKey(shape.receiver);
    if (shape.method === 'Lock' && n.startIndex < load.startIndex) {
      locks.push(key);
      lockAt.set(key, n.startIndex);
    } else if (shape.method === 'Unlock' && n.parent?.type !== 'defer_statement' && !leavesBefore(n, act)) {
      unlocks.push({ key, at: n.startIndex });
    }
  });
  return locks.some((key) => !unlocks.some((u) => u.key === key && u.at > lockAt.get(key)!));
}

function messageFor(ctx: RuleContext, verdict: Verdict, load: LoadSite, act: SyncMapCall): string {
  const m = ast.exprKey(act.receiver);
  const k = shortText(act.args[0], 'key');
  const line = load.call.call.startPosition.row + 1;
  const logic = 'the race detector cannot see this, because each sync.Map call is atomic on its own (a logic race, not a data race)';
  switch (verdict) {
    case 'miss':
      return `This ${m}.Store runs only when the ${m}.Load(${k}) at line ${line} missed, so a value another goroutine stores for the key between the two calls is overwritten and lost; ${logic}. ` +
        `Store only if absent in one step: actual, loaded := ${m}.LoadOrStore(${k}, ${shortText(act.args[1], 'v')}).`;
    case 'derived': {
      const inPlace = /^append\s*\(/.test(ast.unparen(act.args[1]!).text);
      const fix = inPlace
        ? `Guard a plain map with a sync.Mutex when the value is updated in place (as with this append), or store a pointer once with ${m}.LoadOrStore and lock inside it.`
        : ctx.atLeastGo('1.20')
          ? `Retry with ${m}.CompareAndSwap(${k}, old, new) until it succeeds (the old value must be comparable), or guard a plain map with a sync.Mutex.`
          : `Guard a plain map with a sync.Mutex (or, from Go 1.20, retry with ${m}.CompareAndSwap(${k}, old, new) until it succeeds).`;
      return `This ${m}.Store writes a value computed from the ${m}.Load(${k}) at line ${line}, so an update another goroutine makes between the two calls is lost; ${logic}. ${fix}`;
    }
    case 'delete':
      return `This ${m}.Delete acts on the ${m}.Load(${k}) at line ${line}, so a value another goroutine stores for the key between the two calls is deleted unseen; ${logic}. ` +
        `Load and delete in one step: v, loaded := ${m}.LoadAndDelete(${k})${ctx.atLeastGo('1.20') ? `, or ${m}.CompareAndDelete(${k}, old) to delete only the value you saw` : ''}.`;
  }
}

/** Source text of a short single-line expression, else a placeholder. */
function shortText(node: SyntaxNode | undefined, placeholder: string): string {
  const t = node?.text ?? '';
  return t && t.length <= 40 && !t.includes('\n') ? t : placeholder;
}
