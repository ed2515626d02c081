// concurrent-map-access: an unguarded map write that overlaps another access
// of the same map in another concurrent context (goroutine, errgroup, pool,
// time.AfterFunc callback, served HTTP handler, gRPC service). Only witnessed
// races are reported (engine witness.ts: both sides surely reach one map). The concurrency model and the pairing
// live in the engine (ConcurrencyFact, MapRaceFact); this rule reports the
// writes of the current file, naming the other site.
import { defineRule, MapRaceFact, whereOf, type RaceFinding } from '../../src/engine/index.js';

export default defineRule({
  meta: {
    id: 'concurrent-map-access',
    severity: 'error',
    description: 'A map is written in one concurrent context while another reads, ranges or writes it with no common lock (fatal error: concurrent map writes).',
    fixable: false,
    needs: ['scopes', 'types', 'locks', 'concurrency'],
  },
  create(ctx) {
    return {
      source_file() {
        for (const r of ctx.fact(MapRaceFact).races) {
          if (r.write.file !== ctx.file) continue;
          ctx.report({
            node: r.write.node,
            message: messageOf(r),
            related: [{ node: r.other.node, file: r.other.file, message: `${r.other.name} is ${verb(r.other.kind)} here ${r.otherContext}.` }],
          });
        }
      },
    };
  },
});

function verb(kind: string): string {
  return kind === 'write' ? 'written' : kind === 'range' ? 'ranged over' : 'read';
}

function fatal(kind: string): string {
  return kind === 'write' ? 'concurrent map writes' : kind === 'range' ? 'concurrent map iteration and map write' : 'concurrent map read and map write';
}

function messageOf(r: RaceFinding): string {
  const name = r.write.name;
  const fix = 'Guard every access with one sync.Mutex (mu.Lock(); defer mu.Unlock()), or give each goroutine its own map and merge after Wait.';
  if (r.self) {
    return `${name} is written here ${r.writeContext} with no lock held, so two runs can write it at once and the runtime aborts with "fatal error: concurrent map writes". ${fix}`;
  }
  const other = `${verb(r.other.kind)} at ${whereOf(r.other.node, r.other.file)} ${r.otherContext}`;
  return `${name} is written here ${r.writeContext} and ${other}, with no lock held at both, so the runtime can abort with "fatal error: ${fatal(r.other.kind)}". ${fix}`;
}
