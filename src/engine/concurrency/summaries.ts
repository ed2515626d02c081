// The concurrency model of a package, computed once (ConcurrencyFact) and
// shared by the concurrency rules. It answers three questions about every map
// access in the package:
// - which map is it (a package variable, a captured local, or a struct field
//   `T.f` reached through any value of type T);
// - which locks are held there (lock regions walked in statement order, with
//   `defer mu.Unlock()`, early-return branches, `...Locked` helpers and
//   unexported helpers whose every caller holds the lock);
// - which concurrent contexts run it (go statements, errgroup / WaitGroup.Go /
//   conc pools, time.AfterFunc, HTTP handlers, and what they call in the
//   package, a few calls deep), and what orders it against a goroutine
//   (accesses before the `go`, or after a Wait / channel receive, do not race).
// Every function body is walked once; pairs are only compared per map.
import type { SyntaxNode } from '../types.js';
import type { GoFile } from '../source.js';
import type { FuncDecl, PackageModel } from '../model.js';
import { defineFact } from '../model.js';
import type { Binding, Scopes } from '../scope.js';
import { ScopesFact } from '../run.js';
import { callShape, contains as containsIndex, expressionsOf, field, namedChildren, parametersOf, unparen } from '../ast.js';
import { isMutexType, type GoType } from '../gotypes.js';
import { httpHandlers, isServed } from '../handlers.js';
import { BodySelector } from '../relevant.js';
import { isWriteTarget } from '../uses.js';
import { CONSTRUCTOR_NAME, isSetupName } from './phases.js';

export type LockMode = 'R' | 'W';
/** Canonical mutex key -> mode. The key `*` means "the caller holds the lock" (a `...Locked` helper). */
export type LockSet = ReadonlyMap<string, LockMode>;
export const ANY_LOCK = '*';
/** Held by functions documented as never running concurrently (phases, single-threaded setup). */
export const EXCLUSIVE = '!exclusive';

/**
 * `len` reads only the map's count and `assign` replaces the whole field: both are data races on
 * the field when unguarded, never the runtime's concurrent-map check, so they never claim a crash.
 */
export type AccessKind = 'read' | 'write' | 'range' | 'len' | 'assign' | 'ref';

export interface MapAccess {
  /** index_expression, delete/clear/len call, range_clause right side, or the field in `x.f = ...`. */
  node: SyntaxNode;
  operand: SyntaxNode;
  /** Map identity: `pkg:name`, `local:<decl id>`, `field:T.f`. */
  key: string;
  kind: AccessKind;
  /** Human name of the map as written (`s.items`, `cache`). */
  name: string;
  unit: Unit;
  /** Locks acquired in this function before the access (not counting inherited ones). */
  locks: LockSet;
  /** The base value was built in this very function (`x := &T{}`), so the map is not shared yet. */
  fresh: boolean;
  file: GoFile;
  /** For field keys: the struct type and field. */
  field?: { typeName: string; name: string };
  /** For local keys: the declaring identifier. */
  localDecl?: SyntaxNode;
  /** The operand is known to be a map here (its type, or `v, ok := m[k]` / `delete(m, k)`). */
  proof: boolean | null;
}

export interface LockEvent {
  key: string;
  op: 'Lock' | 'RLock' | 'Unlock' | 'RUnlock';
  deferred: boolean;
  call: SyntaxNode;
  /** The method name node (`RLock`), for fixes. */
  method: SyntaxNode;
}

export type RootKind = 'go' | 'errgroup' | 'waitgroup' | 'pool' | 'afterfunc' | 'http' | 'callback';

export interface Root {
  id: number;
  kind: RootKind;
  /** The go statement / Go(...) / AfterFunc(...) call; the handler function for HTTP. */
  site: SyntaxNode;
  siteFile: GoFile;
  /** The function that starts it (undefined for HTTP handlers). */
  launcher?: Unit;
  target: Unit;
  /** Several instances can run at once: launched in a loop, or once per HTTP request. */
  multi: boolean;
  /** The goroutine loops (a long-lived worker), so it overlaps whatever runs after it starts. */
  longLived: boolean;
  /** For a method target (`go s.loop()`, a handler method): its receiver is shared with other goroutines. */
  recvShared: boolean;
  /** The launcher waits for it right away (`go f(); <-done`): it overlaps nothing the launcher does later. */
  sync: boolean;
  /** For callbacks: the package function that runs them on goroutines. */
  via?: string;
  /**
   * For HTTP handlers: registered or served, so net/http really runs it per request. A function
   * with the handler signature that the package only calls itself is sequential.
   */
  served: boolean;
}

export interface CallSite {
  node: SyntaxNode;
  /** For method calls `x.m()`: the receiver expression `x`. */
  recv?: SyntaxNode;
  caller: Unit;
  callee: Unit;
  locks: LockSet;
}

export interface Unit {
  id: number;
  node: SyntaxNode;
  file: GoFile;
  decl?: FuncDecl;
  /** For literals: the enclosing function. */
  parent?: Unit;
  /** Locks held where a literal is defined (callbacks usually run synchronously). */
  entryLocks: LockSet;
  root?: Root;
  accesses: MapAccess[];
  calls: CallSite[];
  /** Start offsets of Wait() calls and channel receives in this body (not nested literals). */
  waits: number[];
  lockEvents: LockEvent[];
  literals: Unit[];
  /** Parameter indexes this function runs in new goroutines (`go fn()`, or `fn()` inside a goroutine), and whether several at once. */
  goParams: Map<number, boolean>;
  /** Parameter names (by index) for goParams resolution. */
  paramNames: string[];
  callers: CallSite[];
}

export interface ConcurrencyModel {
  pkg: PackageModel;
  scopes: Scopes;
  units: Unit[];
  roots: Root[];
  accesses: MapAccess[];
  /** Accesses by map key. */
  byKey: Map<string, MapAccess[]>;
  unitOf(node: SyntaxNode): Unit | undefined;
  /** Locks held at an access, including those its callers hold. */
  locksAt(a: MapAccess): LockSet;
  /** Roots whose goroutines (or requests) run this unit. */
  contextsOf(u: Unit): ReadonlySet<Root>;
  /** Under root r, the receiver of u's method may be shared with other goroutines. */
  receiverSharedUnder(u: Unit, r: Root): boolean;
  /** The map an access touches may be shared between root r's goroutines and other code. */
  sharedUnder(a: MapAccess, r: Root): boolean;
  /** The variable an identifier names is used inside r's goroutine (captured), or is the receiver of `go x.m()`. */
  capturedBy(r: Root, ident: SyntaxNode): boolean;
  /** The mutex field names of struct type T declared in the package. */
  mutexFieldsOf(typeName: string): string[];
  /** True when T's mutex field (or embedded mutex, name '') is a sync.RWMutex. */
  isRWMutexField(typeName: string, name: string): boolean;
  /** True when the access sits in a function that builds values of the type (or in init). */
  inConstructor(a: MapAccess): boolean;
}

const LOCK_OPS = new Set(['Lock', 'RLock', 'Unlock', 'RUnlock']);
const HOLDS_DOC = /must (?:be )?hold|should (?:be )?hold|caller (?:must |should )?(?:holds?|has)|called with [\w.]* ?(?:lock|mu\w*|mutex)?[\w. ]*(?:held|locked)|(?:lock|mutex|mu)\w* (?:is |must be |should be |to be )?(?:held|locked)|with the lock held|while holding|assumes? (?:the )?(?:\w+ )?(?:lock|mutex)|under (?:the )?(?:\w+ )?lock|locked by (?:the )?caller|(?:is |are )?assumed (?:to be )?(?:held|locked)|\b\w+ (?:should|must) be (?:locked|held)|expects? (?:the )?[\w.]* ?(?:lock|mutex|mu)\w* (?:to be )?(?:held|locked)|requires? (?:the )?[\w.]* ?(?:lock|mutex)\w* (?:to be )?held|(?:which|that|caller|callers)\s+(?:already\s+)?holds?\s+[\w.]*(?:mu|mtx|lock|mutex)\w*\b/i;
/** Helper names that say the caller holds the lock (`removeLocked`, `addNoLock`, `get_locked`, etcd's `UnsafeRange`). */
const HOLDS_NAME = /Locked$|Locked[A-Z_]|^locked[A-Z]|NoLock$|NoLock[A-Z_]|_nolock$|_locked$|^[Uu]nsafe[A-Z]|LockHeld$/;
const MAX_CALL_DEPTH = 4;
/** Callers of walked unexported functions are walked this many levels up. */
const CALLER_LEVELS = 2;
const LEAVES = new Set(['identifier', 'field_identifier', 'type_identifier', 'package_identifier', 'interpreted_string_literal', 'raw_string_literal', 'int_literal', 'float_literal', 'rune_literal', 'comment', 'true', 'false', 'nil']);
const INTERESTING = new Set(['func_literal', 'index_expression', 'unary_expression', 'call_expression', 'block', 'statement_list', 'labeled_statement', 'if_statement', 'for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement', 'defer_statement', 'go_statement', 'receive_statement', 'return_statement']);
const STMT_TYPES = new Set(['block', 'statement_list', 'labeled_statement', 'if_statement', 'for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement', 'defer_statement', 'go_statement', 'receive_statement', 'return_statement']);
const MAX_PAIRS_PER_KEY = 400;

