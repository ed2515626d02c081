// unguarded-map-field: accesses to a mutex-guarded map made without the mutex. The map is a
// struct field (`field:T.f`) or a package variable (`pkg:m`); the guard is a mutex of T held at
// some access, or a package-level mutex or an owning struct's mutex held at every write
// (guards.ts). Each finding carries a witness when one exists (witness.ts): only those are errors.
import type { MapAccess, ConcurrencyModel, Unit } from './types.js';
import { ANY_LOCK, EXCLUSIVE } from './types.js';
import { docAbove } from '../model.js';
import { homeDecl } from './units.js';
import { afterJoin, isInitialiser, isSetupName, isTestFile, panicsOnceStarted, testOnlyUnits } from './phases.js';
import { countsAsRoot, findWitness, type GuardInfo, type Witness } from './witness.js';
import { sharedGuards, type SharedGuard } from './guards.js';

export interface UnguardedFinding {
  access: MapAccess;
  /** A guarded access of the same field (the evidence). */
  guarded: MapAccess;
  /** Mutex field name as written after the base (`mu`), or '' for an embedded mutex. */
  mutexField: string;
  /** The guard is not a mutex of the map's own struct: a package-level mutex, or an owning struct's. */
  guard?: SharedGuard;
  /** The guarding mutex is a sync.RWMutex (reads can take RLock). */
  readLock: boolean;
  /** The map itself is returned while the lock is held: callers use it after the lock is released. */
  leak?: boolean;
  /** Two accesses that can really overlap (the error tier); without one, a broken discipline (warning). */
  witness?: Witness;
  /** How many functions access the map holding the guard. */
  guardedFunctions: number;
}

/** Lock key -> mutex field name as written ('' for an embedded mutex called as x.Lock()). */
function ownGuards(model: ConcurrencyModel, typeName: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of typeName ? model.mutexFieldsOf(typeName) : []) {
    out.set(`${typeName}.${name}`, name);
    if (name === 'Mutex' || name === 'RWMutex') out.set(`${typeName}.<embedded>`, '');
  }
  return out;
}

export function unguardedFields(model: ConcurrencyModel, inCtor: (a: MapAccess) => boolean): { unguarded: UnguardedFinding[]; guardedFields: Set<string> } {
  const unguarded: UnguardedFinding[] = [];
  const guardedFields = new Set<string>();
  const testOnly = testOnlyUnits(model.units);
  // Tests, and functions only tests reach, inspect internals once the goroutines they started are done.
  const inTest = (a: MapAccess) => isTestFile(a.file) || testOnly.has((homeDecl(a.unit) ?? a.unit).id);
  for (const [key, all] of model.byKey) {
    if (!key.startsWith('field:') && !key.startsWith('pkg:')) continue;
    const typeName = all[0]!.field?.typeName;
    const fieldName = all[0]!.field?.name ?? key.slice(4);
    const own = ownGuards(model, typeName);
    const mutexFields = typeName ? model.mutexFieldsOf(typeName) : [];
    // Set-up: constructors, initialisers that create the map or the mutex, and after the join in Close.
    const setUp = (a: { unit: Unit }) => {
      const home = homeDecl(a.unit);
      if (inCtor(a as MapAccess)) return true;
      if (!home) return false;
      if (panicsOnceStarted(home)) return true;
      // A method's set-up is about its receiver's value, not about a package variable.
      if (!typeName) return false;
      if (isInitialiser(home, fieldName, mutexFields)) return true;
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
    const testOnlyType = accs.every((a) => inTest(a));
    for (const a of accs) {
      if (inTest(a) && !testOnlyType) continue;
      for (const k of model.locksAt(a).keys()) if (own.has(k) && !evidence.has(k)) evidence.set(k, a);
    }
    // Without its own mutex held anywhere: a package-level or owning struct's mutex held at every write.
    const shared = evidence.size ? new Map<string, SharedGuard>() : sharedGuards(model, typeName, accs.filter((a) => a.kind === 'write' && !inTest(a)));
    for (const k of shared.keys()) {
      const w = accs.find((a) => a.kind === 'write' && model.locksAt(a).has(k));
      if (w) evidence.set(k, w);
    }
    if (evidence.size === 0) continue;
    guardedFields.add(key);
    const info: GuardInfo = { guards: new Set(evidence.keys()), typeName, fieldName, mutexFields, setUp, usedConcurrently: usedConcurrently(model, typeName) };
    const fnsWith = new Set<number>();
    const fnsWithout = new Set<number>();
    for (const a of accs) {
      const held = model.locksAt(a);
      const home = homeDecl(a.unit)?.id ?? a.unit.id;
      if (held.has(EXCLUSIVE)) continue;
      if (held.has(ANY_LOCK) || [...evidence.keys()].some((k) => held.has(k))) fnsWith.add(home);
      else if (!inTest(a)) fnsWithout.add(home);
    }
    const seen = new Set<string>();
    // The guarded write that a message names: the evidence that the lock is meant for this map.
    const guardedWrite = (k: string) => accs.find((x) => x.kind === 'write' && [...evidence.keys()].some((e) => model.locksAt(x).has(e))) ?? evidence.get(k)!;
    const describe = (k: string) => {
      const g = shared.get(k);
      const mutexField = g ? (g.kind === 'owner' ? g.field : '') : (own.get(k) ?? '');
      return { mutexField, guard: g, readLock: g ? g.rw : model.isRWMutexField(typeName ?? '', mutexField) };
    };
    // Getter leaks: the guarded map itself returned from under the lock.
    for (const a of refs) {
      const held = model.locksAt(a);
      const k = [...evidence.keys()].find((x) => held.has(x));
      if (!k || inTest(a)) continue;
      const line = `${a.file.path}:${a.node.startPosition.row}`;
      if (seen.has(line)) continue;
      seen.add(line);
      unguarded.push({ access: a, guarded: guardedWrite(k), ...describe(k), leak: true, guardedFunctions: fnsWith.size });
    }
    // Evidence must outweigh the exceptions: when more functions use the map without the lock than
    // with it, the lock is about something else (or the type has phases), and an access without a
    // witness is not reported. One that provably races with another is, however few locked uses.
    const gated = fnsWithout.size > fnsWith.size;
    for (const a of accs) {
      const held = model.locksAt(a);
      if (held.has(ANY_LOCK) || held.has(EXCLUSIVE) || [...evidence.keys()].some((k) => held.has(k))) continue;
      if (inTest(a)) continue;
      const line = `${a.file.path}:${a.node.startPosition.row}`;
      if (seen.has(line)) continue;
      const witness = a.kind === 'len' || a.kind === 'assign' ? undefined : findWitness(model, a, accs, info);
      if (gated && !witness) continue;
      seen.add(line);
      const [k] = [...evidence.keys()];
      unguarded.push({ access: a, guarded: guardedWrite(k!), ...describe(k!), witness, guardedFunctions: fnsWith.size });
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
 * once before sharing the value (the module-wide view will see them). A package variable is used
 * concurrently when the package starts goroutines or serves handlers.
 */
const usedConcurrentlyMemo = new WeakMap<ConcurrencyModel, Map<string, boolean>>();

function usedConcurrently(model: ConcurrencyModel, typeName: string | undefined): boolean {
  let memo = usedConcurrentlyMemo.get(model);
  if (!memo) usedConcurrentlyMemo.set(model, (memo = new Map()));
  const k = typeName ?? '';
  let hit = memo.get(k);
  if (hit === undefined) memo.set(k, (hit = typeName ? computeUsedConcurrently(model, typeName) : model.roots.some(countsAsRoot)));
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
