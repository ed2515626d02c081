// `npm run bench:scale`: is the analysis linear in the size of one package? Generates packages of
// 25, 50, 100, 200 and 400 files of service-like Go (structs with a mutex and maps, handlers,
// goroutines started in loops, ranges feeding results, helpers calling each other across files)
// and prints, per size, the bare tree-sitter parse, the single-thread analysis, the analysis time
// per MB and its ratio to the parse. Linear cost shows as a flat time per MB.
import { performance } from 'node:perf_hooks';
import { analyzeSources, goParser, type SourceInput } from '../src/engine/index.js';
import { allRules } from '../rules/index.js';

const SIZES = [25, 50, 100, 200, 400];

/** One file of the generated package; `i` makes its names unique, `n` lets it call other files' helpers. */
export function goFile(i: number, n: number): string {
  const next = (i + 1) % n;
  return `package scale

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
)

// Store${i} keeps sessions and counters for one shard.
type Store${i} struct {
	mu       sync.Mutex
	sessions map[string]*Session${i}
	counts   map[string]int
	names    []string
}

type Session${i} struct {
	ID    string
	User  string
	Tags  map[string]string
	Hits  int
}

func NewStore${i}() *Store${i} {
	return &Store${i}{sessions: make(map[string]*Session${i}), counts: map[string]int{}}
}

func (s *Store${i}) Get(id string) (*Session${i}, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.sessions[id]
	return v, ok
}

func (s *Store${i}) Put(v *Session${i}) {
	s.mu.Lock()
	s.sessions[v.ID] = v
	s.counts[v.User]++
	s.mu.Unlock()
}

func (s *Store${i}) Users() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.counts))
	for u := range s.counts {
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}

func (s *Store${i}) Report() string {
	var b strings.Builder
	for _, u := range s.Users() {
		fmt.Fprintf(&b, "%s=%d\\n", u, s.counts[u])
	}
	return b.String()
}

func (s *Store${i}) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	if v, ok := s.Get(id); ok {
		v.Hits++
		fmt.Fprintln(w, v.User)
		return
	}
	s.Put(&Session${i}{ID: id, User: r.Header.Get("X-User"), Tags: map[string]string{"path": r.URL.Path}})
	helper${next}(s.names)
}

func (s *Store${i}) Refresh(ids []string) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func(id string) {
			defer wg.Done()
			if v, ok := s.Get(id); ok {
				s.Put(&Session${i}{ID: v.ID, User: strings.ToLower(v.User)})
			}
		}(id)
	}
	wg.Wait()
}

func helper${i}(names []string) map[string]int {
	seen := make(map[string]int, len(names))
	for i, n := range names {
		if _, ok := seen[n]; !ok {
			seen[n] = i
		}
	}
	for k, v := range seen {
		if v < 0 {
			delete(seen, k)
		}
	}
	return seen
}
`;
}

async function main(): Promise<void> {
  const parser = await goParser();
  await analyzeSources([{ path: 'warm/w.go', text: goFile(0, 1) }], { rules: allRules });
  console.log('files  MB     bare parse  analysis  s/MB    ratio');
  const perMb: number[] = [];
  for (const n of SIZES) {
    const files: SourceInput[] = Array.from({ length: n }, (_, i) => ({ path: `scale/f${i}.go`, text: goFile(i, n) }));
    const mb = files.reduce((s, f) => s + Buffer.byteLength(f.text), 0) / 1024 / 1024;
    // Best of three for each figure: the machine is shared.
    let parse = Infinity;
    let analysis = Infinity;
    for (let round = 0; round < 3; round++) {
      let t = performance.now();
      for (const f of files) parser.parseOnly(f.text);
      parse = Math.min(parse, performance.now() - t);
      t = performance.now();
      await analyzeSources(files, { rules: allRules });
      analysis = Math.min(analysis, performance.now() - t);
    }
    perMb.push(analysis / 1000 / mb);
    console.log(`${String(n).padStart(5)}  ${mb.toFixed(2).padStart(5)}  ${(parse / 1000).toFixed(2).padStart(9)} s  ${(analysis / 1000).toFixed(2).padStart(6)} s  ${(analysis / 1000 / mb).toFixed(2).padStart(5)}  ${(analysis / parse).toFixed(2).padStart(5)}x`);
  }
  const growth = perMb[perMb.length - 1]! / perMb[0]!;
  console.log(`time per MB at ${SIZES[SIZES.length - 1]} files / at ${SIZES[0]} files: ${growth.toFixed(2)}x (linear: 1.00x)`);
}

if (process.argv[1]?.endsWith('bench-scale.js')) {
  main().catch((e: unknown) => {
    console.error(`bench:scale: ${(e as Error).message}`);
    process.exit(1);
  });
}