export const ConcurrencyFact = defineFact<ConcurrencyModel>('concurrency', (pkg) => buildModel(pkg, pkg.fact(ScopesFact)));

function emptyLocks(): Map<string, LockMode> {
  return new Map();
}

function buildModel(pkg: PackageModel, scopes: Scopes): ConcurrencyModel {
  const b = new Builder(pkg, scopes);
  b.run();
  return b.model();
}

class Builder {
  readonly units: Unit[] = [];
  readonly unitByNode = new Map<number, Unit>();
  readonly roots: Root[] = [];
  readonly accesses: MapAccess[] = [];
  private readonly methodNames = new Set<string>();
  private readonly pendingParamCalls: { site: SyntaxNode; caller: Unit; calleeDecl: SyntaxNode; args: SyntaxNode[]; file: GoFile; inLoop: boolean | undefined }[] = [];
  private readonly pendingGo: { site: SyntaxNode; file: GoFile; launcher: Unit; kind: RootKind; targetNode: SyntaxNode; inLoop: boolean }[] = [];
  /** Calls `p(...)` of a function-typed parameter p, for goParams. */
  private readonly paramCalls: { unit: Unit; name: string; paramFn: SyntaxNode; call: SyntaxNode }[] = [];

  constructor(
    readonly pkg: PackageModel,
    readonly scopes: Scopes,
  ) {
    for (const m of pkg.methods.values()) for (const name of m.keys()) this.methodNames.add(name);
  }

  /** Functions like `withLock(mu, func() {...})`: decl node id -> which argument is locked around which callback. */
  private readonly lockWrappers = new Map<number, { lockIdx: number; fnIdx: number; mode: LockMode }>();

  run(): void {
    const decls = [...this.pkg.allFuncs()];
    for (const d of decls) {
      this.declUnit(d);
      this.noteLockWrapper(d);
    }
    const select = new BodySelector(this.pkg, decls);
    const start = new Set<FuncDecl>(select.seeds());
    for (const h of httpHandlers(this.pkg)) {
      const home = h.fn.type === 'func_literal' ? select.enclosing(h.file, h.fn.startIndex) : undefined;
      if (home) start.add(home);
    }
    // unguarded-map-field needs every use of a map field of a struct that holds a mutex.
    const fields = select.guardedMapFields((t) => this.mutexFieldNames(t));
    const vars = new Set<string>();
    for (const d of select.mentioning(fields, vars)) start.add(d);
    this.walkDecls(start, select);
    const goParamFns = new Set<string>();
    for (let walked = -1; walked !== this.walked.size; ) {
      walked = this.walked.size;
      this.linkRoots();
      this.walkReachable(select);
      // The maps goroutines touch: any other body naming them may be the other side of a race.
      const contexts = this.contexts();
      const newFields = new Set<string>();
      const newVars = new Set<string>();
      for (const a of this.accesses) {
        if (!contexts.has(a.unit.id)) continue;
        const key = a.key.replace(/^(?:elem:)+/, '');
        if (key.startsWith('field:')) addNew(fields, newFields, key.slice(key.lastIndexOf('.') + 1));
        else if (key.startsWith('pkg:')) addNew(vars, newVars, key.slice(4));
      }
      // Callers of a function that runs a parameter on goroutines hand it the goroutine's body.
      const newGoParamFns = new Set<string>();
      for (const u of this.units) if (u.decl && u.goParams.size) addNew(goParamFns, newGoParamFns, u.decl.name);
      this.walkDecls([...select.mentioning(newFields, newVars), ...select.calling(newGoParamFns)], select);
    }
  }

  /** Walks the bodies, and a few levels up the callers of the unexported ones (a helper may inherit their locks). */
  private walkDecls(decls: Iterable<FuncDecl>, select: BodySelector): void {
    let fresh = [...new Set(decls)].filter((d) => !this.walked.has(d.node.id));
    const unitOf = (d: FuncDecl) => this.unitByNode.get(d.node.id)!;
    for (let level = 0; fresh.length; level++) {
      for (const d of fresh) this.walkUnit(unitOf(d));
      if (level === CALLER_LEVELS) break;
      // Only helpers that touch a shared map (and then their callers in turn) care what their callers hold.
      const needs = level === 0 ? fresh.filter((d) => this.touchesSharedMap(unitOf(d))) : fresh;
      // Exported ones too: "every caller holds the lock" (witness.ts) needs their callers' locks.
      const helpers = new Set(needs.map((d) => d.name));
      fresh = select.calling(helpers).filter((d) => !this.walked.has(d.node.id));
    }
  }

  /** The unit or a literal in it accesses a package variable or a struct field that may be a map. */
  private touchesSharedMap(u: Unit): boolean {
    return u.accesses.some((a) => !a.localDecl && !a.key.includes('local:')) || u.literals.some((l) => this.touchesSharedMap(l));
  }

  private readonly mutexFields = new Map<string, string[]>();

  /** The mutex field names of struct type T declared in the package. */
  mutexFieldNames(typeName: string): string[] {
    let hit = this.mutexFields.get(typeName);
    if (!hit) {
      const pkg = this.pkg;
      hit = (pkg.structFieldsOf(typeName) ?? []).filter((f) => isMutexType(pkg.typeOf(f.typeNode)) !== undefined || isMutexPointer(pkg.typeOf(f.typeNode))).map((f) => f.name);
      this.mutexFields.set(typeName, hit);
    }
    return hit;
  }

  /** Roots from the go statements, goroutine-starting calls and HTTP handlers seen so far (idempotent). */
  private linkRoots(): void {
    // Roots whose targets are declarations (`go f()`, `go s.loop()`), known only after every unit exists.
    for (const g of this.pendingGo) {
      const target = this.unitByNode.get(g.targetNode.id);
      if (target) this.addRoot(g.kind, g.site, g.file, g.launcher, target, g.inLoop);
    }
    // Functions that run a parameter in goroutines (`go fn()`, `fn()` inside a goroutine literal, or
    // passing it on to such a function): the function value passed at each call site is a goroutine.
    for (const pc of this.paramCalls) {
      const root = enclosingRoot(pc.unit);
      if (!root || !root.launcher) continue;
      const home = homeDecl(root.launcher);
      if (!home || pc.paramFn.id !== home.node.id) continue;
      const i = home.paramNames.indexOf(pc.name);
      if (i >= 0) home.goParams.set(i, root.multi || home.goParams.get(i) === true);
    }
    for (let round = 0; round < 3; round++) {
      for (const p of this.pendingParamCalls) {
        const callee = this.unitByNode.get(p.calleeDecl.id);
        const home = homeDecl(p.caller);
        if (!callee || !home || callee.goParams.size === 0) continue;
        for (const [i, multi] of callee.goParams) {
          const arg = p.args[i] ? unparen(p.args[i]!) : undefined;
          if (arg?.type !== 'identifier') continue;
          const b = this.scopes.resolve(arg);
          const j = b?.kind === 'param' && b.func?.id === home.node.id ? home.paramNames.indexOf(arg.text) : -1;
          if (j >= 0 && home.goParams.get(j) !== true) home.goParams.set(j, multi || this.paramCallInLoop(p));
        }
      }
    }
    for (const p of this.pendingParamCalls) {
      const callee = this.unitByNode.get(p.calleeDecl.id);
      if (!callee || callee.goParams.size === 0) continue;
      for (const [i, multi] of callee.goParams) {
        const arg = p.args[i];
        if (!arg) continue;
        const e = unparen(arg);
        const target = e.type === 'func_literal' ? this.unitByNode.get(e.id) : this.resolveFuncUnit(e, p.file);
        if (target && !target.root) {
          this.addRoot(p.site.type === 'go_statement' ? 'go' : 'callback', p.site, p.file, p.caller, target, multi || this.paramCallInLoop(p));
          const made = (target as Unit).root;
          if (p.site.type !== 'go_statement' && made) {
            // The callee usually waits for the goroutines it starts before returning.
            made.sync = true;
            made.via = callee.decl?.name;
          }
        }
      }
    }
    for (const h of httpHandlers(this.pkg)) {
      const target = this.unitByNode.get(h.fn.id);
      // Only handlers net/http really serves run per request; one the package just calls is sequential.
      if (target && !target.root && isServed(this.pkg, h)) this.addRoot('http', h.fn, h.file, undefined, target, true);
    }
  }

