// Witnesses for the error tier (RULES.md, "Evidence and severity"). A finding blocks a merge only
// when two accesses to the same shared map, one a write, can run at the same time: each reached
// from a concurrent entry point, with no common lock and no happens-before between them.
//
// Entry points, walking up the callers of an access:
// - a goroutine the package starts outside its tests (`go`, errgroup, WaitGroup.Go, pools,
//   AfterFunc) or an HTTP handler net/http really serves;
// - an exported method of an exported type (the one owning the map, or one reaching it, such as
//   a collector ranging its sources' maps), not a set-up or tear-down method and not guarded by
//   every caller in the package: its clients may call it from any goroutine. Two such methods
//   make a witness only when the package visibly uses the type concurrently and one of them is of
//   an exported type (methods of unexported types are callbacks other packages run, often in turn).
// A chain of calls through a value its caller just made (`x, _ := Open(...); x.Close()`) reaches
// that value's map, not the shared one; a goroutine racing with its own next run needs a map the
// runs share (not one its launcher made for each run).
import type { FuncDecl } from '../model.js';
import type { SyntaxNode } from '../types.js';
import type { GoFile } from '../source.js';
import { ANY_LOCK, EXCLUSIVE, type CallSite, type ConcurrencyModel, type LockSet, type MapAccess, type Root, type Unit } from './types.js';
import { homeDecl, inLoopWithin, rootIdent } from './units.js';
import { NO_LOCKS, combined, commonLock } from './locks.js';
import { afterJoin, isInitialiser, isSetupName, isShutdownName, isTestFile, rootsConcurrent } from './phases.js';

/** Where a chain of calls that reaches an access starts. */
export type Entry = { kind: 'root'; root: Root } | { kind: 'method'; decl: FuncDecl; unit: Unit };

export interface Reach {
  entry: Entry;
  /** Locks held at the call sites on the way from the entry to the access. */
  locks: LockSet;
}

export interface Witness {
  other: MapAccess;
  /** How this access and the other one are reached. */
  mine: Reach;
  theirs: Reach;
}

/** What a caller of the witness search knows about the map. */
export interface GuardInfo {
  /** Lock keys that guard the map (`T.mu`); empty for maps no mutex guards. */
  guards: ReadonlySet<string>;
  /** The struct type owning the field, for exported-method entries. */
  typeName?: string;
  fieldName?: string;
  mutexFields: readonly string[];
  /** The access or a function on its way is a constructor or an initialiser (not shared yet). */
  setUp: (a: { unit: Unit }) => boolean;
  /**
   * A goroutine or served handler of the package runs a method of the owning type: the package
   * itself uses the type concurrently. Two exported methods make a witness only then.
   */
  usedConcurrently?: boolean;
}

const MAX_UP = 5;

/** A goroutine or handler that counts as evidence: started outside tests, a handler only when served. */
export function countsAsRoot(r: Root): boolean {
  if (isTestFile(r.siteFile)) return false;
  return r.kind !== 'http' || r.served;
}

function holdsGuard(locks: LockSet, guards: ReadonlySet<string>): boolean {
  if (locks.has(ANY_LOCK) || locks.has(EXCLUSIVE)) return true;
  for (const k of locks.keys()) if (guards.has(k)) return true;
  return false;
}

/** Whether an exported method is a client entry point. */
function methodEntry(u: Unit, info: GuardInfo): boolean {
  const d = u.decl;
  // Exported methods of unexported types count too: clients reach them through interfaces.
  if (!d?.receiver || !/^[A-Z]/.test(d.name) || isTestFile(d.file)) return false;
  // Set-up and tear-down run once, before the value is shared and after its users stopped.
  if (isSetupName(d.name) || isShutdownName(d.name)) return false;
  if (info.fieldName && isInitialiser(u, info.fieldName, info.mutexFields)) return false;
  // Every caller in the package holds the lock around it: it is a helper exported for callers
  // that do the same, not an entry point of its own.
  return !guardedByCallers(u, info, 0);
}

/** Every caller in the package holds the lock at the call, or is itself guarded so (a few levels up). */
function guardedByCallers(u: Unit, info: GuardInfo, depth: number): boolean {
  const callers = u.callers.filter((c) => !isTestFile(c.caller.file) && c.caller !== u);
  if (!callers.length || depth > 3) return false;
  return callers.every((c) => {
    if (holdsGuard(c.locks, info.guards)) return true;
    let home: Unit | undefined = c.caller;
    while (home && !home.decl) home = home.root ? undefined : home.parent;
    return !!home && (info.setUp({ unit: home }) || guardedByCallers(home, info, depth + 1));
  });
}

