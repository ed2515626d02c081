// The statement walk of the concurrency model: one pass over a function body, carrying the lock
// state in statement order (lock regions, `defer mu.Unlock()`, early returns, lock helpers and
// wrappers), recording every map access with its identity (identity.ts) and the locks held,
// every call site with its callee, every function literal as a unit of its own, and every
// goroutine start as a root. summaries.ts decides which bodies to walk and links the roots.
import type { SyntaxNode } from '../types.js';
import { nodeKinds, type GrammarNames, type NodeKinds } from '../syntax/tree.js';
import type { GoFile } from '../source.js';
import type { PackageModel } from '../model.js';
import type { Scopes } from '../scope.js';
import { calledMethodName, callShape, expressionsOf, field, namedChildren, namedChildrenWithoutComments, unparen } from '../ast.js';
import { isWriteTarget } from '../uses.js';
import type { AccessKind, CallSite, LockMode, LockSet, MapAccess, Root, RootKind, Unit } from './types.js';
import { commaOkIndex, homeDecl, inLoopWithin, isConstFalse, literalEscapes } from './units.js';
import { LOCK_OPS, emptyLocks, replace, snapshot, union } from './locks.js';
import { MapIdentities } from './identity.js';
import { Ownership } from './ownership.js';
import { goStarter } from './contexts.js';
import { foreignGoArgs, isSyncOnce } from './callbacks.js';
import { closureBindings } from '../syntax/words.js';

const LEAVES = new Set(['identifier', 'field_identifier', 'type_identifier', 'package_identifier', 'interpreted_string_literal', 'raw_string_literal', 'int_literal', 'float_literal', 'rune_literal', 'comment', 'true', 'false', 'nil']);
const INTERESTING = new Set(['func_literal', 'index_expression', 'unary_expression', 'call_expression', 'block', 'statement_list', 'labeled_statement', 'if_statement', 'for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement', 'defer_statement', 'go_statement', 'receive_statement', 'return_statement']);
const STMT_TYPES = new Set(['block', 'statement_list', 'labeled_statement', 'if_statement', 'for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement', 'defer_statement', 'go_statement', 'receive_statement', 'return_statement']);

export abstract class BodyWalker {
  readonly units: Unit[] = [];

  readonly unitByNode = new Map<number, Unit>();

  readonly roots: Root[] = [];

  readonly accesses: MapAccess[] = [];

  protected readonly pendingParamCalls: { site: SyntaxNode; caller: Unit; calleeDecl: SyntaxNode; args: SyntaxNode[]; file: GoFile; inLoop: boolean | undefined }[] = [];

  protected readonly pendingGo: { site: SyntaxNode; file: GoFile; launcher: Unit; kind: RootKind; targetNode: SyntaxNode; inLoop: boolean }[] = [];

  /** Calls `p(...)` of a function-typed parameter p, for goParams. */
  protected readonly paramCalls: { unit: Unit; name: string; paramFn: SyntaxNode; call: SyntaxNode }[] = [];

  protected readonly ids: MapIdentities;
  protected readonly own: Ownership;

  constructor(
    readonly pkg: PackageModel,
    readonly scopes: Scopes,
  ) {
    this.ids = new MapIdentities(pkg, scopes);
    this.own = new Ownership(pkg, scopes);
  }

  /** Functions like `withLock(mu, func() {...})`: decl node id -> which argument is locked around which callback. */
  protected readonly lockWrappers = new Map<number, { lockIdx: number; fnIdx: number; mode: LockMode }>();

