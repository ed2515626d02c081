// unguarded-map-field: a struct has a mutex and a map field; some method
// accesses the map holding the mutex (evidence it guards the map), and this
// access does not. Constructors (functions that build the value) are exempt.
import { defineRule, MapRaceFact, whereOf, type UnguardedFinding } from '../../src/engine/index.js';

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
          ctx.report({
            node: u.access.node,
            message: messageOf(u),
            related: [{ node: u.guarded.node, file: u.guarded.file, message: `${u.guarded.name} is accessed here holding the mutex.` }],
          });
        }
      },
    };
  },
});

function messageOf(u: UnguardedFinding): string {
  const name = u.access.name;
  if (u.leak) {
    const field = u.access.operand.text.replace(/\s+/g, '');
    return `${field} itself is returned here while its mutex is held; the caller reads it after the lock is released, racing with the guarded writes at ${whereOf(u.guarded.node, u.guarded.file)} (fatal error: concurrent map read and map write). Return a copy made under the lock instead: maps.Clone(${field}).`;
  }
  const base = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
  const mu = u.mutexField ? `${base}.${u.mutexField}` : base;
  const held = u.mutexField ? mu : `the mutex embedded in ${base}`;
  const verb = u.access.kind === 'write' || u.access.kind === 'assign' ? 'written' : u.access.kind === 'range' ? 'ranged over' : 'read';
  const read = u.access.kind === 'read' || u.access.kind === 'range';
  const lock = read && u.readLock ? `${mu}.RLock(); defer ${mu}.RUnlock()` : `${mu}.Lock(); defer ${mu}.Unlock()`;
  return `${name} is ${verb} here without holding ${held}, which guards it at ${whereOf(u.guarded.node, u.guarded.file)}; an unguarded access can race with the guarded writes and crash the program with a fatal concurrent map error. Take the lock first: ${lock}.`;
}
