// Map fields that the package itself sets back to nil (`s.conns = nil` in Stop,
// `mb.fss = nil` when a cache is dropped) and tests for nil elsewhere: a write
// in a function that neither checks nor allocates the field first runs on a
// nil map whenever it comes after the reset. Warning level: whether it can run
// after the reset depends on call order we do not follow.
import { ast, CallsByCalleeFact, defineFact, ScopesFact, type Fact, type RuleContext, type Scopes, type SyntaxNode, type GoFile } from '../../src/engine/index.js';
import { guardedByPresence, line, terminates } from './paths.js';
import { calleeDecl } from './helpers.js';

interface NilReset {
  file: GoFile;
  stmt: SyntaxNode;
  /** Name of the function or method holding the reset, for the message. */
  inFunc: string;
}

interface FieldNilEvidence {
  /** "Type.field" -> statements `x.f = nil` outside tests, x of that package type. */
  resets: Map<string, NilReset[]>;
  /** "Type.field" compared with nil somewhere (`x.f == nil`, `x.f != nil`). */
  tested: Set<string>;
}

/** "Type.field" for a selector whose operand has a package type (through one pointer). */
function fieldKey(scopes: Scopes, sel: SyntaxNode): string | undefined {
  const operand = ast.field(sel, 'operand');
  const name = ast.field(sel, 'field')?.text;
  if (!operand || !name) return undefined;
  let t = scopes.typeOfExpr(operand);
  if (t.kind === 'pointer') t = t.elem;
  return t.kind === 'named' && !t.qualifier ? `${t.name}.${name}` : undefined;
}

const FieldNilEvidenceFact: Fact<FieldNilEvidence> = defineFact('nil-map-write/field-nil-evidence', (pkg) => {
  const out: FieldNilEvidence = { resets: new Map(), tested: new Set() };
  const scopes = pkg.fact(ScopesFact);
  for (const file of pkg.files) {
    const isTest = file.path.endsWith('_test.go');
    for (const n of ast.descendants(file.tree.rootNode, ['binary_expression', 'assignment_statement'])) {
      if (n.type === 'binary_expression') {
        const op = n.child(1)?.type;
        const left = ast.field(n, 'left');
        const right = ast.field(n, 'right');
        if ((op === '==' || op === '!=') && left && right) {
          const sel = right.type === 'nil' ? ast.unparen(left) : left.type === 'nil' ? ast.unparen(right) : undefined;
          const key = sel?.type === 'selector_expression' ? fieldKey(scopes, sel) : undefined;
          if (key) out.tested.add(key);
        }
      } else if (n.type === 'assignment_statement' && !isTest && n.child(1)?.type === '=') {
        const lefts = ast.expressionsOf(ast.field(n, 'left'));
        const rights = ast.expressionsOf(ast.field(n, 'right'));
        if (lefts.length !== rights.length) continue;
        lefts.forEach((l, i) => {
          const target = ast.unparen(l);
          if (target.type !== 'selector_expression' || rights[i].type !== 'nil' || movedOut(n, target)) return;
          const key = fieldKey(scopes, target);
          if (!key) return;
          const list = out.resets.get(key) ?? [];
          list.push({ file, stmt: n, inFunc: functionName(n) });
          out.resets.set(key, list);
        });
      }
    }
  }
  return out;
});

/** `other.f = x.f; x.f = nil` (or `other.f, x.f = x.f, nil`): the map moved to a new owner; x is being retired. */
function movedOut(reset: SyntaxNode, target: SyntaxNode): boolean {
  const fn = ast.enclosingFunction(reset);
  if (!fn) return false;
  const key = ast.exprKey(target);
  let moved = false;
  ast.walk(fn, (n) => {
    if (moved || n.startIndex > reset.startIndex) return false;
    // Only into another value's field: `cs := s.conns; s.conns = nil` keeps s alive and just drains it.
    // The map may also travel inside a literal: `lv.m = Map{Vals: lc.m.Vals}; lc.m.Vals = nil`.
    if (n.type === 'assignment_statement' && n.id !== reset.id) {
      const lefts = ast.expressionsOf(ast.field(n, 'left'));
      ast.expressionsOf(ast.field(n, 'right')).forEach((r, i) => {
        const carries = ast.exprKey(r) === key || ast.descendants(r, ['selector_expression']).some((d) => ast.exprKey(d) === key);
        if (carries && lefts[i] && ast.unparen(lefts[i]).type === 'selector_expression') moved = true;
      });
    }
    return true;
  });
  return moved;
}

function functionName(node: SyntaxNode): string {
  let fn = ast.enclosingFunction(node);
  while (fn && fn.type === 'func_literal') fn = ast.enclosingFunction(fn);
  return fn ? (ast.field(fn, 'name')?.text ?? 'a function') : 'package scope';
}

