// The concurrency analysis, by layer: types (shared shapes), units (syntax questions), locks,
// identity (which map, which callee), ownership (shared or not), contexts (goroutine starts and
// their reach), summaries (the per-function walk that builds the model), phases (happens-before),
// witness (the evidence an error needs) and findings (what the three rules report).
export { ConcurrencyFact } from './summaries.js';
export { ANY_LOCK, EXCLUSIVE } from './types.js';
export type { ConcurrencyModel, MapAccess, AccessKind, LockSet, LockMode, LockEvent, Root, RootKind, Unit, CallSite } from './types.js';
export { derefNamed, homeDecl, homePosition, inLoopWithin, loopWithin } from './units.js';
export { MapRaceFact, whereOf, describeRoot } from './findings.js';
export type { MapRaceReport, RaceFinding, UnguardedFinding, RLockFinding } from './findings.js';
export { describeEntry, entrySite } from './witness.js';
export type { Entry, Reach, Witness } from './witness.js';
