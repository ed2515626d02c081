// Which lock a "lock is held" doc comment means. Mature code documents caller-held locks in
// prose ("Lock is held on entry.", "Account lock should be held", "fs lock must be held"); the
// comment almost always means one particular mutex, and treating it as "every lock is held"
// (ANY_LOCK) hides the accesses that need another type's lock (nats client.go: a client method,
// called holding the client's lock, reads an account's map that the account's lock guards).
// The noun before "lock" names the lock: nothing, an article or "read"/"write" means the
// receiver's own; a type's name (case-insensitive), the receiver's or a parameter's name, or a
// mutex field of the receiver names that one. Anything else stays ANY_LOCK: an unknown lock must
// not make accesses look unguarded.
import type { FuncDecl, PackageModel } from '../model.js';
import { parametersOf } from '../ast.js';
import { ANY_LOCK, type LockMode, type LockSet } from './types.js';
import { derefNamed } from './units.js';

/** `lock is held`, `Lock should be held`, `lock must be held on entry`, one comment line at a time. */
const LOCK_HELD = /(?<![\p{L}\p{N}_])(?:lock|Lock|LOCK)\s+(?:is\s+|should\s+be\s+|must\s+be\s+|needs\s+to\s+be\s+|has\s+to\s+be\s+|is\s+assumed\s+to\s+be\s+|assumed\s+to\s+be\s+|is\s+expected\s+to\s+be\s+)?(?:held|locked|acquired|taken)\b/u;
/** The word written right before "lock" (`Account`, `fs`, `c.mu`); none after a sentence's end or punctuation. */
const NOUN_BEFORE = /([\p{L}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?)\s+$/u;

/** Words before "lock" that name no lock of their own: the sentence means the receiver's. */
const RECEIVERS_OWN = new Set(['', 'the', 'a', 'an', 'assume', 'assumes', 'assuming', 'our', 'its', 'this', 'own', 'object', 'struct', 'read', 'write', 'r', 'w', 'rw', 'exclusive', 'shared']);

/** Words naming how the lock is held, not whose it is. */
const MODES = new Set(['read', 'write', 'r', 'w', 'rw', 'exclusive', 'shared']);

/** Mutex field names that are "the" lock of a type with several (`mu` beside `cfgMu`, `ddMu`). */
const PRIMARY = ['mu', 'mtx', 'mutex', 'lock', 'Mutex', 'RWMutex'];

const ANY: LockSet = new Map([[ANY_LOCK, 'W']]);

/**
 * The locks a function's doc says its caller holds: undefined when the doc has no
 * "lock is held" sentence, ANY_LOCK when a sentence names a lock that cannot be told.
 */
export function documentedLocks(pkg: PackageModel, d: FuncDecl, mutexFieldsOf: (typeName: string) => string[]): LockSet | undefined {
  if (!d.doc) return undefined;
  let out: Map<string, LockMode> | undefined;
  for (const raw of d.doc.split('\n')) {
    const line = raw.replace(/^\s*\/\/\s?/, '');
    const m = LOCK_HELD.exec(line);
    if (!m) continue;
    // Quoted names (`client` lock) are names all the same; "na write lock", "Account read lock": the owner is the word before the mode.
    const before = line.slice(0, m.index).replace(/[`'"]/g, '');
    const words = NOUN_BEFORE.exec(before);
    let noun = words?.[1] ?? '';
    const owner = MODES.has(noun.toLowerCase()) ? NOUN_BEFORE.exec(before.slice(0, words!.index))?.[1] : undefined;
    const mode: LockMode = noun.toLowerCase() === 'read' ? 'R' : 'W';
    if (owner && !RECEIVERS_OWN.has(owner.toLowerCase())) noun = owner;
    const keys = lockOfNoun(pkg, d, noun, mutexFieldsOf);
    if (!keys) return ANY;
    out ??= new Map();
    for (const k of keys) out.set(k, out.get(k) === 'W' ? 'W' : mode);
  }
  return out;
}

function lockOfNoun(pkg: PackageModel, d: FuncDecl, noun: string, mutexFieldsOf: (typeName: string) => string[]): string[] | undefined {
  const recv = d.receiver?.typeName;
  if (noun.includes('.')) {
    // `c.mu lock is held`: the receiver's mutex field by name; another value's lock cannot be told.
    const [base, name, more] = noun.split('.');
    return recv && !more && base === d.receiver?.name && name && mutexFieldsOf(recv).includes(name) ? keysOf(recv, name) : undefined;
  }
  if (RECEIVERS_OWN.has(noun.toLowerCase())) return recv ? primaryLock(recv, mutexFieldsOf) : undefined;
  // A mutex field of the receiver by its name (`clMu lock must be held`).
  if (recv && mutexFieldsOf(recv).includes(noun)) return keysOf(recv, noun);
  // The receiver's or a parameter's name (`fs lock should be held`, `js lock ...`).
  if (d.receiver?.name === noun && recv) return primaryLock(recv, mutexFieldsOf);
  for (const p of parametersOf(d.node)) {
    if (p.name.text !== noun) continue;
    const t = derefNamed(pkg, pkg.typeOf(p.type));
    // Another value of the receiver's own type (`client` lock held, in a method of c): lock keys
    // name types, so that lock would pass for the receiver's own, which the doc says is not held.
    return t && t !== recv && pkg.types.has(t) ? primaryLock(t, mutexFieldsOf) : undefined;
  }
  // A type's name (`Account lock`, `stream lock`): the exact spelling first, else the only one that matches ignoring case.
  if (pkg.types.has(noun)) return primaryLock(noun, mutexFieldsOf);
  const folded = [...pkg.types.keys()].filter((t) => t.toLowerCase() === noun.toLowerCase());
  return folded.length === 1 ? primaryLock(folded[0]!, mutexFieldsOf) : undefined;
}

/** The type's only mutex, or the one its name marks as the main lock; undefined when it cannot be told. */
function primaryLock(typeName: string, mutexFieldsOf: (typeName: string) => string[]): string[] | undefined {
  const fields = mutexFieldsOf(typeName);
  const pick = fields.length === 1 ? fields[0] : PRIMARY.find((p) => fields.includes(p));
  return pick ? keysOf(typeName, pick) : undefined;
}

/** Lock keys as identity.ts writes them: an embedded mutex is locked as `x.Lock()` or `x.Mutex.Lock()`. */
function keysOf(typeName: string, field: string): string[] {
  return field === 'Mutex' || field === 'RWMutex' ? [`${typeName}.${field}`, `${typeName}.<embedded>`] : [`${typeName}.${field}`];
}