/**
 * The entry points that reach access `a`, walking up through literals and callers a few levels.
 * With `unlocked`, call sites that hold a guard lock are not followed: only chains on which the
 * access really runs without the lock count.
 */
export function reachesOf(model: ConcurrencyModel, a: MapAccess, info: GuardInfo, unlocked: boolean): Reach[] {
  const out: Reach[] = [];
  const seen = new Set<number>();
  // The map belongs to the value in the receiver of the unit being visited (`vlog.filesMap` in a
  // method of vlog): a caller handing a value it just made (`outDB, _ := Open(...); outDB.Close()`)
  // reaches that value's map, not the one other goroutines share, and is not followed.
  const viaRecv = new Set<number>();
  if (a.field && receiverRooted(model, a.operand, a.unit)) viaRecv.add(a.unit.id);
  const visit = (u: Unit, locks: LockSet, depth: number) => {
    if (seen.has(u.id) || depth > MAX_UP) return;
    seen.add(u.id);
    // A goroutine target; one only tests start is still an ordinary function (or method) here.
    if (u.root && countsAsRoot(u.root)) {
      if (model.sharedUnder(a, u.root)) out.push({ entry: { kind: 'root', root: u.root }, locks });
      return;
    }
    if (u.parent) {
      // A literal runs where it is defined (callbacks usually run synchronously), with the locks held there.
      const l = combined(locks, u.entryLocks);
      if (viaRecv.has(u.id)) viaRecv.add(u.parent.id);
      if (!(unlocked && holdsGuard(l, info.guards))) visit(u.parent, l, depth);
      return;
    }
    if (info.setUp({ unit: u })) return;
    if (methodEntry(u, info)) out.push({ entry: { kind: 'method', decl: u.decl!, unit: u }, locks });
    for (const c of u.callers) {
      if (isTestFile(c.caller.file) && !isTestFile(u.file)) continue;
      const l = combined(locks, c.locks);
      if (unlocked && holdsGuard(l, info.guards)) continue;
      if (viaRecv.has(u.id) && c.recv) {
        if (ownedByCaller(model, c)) continue;
        if (receiverRooted(model, c.recv, c.caller)) viaRecv.add(c.caller.id);
      }
      visit(c.caller, l, depth + 1);
    }
  };
  visit(a.unit, NO_LOCKS, 0);
  return out;
}

/**
 * The function that starts r runs more than once at a time: it is itself the target of a
 * goroutine started in a loop (an accept loop starting one reader per connection), or it is
 * called in a loop, a few calls up. Each run starts another instance of r.
 */
function launchedRepeatedly(r: Root): boolean {
  const seen = new Set<number>();
  const repeated = (u: Unit | undefined, depth: number): boolean => {
    if (!u || depth > 3 || seen.has(u.id)) return false;
    seen.add(u.id);
    if (u.root) return u.root.multi || u.root.kind === 'http';
    if (u.parent) return repeated(u.parent, depth);
    return u.callers.some((c) => inLoopWithin(c.node, c.caller.node) || repeated(c.caller, depth + 1));
  };
  return repeated(r.launcher, 0);
}

function conflicts(a: MapAccess, b: MapAccess): boolean {
  const map = (k: MapAccess['kind']) => k === 'read' || k === 'write' || k === 'range';
  return map(a.kind) && map(b.kind) && (a.kind === 'write' || b.kind === 'write');
}

function exportedEntry(e: Entry): boolean {
  return e.kind === 'method' && /^[A-Z]/.test(e.decl.receiver?.typeName ?? '');
}

/** Two reaches can run at once: one is a goroutine or handler, and they are not ordered. */
function overlap(x: Reach, y: Reach, info: GuardInfo): boolean {
  const rx = x.entry.kind === 'root' ? x.entry.root : undefined;
  const ry = y.entry.kind === 'root' ? y.entry.root : undefined;
  // Two exported methods of the owning type: its clients may call them from two goroutines. Methods
  // of unexported types only (callbacks other packages run through an interface) leave the
  // threading to those callers, which often serialise them (an event loop, a callback serializer).
  if (!rx && !ry) return !!info.usedConcurrently && (exportedEntry(x.entry) || exportedEntry(y.entry));
  if (rx && ry) return rx === ry ? rx.multi || launchedRepeatedly(rx) : rootsConcurrent(rx, ry);
  return true;
}

