// Lock sets and what a function holds on entry: lock states as canonical mutex key -> mode, the
// names and doc phrasings that say the caller holds the lock, and the greatest fixpoint that
// gives unexported helpers the locks every caller holds.
import type { GoType } from '../gotypes.js';
import type { FuncDecl } from '../model.js';
import { isMutexType } from '../gotypes.js';
import { ANY_LOCK, EXCLUSIVE, type LockMode, type LockSet, type Unit } from './types.js';
import { homeDecl, isTestFile } from './units.js';
import { CONSTRUCTOR_NAME, exclusiveByDoc, isSetupName, testOnlyUnits } from './phases.js';

export const LOCK_OPS = new Set(['Lock', 'RLock', 'Unlock', 'RUnlock']);

export const HOLDS_DOC = /must (?:be )?hold|should (?:be )?hold|caller (?:must |should )?(?:holds?|has)|called with [\w.]* ?(?:lock|mu\w*|mutex)?[\w. ]*(?:held|locked)|(?:lock|mutex|mu)\w* (?:is |must be |should be |to be )?(?:held|locked)|with the lock held|while holding|assumes? (?:the )?(?:\w+ )?(?:lock|mutex)|under (?:the )?(?:\w+ )?lock|locked by (?:the )?caller|(?:is |are )?assumed (?:to be )?(?:held|locked)|\b\w+ (?:should|must) be (?:locked|held)|expects? (?:the )?[\w.]* ?(?:lock|mutex|mu)\w* (?:to be )?(?:held|locked)|requires? (?:the )?[\w.]* ?(?:lock|mutex)\w* (?:to be )?held|(?:which|that|caller|callers)\s+(?:already\s+)?holds?\s+[\w.]*(?:mu|mtx|lock|mutex)\w*\b/i;

/** Helper names that say the caller holds the lock (`removeLocked`, `addNoLock`, `get_locked`, etcd's `UnsafeRange`). */
export const HOLDS_NAME = /Locked$|Locked[A-Z_]|^locked[A-Z]|NoLock$|NoLock[A-Z_]|_nolock$|_locked$|^[Uu]nsafe[A-Z]|LockHeld$/;

/** A doc comment as prose: comment markers dropped, lines joined. */
export function docText(doc: string): string {
  return doc.replace(/^\s*\/\/\s?/gm, '').replace(/\s+/g, ' ');
}

export const NO_LOCKS: LockSet = new Map();

/** The lock state at a point, shared when empty (most points hold no lock). */
export function snapshot(state: ReadonlyMap<string, LockMode>): LockSet {
  return state.size ? new Map(state) : NO_LOCKS;
}

export function replace(target: Map<string, LockMode>, from: ReadonlyMap<string, LockMode>): void {
  if (target === from) return;
  target.clear();
  for (const [k, v] of from) target.set(k, v);
}

export function union(a: Map<string, LockMode>, b: LockSet): Map<string, LockMode> {
  for (const [k, v] of b) a.set(k, v === 'W' || a.get(k) === 'W' ? 'W' : 'R');
  return a;
}

/** Both lock sets, without changing either (one of them itself when the other is empty). */
export function combined(a: LockSet, b: LockSet): LockSet {
  if (!b.size) return a;
  if (!a.size) return b;
  return union(new Map(a), b);
}

/** The two sets share a lock (a caller-held `*` or an exclusive phase counts as shared). */
export function commonLock(a: LockSet, b: LockSet): boolean {
  if (a.has(ANY_LOCK) || b.has(ANY_LOCK) || a.has(EXCLUSIVE) || b.has(EXCLUSIVE)) return true;
  for (const k of a.keys()) if (b.has(k)) return true;
  return false;
}

export function intersect(a: ReadonlyMap<string, LockMode>, b: ReadonlyMap<string, LockMode>): Map<string, LockMode> {
  const out = new Map<string, LockMode>();
  if (a.has(ANY_LOCK)) return new Map(b);
  if (b.has(ANY_LOCK)) return new Map(a);
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w) out.set(k, v === 'W' && w === 'W' ? 'W' : 'R');
  }
  return out;
}

export function isMutexPointer(t: GoType): boolean {
  return t.kind === 'pointer' && isMutexType(t.elem) !== undefined;
}

export function emptyLocks(): Map<string, LockMode> {
  return new Map();
}

/**
 * Locks a function holds on entry: `...Locked` / documented helpers, and unexported helpers every
 * caller calls under a lock. `documented` names the lock a doc comment means (doclocks.ts), or
 * undefined when it cannot say which. A helper documented as holding one lock also keeps what all
 * its callers hold (a client method called holding the client's and the server's locks).
 */
