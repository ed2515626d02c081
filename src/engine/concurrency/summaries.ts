// Per-function summaries: the one walk over each relevant body (walk.ts) that builds the package's
// concurrency model (ConcurrencyFact), shared by the concurrency rules. For every map access it
// records which map (identity.ts), its kind, the locks held relative to function entry and
// whether the base is fresh; for every call site, the callee and the locks held there; for every
// goroutine start, a root (contexts.ts). This file chooses the bodies, links the roots found by
// the walk (declared targets, callbacks, handlers, gRPC services) and assembles the model. Inherited locks (locks.ts), ownership (ownership.ts),
// phases (phases.ts) and witnesses (witness.ts) are derived from these summaries. Every body is
// walked at most once, and only the bodies that can matter (relevant.ts).
import type { SyntaxNode } from '../types.js';
import type { GoFile } from '../source.js';
import type { FuncDecl, PackageModel } from '../model.js';
import { defineFact } from '../model.js';
import type { Scopes } from '../scope.js';
import { ScopesFact } from '../run.js';
import { field, unparen } from '../ast.js';
import { isMutexType } from '../gotypes.js';
import { httpHandlers, isServed } from '../handlers.js';
import { BodySelector } from '../relevant.js';
import type { ConcurrencyModel, MapAccess, Root, RootKind, Unit } from './types.js';
import { addNew, buildsType, enclosingRoot, homeDecl, inLoopWithin, loops } from './units.js';
import { combined, emptyLocks, inheritedLocks, intersect, isMutexPointer, union } from './locks.js';
import { documentedLocks } from './doclocks.js';
import { MAX_CALL_DEPTH, perRunReceivers, reachingRoots, rpcServices } from './contexts.js';
import { BodyWalker } from './walk.js';
import { ImporterCallsFact } from './importers.js';
import { ForeignCallbackFact } from './callbacks.js';
import { waitsRightAfter } from './phases.js';

const CALLER_LEVELS = 2;
export const ConcurrencyFact = defineFact<ConcurrencyModel>('concurrency', (pkg) => buildModel(pkg, pkg.fact(ScopesFact)));

function buildModel(pkg: PackageModel, scopes: Scopes): ConcurrencyModel {
  const b = new Builder(pkg, scopes);
  b.run();
  return b.model();
}