  /**
   * Walks every declaration a root reaches through calls, to the depth contexts() follows, and the
   * unexported helpers called under a read lock, two calls deep (they inherit it: a write there is
   * a write under RLock).
   */
  private walkReachable(select: BodySelector): void {
    const depthOf = new Map<number, number>();
    const queue: { u: Unit; depth: number; helpersOnly: boolean }[] = this.roots.map((r) => ({ u: r.target, depth: 0, helpersOnly: false }));
    for (const u of this.units) if (u.lockEvents.some((e) => e.op === 'RLock')) queue.push({ u, depth: MAX_CALL_DEPTH - 2, helpersOnly: true });
    while (queue.length) {
      const { u, depth, helpersOnly } = queue.pop()!;
      const seen = depthOf.get(u.id);
      if (seen !== undefined && seen <= depth) continue;
      depthOf.set(u.id, depth);
      if (u.decl) this.walkUnit(u);
      for (const lit of u.literals) queue.push({ u: lit, depth, helpersOnly });
      if (depth >= MAX_CALL_DEPTH) continue;
      for (const c of u.calls) {
        if (helpersOnly && !/^[a-z_]/.test(c.callee.decl?.name ?? '')) continue;
        // A callee that names no map, and calls nothing that does within the depth left, adds no shared-map access.
        if (c.callee.decl && !this.walked.has(c.callee.id) && !select.reachesMap(c.callee.decl, MAX_CALL_DEPTH - depth - 1)) continue;
        queue.push({ u: c.callee, depth: depth + 1, helpersOnly });
      }
    }
  }

  model(): ConcurrencyModel {
    this.closureEntryLocks();
    // Keep maps proven somewhere in the package; drop accesses of values that may not be maps.
    const proven = new Set(this.accesses.filter((a) => a.proof).map((a) => a.key));
    const kept = this.accesses.filter((a) => proven.has(a.key));
    this.accesses.length = 0;
    this.accesses.push(...kept);
    for (const u of this.units) if (u.accesses.some((a) => !proven.has(a.key))) u.accesses = u.accesses.filter((a) => proven.has(a.key));
    const byKey = new Map<string, MapAccess[]>();
    for (const a of this.accesses) {
      let list = byKey.get(a.key);
      if (!list) byKey.set(a.key, (list = []));
      list.push(a);
    }
    const inherited = this.inheritedLocks();
    const contexts = this.contexts();
    const contextSets = new Map<number, Set<Root>>();
    for (const [id, m] of contexts) contextSets.set(id, new Set(m.keys()));
    const pkg = this.pkg;
    const scopes = this.scopes;
    const ctorCache = new Map<string, boolean>();
    const model: ConcurrencyModel = {
      pkg,
      scopes,
      units: this.units,
      roots: this.roots,
      accesses: this.accesses,
      byKey,
      unitOf: (node) => this.unitByNode.get(node.id),
      locksAt: (a) => {
        const inh = inherited(a.unit);
        if (inh.size === 0) return a.locks;
        const out = new Map(inh);
        for (const [k, m] of a.locks) out.set(k, m === 'W' || out.get(k) === 'W' ? 'W' : 'R');
        return out;
      },
      contextsOf: (u) => contextSets.get(u.id) ?? new Set(),
      receiverSharedUnder: (u, r) => contexts.get(u.id)?.get(r) ?? false,
      sharedUnder: (a, r) => {
        if (a.key.startsWith('pkg:')) return true;
        if (a.localDecl) return this.sharedBase(a.operand, r, false);
        const recv = contexts.get(a.unit.id)?.get(r) ?? false;
        return this.sharedBase(a.operand, r, recv);
      },
      capturedBy: (r, ident) => this.capturedBy(r, ident),
      mutexFieldsOf: (typeName) => this.mutexFieldNames(typeName),
      isRWMutexField: (typeName, name) => {
        for (const f of pkg.structFieldsOf(typeName) ?? []) {
          if (name ? f.name !== name : !f.embedded) continue;
          let t = pkg.typeOf(f.typeNode);
          if (t.kind === 'pointer') t = t.elem;
          if (isMutexType(t) === 'RWMutex') return true;
        }
        return false;
      },
      inConstructor: (a) => {
        const home = homeDecl(a.unit);
        if (!home) return false;
        if (home.decl?.name === 'init') return true;
        const typeName = a.field?.typeName;
        if (!typeName || home.decl?.receiver) return false;
        // NewT / newT returning the type: a constructor even when it delegates the allocation.
        if (home.decl && /^(new|New)/.test(home.decl.name) && (field(home.node, 'result')?.text ?? '').includes(typeName)) return true;
        const k = `${home.id}:${typeName}`;
        let hit = ctorCache.get(k);
        if (hit === undefined) {
          hit = buildsType(home.node, typeName, scopes);
          ctorCache.set(k, hit);
        }
        return hit;
      },
    };
    return model;
  }

  // ---- units -------------------------------------------------------------

  private declUnit(d: FuncDecl): Unit {
    const u = this.newUnit(d.node, d.file, undefined, emptyLocks());
    u.decl = d;
    return u;
  }