/**
 * `x.f[k] = v` where the package sets `.f = nil` somewhere and tests `.f` for nil
 * elsewhere, and the innermost function holding the write does nothing to `x.f`
 * before it: no nil test, no assignment, no `&x.f`, no method call on `x` or hand-off
 * of `x` that could allocate it. Returns true when it reported.
 */
export function checkResetField(ctx: RuleContext, stmt: SyntaxNode, sel: SyntaxNode, ownerName: string, fieldName: string): boolean {
  // A test drives the value's lifecycle itself: it takes the reset (stop, shutdown) as a step in
  // its own order, so a write in a test is no window after someone else's reset (as resets in
  // tests are no evidence for the package's code, below).
  if (ctx.file.path.endsWith('_test.go')) return false;
  const evidence = ctx.fact(FieldNilEvidenceFact);
  const key = `${ownerName}.${fieldName}`;
  const resets = evidence.resets.get(key);
  if (!resets || !evidence.tested.has(key)) return false;
  const base = ast.field(sel, 'operand');
  const fn = ast.enclosingFunction(stmt);
  const body = fn ? ast.functionBody(fn) : null;
  if (!base || !fn || !body) return false;
  const selText = ast.exprKey(sel);
  const baseText = ast.exprKey(base);
  const reset = resets.find((r) => r.file === ctx.file && ast.contains(fn, r.stmt) && r.stmt.startIndex < stmt.startIndex) ?? resets[0];
  const ignoredError = { call: undefined as SyntaxNode | undefined };
  if (!untouchedBefore(ctx, body, stmt, selText, baseText, fieldName, ignoredError)) return false;
  if (!ignoredError.call && aCallerPrepares(ctx, fn, fieldName)) return false;
  const at = `${reset.file === ctx.file ? 'line ' + line(reset.stmt) : ctx.where(reset.stmt, reset.file)}`;
  const where = fn.type === 'func_literal' ? 'this function literal' : 'this function';
  const because = ignoredError.call
    ? `the error from ${ignoredError.call.text} at line ${line(ignoredError.call)} is ignored, so the write also runs when that call failed`
    : `nothing in ${where} checks or allocates it before the write`;
  ctx.report({
    node: stmt,
    atMost: 'warning',
    message: `${sel.text} may be a nil map here: ${ownerName}.${fieldName} is set to nil at ${at} (in ${reset.inFunc}), and ${because}. If this runs after that reset, the write panics with "assignment to entry in nil map"; check it first (if ${sel.text} == nil { ... }) and allocate it or return.`,
  });
  return true;
}

/** The package method a call `x.m(...)` runs, when x's type is declared here. */
function calledMethod(ctx: RuleContext, call: SyntaxNode): SyntaxNode | undefined {
  return ast.callShape(call)?.method ? calleeDecl(ctx, call) : undefined;
}

function returnsError(method: SyntaxNode): boolean {
  const result = ast.field(method, 'result');
  if (!result) return false;
  const types = result.type === 'parameter_list' ? ast.namedChildren(result).map((p) => ast.field(p, 'type')) : [result];
  return types[types.length - 1]?.text === 'error';
}

/** Per package: "method node id / field" -> whether the method may set the field. */
const MayAssignCacheFact: Fact<Map<string, boolean>> = defineFact('nil-map-write/may-assign-cache', () => new Map());

/**
 * True when `method` may set field `fieldName`: it assigns `.fieldName`, takes its
 * address, hands its receiver to a function, or calls (through its receiver) a
 * method that may (outside `go` statements). Methods we cannot see count as setting it; a method already
 * being examined (recursion) adds nothing new.
 */
