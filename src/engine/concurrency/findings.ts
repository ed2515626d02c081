// Map races derived from the concurrency model (summaries.ts), once per
// package: unguarded writes that overlap another access (concurrent-map-access),
// accesses to a mutex-guarded map field made without the mutex
// (unguarded-map-field), and writes made under a read lock only
// (map-write-under-rlock). Rules only pick the findings of their file.
// Each finding says whether it has a witness (witness.ts): only those are errors.
import type { SyntaxNode } from '../types.js';
import type { GoFile } from '../source.js';
import { defineFact, type PackageModel } from '../model.js';
import { httpHandlers } from '../handlers.js';
import { GO_STATEMENT } from '../relevant.js';
import { ConcurrencyFact } from './summaries.js';
import { commonLock } from './locks.js';
import { ANY_LOCK, EXCLUSIVE, type ConcurrencyModel, type LockEvent, type MapAccess, type Root, type Unit } from './types.js';
import { contains, homeDecl, homePosition, rootIdent } from './units.js';
import { CONSTRUCTOR_NAME, isTestFile, launcherRelation, rootsConcurrent, sameLauncher } from './phases.js';
import { countsAsRoot, reachesOf, type Entry, type GuardInfo } from './witness.js';
import { unguardedFields, type UnguardedFinding } from './unguarded.js';
import { ImporterCallsFact } from './importers.js';
import { ForeignCallbackFact } from './callbacks.js';

export type { UnguardedFinding };

export interface RaceFinding {
  write: MapAccess;
  other: MapAccess;
  /** Context of the write and of the other access, in words. */
  writeContext: string;
  otherContext: string;
  /** The write races with itself (a goroutine started in a loop, or a handler). */
  self: boolean;
}

export interface RLockFinding {
  write: MapAccess;
  /** The RLock call of this function, and its RUnlock calls (both needed for a fix). */
  rlock?: LockEvent;
  runlocks: LockEvent[];
  mutexText: string;
  /**
   * Two writers can hold the read lock at once: the write is reached from a goroutine or handler
   * run several times at once, from an exported method (any number of clients), or from two
   * different entry points. A write only one goroutine ever makes (the read lock keeping out a
   * `Close` that takes the write lock) has no witness.
   */
  witnessed: boolean;
  /** The entry points that reach the write, for the message. */
  entries: Entry[];
}

export interface MapRaceReport {
  races: RaceFinding[];
  unguarded: UnguardedFinding[];
  rlockWrites: RLockFinding[];
  /** Map keys (`field:T.f`, `pkg:m`) that unguarded-map-field owns. */
  guardedFields: Set<string>;
}

export const MapRaceFact = defineFact<MapRaceReport>('map-races', (pkg) =>
  mayRace(pkg) ? analyse(pkg.fact(ConcurrencyFact)) : { races: [], unguarded: [], rlockWrites: [], guardedFields: new Set() },
);

/**
 * Every finding needs a concurrent context (a go statement, errgroup/WaitGroup/pool `.Go(`,
 * `time.AfterFunc`, an HTTP handler), an `RLock`, or a struct holding both a mutex and a
 * map (lock evidence for unguarded-map-field). A package with none of them cannot produce
 * one, so the model is not built for it.
 */