  private newUnit(node: SyntaxNode, file: GoFile, parent: Unit | undefined, entryLocks: LockSet): Unit {
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

  /** Whether a recorded call sits in a loop of its function (computed on demand: most are never asked). */
  private paramCallInLoop(p: { site: SyntaxNode; caller: Unit; inLoop: boolean | undefined }): boolean {
    if (p.inLoop === undefined) p.inLoop = inLoopWithin(p.site, p.caller.node);
    return p.inLoop;
  }

  private noteLockWrapper(d: FuncDecl): void {
    const u = this.unitByNode.get(d.node.id);
    const body = field(d.node, 'body');
    if (!u || !body || u.paramNames.length < 2 || body.text.length > 2000) return;
    const text = body.text;
    for (let i = 0; i < u.paramNames.length; i++) {
      const p = u.paramNames[i];
      if (!p) continue;
      const m = new RegExp(`\\b${p}\\.(RLock|Lock)\\(\\)`).exec(text);
      if (!m) continue;
      for (let j = 0; j < u.paramNames.length; j++) {
        const f = u.paramNames[j];
        if (j !== i && f && new RegExp(`(^|[^\\w.])${f}\\(\\)`).test(text)) {
          this.lockWrappers.set(d.node.id, { lockIdx: i, fnIdx: j, mode: m[1] === 'Lock' ? 'W' : 'R' });
          return;
        }
      }
    }
  }

  private addRoot(kind: RootKind, site: SyntaxNode, siteFile: GoFile, launcher: Unit | undefined, target: Unit, multi: boolean): Root | undefined {
    if (target.root) return undefined;
    // A goroutine target chosen for nothing in its own text (`go worker(m)`) is walked now.
    if (target.decl) this.walkUnit(target);
    const sync = kind !== 'http' && waitsRightAfter(site);
    const root: Root = { id: this.roots.length, kind, site, siteFile, launcher, target, multi: multi && !sync, longLived: kind === 'http' || loops(target.node), recvShared: true, sync, served: true };
    if (kind !== 'http' && target.decl?.receiver) root.recvShared = this.goReceiverShared(root);
    target.root = root;
    this.roots.push(root);
    return root;
  }

  /** `go x.m()` in a loop with x made per iteration: each goroutine has its own receiver. */
  private goReceiverShared(r: Root): boolean {
    const call = r.site.type === 'go_statement' ? unparen(r.site.namedChild(0) ?? r.site) : r.site;
    let fn = call.type === 'call_expression' ? field(call, 'function') : null;
    if (r.site.type !== 'go_statement' && call.type === 'call_expression') {
      // errgroup-style g.Go(s.run): the argument is the method value.
      const args = namedChildren(field(call, 'arguments') ?? call).filter((c) => c.type !== 'comment');
      fn = args[args.length - 1] ?? null;
    }
    if (!fn || unparen(fn).type !== 'selector_expression') return true;
    const base = rootIdent(field(unparen(fn), 'operand'));
    if (!base || !r.launcher) return true;
    const b = this.scopes.resolve(base);
    if (!b || b.kind === 'package' || b.kind === 'receiver') return true;
    if (!r.multi) return true;
    const loop = loopWithin(r.site, r.launcher.node);
    return !(loop && contains(loop, b.nameNode));
  }

  /** `go worker(m)`: the parameter holds what the launcher passed; shared unless made per iteration or fresh. */
  private goArgShared(r: Root, param: string): boolean {
    const i = r.target.paramNames.indexOf(param);
    const call = r.site.type === 'go_statement' ? unparen(r.site.namedChild(0) ?? r.site) : null;
    if (i < 0 || !call || call.type !== 'call_expression' || !r.launcher) return false;
    const args = namedChildren(field(call, 'arguments') ?? call).filter((c) => c.type !== 'comment');
    const arg = args[i] ? unparen(args[i]!) : undefined;
    if (!arg || arg.type === 'composite_literal' || arg.type === 'call_expression' || arg.type === 'unary_expression') return false;
    const id = rootIdent(arg);
    const b = id ? this.scopes.resolve(id) : undefined;
    if (!b) return false;
    if (b.kind === 'package' || b.kind === 'receiver') return true;
    if (r.multi) {
      const loop = loopWithin(r.site, r.launcher.node);
      if (loop && contains(loop, b.nameNode)) return false;
      // `go flush(batch); batch = make(...)`: each goroutine is handed its own map, then rebound.
      const after = loop ? r.launcher.file.text.slice(r.site.endIndex, loop.endIndex) : '';
      if (new RegExp(`(?<![\\w.])${b.name}\\s*=[^=]`).test(after)) return false;
    }
    return true;
  }

  /**
   * Whether the value an expression is rooted at may be shared by root r's goroutines and others:
   * package variables, the receiver when the caller passed a shared one, and variables the goroutine
   * captures from the function that starts it (not those made per loop iteration, nor those made
   * inside the goroutine or in the functions it calls).
   */
  sharedBase(expr: SyntaxNode | null, r: Root, recvShared: boolean, depth = 0): boolean {
    const id = rootIdent(expr);
    if (!id) return false;
    const b = this.scopes.resolve(id);
    if (!b) return false;
    if (b.kind === 'package') return true;
    if (b.kind === 'receiver') {
      // A receiver captured by a goroutine literal belongs to the enclosing method, outside the goroutine.
      const method = enclosingFunctionNode(b.nameNode);
      if (method && method.id !== r.target.node.id && contains(method, r.target.node)) return true;
      return recvShared;
    }
    if (b.kind === 'func' || b.kind === 'const') return false;
    if (b.kind === 'param' && r.target.decl && b.func?.id === r.target.node.id) return this.goArgShared(r, b.name);
    // Made inside the goroutine: its own, unless it was handed over a channel (work items a
    // worker receives are shared with whoever sent them and may send them again).
    if (contains(r.target.node, b.nameNode)) return this.receivedFromChannel(b) || this.loadedFromShared(b, r, recvShared, depth);
    const declFn = enclosingFunctionNode(b.nameNode);
    if (!declFn || !contains(declFn, r.target.node)) return b.kind === 'local' && this.loadedFromShared(b, r, recvShared, depth);
    if (r.multi && r.kind !== 'http' && r.launcher) {
      const loop = loopWithin(r.site, r.launcher.node);
      if (loop && contains(loop, b.nameNode)) return false;
    }
    return true;
  }

  /**
   * A local holding a value read out of a shared one: `c := s.clients[id]`, `x := s.cfg`,
   * `for _, c := range s.clients`. It is the same value the others reach through `s`.
   */
  private loadedFromShared(b: Binding, r: Root, recvShared: boolean, depth: number): boolean {
    if (depth > 2) return false;
    if (b.range) return b.range.index === 1 && this.sharedBase(b.range.expr, r, recvShared, depth + 1);
    const v = b.value ? unparen(b.value) : undefined;
    if (v?.type !== 'index_expression' && v?.type !== 'selector_expression') return false;
    if (v.type === 'index_expression') {
      // `shards[idx]` with idx the goroutine's own (its parameter, or made inside it): its own part.
      const ix = field(v, 'index');
      const ib = ix && unparen(ix).type === 'identifier' ? this.scopes.resolve(unparen(ix)) : undefined;
      if (ib && ib.kind !== 'package' && contains(r.target.node, ib.nameNode)) return false;
    }
    return this.sharedBase(v, r, recvShared, depth + 1);
  }

  /** `c := <-work`, `for c := range work` over a channel, `case c := <-work`. */
  private receivedFromChannel(b: Binding): boolean {
    const v = b.value ? unparen(b.value) : undefined;
    if (v?.type === 'unary_expression' && v.child(0)?.text === '<-') return true;
    if (b.tupleValue) {
      const t = unparen(b.tupleValue.expr);
      if (t.type === 'unary_expression' && t.child(0)?.text === '<-') return true;
    }
    return !!b.range && b.range.index === 0 && this.isChanRange(b.range.expr);
  }

  private readonly captured = new Map<number, Set<number>>();

  capturedBy(r: Root, ident: SyntaxNode): boolean {
    const b = this.scopes.resolve(ident);
    if (!b) return false;
    if (b.kind === 'package') return true;
    let set = this.captured.get(r.id);
    if (!set) {
      set = new Set();
      const scan = r.target.decl ? r.site : r.target.node;
      const stack = [scan];
      let budget = 20000;
      while (stack.length && budget-- > 0) {
        const n = stack.pop()!;
        if (n.type === 'identifier') {
          const x = this.scopes.resolve(n);
          if (x) set.add(x.nameNode.id);
        }
        for (const c of namedChildren(n)) stack.push(c);
      }
      this.captured.set(r.id, set);
    }
    return set.has(b.nameNode.id);
  }

  /** The unit being walked (for the receiver shortcut). */
  private currentUnit: Unit | undefined;

  private readonly walked = new Set<number>();

  private walkUnit(u: Unit): void {
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
  private walkStmts(u: Unit, node: SyntaxNode, state: Map<string, LockMode>): boolean {
    let terminated = false;
    for (const c of namedChildren(node)) {
      if (c.type === 'comment') continue;
      terminated = this.walkStmt(u, c, state) || terminated;
    }
    return terminated;
  }

  private walkStmt(u: Unit, s: SyntaxNode, state: Map<string, LockMode>): boolean {
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
      case 'goto_statement':
      case 'break_statement':
      case 'continue_statement':
        return true;
      case 'expression_statement': {
        this.walkChildren(u, s, state);
        const call = unparen(s.namedChild(0) ?? s);
        if (call.type === 'call_expression') {
          const fn = field(call, 'function');
          if (fn?.type === 'identifier' && fn.text === 'panic' && !this.scopes.resolve(fn)) return true;
          const shape = callShape(call);
          if (shape && /^(log\.Fatal\w*|os\.Exit)$/.test(shape.callee)) return true;
        }
        return false;
      }
      case 'if_statement': {
        // `if debugX { ... }` with `const debugX = false`: dead code.
        if (this.constFalse(field(s, 'condition'))) {
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
              if (this.isChanRange(right)) u.waits.push(s.startIndex);
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
        const ev = call.type === 'call_expression' ? this.lockCall(call) : undefined;
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
          const decl = this.calleeDecl(f, u.file);
          if (decl) {
            this.pendingGo.push({ site: s, file: u.file, launcher: u, kind: 'go', targetNode: decl.node, inLoop });
            // `go batch(items, fn)`: fn is run by whatever batch runs concurrently.
            const goArgs = args ? namedChildren(args).filter((c) => c.type !== 'comment') : [];
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
  private noteReturnedMaps(u: Unit, ret: SyntaxNode, state: Map<string, LockMode>): void {
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

  private constFalse(cond: SyntaxNode | null): boolean {
    if (!cond || cond.type !== 'identifier') return false;
    const b = this.scopes.resolve(cond);
    return b?.kind === 'const' && b.value?.text === 'false';
  }

  private walkChildren(u: Unit, node: SyntaxNode, state: Map<string, LockMode>): void {
    for (const c of namedChildren(node)) this.walkExpr(u, c, state);
  }

  /** Expressions: records accesses, calls, lock operations and literals, in source order. */
  private walkExpr(u: Unit, node: SyntaxNode, state: Map<string, LockMode>): void {
    if (this.visitExpr(u, node, state) !== 'descend') return;
    // Descend with a cursor: only nodes that matter are materialised (crossing into wasm per node is the cost).
    const cursor = node.walk();
    try {
      if (!cursor.gotoFirstChild()) return;
      let depth = 1;
      for (;;) {
        let descend = false;
        if (cursor.nodeIsNamed) {
          const type = cursor.nodeType;
          descend = INTERESTING.has(type) ? this.visitExpr(u, cursor.currentNode, state) === 'descend' : !LEAVES.has(type);
        }
        if (descend && cursor.gotoFirstChild()) {
          depth++;
          continue;
        }
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent() || --depth === 0) return;
        }
      }
    } finally {
      cursor.delete();
    }
  }

  /** Handles one expression node; 'descend' asks the caller to visit its children. */
  private visitExpr(u: Unit, node: SyntaxNode, state: Map<string, LockMode>): 'descend' | 'done' {
    switch (node.type) {
      case 'func_literal':
        // A closure handed back to the caller runs later, after the lock is released.
        this.walkLiteral(u, node, this.escapes(u, node) ? emptyLocks() : new Map(state));
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
  private readonly closureCalls = new Map<number, LockSet[]>();

  private noteClosureCall(f: SyntaxNode, state: Map<string, LockMode>): void {
    const b = this.scopes.resolve(f);
    const v = b?.kind === 'local' && b.value ? unparen(b.value) : undefined;
    if (v?.type !== 'func_literal') return;
    let list = this.closureCalls.get(v.id);
    if (!list) this.closureCalls.set(v.id, (list = []));
    list.push(snapshot(state));
  }

  /**
   * A local closure runs where it is called, not where it is defined: it holds the locks common to
   * its calls (closures invoked while the caller holds the lock inherit it).
   */
  private closureEntryLocks(): void {
    for (const [id, calls] of this.closureCalls) {
      const u = this.unitByNode.get(id);
      if (!u || u.root || !calls.length) continue;
      let common = new Map(calls[0]!);
      for (const c of calls.slice(1)) common = intersect(common, c);
      u.entryLocks = union(common, u.entryLocks);
    }
  }

  /** The literal is returned (directly, or from a function whose result is a func) or stored in a field. */
  private escapes(u: Unit, lit: SyntaxNode): boolean {
    let p = lit.parent;
    while (p && (p.type === 'expression_list' || p.type === 'parenthesized_expression')) p = p.parent;
    if (p?.type === 'return_statement') return true;
    if (p?.type === 'assignment_statement' && expressionsOf(field(p, 'left')).some((l) => unparen(l).type === 'selector_expression')) return true;
    const home = homeDecl(u);
    return !!home && /^\(?\s*func\b/.test(field(home.node, 'result')?.text ?? '');
  }

  private walkLiteral(parent: Unit, lit: SyntaxNode, entry: LockSet): Unit {
    const u = this.newUnit(lit, parent.file, parent, entry);
    const body = field(lit, 'body');
    const outer = this.currentUnit;
    this.currentUnit = u;
    if (body) this.walkStmts(u, body, emptyLocks());
    this.currentUnit = outer;
    return u;
  }

  private walkCall(u: Unit, call: SyntaxNode, state: Map<string, LockMode>): void {
    const fn = field(call, 'function');
    const argList = field(call, 'arguments');
    const args = argList ? namedChildren(argList).filter((c) => c.type !== 'comment') : [];
    const f = fn ? unparen(fn) : undefined;
    const methodName = f?.type === 'selector_expression' ? (field(f, 'field')?.text ?? '') : '';
    // Lock operations change the state after the call.
    const ev = LOCK_OPS.has(methodName) ? this.lockCall(call) : undefined;
    if (ev) {
      if (f?.type === 'selector_expression') this.walkExpr(u, field(f, 'operand')!, state);
      u.lockEvents.push(ev);
      if (ev.op === 'Lock' || ev.op === 'RLock') state.set(ev.key, ev.op === 'Lock' ? 'W' : (state.get(ev.key) === 'W' ? 'W' : 'R'));
      else state.delete(ev.key);
      return;
    }
    // `defer x.lock()()` / `unlock := x.lock()`: a helper that locks and hands back the unlock.
    const helperLock = f?.type === 'selector_expression' && !LOCK_OPS.has(methodName) ? this.lockHelperKey(f) : undefined;
    if (helperLock) {
      this.walkExpr(u, field(f!, 'operand')!, state);
      state.set(helperLock.key, helperLock.mode);
      return;
    }
    // Goroutine-starting calls: errgroup / WaitGroup.Go / conc pools / time.AfterFunc.
    const shape = methodName === 'Go' || methodName === 'AfterFunc' || methodName === 'Wrap' || methodName === 'Spawn' ? callShape(call) : null;
    const starter = shape ? this.goStarter(u.file, shape, args) : undefined;
    if (f && f.type !== 'func_literal') this.walkExpr(u, f, state);
    const wrapperDecl = f && f.type !== 'func_literal' ? this.calleeDecl(f, u.file) : undefined;
    const wrapper = wrapperDecl ? this.lockWrappers.get(wrapperDecl.node.id) : undefined;
    args.forEach((a, i) => {
      const e = unparen(a);
      if (wrapper && i === wrapper.fnIdx && e.type === 'func_literal' && args[wrapper.lockIdx]) {
        // withLock(mu, func() {...}): the callback runs holding mu.
        const held = new Map(state);
        held.set(this.mutexKey(unparen(args[wrapper.lockIdx]!)), wrapper.mode);
        this.walkLiteral(u, e, held);
        return;
      }
      if (starter && i === starter.argIndex) {
        const inLoop = inLoopWithin(call, u.node);
        if (e.type === 'func_literal') {
          const target = this.walkLiteral(u, e, emptyLocks());
          this.addRoot(starter.kind, call, u.file, u, target, inLoop);
        } else {
          const decl = this.calleeDecl(e, u.file);
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

  private goStarter(file: GoFile, shape: NonNullable<ReturnType<typeof callShape>>, args: SyntaxNode[]): { kind: RootKind; argIndex: number } | undefined {
    const time = file.importName('time');
    if (time && shape.callee === `${time}.AfterFunc` && args.length === 2) return { kind: 'afterfunc', argIndex: 1 };
    if (!shape.method || !GO_METHODS.has(shape.method) || args.length !== 1 || !shape.receiver) return undefined;
    const recvType = this.scopes.typeOfExpr(shape.receiver);
    const base = recvType.kind === 'pointer' ? recvType.elem : recvType;
    // A wait-group wrapper of the project's own (`wg.Wrap(func() {...})`, `group.Go(fn)` on a
    // type named like one): it runs the callback on a new goroutine, as its name says.
    if (base.kind === 'named' && WAITGROUP_WRAPPER.test(base.name) && !(base.qualifier && file.imports.get(base.qualifier) === 'sync')) return { kind: 'waitgroup', argIndex: 0 };
    if (shape.method !== 'Go') return undefined;
    if (base.kind === 'named' && base.qualifier) {
      const path = file.imports.get(base.qualifier) ?? '';
      if (path === 'sync' && base.name === 'WaitGroup') return { kind: 'waitgroup', argIndex: 0 };
      if (path === 'golang.org/x/sync/errgroup') return { kind: 'errgroup', argIndex: 0 };
      if (/(^|\/)conc(\/|$)/.test(path)) return { kind: 'pool', argIndex: 0 };
      return undefined;
    }
    // The receiver came from a call we cannot type (errgroup.WithContext, pool.New()): trust the imports.
    if (base.kind === 'unknown') {
      for (const p of file.imports.values()) {
        if (p === 'golang.org/x/sync/errgroup') return { kind: 'errgroup', argIndex: 0 };
        if (/^github\.com\/sourcegraph\/conc(\/|$)/.test(p)) return { kind: 'pool', argIndex: 0 };
      }
    }
    return undefined;
  }

  private readonly lockHelpers = new Map<number, { key: string; mode: LockMode } | null>();

  /**
   * `x.lock()` where the method locks a mutex of its receiver and returns a function (the unlock):
   * the lock it takes, keyed as the mutex itself would be.
   */
  private lockHelperKey(sel: SyntaxNode): { key: string; mode: LockMode } | undefined {
    const decl = this.calleeDecl(sel, this.currentUnit!.file);
    const recv = decl?.receiver;
    if (!decl || !recv?.name) return undefined;
    let hit = this.lockHelpers.get(decl.node.id);
    if (hit === undefined) {
      hit = null;
      const body = field(decl.node, 'body')?.text ?? '';
      const m = body.length < 1500 && /\breturn\s+func\s*\(/.test(body) ? new RegExp(`\\b${recv.name}\\.(?:(\\w+)\\.)?(R?)Lock\\(\\)`).exec(body) : null;
      if (m) {
        const owner = m[1] ? (this.fieldOwner(recv.typeName, m[1]) ?? recv.typeName) : recv.typeName;
        hit = { key: m[1] ? `${owner}.${m[1]}` : `${owner}.<embedded>`, mode: m[2] ? 'R' : 'W' };
      }
      this.lockHelpers.set(decl.node.id, hit);
    }
    return hit ?? undefined;
  }

  /** `x.getMutex()` whose body is `return r.mu` (or `&r.mu`): the key of that field. */
  private mutexGetterKey(call: SyntaxNode): string | undefined {
    const fn = field(call, 'function');
    const decl = fn && unparen(fn).type === 'selector_expression' ? this.calleeDecl(unparen(fn), this.currentUnit!.file) : undefined;
    const recv = decl?.receiver;
    if (!decl || !recv?.name) return undefined;
    const m = new RegExp(`^\\{\\s*return\\s+&?${recv.name}\\.(\\w+)\\s*\\}$`).exec(field(decl.node, 'body')?.text ?? '');
    return m ? `${this.fieldOwner(recv.typeName, m[1]!) ?? recv.typeName}.${m[1]}` : undefined;
  }

  private lockCall(call: SyntaxNode): Omit<LockEvent, 'deferred'> & { deferred: false } | undefined {
    const fn = field(call, 'function');
    if (!fn) return undefined;
    const f = unparen(fn);
    if (f.type !== 'selector_expression') return undefined;
    const method = field(f, 'field');
    if (!method || !LOCK_OPS.has(method.text)) return undefined;
    const args = field(call, 'arguments');
    if (args && namedChildren(args).some((c) => c.type !== 'comment')) return undefined;
    const operand = field(f, 'operand');
    if (!operand) return undefined;
    return { key: this.mutexKey(unparen(operand)), op: method.text as LockEvent['op'], deferred: false, call, method };
  }

  /** Canonical name of a mutex expression, so `s.mu` in two methods of T is the same lock (`T.mu`). */
  mutexKey(e: SyntaxNode): string {
    if (e.type === 'call_expression' && this.currentUnit) {
      const k = this.mutexGetterKey(e);
      if (k) return k;
    }
    if (e.type === 'identifier') {
      const b = this.scopes.resolve(e);
      if (!b) return `expr:${e.text}`;
      const bt = this.scopes.typeOfBinding(b);
      const t = derefNamed(this.pkg, bt);
      // A value with an embedded mutex (`s.Lock()`, `cache.RLock()`): the lock belongs to the type.
      if (t && this.pkg.types.has(t) && !isMutexType(bt)) return `${t}.<embedded>`;
      if (b.kind === 'package') return `pkg:${b.name}`;
      return `local:${b.nameNode.id}`;
    }
    if (e.type === 'selector_expression') {
      const operand = field(e, 'operand');
      const name = field(e, 'field')?.text;
      if (operand && name) {
        const t0 = derefNamed(this.pkg, this.scopes.typeOfExpr(operand));
        if (t0) {
          // Name the struct that declares the field, so `f.mu` promoted from an embedded type matches.
          const t = this.fieldOwner(t0, name) ?? t0;
          const ft = this.scopes.typeOfExpr(e);
          if (isMutexType(ft) || isMutexPointer(ft) || ft.kind === 'unknown') return `${t}.${name}`;
          // A struct field with an embedded mutex: `s.state.Lock()`.
          const inner = derefNamed(this.pkg, ft);
          if (inner) return `${inner}.<embedded>`;
          return `${t}.${name}`;
        }
      }
    }
    // Striped locks (`s.locks[i]`): one lock for the whole array. Code that locks a stripe works on
    // the part of the data that stripe guards; telling stripes apart is beyond a textual model.
    if (e.type === 'index_expression') {
      const operand = field(e, 'operand');
      if (operand) return `${this.mutexKey(unparen(operand))}[]`;
    }
    return `expr:${e.text.replace(/\s+/g, '')}`;
  }

  // ---- accesses ----------------------------------------------------------

  private noteRange(u: Unit, right: SyntaxNode, state: Map<string, LockMode>): void {
    this.noteAccess(u, right, unparen(right), 'range', state);
  }

  private isChanRange(right: SyntaxNode): boolean {
    return this.pkg.underlying(this.scopes.typeOfExpr(right)).kind === 'chan';
  }

  private noteAccess(u: Unit, node: SyntaxNode, operand: SyntaxNode, kind: AccessKind, state: Map<string, LockMode>): void {
    const id = this.mapIdentity(u, operand);
    if (!id) return;
    // A type we cannot see is a map only when the code proves it: `v, ok := x[k]` or `delete(x, k)`.
    const proof = id.typed || (node.type === 'call_expression' && field(node, 'function')?.text === 'delete') || commaOkIndex(node);
    const fresh = id.fresh || (kind !== 'assign' && !!id.field && this.madeBefore(u, operand, node.startIndex));
    const a: MapAccess = { node, operand, key: id.key, kind, name: operand.text.replace(/\s+/g, ''), unit: u, locks: snapshot(state), fresh, file: u.file, field: id.field, localDecl: id.localDecl, proof };
    u.accesses.push(a);
    this.accesses.push(a);
  }

  /**
   * `x.f = make(...)` (or a map literal) earlier in this function, `x` a local: the map at `x.f` is
   * the one just made (`clone := *cfg; clone.Meta = make(...); clone.Meta[k] = v`), nobody else's.
   */
  private madeBefore(u: Unit, operand: SyntaxNode, pos: number): boolean {
    if (operand.type !== 'selector_expression') return false;
    const home = homeDecl(u) ?? u;
    const text = home.file.text.slice(home.node.startIndex, pos);
    if (!text.includes(`${field(operand, 'field')?.text ?? ''} = `)) return false;
    const base = rootIdent(operand);
    const b = base ? this.scopes.resolve(base) : undefined;
    if (!b || b.kind !== 'local') return false;
    const name = operand.text.replace(/\s+/g, '').replace(/[.[\]()*]/g, (c) => `\\${c}`);
    return new RegExp(`(?<![\\w.])${name}\\s*=\\s*(?:make\\(|map\\[)`).test(text);
  }

  private mapIdentity(u: Unit, e: SyntaxNode): { key: string; fresh: boolean; typed: boolean | null; field?: MapAccess['field']; localDecl?: SyntaxNode } | undefined {
    if (e.type === 'identifier') {
      const b = this.scopes.resolve(e);
      if (!b || b.kind === 'func' || b.kind === 'const') return undefined;
      const typed = this.mapness(this.scopes.typeOfBinding(b));
      if (typed === false) return undefined;
      if (b.kind === 'package') return { key: `pkg:${b.name}`, fresh: false, typed };
      return { key: `local:${b.nameNode.id}`, fresh: false, typed, localDecl: b.nameNode };
    }
    if (e.type === 'index_expression') {
      // `m[a][b] = v`: the inner maps of m, one identity for all of them.
      const inner = field(e, 'operand');
      const outer = inner ? this.mapIdentity(u, unparen(inner)) : undefined;
      if (!outer || outer.key.startsWith('elem:')) return undefined;
      const typed = this.mapness(this.scopes.typeOfExpr(e));
      if (typed !== true) return undefined;
      return { key: `elem:${outer.key}`, fresh: outer.fresh, typed };
    }
    if (e.type === 'selector_expression') {
      const operand = field(e, 'operand');
      const name = field(e, 'field')?.text;
      if (!operand || !name) return undefined;
      const base = unparen(operand);
      const recv = this.receiverType(base);
      if (recv) {
        // Fast path for the receiver (`s.items`): no scope walk.
        const declaring = this.fieldOwner(recv, name);
        if (!declaring) return undefined;
        const ft = this.fieldTypeOf(declaring, name);
        const typed = ft ? this.mapness(ft) : null;
        if (typed === false) return undefined;
        return { key: `field:${declaring}.${name}`, fresh: false, typed, field: { typeName: declaring, name } };
      }
      if (base.type === 'identifier' && !this.scopes.resolve(base)) return undefined; // imported package
      let bt = this.scopes.typeOfExpr(base);
      if (bt.kind === 'pointer') bt = bt.elem;
      if (bt.kind === 'named' && bt.qualifier) {
        // A field of an imported struct type (`ls.Followers`): only when the code proves it is a map.
        const typeName = `${bt.qualifier}.${bt.name}`;
        return { key: `field:${typeName}.${name}`, fresh: false, typed: null, field: { typeName, name } };
      }
      const owner = derefNamed(this.pkg, bt);
      if (!owner || !this.pkg.types.has(owner)) return undefined;
      const declaring = this.fieldOwner(owner, name);
      if (!declaring) return undefined;
      const typed = this.mapness(this.scopes.typeOfExpr(e));
      if (typed === false) return undefined;
      return { key: `field:${declaring}.${name}`, fresh: this.freshBase(u, base), typed, field: { typeName: declaring, name } };
    }
    return undefined;
  }

  /** true: a map; false: known not to be; null: cannot tell. */
  private mapness(t: GoType): boolean | null {
    const u = this.pkg.underlying(t);
    if (u.kind === 'map') return true;
    if (u.kind === 'unknown') return null;
    if (u.kind === 'named' && u.qualifier) return null;
    return false;
  }

  private readonly recvCache = new Map<number, Map<string, string>>();

  /**
   * When `e` names the receiver or a parameter of the function it appears in (not shadowed): the
   * package type name behind it, found without a scope walk (the hot path on large generated code).
   */
  private receiverType(e: SyntaxNode): string | undefined {
    if (e.type !== 'identifier') return undefined;
    const u = this.currentUnit;
    if (!u) return undefined;
    let names = this.recvCache.get(u.id);
    if (!names) {
      names = new Map();
      const home = homeDecl(u);
      if (home?.decl) {
        const r = home.decl.receiver;
        if (r?.name && this.pkg.types.has(r.typeName)) names.set(r.name, r.typeName);
        for (const p of parametersOf(home.node)) {
          const t = derefNamed(this.pkg, this.pkg.typeOf(p.type));
          if (t && this.pkg.types.has(t)) names.set(p.name.text, t);
        }
        for (let x: Unit | undefined = u; x && x !== home; x = x.parent) for (const n of x.paramNames) names.delete(n);
        for (const n of [...names.keys()]) if (this.declaredInBody(home, n)) names.delete(n);
      }
      this.recvCache.set(u.id, names);
    }
    return names.get(e.text);
  }

  private readonly notOnlyCalled = new Map<number, Set<string>>();

  /**
   * Whether the declaration may declare `name` itself: true unless every occurrence of the name
   * in its text is a call (`name(`); declarations (`name :=`, `var name`, `name T` parameters)
   * never are. Read from the text, generously: true sends the caller to the scope walk.
   */
  private mayDeclare(home: Unit, name: string): boolean {
    let names = this.notOnlyCalled.get(home.id);
    if (!names) {
      names = new Set();
      const text = home.file.text.slice(home.node.startIndex, home.node.endIndex);
      for (const m of text.matchAll(NAME_USE)) if (!m[2]) names.add(m[1]!);
      this.notOnlyCalled.set(home.id, names);
    }
    return names.has(name);
  }

  private readonly bodyNames = new Map<number, Set<string>>();

  /** Names declared with := / var / range anywhere in a declaration's body (cheap textual scan). */
  private declaredInBody(home: Unit, name: string): boolean {
    let names = this.bodyNames.get(home.id);
    if (!names) {
      names = new Set();
      const text = field(home.node, 'body')?.text ?? '';
      for (const m of text.matchAll(/([\w, ]+?)\s*:=|\bvar\s+([\w, ]+)/g)) {
        for (const n of (m[1] ?? m[2] ?? '').split(',')) names.add(n.trim().split(/\s+/).pop() ?? '');
      }
      this.bodyNames.set(home.id, names);
    }
    return names.has(name);
  }

  private fieldTypeOf(typeName: string, name: string): GoType | undefined {
    const f = this.pkg.structFieldsOf(typeName)?.find((x) => x.name === name && !x.embedded);
    return f ? this.pkg.typeOf(f.typeNode) : undefined;
  }

  /** The struct type (this one or an embedded one) that declares field `name`. */
  private fieldOwner(typeName: string, name: string, depth = 0): string | undefined {
    if (depth > 3) return undefined;
    const fields = this.pkg.structFieldsOf(typeName);
    if (!fields) return undefined;
    if (fields.some((f) => f.name === name && !f.embedded)) return typeName;
    for (const f of fields.filter((x) => x.embedded)) {
      const inner = derefNamed(this.pkg, this.pkg.typeOf(f.typeNode));
      if (inner && this.pkg.types.has(inner)) {
        const r = this.fieldOwner(inner, name, depth + 1);
        if (r) return r;
      }
    }
    return undefined;
  }

  /**
   * `x` declared in this function as a fresh value (`&T{}`, `T{}`, `new(T)`, `var x T`, a package
   * constructor's result, a `clone()`/`Copy()` of another value), or a part of one (`s := &c.shards[i]`).
   */
  private freshBase(u: Unit, base: SyntaxNode, depth = 0): boolean {
    let e = base;
    while (e.type === 'selector_expression' || e.type === 'index_expression') e = unparen(field(e, 'operand') ?? e);
    if (e.type !== 'identifier' || depth > 3) return false;
    const b = this.scopes.resolve(e);
    if (!b || b.kind !== 'local' || b.func?.id !== u.node.id) return false;
    if (!b.value) return b.declNode.type === 'var_spec' && !!b.typeNode && !b.tupleValue && b.typeNode.type !== 'pointer_type';
    let v = unparen(b.value);
    if (v.type === 'unary_expression' && v.child(0)?.type === '&') v = unparen(field(v, 'operand') ?? v);
    if (v.type === 'composite_literal') return true;
    if (v.type === 'selector_expression' || v.type === 'index_expression') return this.freshBase(u, v, depth + 1);
    if (v.type === 'call_expression') {
      const fn = field(v, 'function');
      if (fn?.type === 'selector_expression') return COPY_METHOD.test(field(fn, 'field')?.text ?? '');
      if (fn?.type !== 'identifier') return false;
      if (fn.text === 'new') return !this.scopes.resolve(fn);
      // `c := newCluster(token)`: a package constructor hands back a value nobody else has yet.
      const d = /^(new|New)[A-Z_]?/.test(fn.text) ? this.pkg.funcs.get(fn.text) : undefined;
      return !!d && /^\*?\w/.test(field(d.node, 'result')?.text ?? '');
    }
    return false;
  }

  private isMap(t: GoType): boolean {
    const u = this.pkg.underlying(t);
    if (u.kind === 'map') return true;
    return false;
  }

  // ---- call resolution ---------------------------------------------------

  /** The declaration a call's function expression names, when it is a function or method of this package. */
  private calleeDecl(f: SyntaxNode, _file: GoFile): FuncDecl | undefined {
    const e = unparen(f);
    if (e.type === 'identifier') {
      const d = this.pkg.funcs.get(e.text);
      if (!d) return undefined;
      // Fast path: nothing in the enclosing declaration could declare the name, so it is the package's.
      const home = this.currentUnit ? homeDecl(this.currentUnit) : undefined;
      if (home && !this.mayDeclare(home, e.text)) return d;
      const b = this.scopes.resolve(e);
      return b?.kind === 'func' ? this.pkg.funcs.get(e.text) : undefined;
    }
    if (e.type === 'selector_expression') {
      const name = field(e, 'field')?.text;
      const operand = field(e, 'operand');
      if (!name || !operand || !this.methodNames.has(name)) return undefined;
      const base = unparen(operand);
      const recv = this.receiverType(base);
      if (recv) return this.methodOf(recv, name);
      if (base.type === 'identifier' && !this.scopes.resolve(base)) return undefined;
      const t = derefNamed(this.pkg, this.scopes.typeOfExpr(base));
      if (!t) return undefined;
      return this.methodOf(t, name);
    }
    return undefined;
  }

  private methodOf(typeName: string, name: string, depth = 0): FuncDecl | undefined {
    const m = this.pkg.methodsOf(typeName).get(name);
    if (m || depth > 2) return m;
    for (const f of (this.pkg.structFieldsOf(typeName) ?? []).filter((x) => x.embedded)) {
      const inner = derefNamed(this.pkg, this.pkg.typeOf(f.typeNode));
      if (inner) {
        const r = this.methodOf(inner, name, depth + 1);
        if (r) return r;
      }
    }
    return undefined;
  }

  private resolveFuncUnit(e: SyntaxNode, file: GoFile): Unit | undefined {
    const d = this.calleeDecl(e, file);
    return d ? this.unitByNode.get(d.node.id) : undefined;
  }

  // ---- derived facts -------------------------------------------------------

  /** Locks a function holds on entry: `...Locked` / documented helpers, and unexported helpers every caller calls under a lock. */
  private inheritedLocks(): (u: Unit) => LockSet {
    const declLocks = new Map<number, LockSet>();
    const any: LockSet = new Map([[ANY_LOCK, 'W']]);
    for (const u of this.units) {
      if (!u.decl) continue;
      if (HOLDS_NAME.test(u.decl.name) || HOLDS_DOC.test(docText(u.decl.doc))) declLocks.set(u.id, any);
      else if (exclusiveByDoc(u)) declLocks.set(u.id, new Map([[EXCLUSIVE, 'W']]));
    }
    const memo = new Map<number, LockSet>();
    const inherited = (u: Unit, depth = 0): LockSet => {
      if (u.root) return emptyLocks();
      if (u.parent) {
        const hit = memo.get(u.id);
        if (hit) return hit;
        const p = depth > 20 ? emptyLocks() : inherited(u.parent, depth + 1);
        const out = p.size ? union(new Map(p), u.entryLocks) : u.entryLocks;
        memo.set(u.id, out);
        return out;
      }
      return declLocks.get(u.id) ?? emptyLocks();
    };
    // Unexported helpers whose every call site holds a lock inherit the common locks: a greatest
    // fixpoint, so mutually recursive helpers entered only under the lock keep it. Calls from test
    // files (single-threaded checks of internals) do not count against a helper.
    const TOP: LockSet = new Map([['<top>', 'W']]);
    const candidates = this.units.filter((u) => u.decl && !u.root && declLocks.get(u.id) !== any && /^[a-z_]/.test(u.decl.name) && u.callers.some((c) => !isTest(c.caller.file) || isTest(u.file)));
    for (const u of candidates) declLocks.set(u.id, TOP);
    // Two passes: the fixpoint, then again once the helpers nothing resolved (every caller still
    // unknown: callers of their own that are tests or constructors) hold nothing; their callees
    // then keep the locks held at their own call sites.
    for (let pass = 0; pass < 2; pass++) {
    if (pass === 1) {
      let unresolved = false;
      for (const u of candidates) if (declLocks.get(u.id)?.has('<top>')) { declLocks.set(u.id, emptyLocks()); unresolved = true; }
      if (!unresolved) break;
    }
    for (let round = 0; round < 12; round++) {
      let changed = false;
      memo.clear();
      for (const u of candidates) {
        let common: Map<string, LockMode> | undefined;
        for (const c of u.callers) {
          if (c.caller.id === u.id || (isTest(c.caller.file) && !isTest(u.file))) continue;
          // Calls from constructors (NewT/newT functions) run before the value is shared.
          // Set-up methods (Provision, Init, ...) likewise, when other callers show the lock.
          const ch = homeDecl(c.caller)?.decl;
          if (ch && (ch.receiver ? isSetupName(ch.name) : CONSTRUCTOR_NAME.test(ch.name))) continue;
          const inh = inherited(c.caller);
          if (inh === TOP || inh.has('<top>')) continue;
          const held = union(new Map(inh), c.locks);
          common = common ? intersect(common, held) : held;
          if (common.size === 0) break;
        }
        const prev = declLocks.get(u.id)!;
        if (!common) continue;
        if (prev === TOP || prev.has('<top>') || prev.size !== common.size) {
          declLocks.set(u.id, common);
          changed = true;
        }
      }
      if (!changed) break;
    }
    }
    for (const u of candidates) if (declLocks.get(u.id)?.has('<top>')) declLocks.set(u.id, emptyLocks());
    memo.clear();
    return (u) => inherited(u);
  }

  /** Roots reaching each unit (the root's body, literals inside it, package functions it calls, bounded depth), with whether the unit's receiver is shared under that root. */
  contexts(): Map<number, Map<Root, boolean>> {
    const out = new Map<number, Map<Root, boolean>>();
    const add = (u: Unit, r: Root, recv: boolean) => {
      let m = out.get(u.id);
      if (!m) out.set(u.id, (m = new Map()));
      const prev = m.get(r);
      if (prev === true || prev === recv) return false;
      m.set(r, recv);
      return true;
    };
    for (const r of this.roots) {
      const queue: { u: Unit; depth: number; recv: boolean }[] = [{ u: r.target, depth: 0, recv: r.recvShared }];
      let steps = 0;
      while (queue.length && steps++ < 2000) {
        const { u, depth, recv } = queue.shift()!;
        if (!add(u, r, recv)) continue;
        for (const lit of u.literals) if (!lit.root) queue.push({ u: lit, depth, recv });
        if (depth >= MAX_CALL_DEPTH) continue;
        for (const c of u.calls) {
          if (c.callee.root) continue;
          queue.push({ u: c.callee, depth: depth + 1, recv: c.recv ? this.sharedBase(c.recv, r, recv) : false });
        }
      }
    }
    return out;
  }
}

// ---- helpers ---------------------------------------------------------------

/** Adds `name` to `seen`; when it was not there yet, to `added` too. */
function addNew(seen: Set<string>, added: Set<string>, name: string): void {
  if (seen.has(name)) return;
  seen.add(name);
  added.add(name);
}

const NO_LOCKS: LockSet = new Map();
/** A doc comment as prose: comment markers dropped, lines joined. */
function docText(doc: string): string {
  return doc.replace(/^\s*\/\/\s?/gm, '').replace(/\s+/g, ' ');
}

/** Methods that run their callback on a new goroutine, on a group-like receiver. */
const GO_METHODS = new Set(['Go', 'Wrap', 'Spawn']);
const WAITGROUP_WRAPPER = /(?:WaitGroup|Group)(?:Wrapper)?$/;

/** Methods that return a new copy of their receiver: the copy is the caller's own. */
const COPY_METHOD = /^(?:clone|Clone|copy|Copy|deepCopy|DeepCopy|dup|Dup|shallowCopy|ShallowCopy)$/;
/** A name not written after a dot, and whether a call's parenthesis follows it. */
const NAME_USE = /(?<![\p{L}\p{N}_.])([\p{L}_][\p{L}\p{N}_]*)(\s*\()?/gu;
/** The lock state at a point, shared when empty (most points hold no lock). */
function snapshot(state: ReadonlyMap<string, LockMode>): LockSet {
  return state.size ? new Map(state) : NO_LOCKS;
}

function replace(target: Map<string, LockMode>, from: ReadonlyMap<string, LockMode>): void {
  if (target === from) return;
  target.clear();
  for (const [k, v] of from) target.set(k, v);
}

function union(a: Map<string, LockMode>, b: LockSet): Map<string, LockMode> {
  for (const [k, v] of b) a.set(k, v === 'W' || a.get(k) === 'W' ? 'W' : 'R');
  return a;
}

function intersect(a: ReadonlyMap<string, LockMode>, b: ReadonlyMap<string, LockMode>): Map<string, LockMode> {
  const out = new Map<string, LockMode>();
  if (a.has(ANY_LOCK)) return new Map(b);
  if (b.has(ANY_LOCK)) return new Map(a);
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w) out.set(k, v === 'W' && w === 'W' ? 'W' : 'R');
  }
  return out;
}

function isMutexPointer(t: GoType): boolean {
  return t.kind === 'pointer' && isMutexType(t.elem) !== undefined;
}

const WAIT_STMT = /^(?:<-|select\b|for\s+range\s|[\w.]+\.Wait\(\)|[\w, ]+:?=\s*(?:<-|[\w.]+\.Wait\(\))|if\s+(?:\w+\s*:=\s*)?[\w.]+\.Wait\(\))/;

/** The statement after a goroutine start waits for it (channel receive, Wait, select). */
function waitsRightAfter(site: SyntaxNode): boolean {
  let stmt: SyntaxNode | null = site;
  while (stmt && stmt.parent && stmt.parent.type !== 'statement_list' && stmt.parent.type !== 'block') stmt = stmt.parent;
  let next = stmt?.nextNamedSibling ?? null;
  while (next && next.type === 'comment') next = next.nextNamedSibling;
  return !!next && WAIT_STMT.test(next.text);
}

/** The variable an expression is rooted at: `s` in `s.a.b[k]`, `(*p).m`. */
export function rootIdent(expr: SyntaxNode | null): SyntaxNode | undefined {
  let e = expr ? unparen(expr) : null;
  for (let i = 0; e && i < 20; i++) {
    if (e.type === 'identifier') return e;
    if (e.type === 'selector_expression') e = field(e, 'operand');
    else if (e.type === 'index_expression') e = field(e, 'operand');
    else if (e.type === 'unary_expression') e = field(e, 'operand');
    else if (e.type === 'parenthesized_expression') e = unparen(e);
    else return undefined;
    if (e) e = unparen(e);
  }
  return undefined;
}

function enclosingFunctionNode(n: SyntaxNode): SyntaxNode | null {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') return p;
  return null;
}

/** The name of a package-declared named type behind t (through one pointer). */
export function derefNamed(pkg: PackageModel, t: GoType): string | undefined {
  let x = t;
  if (x.kind === 'pointer') x = x.elem;
  if (x.kind !== 'named' || x.qualifier) return undefined;
  const decl = pkg.types.get(x.name);
  if (decl?.alias) {
    const target = pkg.typeOf(decl.typeNode);
    if (target.kind === 'named' && !target.qualifier) return target.name;
  }
  return x.name;
}

/** True when a for statement inside `fn` (not crossing into a nested function) encloses `node`. */
export function inLoopWithin(node: SyntaxNode, fn: SyntaxNode): boolean {
  return loopWithin(node, fn) !== undefined;
}

/** The innermost for statement enclosing `node` within function `fn`. */
export function loopWithin(node: SyntaxNode, fn: SyntaxNode): SyntaxNode | undefined {
  for (let p = node.parent; p && p.id !== fn.id; p = p.parent) {
    if (p.type === 'for_statement') return p;
    if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') return undefined;
  }
  return undefined;
}

/** True when the function body contains a loop outside nested literals (a worker that keeps running). */
function loops(fn: SyntaxNode): boolean {
  const body = field(fn, 'body');
  if (!body) return false;
  let found = false;
  const visit = (n: SyntaxNode) => {
    if (found) return;
    for (const c of namedChildren(n)) {
      if (c.type === 'for_statement') {
        found = true;
        return;
      }
      if (c.type === 'func_literal') continue;
      if (c.type.endsWith('statement') || c.type === 'block' || c.type === 'statement_list' || c.type.endsWith('_case')) visit(c);
    }
  };
  visit(body);
  return found;
}

const EXCLUSIVE_DOC = /\b(?:not|never)\s+(?:be\s+)?(?:called|used|run)\s+(?:concurrently|in\s+parallel|during\s+(?:the\s+)?parallel)|single[- ]threaded|before\s+(?:any|the)\s+goroutines?\s+(?:start|are\s+started)/i;

/** A function documented (above it or in its body) as never running concurrently with others. */
function exclusiveByDoc(u: Unit): boolean {
  if (u.decl && EXCLUSIVE_DOC.test(u.decl.doc)) return true;
  const body = field(u.node, 'body');
  if (!body || !body.text.includes('//')) return false;
  for (const line of body.text.split('\n')) {
    const i = line.indexOf('//');
    if (i >= 0 && EXCLUSIVE_DOC.test(line.slice(i))) return true;
  }
  return false;
}

/** `v, ok := m[k]` (also `=`): only maps index with comma-ok. */
function commaOkIndex(index: SyntaxNode): boolean {
  if (index.type !== 'index_expression') return false;
  const list = index.parent;
  const stmt = list?.type === 'expression_list' ? list.parent : list;
  if (!stmt || (stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement' && stmt.type !== 'var_spec')) return false;
  const right = field(stmt, stmt.type === 'var_spec' ? 'value' : 'right');
  const left = stmt.type === 'var_spec' ? stmt.childrenForFieldName('name') : expressionsOf(field(stmt, 'left'));
  return !!right && expressionsOf(right).length === 1 && unparen(expressionsOf(right)[0]!).id === index.id && left.length === 2;
}

/** The goroutine a unit runs in directly: itself when it is a root, else the nearest enclosing root literal. */
function enclosingRoot(u: Unit): Root | undefined {
  for (let x: Unit | undefined = u; x; x = x.parent) {
    if (x.root) return x.root;
    if (x.decl) return undefined;
  }
  return undefined;
}

/** The declared function (not a literal) a unit belongs to. */
export function homeDecl(u: Unit): Unit | undefined {
  let x: Unit | undefined = u;
  while (x && !x.decl) x = x.parent;
  return x;
}

/** True when the function builds a value of type T (`T{...}`, `&T{...}`, `new(T)`): a constructor. */
function buildsType(fn: SyntaxNode, typeName: string, _scopes: Scopes): boolean {
  const text = fn.text;
  if (!text.includes(typeName)) return false;
  const re = new RegExp(`(?:&|\\b)${typeName}(?:\\[[^\\]]*\\])?\\s*\\{|new\\(\\s*${typeName}\\s*\\)|var\\s+\\w+\\s+\\*?${typeName}\\b`);
  return re.test(text);
}

/** Start of the statement or literal position that represents `a` in its declared function, and that function. */
export function homePosition(a: { node: SyntaxNode; unit: Unit }): { unit: Unit; pos: number } {
  let u = a.unit;
  let pos = a.node.startIndex;
  while (!u.decl && !u.root && u.parent) {
    pos = u.node.startIndex;
    u = u.parent;
  }
  return { unit: u, pos };
}

function isTest(f: GoFile): boolean {
  return f.path.endsWith('_test.go');
}

/** `outer` encloses `inner` in the same file (offsets alone compare across files). */
export function contains(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return outer.tree === inner.tree && containsIndex(outer, inner);
}