export function inheritedLocks(units: readonly Unit[], documented: (d: FuncDecl) => LockSet | undefined): (u: Unit) => LockSet {
  const declLocks = new Map<number, LockSet>();
  const any: LockSet = new Map([[ANY_LOCK, 'W']]);
  /** What a doc comment says is held: the floor below the callers' common locks. */
  const floor = new Map<number, LockSet>();
  for (const u of units) {
    if (!u.decl) continue;
    if (HOLDS_NAME.test(u.decl.name)) declLocks.set(u.id, any);
    else if (HOLDS_DOC.test(docText(u.decl.doc))) {
      const named = documented(u.decl) ?? any;
      declLocks.set(u.id, named);
      if (!named.has(ANY_LOCK)) floor.set(u.id, named);
    } else if (exclusiveByDoc(u)) declLocks.set(u.id, new Map([[EXCLUSIVE, 'W']]));
  }
  const memo = new Map<number, LockSet>();
  const inherited = (u: Unit, depth = 0): LockSet => {
    if (u.root) return emptyLocks();
    if (u.parent) {
      const hit = memo.get(u.id);
      if (hit) return hit;
      const p = depth > 20 || u.escapes ? emptyLocks() : inherited(u.parent, depth + 1);
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
  const testOnly = testOnlyUnits(units);
  const fromTests = (c: Unit, u: Unit) => (isTestFile(c.file) && !isTestFile(u.file)) || testOnly.has((homeDecl(c) ?? c).id);
  const candidates = units.filter((u) => u.decl && !u.root && declLocks.get(u.id) !== any && (floor.has(u.id) || !declLocks.has(u.id)) && /^[a-z_]/.test(u.decl.name) && u.callers.some((c) => !isTestFile(c.caller.file) || isTestFile(u.file)));
  for (const u of candidates) declLocks.set(u.id, TOP);
  const withFloor = (u: Unit, held: LockSet): LockSet => {
    const f = floor.get(u.id);
    return f ? union(new Map(held), f) : held;
  };
  const callerLocks = (u: Unit): Map<string, LockMode> | undefined => {
    let common: Map<string, LockMode> | undefined;
    let setUp: Map<string, LockMode> | undefined;
    for (const c of u.callers) {
      if (c.caller.id === u.id || fromTests(c.caller, u)) continue;
      // Calls from constructors (NewT/newT functions) run before the value is shared.
      const ch = homeDecl(c.caller)?.decl;
      if (ch && !ch.receiver && CONSTRUCTOR_NAME.test(ch.name)) continue;
      const inh = inherited(c.caller);
      if (inh === TOP || inh.has('<top>')) continue;
      const held = union(new Map(inh), c.locks);
      // Set-up methods (Provision, Init, ...) likewise, when other callers show the lock; when
      // they are the only callers, what they hold is what the helper holds (Open locking and
      // handing the lock to the goroutine that finishes the set-up).
      if (ch?.receiver && isSetupName(ch.name)) setUp = setUp ? intersect(setUp, held) : held;
      else common = common ? intersect(common, held) : held;
      if (common?.size === 0) break;
    }
    return common ?? setUp;
  };
  const fixpoint = () => {
    for (let round = 0; round < 12; round++) {
      let changed = false;
      memo.clear();
      for (const u of candidates) {
        const common = callerLocks(u);
        const prev = declLocks.get(u.id)!;
        if (!common) continue;
        const next = withFloor(u, common);
        if (prev === TOP || prev.has('<top>') || prev.size !== next.size) {
          declLocks.set(u.id, next);
          changed = true;
        }
      }
      if (!changed) return;
    }
  };
  const resetUnresolved = () => {
    let reset = false;
    for (const u of candidates) {
      if (!declLocks.get(u.id)?.has('<top>')) continue;
      declLocks.set(u.id, floor.get(u.id) ?? emptyLocks());
      reset = true;
    }
    return reset;
  };
  // Twice: the fixpoint, then again once the helpers nothing resolved (every caller unknown:
  // its own callers are tests or constructors) hold nothing, so that their callees keep the
  // locks held at their own call sites.
  fixpoint();
  if (resetUnresolved()) fixpoint();
  for (const u of candidates) if (declLocks.get(u.id)?.has('<top>')) declLocks.set(u.id, floor.get(u.id) ?? emptyLocks());
  memo.clear();
  return (u) => inherited(u);
}
