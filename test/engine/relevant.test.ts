// Body selection for the concurrency model: which bodies start the walk, and
// which callees can reach a map. A body left out here is never walked, so
// each test pins a shape that must be in (or may be out).
import { parseSources, groupPackages, ConcurrencyFact, type PackageModel } from '../../src/engine/index.js';
import { BodySelector } from '../../src/engine/relevant.js';

const SRC = `package p

import "sync"

type store struct {
	mu    sync.Mutex
	items map[string]int
}

type plain struct {
	counts map[string]int
	name   string
}

var registry = map[string]int{}

func launches() {
	go work()
}

func launchesLiteral(p *plain) {
	go func() { p.counts["a"]++ }()
}

func labelled() {
L:
	go work()
	goto L
}

func readLocks(s *store) {
	s.mu.Lock()
	defer s.mu.Unlock()
}

func notAGoStatement() {
	var (
		gopath []string
		goIdent = map[string]int{}
	)
	_, _ = gopath, goIdent
	// go to the store
}

func work() { middle() }

func middle() { leaf() }

func leaf() { registry["k"] = 1 }

func noMaps() { otherNoMaps() }

func otherNoMaps() { _ = 1 + 2 }

func usesGuarded(s *store) int { return len(s.items) }
`;

let pkg: PackageModel;

beforeAll(async () => {
  const { files } = await parseSources([{ path: 'p/p.go', text: SRC }]);
  pkg = groupPackages(files)[0]!;
});

function selector(): { select: BodySelector; byName: (n: string) => NonNullable<ReturnType<PackageModel['funcs']['get']>> } {
  const decls = [...pkg.allFuncs()];
  return { select: new BodySelector(pkg, decls), byName: (n) => pkg.funcs.get(n)! };
}

test('seeds are the bodies that start goroutines, not names that begin with "go"', () => {
  const { select } = selector();
  const seeds = select.seeds().map((d) => d.name).sort();
  expect(seeds).toEqual(['labelled', 'launches', 'launchesLiteral']);
});

test('map fields of structs holding a mutex are the guarded fields; others are not', () => {
  const { select } = selector();
  const guarded = select.guardedMapFields((t) => (t === 'store' ? ['mu'] : []));
  expect([...guarded]).toEqual(['items']);
  expect(select.mentioning(guarded, new Set()).map((d) => d.name)).toEqual(['usesGuarded']);
});

test('a callee reaches a map within the depth left, through the calls it makes', () => {
  const { select, byName } = selector();
  expect(select.reachesMap(byName('leaf'), 0)).toBe(true);
  expect(select.reachesMap(byName('middle'), 0)).toBe(false);
  expect(select.reachesMap(byName('middle'), 1)).toBe(true);
  expect(select.reachesMap(byName('work'), 1)).toBe(false);
  expect(select.reachesMap(byName('work'), 2)).toBe(true);
  expect(select.reachesMap(byName('noMaps'), 4)).toBe(false);
});

test('the model walks a goroutine target and the map-touching code it calls, and skips the rest', () => {
  const model = pkg.fact(ConcurrencyFact);
  const writes = model.accesses.filter((a) => a.kind === 'write').map((a) => a.name).sort();
  // leaf() is two calls below the goroutine's target and is no seed: walked on demand.
  expect(writes).toEqual(['p.counts', 'registry']);
  const leaf = model.units.find((u) => u.decl?.name === 'leaf')!;
  expect(model.contextsOf(leaf).size).toBe(1);
  // noMaps() reaches no map: never walked, so it records no calls.
  expect(model.units.find((u) => u.decl?.name === 'noMaps')!.calls).toEqual([]);
});
