// Map races derived from the concurrency model (summaries.ts), once per
// package: unguarded writes that overlap another access (concurrent-map-access),
// accesses to a mutex-guarded map field made without the mutex
// (unguarded-map-field), and writes made under a read lock only
// (map-write-under-rlock). Rules only pick the findings of their file.
// Each finding says whether it has a witness (witness.ts): only those are errors.
import type { SyntaxNode } from '../types.js';
import type { GoFile } from '../source.js';
import { defineFact, docAbove, type PackageModel } from '../model.js';
import { httpHandlers } from '../handlers.js';
import { GO_STATEMENT } from '../relevant.js';
import { ConcurrencyFact } from './summaries.js';
import { commonLock } from './locks.js';
import { ANY_LOCK, EXCLUSIVE, type ConcurrencyModel, type LockEvent, type LockSet, type MapAccess, type Root, type Unit } from './types.js';
import { contains, homeDecl, homePosition, rootIdent } from './units.js';
import { CONSTRUCTOR_NAME, afterJoin, isInitialiser, isSetupName, isTestFile, panicsOnceStarted, launcherRelation, rootsConcurrent, sameLauncher } from './phases.js';
import { countsAsRoot, findWitness, reachesOf, type Entry, type GuardInfo, type Witness } from './witness.js';

export interface RaceFinding {
  write: MapAccess;
  other: MapAccess;
  /** Context of the write and of the other access, in words. */
  writeContext: string;
  otherContext: string;
  /** The write races with itself (a goroutine started in a loop, or a handler). */
  self: boolean;
}

