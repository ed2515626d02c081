// Which mutex guards a map, for unguarded-map-field. The usual guard is a mutex field of the
// struct declaring the map field (`T.mu`), and holding it at any access is evidence. Two other
// guards are common in mature code and only count on stronger evidence, since a lock that merely
// happens to be held somewhere guards nothing (a global mutex serialising file writes, a parent's
// lock held around an unrelated update):
// - a package-level mutex (`topicMutex` for `topicMap`, `dbMutex` for `db.Users`);
// - the mutex of a struct that holds the map's struct through a chain of fields (`jetStream.mu`
//   for `jetStreamCluster.streams`, reached as `js.cluster.streams`; a tree's root lock for the
//   maps of its levels).
// Both must be held at every write of the map outside set-up, and the map's own struct must not
// already show its own mutex guarding it.
import type { GoType } from '../gotypes.js';
import type { PackageModel } from '../model.js';
import { ANY_LOCK, EXCLUSIVE, type ConcurrencyModel, type MapAccess } from './types.js';
import { derefNamed } from './units.js';

/** A guard other than a mutex field of the map's own struct. */
export type SharedGuard =
  | { kind: 'pkg'; name: string; rw: boolean }
  /** `owner` holds the map's struct at `chain` (`jetStream.cluster`); `field` is its mutex ('' when embedded). */
  | { kind: 'owner'; owner: string; field: string; chain: string; rw: boolean };

const MAX_CHAIN = 3;

/**
 * Locks held at every given write (a documented caller-held lock or an exclusive phase is
 * compatible with any), at least one of them explicitly, that are a package-level mutex or, for
 * a field of `typeName`, a mutex of a struct owning `typeName` through its fields.
 */
export function sharedGuards(model: ConcurrencyModel, typeName: string | undefined, writes: readonly MapAccess[]): Map<string, SharedGuard> {
  const out = new Map<string, SharedGuard>();
  if (!writes.length) return out;
  const held = writes.map((w) => model.locksAt(w));
  const candidates = new Set<string>();
  for (const h of held) for (const k of h.keys()) candidates.add(k);
  for (const k of candidates) {
    if (!held.every((h) => h.has(k) || h.has(ANY_LOCK) || h.has(EXCLUSIVE))) continue;
    const g = k.startsWith('pkg:') ? pkgGuard(model, k.slice(4)) : typeName ? ownerGuard(model, k, typeName) : undefined;
    if (g) out.set(k, g);
  }
  return out;
}

function pkgGuard(model: ConcurrencyModel, name: string): SharedGuard | undefined {
  const v = model.pkg.values.get(name);
  if (!v || v.kind !== 'var') return undefined;
  // `var mu sync.RWMutex` or `var mu = &sync.RWMutex{}`: read from what is written.
  const text = (v.typeNode ?? v.value)?.text ?? '';
  return { kind: 'pkg', name, rw: /\bRWMutex\b/.test(text) };
}

function ownerGuard(model: ConcurrencyModel, key: string, typeName: string): SharedGuard | undefined {
  const dot = key.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const owner = key.slice(0, dot);
  const name = key.slice(dot + 1);
  if (owner === typeName || !model.pkg.types.has(owner)) return undefined;
  const mutexes = model.mutexFieldsOf(owner);
  const field = name === '<embedded>' ? mutexes.find((m) => m === 'Mutex' || m === 'RWMutex') : mutexes.includes(name) ? name : undefined;
  if (field === undefined) return undefined;
  const chain = fieldChain(model.pkg, owner, typeName);
  if (!chain) return undefined;
  const embedded = field === 'Mutex' || field === 'RWMutex';
  return { kind: 'owner', owner, field: embedded ? '' : field, chain, rw: model.isRWMutexField(owner, embedded ? '' : field) };
}

/**
 * The fields leading from struct `from` to a value of struct `to` (`jetStream.cluster`), through
 * pointers and the elements of slices, arrays and maps, a few fields deep; undefined when none.
 */
export function fieldChain(pkg: PackageModel, from: string, to: string): string | undefined {
  return walkFields(pkg, from, (t) => t === to);
}

/** The struct types a value of `from` holds through its fields, a few fields deep (`from` excluded). */
export function ownedStructs(pkg: PackageModel, from: string): Set<string> {
  const out = new Set<string>();
  walkFields(pkg, from, (t) => {
    out.add(t);
    return false;
  });
  out.delete(from);
  return out;
}

/** Breadth-first over field types from `from`; the first chain whose struct `stop` accepts. */
function walkFields(pkg: PackageModel, from: string, stop: (type: string) => boolean): string | undefined {
  let frontier: { type: string; path: string }[] = [{ type: from, path: from }];
  const seen = new Set<string>([from]);
  for (let depth = 0; depth < MAX_CHAIN && frontier.length; depth++) {
    const next: { type: string; path: string }[] = [];
    for (const { type, path } of frontier) {
      for (const f of pkg.structFieldsOf(type) ?? []) {
        const t = structBehind(pkg, pkg.typeOf(f.typeNode));
        if (!t) continue;
        const p = `${path}.${f.name}`;
        if (stop(t)) return p;
        if (!seen.has(t)) {
          seen.add(t);
          next.push({ type: t, path: p });
        }
      }
    }
    frontier = next;
  }
  return undefined;
}

/** The package struct type a field's type holds: `T`, `*T`, `[]*T`, `map[K]*T`. */
function structBehind(pkg: PackageModel, t: GoType, depth = 0): string | undefined {
  if (depth > 3) return undefined;
  switch (t.kind) {
    case 'pointer':
    case 'slice':
    case 'array':
      return structBehind(pkg, t.elem, depth + 1);
    case 'map':
      return structBehind(pkg, t.value, depth + 1);
    case 'named': {
      const name = derefNamed(pkg, t);
      return name && pkg.structFieldsOf(name) ? name : undefined;
    }
    default:
      return undefined;
  }
}