  protected newUnit(node: SyntaxNode, file: GoFile, parent: Unit | undefined, entryLocks: LockSet): Unit {
    const params = field(node, 'parameters');
    const paramNames: string[] = [];
    for (const p of params ? namedChildren(params) : []) {
      if (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration') continue;
      const names = p.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
      if (names.length === 0) paramNames.push('');
      for (const n of names) paramNames.push(n.text);
    }
    const u: Unit = {
      id: node.id, node, file, parent, entryLocks, accesses: [], calls: [], waits: [], lockEvents: [], literals: [], goParams: new Map(), paramNames, callers: [],
    };
    this.units.push(u);
    this.unitByNode.set(node.id, u);
    if (parent) parent.literals.push(u);
    return u;
  }


  /** Records a goroutine or handler start (summaries.ts links and walks its target). */
  protected abstract addRoot(kind: RootKind, site: SyntaxNode, siteFile: GoFile, launcher: Unit | undefined, target: Unit, multi: boolean): Root | undefined;

  /** The unit being walked (for the receiver shortcut). */
  protected get currentUnit(): Unit | undefined {
    return this.ids.current;
  }

  protected set currentUnit(u: Unit | undefined) {
    this.ids.current = u;
  }

  protected readonly walked = new Set<number>();

  protected walkUnit(u: Unit): void {
    if (this.walked.has(u.id)) return;
    this.walked.add(u.id);
    const body = field(u.node, 'body');
    if (!body) return;
    const state = emptyLocks();
    const outer = this.currentUnit;
    this.currentUnit = u;
    this.walkStmts(u, body, state);
    this.currentUnit = outer;
  }

  // ---- the statement walk (one pass per body, carrying the lock state) ----

  /** Walks a node in source order; returns true when it always terminates (return/panic/...). */
  protected walkStmts(u: Unit, node: SyntaxNode, state: Map<string, LockMode>): boolean {
    let terminated = false;
    for (const c of namedChildren(node)) {
      if (c.type === 'comment') continue;
      // `goto L` arrives at L holding the locks held at the goto; after a `continue` or `return`, only so.
      const at = c.type === 'labeled_statement' ? this.gotoStates.get(`${u.id}:${namedChildren(c).find((x) => x.type === 'label_name')?.text}`) : undefined;
      if (at) replace(state, terminated ? at : union(new Map(state), at));
      terminated = this.walkStmt(u, c, state) || terminated;
    }
    return terminated;
  }

  /** Lock states at the `goto` statements seen so far, by unit and label. */
  private readonly gotoStates = new Map<string, Map<string, LockMode>>();

  protected walkStmt(u: Unit, s: SyntaxNode, state: Map<string, LockMode>): boolean {
    switch (s.type) {
      case 'block':
      case 'statement_list':
        return this.walkStmts(u, s, state);
      case 'labeled_statement': {
        const inner = namedChildren(s).find((c) => c.type !== 'label_name');
        return inner ? this.walkStmt(u, inner, state) : false;
      }
      case 'return_statement':
        this.walkChildren(u, s, state);
        this.noteReturnedMaps(u, s, state);
        return true;
      case 'goto_statement': {
        const k = `${u.id}:${namedChildren(s).find((x) => x.type === 'label_name')?.text}`;
        const prev = this.gotoStates.get(k);
        this.gotoStates.set(k, prev ? union(prev, state) : new Map(state));
        return true;
      }
      case 'break_statement':
      case 'continue_statement':
        return true;
      case 'expression_statement': {
        this.walkChildren(u, s, state);
        const call = unparen(s.namedChild(0) ?? s);
        if (call.type === 'call_expression') {
          const fn = field(call, 'function');
          if (fn?.type === 'identifier' && fn.text === 'panic' && !this.scopes.resolve(fn)) return true;
          const method = calledMethodName(call);
          if (method && (method === 'Exit' || method.startsWith('Fatal')) && /^(log\.Fatal\w*|os\.Exit)$/.test(callShape(call)?.callee ?? '')) return true;
        }
        return false;
      }
      case 'if_statement': {
        // `if debugX { ... }` with `const debugX = false`: dead code.
        if (isConstFalse(this.scopes, field(s, 'condition'))) {
          const alt = field(s, 'alternative');
          return alt ? this.walkStmt(u, alt, state) : false;
        }
        const init = field(s, 'initializer');
        if (init) this.walkStmt(u, init, state);
        const cond = field(s, 'condition');
        if (cond) this.walkExpr(u, cond, state);
        const s1 = new Map(state);
        const cons = field(s, 'consequence');
        const t1 = cons ? this.walkStmts(u, cons, s1) : false;
        const alt = field(s, 'alternative');
        const s2 = new Map(state);
        const t2 = alt ? this.walkStmt(u, alt, s2) : false;
        let next: Map<string, LockMode>;
        if (t1 && t2) next = state;
        else if (t1) next = s2;
        else if (t2) next = s1;
        else next = union(s1, s2);
        replace(state, next);
        return t1 && t2;
      }
      case 'for_statement': {
        for (const c of namedChildren(s)) {
          if (c.type === 'block') this.walkStmts(u, c, new Map(state));
          else if (c.type === 'for_clause') {
            const init = field(c, 'initializer');
            if (init) this.walkStmt(u, init, state);
            const cond = field(c, 'condition');
            if (cond) this.walkExpr(u, cond, state);
            const upd = field(c, 'update');
            if (upd) this.walkStmt(u, upd, new Map(state));
          } else if (c.type === 'range_clause') {
            const right = field(c, 'right');
            if (right) {
              this.walkExpr(u, right, state);
              this.noteRange(u, right, state);
              if (this.own.isChanRange(right)) u.waits.push(s.startIndex);
            }
          } else if (c.type !== 'comment') this.walkExpr(u, c, state);
        }
        return false;
      }
      case 'expression_switch_statement':
      case 'type_switch_statement':
      case 'select_statement': {
        const cases: SyntaxNode[] = [];
        for (const c of namedChildren(s)) {
          if (c.type === 'expression_case' || c.type === 'default_case' || c.type === 'type_case' || c.type === 'communication_case') cases.push(c);
          else if (c.type !== 'comment' && c.type !== 'field_identifier') {
            if (c.type.endsWith('_statement') || c.type === 'short_var_declaration' || c.type === 'assignment_statement') this.walkStmt(u, c, state);
            else this.walkExpr(u, c, state);
          }
        }
        let allTerminate = cases.length > 0 && cases.some((c) => c.type === 'default_case');
        for (const c of cases) {
          const cs = new Map(state);
          let t = false;
          for (const part of namedChildren(c)) {
            if (part.type === 'statement_list') t = this.walkStmts(u, part, cs) || t;
            else if (part.type === 'receive_statement' || part.type === 'send_statement') this.walkStmt(u, part, cs);
            else if (part.type !== 'comment') this.walkExpr(u, part, cs);
          }
          if (!t) allTerminate = false;
        }
        return s.type !== 'select_statement' && allTerminate;
      }
      case 'defer_statement': {
        const call = unparen(s.namedChild(0) ?? s);
        const ev = call.type === 'call_expression' ? this.ids.lockCall(call) : undefined;
        if (ev) {
          // `defer mu.Unlock()` keeps the lock to the end of the function.
          u.lockEvents.push({ ...ev, deferred: true });
          return false;
        }
        this.walkChildren(u, s, state);
        return false;
      }
      case 'go_statement': {
        const call = unparen(s.namedChild(0) ?? s);
        if (call.type !== 'call_expression') return false;
        const fn = field(call, 'function');
        const args = field(call, 'arguments');
        if (args) this.walkExpr(u, args, state);
        const inLoop = inLoopWithin(s, u.node);
        if (fn && unparen(fn).type === 'func_literal') {
          const lit = unparen(fn);
          const target = this.walkLiteral(u, lit, emptyLocks());
          this.addRoot('go', s, u.file, u, target, inLoop);
        } else if (fn) {
          const f = unparen(fn);
          if (f.type === 'identifier') {
            const b = this.scopes.resolve(f);
            if (b?.kind === 'param' && b.func?.id === u.node.id) {
              const i = u.paramNames.indexOf(f.text);
              if (i >= 0) u.goParams.set(i, inLoop || u.goParams.get(i) === true);
            }
          }
          const decl = this.ids.calleeDecl(f, u.file);
          if (decl) {
            this.pendingGo.push({ site: s, file: u.file, launcher: u, kind: 'go', targetNode: decl.node, inLoop });
            // `go batch(items, fn)`: fn is run by whatever batch runs concurrently.
            const goArgs = args ? namedChildrenWithoutComments(args) : [];
            if (goArgs.length) this.pendingParamCalls.push({ site: s, caller: u, calleeDecl: decl.node, args: goArgs, file: u.file, inLoop });
          }
          else if (f.type === 'selector_expression') this.walkExpr(u, f, state);
        }
        return false;
      }
      case 'short_var_declaration':
      case 'assignment_statement': {
        this.walkChildren(u, s, state);
        if (s.type === 'assignment_statement') {
          for (const l of expressionsOf(field(s, 'left'))) {
            const e = unparen(l);
            if (e.type === 'selector_expression' || e.type === 'identifier') this.noteAccess(u, e, e, 'assign', state);
          }
        }
        return false;
      }
      case 'receive_statement':
        u.waits.push(s.startIndex);
        this.walkChildren(u, s, state);
        return false;
      default:
        for (const c of namedChildren(s)) this.walkExpr(u, c, state);
        return false;
    }
  }

  /** `return s.m` (or `x := s.m; return x`): the map itself leaves the function. */
  protected noteReturnedMaps(u: Unit, ret: SyntaxNode, state: Map<string, LockMode>): void {
    const list = namedChildren(ret).find((c) => c.type !== 'comment');
    for (const raw of expressionsOf(list ?? null)) {
      const e = unparen(raw);
      if (e.type === 'selector_expression') this.noteAccess(u, e, e, 'ref', state);
      else if (e.type === 'identifier') {
        const b = this.scopes.resolve(e);
        const v = b?.kind === 'local' && b.func?.id === u.node.id && b.value ? unparen(b.value) : undefined;
        if (v?.type === 'selector_expression') this.noteAccess(u, e, v, 'ref', state);
      }
    }
  }

  protected walkChildren(u: Unit, node: SyntaxNode, state: Map<string, LockMode>): void {
    for (const c of namedChildren(node)) this.walkExpr(u, c, state);
  }

  /** Expressions: records accesses, calls, lock operations and literals, in source order. */
  protected walkExpr(u: Unit, node: SyntaxNode, state: Map<string, LockMode>): void {
    if (this.visitExpr(u, node, state) !== 'descend') return;
    // Only the nodes that matter reach visitExpr; the rest are passed through (or skipped, for leaves).
    const kinds = this.kindsFor(node.tree.names);
    node.walkSelected(kinds, (n) => this.visitExpr(u, n, state) === 'descend', true);
  }

  private kinds: NodeKinds | undefined;

  /** The walk's node table: INTERESTING nodes are visited, LEAVES skipped, the rest passed through. */
  private kindsFor(names: GrammarNames): NodeKinds {
    if (this.kinds?.names !== names) this.kinds = nodeKinds(names, INTERESTING, LEAVES);
    return this.kinds;
  }

  /** Handles one expression node; 'descend' asks the caller to visit its children. */
  protected visitExpr(u: Unit, node: SyntaxNode, state: Map<string, LockMode>): 'descend' | 'done' {
    switch (node.type) {
      case 'func_literal':
        // A closure handed back to the caller runs later, after the lock is released.
        if (literalEscapes(u, node)) this.walkLiteral(u, node, emptyLocks()).escapes = true;
        else this.walkLiteral(u, node, new Map(state));
        return 'done';
      case 'index_expression': {
        const operand = field(node, 'operand');
        if (operand) this.noteAccess(u, node, unparen(operand), isWriteTarget(node) ? 'write' : 'read', state);
        return 'descend';
      }
      case 'unary_expression':
        if ((field(node, 'operator')?.text ?? node.child(0)?.text) === '<-') u.waits.push(node.startIndex);
        return 'descend';
      case 'call_expression':
        this.walkCall(u, node, state);
        return 'done';
      default:
        if (LEAVES.has(node.type)) return 'done';
        if (STMT_TYPES.has(node.type)) {
          // A statement nested in an expression position (labelled, case bodies): walk as a statement.
          this.walkStmt(u, node, state);
          return 'done';
        }
        return 'descend';
    }
  }

  /** Lock states at the calls of each local closure (`valid := func() {...}; ...; valid()`), by literal node id. */
  protected readonly closureCalls = new Map<number, LockSet[]>();

  private readonly closureNames = new Map<number, Set<string>>();

  protected noteClosureCall(f: SyntaxNode, state: Map<string, LockMode>): void {
    // Only names the enclosing declaration binds to a func literal (read from its text, cheaply).
    const home = this.currentUnit ? homeDecl(this.currentUnit) : undefined;
    if (!home) return;
    let names = this.closureNames.get(home.id);
    if (!names) this.closureNames.set(home.id, (names = closureBindings(home.file.text, home.node.startIndex, home.node.endIndex)));
    if (!names.has(f.text)) return;
    const b = this.scopes.resolve(f);
    const v = b?.kind === 'local' && b.value ? unparen(b.value) : undefined;
    if (v?.type !== 'func_literal') return;
    let list = this.closureCalls.get(v.id);
    if (!list) this.closureCalls.set(v.id, (list = []));
    list.push(snapshot(state));
  }

  protected walkLiteral(parent: Unit, lit: SyntaxNode, entry: LockSet): Unit {
    const u = this.newUnit(lit, parent.file, parent, entry);
    const body = field(lit, 'body');
    const outer = this.currentUnit;
    this.currentUnit = u;
    if (body) this.walkStmts(u, body, emptyLocks());
    this.currentUnit = outer;
    return u;
  }

  protected walkCall(u: Unit, call: SyntaxNode, state: Map<string, LockMode>): void {
    const fn = field(call, 'function');
    const argList = field(call, 'arguments');
    const args = argList ? namedChildrenWithoutComments(argList) : [];
    const f = fn ? unparen(fn) : undefined;
    const methodName = f?.type === 'selector_expression' ? (field(f, 'field')?.text ?? '') : '';
    // Lock operations change the state after the call.
    const ev = LOCK_OPS.has(methodName) ? this.ids.lockCall(call) : undefined;
    if (ev) {
      if (f?.type === 'selector_expression') this.walkExpr(u, field(f, 'operand')!, state);
      u.lockEvents.push(ev);
      if (ev.op === 'Lock' || ev.op === 'RLock') state.set(ev.key, ev.op === 'Lock' ? 'W' : (state.get(ev.key) === 'W' ? 'W' : 'R'));
      else state.delete(ev.key);
      return;
    }
    // The callee is looked up once: for a lock helper, a lock wrapper and the call graph.
    const wrapperDecl = f && f.type !== 'func_literal' ? this.ids.calleeDecl(f, u.file) : undefined;
    // `defer x.lock()()` / `unlock := x.lock()`: a helper that locks and hands back the unlock.
    const helperLock = f?.type === 'selector_expression' && !LOCK_OPS.has(methodName) ? this.ids.lockHelperKey(f, wrapperDecl ?? null) : undefined;
    if (helperLock) {
      this.walkExpr(u, field(f!, 'operand')!, state);
      state.set(helperLock.key, helperLock.mode);
      return;
    }
    // Goroutine-starting calls: errgroup / WaitGroup.Go / conc pools / time.AfterFunc.
    const shape = methodName === 'Go' || methodName === 'AfterFunc' || methodName === 'Wrap' || methodName === 'Spawn' ? callShape(call) : null;
    const starter = shape ? goStarter(this.scopes, u.file, shape, args) : undefined;
    if (f && f.type !== 'func_literal') this.walkExpr(u, f, state);
    const wrapper = wrapperDecl ? this.lockWrappers.get(wrapperDecl.node.id) : undefined;
    // A function of another package that runs a literal argument on goroutines (callbacks.ts).
    const foreign = !wrapperDecl && !starter && f ? foreignGoArgs(this.pkg, this.scopes, f, args) : undefined;
    const once = methodName === 'Do' && args.length === 1 && f?.type === 'selector_expression' && isSyncOnce(this.pkg, this.scopes, field(f, 'operand'));
    args.forEach((a, i) => {
      const e = unparen(a);
      if (once && e.type === 'func_literal') {
        // once.Do(func(){...}): the body runs once, and every Do returns after it (findings.ts
        // takes its writes as set-up); it runs with the caller's locks, as any synchronous callback.
        this.walkLiteral(u, e, new Map(state)).once = true;
        return;
      }
      if (foreign?.params.has(i) && e.type === 'func_literal') {
        const target = this.walkLiteral(u, e, emptyLocks());
        const root = this.addRoot('callback', call, u.file, u, target, foreign.params.get(i)! || inLoopWithin(call, u.node));
        if (root) {
          // Such a function usually waits for the goroutines it starts before returning.
          root.sync = true;
          root.via = foreign.name;
        }
        return;
      }
      if (wrapper && i === wrapper.fnIdx && e.type === 'func_literal' && args[wrapper.lockIdx]) {
        // withLock(mu, func() {...}): the callback runs holding mu.
        const held = new Map(state);
        held.set(this.ids.mutexKey(unparen(args[wrapper.lockIdx]!)), wrapper.mode);
        this.walkLiteral(u, e, held);
        return;
      }
      if (starter && i === starter.argIndex) {
        const inLoop = inLoopWithin(call, u.node);
        if (e.type === 'func_literal') {
          const target = this.walkLiteral(u, e, emptyLocks());
          this.addRoot(starter.kind, call, u.file, u, target, inLoop);
        } else {
          const decl = this.ids.calleeDecl(e, u.file);
          if (decl) this.pendingGo.push({ site: call, file: u.file, launcher: u, kind: starter.kind, targetNode: decl.node, inLoop });
          this.walkExpr(u, a, state);
        }
        return;
      }
      this.walkExpr(u, a, state);
    });
    if (!f) return;
    if (f.type === 'func_literal') {
      // Immediately invoked: runs here, with the current locks.
      this.walkLiteral(u, f, new Map(state));
      return;
    }
    if (f.type === 'identifier' && !LOCK_OPS.has(f.text)) this.noteClosureCall(f, state);
    // A local closure handed to a call (`wlog.Checkpoint(..., keep)`) runs there, synchronously
    // as callbacks usually do, with the locks held at the call.
    for (const a of args) if (unparen(a).type === 'identifier' && !starter) this.noteClosureCall(unparen(a), state);
    if (f.type === 'identifier' && u.parent && homeDecl(u)?.paramNames.includes(f.text)) {
      // `fn()` inside a literal, fn a parameter of the enclosing function: for goParams.
      const pb = this.scopes.resolve(f);
      if (pb?.kind === 'param' && pb.func && pb.func.id !== u.node.id) this.paramCalls.push({ unit: u, name: f.text, paramFn: pb.func, call });
    }
    if (f.type === 'identifier' && (f.text === 'delete' || f.text === 'clear' || f.text === 'len') && !this.scopes.resolve(f)) {
      const name = f.text;
      if (args[0]) {
        this.noteAccess(u, call, unparen(args[0]), name === 'len' ? 'len' : 'write', state);
      }
      return;
    }
    if (methodName === 'Wait' && args.length === 0) u.waits.push(call.startIndex);
    const decl = wrapperDecl;
    if (decl) {
      const callee = this.unitByNode.get(decl.node.id);
      if (callee) {
        const recv = f.type === 'selector_expression' ? (field(f, 'operand') ?? undefined) : undefined;
        const site: CallSite = { node: call, recv, caller: u, callee, locks: snapshot(state) };
        u.calls.push(site);
        callee.callers.push(site);
      }
      if (args.some((a) => { const e = unparen(a); return e.type === 'func_literal' || e.type === 'identifier' || e.type === 'selector_expression'; })) {
        this.pendingParamCalls.push({ site: call, caller: u, calleeDecl: decl.node, args, file: u.file, inLoop: undefined });
      }
    }
  }
  // ---- accesses ----------------------------------------------------------

  protected noteRange(u: Unit, right: SyntaxNode, state: Map<string, LockMode>): void {
    this.noteAccess(u, right, unparen(right), 'range', state);
  }

  protected noteAccess(u: Unit, node: SyntaxNode, operand: SyntaxNode, kind: AccessKind, state: Map<string, LockMode>): void {
    const id = this.ids.mapIdentity(u, operand);
    if (!id) return;
    // A type we cannot see is a map only when the code proves it: `v, ok := x[k]` or `delete(x, k)`.
    const proof = id.typed || (node.type === 'call_expression' && field(node, 'function')?.text === 'delete') || commaOkIndex(node);
    const fresh = id.fresh || (kind !== 'assign' && !!id.field && this.ids.madeBefore(u, operand, node.startIndex));
    const a: MapAccess = { node, operand, key: id.key, kind, name: operand.text.replace(/\s+/g, ''), unit: u, locks: snapshot(state), fresh, file: u.file, field: id.field, localDecl: id.localDecl, proof };
    u.accesses.push(a);
    this.accesses.push(a);
  }


}
