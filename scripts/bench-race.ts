// `npm run bench:race`: times the race check of a generated 20-package
// repository (every package has a map-backed store and a concurrent test; one in
// five packages has an unguarded write the tests race on) through the sandbox
// given as the first argument (default bwrap), with the default -count=3.
// Warm-up (not timed): the race-instrumented standard-library seed the CLI keeps
// in the user cache directory. `--cold` times a run without it.
// Prints the wall time, packages tested and the map races found.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRaceRunner, RACE_SEED_PACKAGES } from '../src/race/index.js';
import { makeTempRoot } from '../src/escape/workspace.js';
import type { SandboxName } from '../src/escape/index.js';

const PACKAGES = 20;
const args = process.argv.slice(2);
const cold = args.includes('--cold');
const sandbox = (args.find((a) => !a.startsWith('--')) ?? 'bwrap') as SandboxName;
const seedDir = join(tmpdir(), 'mapguard-bench-race-seed');

function write(root: string, rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

function packageSource(i: number): string {
  const racy = i % 5 === 0;
  return `package p${i}

import "sync"

type Store struct {
	mu    sync.Mutex
	items map[string]int
}

func New() *Store { return &Store{items: make(map[string]int)} }

func (s *Store) Add(k string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items[k] += n
}

func (s *Store) Seen(k string) {
${racy ? '' : '\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n'}\ts.items[k]++
}

func (s *Store) Total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := 0
	for _, v := range s.items {
		t += v
	}
	return t
}
`;
}

function testSource(i: number): string {
  return `package p${i}

import (
	"fmt"
	"sync"
	"testing"
)

func TestStore(t *testing.T) {
	s := New()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				k := fmt.Sprint(j % 7)
				s.Add(k, g)
				s.Seen(k)
			}
		}(g)
	}
	wg.Wait()
	if s.Total() == 0 {
		t.Fatal("empty")
	}
}
`;
}

async function main(): Promise<void> {
  // A prepared tree, as the CLI (--base) and the App make them: the sandbox user may read and write it.
  const top = makeTempRoot();
  const root = join(top, 'head');
  mkdirSync(root, { mode: 0o755 });
  try {
    write(root, 'go.mod', 'module example.com/bench\n\ngo 1.22\n');
    for (let i = 0; i < PACKAGES; i++) {
      write(root, `pkg/p${i}/store.go`, packageSource(i));
      write(root, `pkg/p${i}/store_test.go`, testSource(i));
    }
    const packages = Array.from({ length: PACKAGES }, (_, i) => `pkg/p${i}`);
    const base = { dir: root, sandbox, trusted: sandbox === 'none', packages, goproxy: 'off', timeoutSeconds: 900 } as const;
    if (!cold) {
      const warm = Date.now();
      // A one-package run builds the seed (once per toolchain); it is not timed.
      await createRaceRunner({ ...base, packages: ['pkg/p1'], count: 1, stdCacheDir: seedDir, stdCachePackages: RACE_SEED_PACKAGES }).run();
      console.log(`warm-up: race seed ready in ${((Date.now() - warm) / 1000).toFixed(1)} s`);
    }
    const started = Date.now();
    const run = await createRaceRunner({
      ...base,
      ...(cold ? {} : { stdCacheDir: seedDir, stdCachePackages: RACE_SEED_PACKAGES }),
      log: (l) => console.error(`  ${((Date.now() - started) / 1000).toFixed(1)}s ${l}`),
    }).run();
    const seconds = (Date.now() - started) / 1000;
    const s = run.summary;
    const failed = s.packages.filter((p) => p.status !== 'passed').length;
    const withMapRaces = s.packages.filter((p) => p.races.map > 0).length;
    console.log(`race check, ${PACKAGES} packages, -count=${s.settings.count}, sandbox ${sandbox}${cold ? ', no seed cache' : ''}: ${seconds.toFixed(1)} s`);
    console.log(`  packages tested: ${s.packages.length}; not passing: ${failed}; with map races: ${withMapRaces} (expected ${Math.ceil(PACKAGES / 5)}); distinct map races: ${s.races.map}; other races: ${s.races.other}`);
    if (s.incomplete) console.log(`  incomplete: ${s.incomplete}`);
    if (s.incomplete || withMapRaces !== Math.ceil(PACKAGES / 5)) process.exitCode = 1;
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
}

await main();