function mayAssignField(ctx: RuleContext, method: SyntaxNode | undefined, fieldName: string): boolean {
  if (!method) return true;
  const cache = ctx.fact(MayAssignCacheFact);
  const key = `${method.id}/${fieldName}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  cache.set(key, false);
  const recv = ast.receiverOf(method)?.name?.text;
  const body = ast.functionBody(method);
  let may = !body;
  if (body) {
    ast.walk(body, (n) => {
      // A goroutine started here runs concurrently: nothing says it finishes before the write.
      if (may || n.type === 'go_statement') return false;
      if (n.type === 'selector_expression' && ast.field(n, 'field')?.text === fieldName) {
        const parent = n.parent;
        const assigned = parent?.type === 'expression_list' && parent.parent?.type === 'assignment_statement' && ast.field(parent.parent, 'left')?.id === parent.id;
        const addressed = parent?.type === 'unary_expression' && parent.child(0)?.type === '&';
        if (assigned || addressed) may = true;
        return true;
      }
      if (recv && n.type === 'call_expression') {
        const shape = ast.callShape(n);
        if (shape?.receiver && ast.exprKey(shape.receiver) === recv && mayAssignField(ctx, calledMethod(ctx, n), fieldName)) may = true;
        if (shape?.args.some((a) => ast.exprKey(a) === recv || ast.exprKey(a) === `&${recv}`)) may = true;
      }
      return true;
    });
  }
  cache.set(key, may);
  return may;
}

/**
 * True when nothing between the start of `body` and `write` may set `selText`: no
 * nil test of it, no assignment, and no use of `baseText` other than reading or
 * writing fields. A method call on the base whose error result is dropped is the
 * one exception: it is recorded in `ignoredError` and does not count as allocation.
 */
function untouchedBefore(ctx: RuleContext, body: SyntaxNode, write: SyntaxNode, selText: string, baseText: string, fieldName: string, ignoredError: { call: SyntaxNode | undefined }): boolean {
  let clean = true;
  ast.walk(body, (n) => {
    if (!clean || n.startIndex >= write.startIndex) return false;
    if (n.type === 'if_statement' && !ast.contains(n, write) && lifecycleCheck(n, baseText)) {
      clean = false;
      return false;
    }
    const key = n.type === 'selector_expression' || n.type === 'identifier' ? ast.exprKey(n) : '';
    if (key === selText) {
      // x.f itself: fine only as the operand of an index expression (a read or another write).
      const parent = n.parent;
      if (!(parent?.type === 'index_expression' && ast.field(parent, 'operand')?.id === n.id) || parent.parent?.type === 'unary_expression') clean = false;
      return false;
    }
    if (key === baseText) {
      const parent = n.parent;
      if (parent?.type === 'selector_expression' && ast.field(parent, 'operand')?.id === n.id) {
        const grand = parent.parent;
        const isCall = grand?.type === 'call_expression' && ast.field(grand, 'function')?.id === parent.id;
        if (!isCall) return false; // another field
        const method = calledMethod(ctx, grand);
        if (!mayAssignField(ctx, method, fieldName)) return true;
        if (method && grand.parent?.type === 'expression_statement' && returnsError(method)) {
          ignoredError.call ??= grand;
          return true;
        }
      }
      clean = false; // a method call that may allocate, a hand-off, a reassignment
      return false;
    }
    return true;
  });
  return clean && !enclosingNilTest(write, body, selText);
}

/**
 * A helper such as `addItem` ("caller holds the lock and has initialised"): some
 * caller in the package tests or may allocate the field before calling it, so
 * the helper's own silence is no evidence.
 */
function aCallerPrepares(ctx: RuleContext, fn: SyntaxNode, fieldName: string): boolean {
  const name = fn.type === 'func_literal' ? undefined : ast.field(fn, 'name')?.text;
  if (!name) return false;
  // The calls `x.name(...)` (callShape names a method only for a selector callee).
  for (const { call } of ctx.fact(CallsByCalleeFact).get(name) ?? []) {
    const shape = ast.callShape(call);
    if (shape?.method !== name || !shape.receiver) continue;
    const caller = ast.enclosingFunction(call);
    const body = caller ? ast.functionBody(caller) : null;
    if (!body) continue;
    const recv = ast.exprKey(shape.receiver);
    if (!untouchedBefore(ctx, body, call, `${recv}.${fieldName}`, recv, fieldName, { call: undefined })) return true;
  }
  return false;
}

/** `if p.closed() { return }`, `if s.stopped { return ErrClosed }`: an early exit on the owner's state, which the reset usually goes with. */
function lifecycleCheck(ifStmt: SyntaxNode, baseText: string): boolean {
  const cond = ast.field(ifStmt, 'condition');
  const then = ast.field(ifStmt, 'consequence');
  if (!cond || !then) return false;
  const stmts = ast.statementsOf(then);
  const last = stmts[stmts.length - 1];
  if (!last || !terminates(last)) return false;
  return cond.text.replace(/\s+/g, '').includes(`${baseText}.`);
}

function enclosingNilTest(write: SyntaxNode, body: SyntaxNode, selText: string): boolean {
  if (guardedByPresence(write, selText, body)) return true;
  for (let p = write.parent; p && p.id !== body.id; p = p.parent) {
    if (p.type === 'if_statement' || p.type === 'expression_case' || p.type === 'for_statement') {
      const cond = (ast.field(p, 'condition') ?? ast.field(p, 'value'))?.text.replace(/\s+/g, '') ?? '';
      if (cond.includes(`${selText}!=nil`) || cond.includes(`${selText}==nil`) || cond.includes(`len(${selText})`)) return true;
    }
  }
  return false;
}