class Builder extends BodyWalker {
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
    const vars = select.guardedMapVars();
    for (const d of select.mentioning(fields, vars)) start.add(d);
    for (const c of this.pkg.fact(ImporterCallsFact)) start.add(c.decl);
    for (const d of this.pkg.fact(ForeignCallbackFact)) start.add(d);
    this.walkDecls(start, select);
    const goParamFns = new Set<string>();
    const named = new Set<MapAccess>();
    for (let walked = -1; walked !== this.walked.size; ) {
      walked = this.walked.size;
      this.linkRoots();
      this.walkReachable(select);
      // The maps goroutines touch: any other body naming them may be the other side of a race.
      const contexts = reachingRoots(this.roots, this.own);
      const newFields = new Set<string>();
      const newVars = new Set<string>();
      for (const a of this.accesses) {
        // Roots only grow, so an access once under one stays under one: its name is added already.
        if (named.has(a) || !contexts.has(a.unit.id)) continue;
        named.add(a);
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
      // Only helpers that touch a shared map care what their callers hold; exported ones too at
      // first: "every caller holds the lock" (witness.ts) needs their callers' locks. One level up,
      // only the unexported callers pass on what their own callers hold (locks.ts inherits through
      // unexported helpers alone), so only theirs are walked in turn.
      const needs = fresh.filter((d) => (level === 0 ? this.touchesSharedMap(unitOf(d)) : /^[a-z_]/.test(d.name)));
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

  /** The package's gRPC registrations (read once: every round of linkRoots asks). */
  private services: ReturnType<typeof rpcServices> | undefined;

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
    // Goroutines and handlers of importing packages calling an exported function of this one.
    for (const c of this.pkg.fact(ImporterCallsFact)) {
      const target = this.unitByNode.get(c.decl.node.id);
      if (!target || target.root) continue;
      const root = this.addRoot(c.kind, c.site, c.siteFile, undefined, target, c.multi);
      if (root) {
        root.importer = c.importer;
        // Its receiver is one value the runs share (importers.ts checked it at the call).
        root.recvShared = true;
      }
    }
    // gRPC services: `pb.RegisterXServer(srv, impl)` serves every exported method of impl's type,
    // each call on its own goroutine.
    for (const svc of (this.services ??= rpcServices(this.pkg, this.scopes))) {
      for (const m of this.pkg.methodsOf(svc.typeName).values()) {
        const target = this.unitByNode.get(m.node.id);
        if (target && !target.root && /^[A-Z]/.test(m.name)) this.addRoot('rpc', svc.site, svc.file, undefined, target, true);
      }
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
    const inherited = inheritedLocks(this.units, (d) => documentedLocks(this.pkg, d, (t) => this.mutexFieldNames(t)));
    const contexts = reachingRoots(this.roots, this.own);
    const contextSets = new Map<number, Set<Root>>();
    for (const [id, m] of contexts) contextSets.set(id, new Set(m.keys()));
    const pkg = this.pkg;
    const scopes = this.scopes;
    const ctorCache = new Map<string, boolean>();
    let perRun: Map<number, Set<Root>> | undefined;
    const model: ConcurrencyModel = {
      pkg,
      scopes,
      units: this.units,
      roots: this.roots,
      accesses: this.accesses,
      byKey,
      unitOf: (node) => this.unitByNode.get(node.id),
      locksAt: (a) => combined(inherited(a.unit), a.locks),
      contextsOf: (u) => contextSets.get(u.id) ?? new Set(),
      receiverSharedUnder: (u, r) => contexts.get(u.id)?.get(r) ?? false,
      sharedUnder: (a, r) => {
        if (a.key.startsWith('pkg:')) return true;
        if (a.localDecl) return this.own.sharedBase(a.operand, r, false);
        const recv = contexts.get(a.unit.id)?.get(r) ?? false;
        return this.own.sharedBase(a.operand, r, recv);
      },
      perRunReceiver: (u, r) => (perRun ??= perRunReceivers(this.roots, this.own, scopes)).get(u.id)?.has(r) ?? false,
      madePerRun: (ident, r) => this.own.madePerRun(ident, r),
      freshLocal: (e) => this.own.freshLocal(e),
      capturedBy: (r, ident) => this.own.capturedBy(r, ident),
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

  /** Whether a recorded call sits in a loop of its function (computed on demand: most are never asked). */
  private paramCallInLoop(p: { site: SyntaxNode; caller: Unit; inLoop: boolean | undefined }): boolean {
    if (p.inLoop === undefined) p.inLoop = inLoopWithin(p.site, p.caller.node);
    return p.inLoop;
  }

  private resolveFuncUnit(e: SyntaxNode, file: GoFile): Unit | undefined {
    const d = this.ids.calleeDecl(e, file);
    return d ? this.unitByNode.get(d.node.id) : undefined;
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

  protected addRoot(kind: RootKind, site: SyntaxNode, siteFile: GoFile, launcher: Unit | undefined, target: Unit, multi: boolean): Root | undefined {
    if (target.root) return undefined;
    // A goroutine target chosen for nothing in its own text (`go worker(m)`) is walked now.
    if (target.decl) this.walkUnit(target);
    const sync = kind !== 'http' && waitsRightAfter(site);
    const root: Root = { id: this.roots.length, kind, site, siteFile, launcher, target, multi: multi && !sync, longLived: kind === 'http' || loops(target.node), recvShared: true, sync, served: true };
    // (A root in an importing package: importers.ts decides its receiver, with the importer's scopes.)
    if (kind !== 'http' && target.decl?.receiver && this.pkg.fileOf(site)) root.recvShared = this.own.goReceiverShared(root);
    target.root = root;
    this.roots.push(root);
    return root;
  }
}