export interface UnguardedFinding {
  access: MapAccess;
  /** A guarded access of the same field (the evidence). */
  guarded: MapAccess;
  /** Mutex field name as written after the base (`mu`), or '' for an embedded mutex. */
  mutexField: string;
  /** The guarding mutex is a sync.RWMutex (reads can take RLock). */
  readLock: boolean;
  /** The map itself is returned while the lock is held: callers use it after the lock is released. */
  leak?: boolean;
  /** Two accesses that can really overlap (the error tier); without one, a broken discipline (warning). */
  witness?: Witness;
  /** How many functions access the map holding the guard. */
  guardedFunctions: number;
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
  /** Field keys (`field:T.f`) that unguarded-map-field owns. */
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
  return false;
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

// ---- unguarded-map-field --------------------------------------------------

function guardKeys(model: ConcurrencyModel, typeName: string): Map<string, string> {
  // lock key -> mutex field name as written ('' for an embedded mutex called as x.Lock())
  const out = new Map<string, string>();
  for (const name of model.mutexFieldsOf(typeName)) {
    out.set(`${typeName}.${name}`, name);
    if (name === 'Mutex' || name === 'RWMutex') out.set(`${typeName}.<embedded>`, '');
  }
  return out;
}

function unguardedFields(model: ConcurrencyModel, inCtor: (a: MapAccess) => boolean): { unguarded: UnguardedFinding[]; guardedFields: Set<string> } {
  const unguarded: UnguardedFinding[] = [];
  const guardedFields = new Set<string>();
  for (const [key, all] of model.byKey) {
    if (!key.startsWith('field:')) continue;
    const { typeName, name: fieldName } = all[0]!.field!;
    const guards = guardKeys(model, typeName);
    if (guards.size === 0) continue;
    const mutexFields = model.mutexFieldsOf(typeName);
    // Set-up: constructors, initialisers that create the map or the mutex, and after the join in Close.
    const setUp = (a: { unit: Unit }) => {
      const home = homeDecl(a.unit);
      if (inCtor(a as MapAccess)) return true;
      if (!home) return false;
      if (isInitialiser(home, fieldName, mutexFields) || panicsOnceStarted(home)) return true;
      // A set-up method by name (Open, Init, reset) that no goroutine runs on a shared value
      // (a pooled value reset by the goroutine that took it from the pool is its own).
      if (!home.decl?.receiver || !isSetupName(home.decl.name)) return false;
      for (const r of model.contextsOf(home)) if (model.receiverSharedUnder(home, r)) return false;
      return true;
    };
    const notShared = (a: MapAccess) => a.fresh || setUp(a) || afterJoin(a);
    const refs = all.filter((a) => a.kind === 'ref' && !notShared(a));
    const accs = all.filter((a) => !notShared(a) && a.kind !== 'ref');
    // A map only ever replaced whole (lazy init, copy-on-write) is not mutated in place: no finding.
    if (!accs.some((a) => a.kind === 'write')) continue;
    // Evidence: the locks of T held at some access of this field.
    const evidence = new Map<string, MapAccess>();
    // Tests that lock internals are no evidence of how the package itself guards the map.
    const testOnlyType = accs.every((a) => isTestFile(a.file));
    for (const a of accs) {
      if (isTestFile(a.file) && !testOnlyType) continue;
      for (const k of model.locksAt(a).keys()) if (guards.has(k) && !evidence.has(k)) evidence.set(k, a);
    }
    if (evidence.size === 0) continue;
    guardedFields.add(key);
    const info: GuardInfo = { guards: new Set(evidence.keys()), typeName, fieldName, mutexFields, setUp, usedConcurrently: usedConcurrently(model, typeName) };
    // Evidence must outweigh the exceptions: when more functions use the map without the lock than
    // with it, the lock is about something else (or the type has phases); not reported.
    const fnsWith = new Set<number>();
    const fnsWithout = new Set<number>();
    for (const a of accs) {
      const held = model.locksAt(a);
      const home = homeDecl(a.unit)?.id ?? a.unit.id;
      if (held.has(EXCLUSIVE)) continue;
      if (held.has(ANY_LOCK) || [...evidence.keys()].some((k) => held.has(k))) fnsWith.add(home);
      else if (!isTestFile(a.file)) fnsWithout.add(home);
    }
    const seen = new Set<string>();
    // The guarded write that a message names: the evidence that the lock is meant for this map.
    const guardedWrite = (k: string) => accs.find((x) => x.kind === 'write' && [...evidence.keys()].some((e) => model.locksAt(x).has(e))) ?? evidence.get(k)!;
    // Getter leaks: the guarded map itself returned from under the lock.
    for (const a of refs) {
      const held = model.locksAt(a);
      const k = [...evidence.keys()].find((x) => held.has(x));
      if (!k || isTestFile(a.file)) continue;
      const line = `${a.file.path}:${a.node.startPosition.row}`;
      if (seen.has(line)) continue;
      seen.add(line);
      const mutexField = guards.get(k) ?? '';
      unguarded.push({ access: a, guarded: guardedWrite(k), mutexField, readLock: model.isRWMutexField(typeName, mutexField), leak: true, guardedFunctions: fnsWith.size });
    }
    if (fnsWithout.size > fnsWith.size) continue;
    for (const a of accs) {
      const held = model.locksAt(a);
      if (held.has(ANY_LOCK) || held.has(EXCLUSIVE) || [...evidence.keys()].some((k) => held.has(k))) continue;
      // Tests inspect internals once the goroutines they started are done; not reported.
      if (isTestFile(a.file)) continue;
      const line = `${a.file.path}:${a.node.startPosition.row}`;
      if (seen.has(line)) continue;
      seen.add(line);
      const [k] = [...evidence.keys()];
      const mutexField = guards.get(k!) ?? '';
      const witness = a.kind === 'len' || a.kind === 'assign' ? undefined : findWitness(model, a, accs, info);
      unguarded.push({ access: a, guarded: guardedWrite(k!), mutexField, readLock: model.isRWMutexField(typeName, mutexField), witness, guardedFunctions: fnsWith.size });
    }
  }
  return { unguarded, guardedFields };
}

/** Says the type is meant for concurrent use. */
const CONCURRENT_DOC = /concurrent|goroutine|thread[- ]safe|in parallel/i;

/**
 * Two exported methods of T make a witness only when T is visibly used concurrently: the package
 * starts goroutines or serves handlers (outside tests), keeps a value of T in a package variable
 * or in a container that guards its elements with a mutex, or T's doc says it is for concurrent use.
 * A package with neither leaves the threading to its clients, who may well call set-up methods
 * once before sharing the value (the module-wide view will see them).
 */
const usedConcurrentlyMemo = new WeakMap<ConcurrencyModel, Map<string, boolean>>();

function usedConcurrently(model: ConcurrencyModel, typeName: string): boolean {
  let memo = usedConcurrentlyMemo.get(model);
  if (!memo) usedConcurrentlyMemo.set(model, (memo = new Map()));
  let hit = memo.get(typeName);
  if (hit === undefined) memo.set(typeName, (hit = computeUsedConcurrently(model, typeName)));
  return hit;
}

function computeUsedConcurrently(model: ConcurrencyModel, typeName: string): boolean {
  if (model.roots.some(countsAsRoot)) return true;
  // A value of T in a package variable (`var cache = &T{...}`) is one instance every caller shares.
  const named = new RegExp(`^&?${typeName}\\s*\\{|^\\*?${typeName}$|^new\\(${typeName}\\)$`);
  for (const v of model.pkg.values.values()) {
    if (v.kind === 'var' && named.test((v.value ?? v.typeNode)?.text.replace(/\s+/g, '') ?? '')) return true;
  }
  // Held by a container that guards its elements with a mutex (`peers map[K]*T` next to a lock).
  const holds = new RegExp(`(?:^|[\\]*])\\*?${typeName}$`);
  for (const u of model.pkg.types.keys()) {
    if (u === typeName || !model.mutexFieldsOf(u).length) continue;
    if ((model.pkg.structFieldsOf(u) ?? []).some((f) => holds.test(f.typeNode.text.replace(/\s+/g, '')))) return true;
  }
  const decl = model.pkg.types.get(typeName);
  return !!decl && CONCURRENT_DOC.test(docAbove(decl.node.parent ?? decl.node));
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
  const at = whereOf(r.site, r.siteFile);
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
      if (w.kind !== 'write') continue;
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
