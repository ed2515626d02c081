// map-write-under-rlock: a map write or delete while only the read lock of a
// sync.RWMutex is held. Read locks are shared, so two writers can meet. The
// fix swaps RLock for Lock and the matching RUnlock(s) for Unlock; when either
// call is not in the same function, no mechanical fix is offered.
import { defineRule, MapRaceFact, describeEntry, describeRoot, type RLockFinding, type EditSpec } from '../../src/engine/index.js';

export default defineRule({
  meta: {
    id: 'map-write-under-rlock',
    severity: 'error',
    description: 'A map is written or deleted from while only RLock is held; readers run together, so writers collide.',
    fixable: true,
    needs: ['scopes', 'types', 'locks'],
  },
  create(ctx) {
    return {
      source_file() {
        for (const f of ctx.fact(MapRaceFact).rlockWrites) {
          if (f.write.file !== ctx.file) continue;
          ctx.report({ node: f.write.node, message: messageOf(f), fix: fixOf(f), atMost: f.witnessed ? undefined : 'warning' });
        }
      },
    };
  },
});

function messageOf(f: RLockFinding): string {
  const name = f.write.name;
  const op = f.write.node.type === 'call_expression' ? 'deleted from' : 'written';
  const mu = f.mutexText || 'the RWMutex';
  const held = f.rlock ? `${mu}.RLock()` : `a read lock (taken by the caller)`;
  const fix = `Take the write lock instead: ${mu}.Lock() and ${mu}.Unlock().`;
  if (!f.witnessed) {
    return `${name} is ${op} here while only ${held} is held; read locks are shared, so if two goroutines ever reach this write at once the runtime aborts with "fatal error: concurrent map writes" (mapguard sees only one goroutine reaching it). ${fix}`;
  }
  const from = f.entries[0] ? ` (reached ${describeEntry(f.entries[0], describeRoot)})` : '';
  return `${name} is ${op} here while only ${held} is held${from}; read locks are shared, so two goroutines can write at once and the runtime aborts with "fatal error: concurrent map writes". ${fix}`;
}

function fixOf(f: RLockFinding): { description: string; edits: EditSpec[] } | undefined {
  if (!f.rlock || f.runlocks.length === 0) return undefined;
  return {
    description: `Replace ${f.mutexText}.RLock with Lock and RUnlock with Unlock`,
    edits: [{ node: f.rlock.method, text: 'Lock' }, ...f.runlocks.map((e) => ({ node: e.method, text: 'Unlock' }))],
  };
}