function mayRace(pkg: PackageModel): boolean {
  const text = pkg.files.some((f) => f.text.includes('AfterFunc') || f.text.includes('.Go(') || f.text.includes('.Wrap(') || f.text.includes('RLock(') || /\bRegister\w*Server\s*\(/.test(f.text));
  if (text || pkg.files.some((f) => GO_STATEMENT.test(f.text))) return true;
  if (pkg.files.some((f) => !!f.importName('net/http')) && httpHandlers(pkg).length > 0) return true;
  for (const name of pkg.types.keys()) {
    const fields = pkg.structFieldsOf(name);
    if (!fields) continue;
    const mutex = fields.some((f) => /(^|\.)(RW)?Mutex$/.test(f.typeNode.text.replace(/^\*/, '')));
    if (mutex && fields.some((f) => pkg.underlying(pkg.typeOf(f.typeNode)).kind === 'map')) return true;
  }
  // Goroutines or handlers of another package of the module call into this one.
  return pkg.fact(ImporterCallsFact).length > 0 || pkg.fact(ForeignCallbackFact).length > 0;
}

function analyse(model: ConcurrencyModel): MapRaceReport {
  const ctors = constructorUnits(model);
  const inCtor = (a: MapAccess) => {
    if (model.inConstructor(a)) return true;
    const h = homeDecl(a.unit);
    return !!h && ctors.has(h.id) && !model.contextsOf(a.unit).size;
  };
  const { unguarded, guardedFields } = unguardedFields(model, inCtor);
  const races = mapRaces(model, guardedFields, inCtor);
  const rlockWrites = rlockWriteFindings(model, inCtor);
  return { races, unguarded, rlockWrites, guardedFields };
}

/** Unexported helpers called only from constructors run before the value is shared. */
function constructorUnits(model: ConcurrencyModel): Set<number> {
  const out = new Set<number>();
  for (let round = 0; round < 2; round++) {
    for (const u of model.units) {
      if (!u.decl || out.has(u.id) || !/^[a-z_]/.test(u.decl.name) || u.callers.length === 0 || u.root) continue;
      const all = u.callers.every((c) => {
        // Called from the constructor's own body, not from a callback it hands out (which may run later).
        const h = c.caller.decl ? c.caller : undefined;
        if (!h?.decl) return false;
        if (out.has(h.id) || h.decl.name === 'init') return true;
        return !h.decl.receiver && CONSTRUCTOR_NAME.test(h.decl.name);
      });
      if (all) out.add(u.id);
    }
  }
  return out;
}

// ---- concurrent-map-access -------------------------------------------------

/**
 * An access outside r's goroutines that overlaps it: in the function that started r (after the
 * start, before any wait), or in a method that function calls then, on a value r shares.
 */
function launcherSideConcurrent(model: ConcurrencyModel, r: Root, x: MapAccess): boolean {
  if (!r.launcher) return false;
  const at = homePosition(x);
  const sharedHere = () => {
    if (x.key.startsWith('pkg:')) return true;
    if (x.localDecl) return !contains(r.target.node, x.localDecl);
    const id = rootIdent(x.operand);
    return !!id && model.capturedBy(r, id);
  };
  if (launcherRelation(r, at.unit, at.pos) === 'concurrent') return sharedHere();
  // One call away: the launcher calls a method on the shared value after starting the goroutine.
  if (!at.unit.decl || model.contextsOf(at.unit).size || x.localDecl) return false;
  const id = rootIdent(x.operand);
  const b = id ? model.scopes.resolve(id) : undefined;
  const viaReceiver = b?.kind === 'receiver';
  if (!x.key.startsWith('pkg:') && !viaReceiver) return false;
  for (const c of at.unit.callers) {
    const cp = homePosition({ node: c.node, unit: c.caller });
    if (launcherRelation(r, cp.unit, cp.pos) !== 'concurrent') continue;
    if (x.key.startsWith('pkg:')) return true;
    const rid = rootIdent(c.recv ?? null);
    if (rid && model.capturedBy(r, rid)) return true;
  }
  return false;
}

/** A goroutine or handler in words, for messages ("in a goroutine started at x.go:12"). */
export function describeRoot(r: Root): string {
  // A root in another package is named by its path in the module, and that package.
  const at = r.importer ? `${r.siteFile.path}:${r.site.startPosition.row + 1} in package ${r.importer}` : whereOf(r.site, r.siteFile);
  switch (r.kind) {
    case 'http': return `in an HTTP handler (${at}; net/http runs each request on its own goroutine)`;
    case 'rpc': return `in a gRPC method of the service registered at ${at} (the server runs each call on its own goroutine)`;
    case 'errgroup': return `in an errgroup goroutine started at ${at}`;
    case 'waitgroup': return `in a WaitGroup.Go goroutine started at ${at}`;
    case 'pool': return `in a pool goroutine started at ${at}`;
    case 'afterfunc': return `in a time.AfterFunc callback scheduled at ${at}`;
    case 'callback': return `in the callback passed at ${at}, which ${r.via ?? 'the callee'} runs on ${r.multi ? 'several goroutines at once' : 'another goroutine'}`;
    default: return r.multi ? `in each goroutine started in the loop at ${at}` : `in a goroutine started at ${at}`;
  }
}

export function whereOf(n: SyntaxNode, f: GoFile): string {
  return `${f.path.slice(f.path.lastIndexOf('/') + 1)}:${n.startPosition.row + 1}`;
}

interface Pairing {
  self: boolean;
  writeRoot?: Root;
  otherRoot?: Root;
  /** The other access runs in the function that started the goroutine. */
  launcher?: boolean;
}

function relate(model: ConcurrencyModel, a: MapAccess, b: MapAccess): Pairing | undefined {
  const ca = model.contextsOf(a.unit);
  const cb = model.contextsOf(b.unit);
  for (const r1 of ca) {
    if (!model.sharedUnder(a, r1)) continue;
    for (const r2 of cb) {
      if (!model.sharedUnder(b, r2)) continue;
      if (r1 !== r2) {
        if (rootsConcurrent(r1, r2)) return { self: a === b, writeRoot: r1, otherRoot: r2 };
      } else if (r1.multi) return { self: a === b, writeRoot: r1, otherRoot: r2 };
    }
  }
  if (a === b) return undefined;
  // One side in a goroutine, the other in the function that started it.
  for (const r of ca) {
    if (!cb.has(r) && model.sharedUnder(a, r) && launcherSideConcurrent(model, r, b)) return { self: false, writeRoot: r, launcher: true };
  }
  for (const r of cb) {
    if (!ca.has(r) && model.sharedUnder(b, r) && launcherSideConcurrent(model, r, a)) return { self: false, otherRoot: r, launcher: true };
  }
  return undefined;
}

function mapRaces(model: ConcurrencyModel, guarded: Set<string>, inCtor: (a: MapAccess) => boolean): RaceFinding[] {
  const out: RaceFinding[] = [];
  for (const [key, all] of model.byKey) {
    if (guarded.has(key)) continue;
    // len() and whole-field replacement are no map accesses the runtime checks.
    const accs = all.filter((a) => !a.fresh && !inCtor(a) && (a.kind === 'read' || a.kind === 'write' || a.kind === 'range'));
    if (!accs.some((a) => a.kind === 'write')) continue;
    if (!accs.some((a) => model.contextsOf(a.unit).size > 0)) continue;
    let pairs = 0;
    const seen = new Set<string>();
    for (const w of accs) {
      if (w.kind !== 'write' || inOnceBody(w.unit)) continue;
      const wl = model.locksAt(w);
      if (wl.has(ANY_LOCK)) continue;
      // Only witnesses count: a pair resting on test-only goroutines or on two values of one type
      // conflated is not reported (no lock discipline is broken either: there is no lock).
      let best: { other: MapAccess; p: Pairing } | undefined;
      for (const o of accs) {
        if (++pairs > MAX_PAIRS) break;
        if (commonLock(wl, model.locksAt(o))) continue;
        const p = relate(model, w, o);
        if (!p || !sameMapSurely(model, key, w, o, p)) continue;
        const better = !best || (best.other === w && o !== w) || (best.other.kind === 'write' && o.kind !== 'write' && o !== w);
        if (better) best = { other: o, p };
        if (o !== w && o.kind !== 'write') break;
      }
      if (!best) continue;
      const line = `${w.file.path}:${w.node.startPosition.row}`;
      if (seen.has(line)) continue;
      seen.add(line);
      const wr = best.p.writeRoot ?? pickRoot(model, w);
      const or = best.p.otherRoot ?? pickRoot(model, best.other);
      out.push({
        write: w,
        other: best.other,
        self: best.other === w,
        writeContext: wr ? describeRoot(wr) : 'in the function that starts the goroutine, before anything waits for it',
        otherContext: or ? describeRoot(or) : best.p.launcher ? 'in the function that starts the goroutine, before anything waits for it' : 'outside the goroutine',
      });
    }
  }
  return out;
}

const MAX_PAIRS = 400;

/**
 * A write in a sync.Once.Do body (a table filled on first use): it runs once, and every Do
 * returns after it, so readers that go through Do see it done. Not the write side of a crash
 * claim (a reader that skips Do is not sought).
 */
function inOnceBody(u: Unit): boolean {
  for (let x: Unit | undefined = u; x && !x.decl && !x.root; x = x.parent) if (x.once) return true;
  return false;
}

/**
 * The pairing is a witness: its goroutines are started outside tests (handlers only when served),
 * and both sides surely reach one map: a package variable or a captured local, a goroutine run
 * several times at once on one value, the function that started the goroutine, or two goroutines
 * one function started on the values it holds. Two goroutines started elsewhere may each work on
 * their own value of the type (a field key names every value of the type).
 */
function sameMapSurely(model: ConcurrencyModel, key: string, w: MapAccess, o: MapAccess, p: Pairing): boolean {
  const roots = [p.writeRoot ?? pickRoot(model, w), p.otherRoot ?? (p.launcher ? undefined : pickRoot(model, o))];
  if (roots.some((r) => r && !countsAsRoot(r))) return false;
  if (isTestFile(w.file) || isTestFile(o.file)) return false;
  if (!/^(?:elem:)*field:/.test(key)) return true;
  if (p.launcher) return true;
  const [r1, r2] = roots;
  if (!r1 || !r2) return false;
  return r1 === r2 || sameLauncher(r1, r2);
}

function pickRoot(model: ConcurrencyModel, a: MapAccess): Root | undefined {
  for (const r of model.contextsOf(a.unit)) return r;
  return undefined;
}

// ---- map-write-under-rlock ---------------------------------------------------

function rlockWriteFindings(model: ConcurrencyModel, inCtor: (a: MapAccess) => boolean): RLockFinding[] {
  const out: RLockFinding[] = [];
  for (const a of model.accesses) {
    if (a.kind !== 'write' || a.fresh || inCtor(a)) continue;
    // Only shared maps: struct fields and package variables (a local or parameter map is the caller's business).
    if (!a.key.startsWith('field:') && !a.key.startsWith('pkg:')) continue;
    const held = model.locksAt(a);
    if (held.size === 0 || held.has(ANY_LOCK) || held.has(EXCLUSIVE)) continue;
    if ([...held.values()].some((m) => m === 'W')) continue;
    // Only read locks held. Find the RLock in this function (walking out of synchronous literals).
    const rkeys = [...held.keys()];
    let unit: Unit | undefined = a.unit;
    let pos = a.node.startIndex;
    let found: { ev: LockEvent; unit: Unit } | undefined;
    while (unit && !found) {
      const evs = unit.lockEvents.filter((e) => rkeys.includes(e.key) && e.op === 'RLock' && !e.deferred && e.call.startIndex < pos);
      if (evs.length) found = { ev: evs[evs.length - 1]!, unit };
      else {
        if (unit.root || unit.decl) break;
        pos = unit.node.startIndex;
        unit = unit.parent;
      }
    }
    // `t.mu.RLock()` while writing `nt.m`: another value's map, not the one this lock is about.
    if (found && a.field) {
      const lockBase = rootIdent(found.ev.call.childForFieldName('function')?.childForFieldName('operand') ?? null);
      const mapBase = rootIdent(a.operand);
      if (lockBase && mapBase && lockBase.text !== mapBase.text) continue;
    }
    let runlocks: LockEvent[] = [];
    if (found) {
      const { ev, unit: u } = found;
      const next = u.lockEvents.filter((e) => e.key === ev.key && (e.op === 'RLock' || e.op === 'Lock') && !e.deferred && e.call.startIndex > ev.call.startIndex).map((e) => e.call.startIndex);
      const end = next.length ? Math.min(...next) : Infinity;
      runlocks = u.lockEvents.filter((e) => e.key === ev.key && e.op === 'RUnlock' && e.call.startIndex > ev.call.startIndex && e.call.startIndex < end);
    }
    const mutexText = found ? operandText(found.ev) : '';
    const info: GuardInfo = { guards: new Set(), typeName: a.field?.typeName, mutexFields: [], setUp: (x) => inCtor(x as MapAccess) };
    const entries = [...new Set(reachesOf(model, a, info, false).map((r) => r.entry))];
    const witnessed = !isTestFile(a.file) && (entries.length > 1 || entries.some((e) => e.kind === 'method' || e.root.multi));
    out.push({ write: a, rlock: found?.ev, runlocks, mutexText, witnessed, entries });
  }
  return out;
}

function operandText(ev: LockEvent): string {
  const fn = ev.call.childForFieldName('function');
  const operand = fn?.childForFieldName('operand');
  return operand ? operand.text.replace(/\s+/g, '') : '';
}
