// unguarded-map-field: a struct has a mutex and a map field; some method
// accesses the map holding the mutex (evidence it guards the map), and this
// access does not. The guard may also be a package-level mutex, or the mutex of
// a struct owning the map's struct, held at every write (package maps too). Set-up code (constructors, initialisers that create the map
// or the mutex, Close after the join) is exempt. An error needs a witness: a
// conflicting access that can run at the same time (engine witness.ts); a
// broken discipline without one, len() and whole-field replacement are warnings.
import { defineRule, MapRaceFact, whereOf, describeEntry, describeRoot, entrySite, homeDecl, type UnguardedFinding } from '../../src/engine/index.js';

export default defineRule({
  meta: {
    id: 'unguarded-map-field',
    severity: 'error',
    description: 'A map field guarded by a mutex elsewhere is accessed here without holding that mutex.',
    fixable: false,
    needs: ['scopes', 'types', 'locks'],
  },
  create(ctx) {
    return {
      source_file() {
        for (const u of ctx.fact(MapRaceFact).unguarded) {
          if (u.access.file !== ctx.file) continue;
          const w = u.witness;
          // Both sides, and each entry point that is not the function the side itself is in.
          const entryOf = (e: NonNullable<typeof w>['mine']['entry'], at: typeof u.access, what: string) =>
            e.kind === 'method' && homeDecl(at.unit)?.node.id === e.decl.node.id ? [] : [{ ...entrySite(e), message: `${what} is reached ${describeEntry(e, describeRoot)}.` }];
          const related = w
            ? [
              { node: w.other.node, file: w.other.file, message: `${w.other.name} is ${verbOf(w.other.kind)} here ${describeEntry(w.theirs.entry, describeRoot)}.` },
              ...entryOf(w.mine.entry, u.access, 'The unguarded access'),
              ...entryOf(w.theirs.entry, w.other, 'The other access'),
            ]
            : [{ node: u.guarded.node, file: u.guarded.file, message: `${u.guarded.name} is accessed here holding the mutex.` }];
          ctx.report({ node: u.access.node, message: messageOf(u), related, atMost: w || u.leak ? undefined : 'warning' });
        }
      },
    };
  },
});

function verbOf(kind: string): string {
  return kind === 'write' || kind === 'assign' ? 'written' : kind === 'range' ? 'ranged over' : 'read';
}

function fatalOf(a: string, b: string): string {
  if (a === 'write' && b === 'write') return 'concurrent map writes';
  return a === 'range' || b === 'range' ? 'concurrent map iteration and map write' : 'concurrent map read and map write';
}

/** The lock as the fix writes it (`s.mu`, `topicMutex`), and as the message names it. */
function lockWords(u: UnguardedFinding): { mu: string; held: string } {
  const g = u.guard;
  if (g?.kind === 'pkg') return { mu: g.name, held: `the package-level ${g.name}` };
  if (g?.kind === 'owner') {
    // The map's struct is reached from the owner through a chain of fields; the lock is the owner's.
    const mu = `<the ${g.owner}>${g.field ? `.${g.field}` : ''}`;
    return { mu, held: `the ${g.owner}'s ${g.field || 'embedded mutex'} (the ${g.owner} holds this map's struct at ${g.chain})` };
  }
  const name = u.access.name;
  const base = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
  const mu = u.mutexField ? `${base}.${u.mutexField}` : base;
  return { mu, held: u.mutexField ? mu : `the mutex embedded in ${base}` };
}

function messageOf(u: UnguardedFinding): string {
  const name = u.access.name;
  if (u.leak) {
    const field = u.access.operand.text.replace(/\s+/g, '');
    return `${field} itself is returned here while its mutex is held; the caller reads it after the lock is released, racing with the guarded writes at ${whereOf(u.guarded.node, u.guarded.file)} (fatal error: concurrent map read and map write). Return a copy made under the lock instead: maps.Clone(${field}).`;
  }
  const { mu, held } = lockWords(u);
  const kind = u.access.kind;
  const read = kind === 'read' || kind === 'range' || kind === 'len';
  const lock = read && u.readLock ? `${mu}.RLock(); defer ${mu}.RUnlock()` : `${mu}.Lock(); defer ${mu}.Unlock()`;
  const guardedAt = whereOf(u.guarded.node, u.guarded.file);
  if (kind === 'len' || kind === 'assign') {
    const what = kind === 'len' ? `len(${name}) reads the map's length` : `${name} is replaced whole here`;
    return `${what} without holding ${held}, which guards it at ${guardedAt}; if this runs while another goroutine holds the lock and writes, that is a data race on the field (go test -race reports it), though not the runtime's fatal map error. Take the lock here too: ${lock}.`;
  }
  const w = u.witness;
  if (w) {
    const other = `${verbOf(w.other.kind)} at ${whereOf(w.other.node, w.other.file)} ${describeEntry(w.theirs.entry, describeRoot)}`;
    return `${name} is ${verbOf(kind)} here without holding ${held} ${describeEntry(w.mine.entry, describeRoot)}, and ${other}, so the two can run at once and the runtime aborts with "fatal error: ${fatalOf(kind, w.other.kind)}". Take the lock first: ${lock}.`;
  }
  return `${name} is ${verbOf(kind)} here without holding ${held}, which ${u.guardedFunctions > 1 ? `${u.guardedFunctions} functions hold around it` : 'is held around it'} (for example at ${guardedAt}); no goroutine that reaches this access while another writes is visible, so this is a broken locking discipline rather than a proven race. Take the lock, or say in a comment why it is not needed: ${lock}.`;
}