/**
 * A witness that the unguarded access `a` races: another access of the same map that conflicts
 * with it, both reached from entry points that can overlap, with no lock in common.
 */
export function findWitness(model: ConcurrencyModel, a: MapAccess, candidates: readonly MapAccess[], info: GuardInfo): Witness | undefined {
  if (a.fresh || isTestFile(a.file) || afterJoin(a) || info.setUp(a)) return undefined;
  const mine = reachesOf(model, a, info, true);
  if (!mine.length) return undefined;
  const held = model.locksAt(a);
  for (const b of candidates) {
    if (!conflicts(a, b) || b.fresh || isTestFile(b.file) || afterJoin(b) || info.setUp(b)) continue;
    if (b === a && a.kind !== 'write') continue;
    const theirs = b === a ? mine : reachesOf(model, b, info, false);
    const bHeld = model.locksAt(b);
    for (const x of mine) {
      for (const y of theirs) {
        // A write racing itself: the same goroutine or handler, run several times at once.
        if (b === a && x !== y) continue;
        if (commonLock(combined(held, x.locks), combined(bHeld, y.locks))) continue;
        if (!overlap(x, y, info)) continue;
        // One goroutine racing with its own next run: only on a map the runs share.
        const self = x.entry.kind === 'root' && y.entry.kind === 'root' && x.entry.root === y.entry.root && !x.entry.root.multi ? x.entry.root : undefined;
        if (self && (perRunMap(model, a, self) || perRunMap(model, b, self))) continue;
        return { other: b, mine: x, theirs: y };
      }
    }
  }
  return undefined;
}

/**
 * The call's receiver is a value its caller just made itself (`outDB, err := Open(...)`; not one
 * captured from an enclosing function) and hands to no goroutine it starts.
 */
function ownedByCaller(model: ConcurrencyModel, c: CallSite): boolean {
  const id = c.recv && c.recv.type === 'identifier' ? c.recv : undefined;
  if (!id || !model.freshLocal(id) || model.scopes.resolve(id)?.func?.id !== c.caller.node.id) return false;
  const home = homeDecl(c.caller);
  return !model.roots.some((r) => r.launcher && homeDecl(r.launcher) === home && model.capturedBy(r, id));
}

/** `x.f...` with x the receiver of the method u belongs to (u itself or a literal inside it). */
function receiverRooted(model: ConcurrencyModel, e: SyntaxNode, u: Unit): boolean {
  const id = rootIdent(e);
  const b = id ? model.scopes.resolve(id) : undefined;
  const home = homeDecl(u);
  return b?.kind === 'receiver' && !!home && b.func?.id === home.node.id;
}

/**
 * The map is a field of a value one run of r's launcher made (`c := &client{...}` before starting
 * c's read loop), reached as that value's own field: each run's goroutine has its own map.
 */
function perRunMap(model: ConcurrencyModel, a: MapAccess, r: Root): boolean {
  if (!a.field || a.operand.type !== 'selector_expression') return false;
  const op = a.operand.childForFieldName('operand');
  if (op?.type !== 'identifier') return false;
  const b = model.scopes.resolve(op);
  if (b?.kind !== 'receiver') return b?.kind === 'local' && model.madePerRun(op, r);
  const home = homeDecl(a.unit);
  return !!home && b.func?.id === home.node.id && model.perRunReceiver(home, r);
}

/** The site and file that name an entry point in a message. */
export function entrySite(e: Entry): { node: SyntaxNode; file: GoFile } {
  return e.kind === 'root' ? { node: e.root.site, file: e.root.siteFile } : { node: e.decl.node, file: e.decl.file };
}

/** The entry point in words ("in a goroutine started at x.go:12", "from exported method Add"). */
export function describeEntry(e: Entry, describeRoot: (r: Root) => string): string {
  return e.kind === 'root' ? describeRoot(e.root) : `from the exported method ${e.decl.receiver!.typeName}.${e.decl.name}, which clients may call from any goroutine`;
}

