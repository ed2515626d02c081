// The size calculator against the compiler: a generated Go program prints
// unsafe.Sizeof / unsafe.Alignof for each declared type, and the engine must
// compute the same numbers from the syntax tree alone. Types the engine cannot
// see (imported, generic) must come out undefined, never a guess.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseSources, PackageModel, TypeSizesFact, type GoType } from '../../src/engine/index.js';
import { goToolchain, goEnv } from '../../src/engine/testing/harness.js';

const go = goToolchain();
if (!go.available && process.env.CI) throw new Error('go is not on PATH: CI needs the Go toolchain to check type sizes');
const goIt = go.available ? it : it.skip;

// Declarations sized by both the compiler and the engine. Each `type` below is checked.
const DECLS = `
const N = 5
const M = N * 3

type B bool
type I8 int8
type U16 uint16
type R rune
type F32 float32
type C64 complex64
type C128 complex128
type Str string
type Iface interface{ M() }
type Err error
type Any any
type Ptr *int
type Sl []int
type Mp map[string]int
type Ch chan int
type Fn func(int) int
type Uptr uintptr
type Empty struct{}
type EmptyArr [0]int64
type Arr3 [3]int16
type ArrN [N]int32
type ArrM [M]byte
type Pad struct {
	a bool
	b int64
	c bool
}
type Packed struct {
	b int64
	a bool
	c bool
}
type Nested struct {
	p Pad
	x int8
	q [2]Packed
}
type ArrOfStruct [4]Pad
type TrailingZero struct {
	a int32
	z struct{}
}
type TrailingZeroArr struct {
	a int64
	z [0]int64
}
type OnlyZero struct {
	z struct{}
	e [0]int
}
type LeadingZero struct {
	z struct{}
	a int32
}
type Embedded struct {
	Pad
	*Packed
	n int16
}
type Blank struct {
	_ [3]byte
	x int32
	_ int8
}
type Named2 Nested
type Big [64]int64
type Value struct {
	id   int64
	name string
	tags []string
	meta map[string]string
	buf  [100]byte
}
type Complex struct {
	a complex64
	b byte
}
type WithStd struct {
	t  time.Time
	mu sync.Mutex
	rw sync.RWMutex
	wg sync.WaitGroup
	d  time.Duration
	o  sync.Once
	c  atomic.Int64
	b  atomic.Bool
	v  atomic.Value
	ctx context.Context
	up unsafe.Pointer
}
type StdTime time.Time
type StdMutex sync.Mutex
type StdRW sync.RWMutex
type StdWG sync.WaitGroup
type StdDur time.Duration
type StdOnce sync.Once
type StdI64 atomic.Int64
type StdU32 atomic.Uint32
type StdVal atomic.Value
type StdMonth time.Month
type StdWeekday time.Weekday
type StdBool atomic.Bool
type StdI32 atomic.Int32
type StdU64 atomic.Uint64
type StdUptr atomic.Uintptr
type StdCtx context.Context
type StdUnsafe unsafe.Pointer
`;

// Declared in the program but not sizable by the engine.
const UNSIZED = `
type Gen[T any] struct{ x T }
type UsesGen struct{ g Gen[int] }
type Imported struct{ b bytes.Buffer }
type Implicit [2]fmt.Stringer
`;

const IMPORTS = ['bytes', 'context', 'fmt', 'sync', 'sync/atomic', 'time', 'unsafe'];

function typeNames(src: string): string[] {
  return [...src.matchAll(/^type (\w+)/gm)].map((m) => m[1]!);
}

function goProgram(): string {
  const names = typeNames(DECLS);
  const lines = names.map((n) => `\tfmt.Printf("%s %d %d\\n", ${JSON.stringify(n)}, unsafe.Sizeof(*new(${n})), unsafe.Alignof(*new(${n})))`);
  return `package main\n\nimport (\n${IMPORTS.map((i) => `\t"${i}"`).join('\n')}\n)\n\nvar _ bytes.Buffer\n${DECLS}\n${UNSIZED}\nfunc main() {\n${lines.join('\n')}\n}\n`;
}

async function engineSizes(src: string): Promise<Map<string, { size?: number; align?: number }>> {
  const { files, problems } = await parseSources([{ path: 'main.go', text: src }]);
  expect(problems).toEqual([]);
  const pkg = new PackageModel('', 'main', files, undefined);
  const sizes = pkg.fact(TypeSizesFact);
  const out = new Map<string, { size?: number; align?: number }>();
  for (const [name, decl] of pkg.types) {
    const t: GoType = { kind: 'named', name, node: decl.node.childForFieldName('name')! };
    const l = sizes.layoutOf(t);
    out.set(name, { size: l?.size, align: l?.align });
  }
  return out;
}

describe('type sizes', () => {
  const src = goProgram();

  it('sizes at least 30 declared types', () => {
    expect(typeNames(DECLS).length).toBeGreaterThanOrEqual(30);
  });

  goIt('match unsafe.Sizeof and unsafe.Alignof', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapguard-sizes-'));
    let stdout = '';
    try {
      writeFileSync(join(dir, 'go.mod'), 'module sizes\n\ngo 1.22\n');
      writeFileSync(join(dir, 'main.go'), src);
      const r = spawnSync('go', ['run', '.'], { cwd: dir, encoding: 'utf8', env: goEnv(), timeout: 300_000 });
      if (r.status !== 0) throw new Error(`go run failed:\n${r.stdout}${r.stderr}`);
      stdout = r.stdout;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const want = new Map<string, { size?: number; align?: number }>();
    for (const line of stdout.trim().split('\n')) {
      const [name, size, align] = line.split(' ');
      want.set(name!, { size: Number(size), align: Number(align) });
    }
    const got = await engineSizes(src);
    const compare = [...want.keys()].map((n) => ({ name: n, ...got.get(n) }));
    expect(compare).toEqual([...want.entries()].map(([name, v]) => ({ name, ...v })));
  });

  it('leaves imported, generic and implicit-length types unknown', async () => {
    const got = await engineSizes(src);
    for (const name of typeNames(UNSIZED)) expect({ name, ...got.get(name) }).toEqual({ name, size: undefined, align: undefined });
  });

  it('memoises per package', async () => {
    const { files } = await parseSources([{ path: 'main.go', text: src }]);
    const pkg = new PackageModel('', 'main', files, undefined);
    expect(pkg.fact(TypeSizesFact)).toBe(pkg.fact(TypeSizesFact));
  });
});
