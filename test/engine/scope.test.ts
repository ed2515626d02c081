// Focused tests of name resolution (Scopes.resolve) and light type inference
// (Scopes.typeOfExpr): shadowing, range variables, named results, fields
// promoted through embedded structs, and comma-ok forms.
import { parseSources, groupPackages, Scopes, ast, type GoType, type SyntaxNode, type PackageModel } from '../../src/engine/index.js';

const SRC = `package p

import "sync"

var pkgVar = map[string]int{}

const limit = 3

type Inner struct {
	items map[string]int
}

type Outer struct {
	*Inner
	mu   sync.Mutex
	name string
}

type Deep struct {
	Outer
}

func shadow() {
	x := 1
	{
		x := "s"
		_ = x // inner
	}
	_ = x // outer
	if x := 2.5; x > 0 {
		_ = x // ifinit
	}
	{
		x := x + 1 // selfref
		_ = x
	}
}

func ranges(words []string, counts map[string]int, arr *[4]byte) {
	for i, w := range words {
		_, _ = i, w // slice
	}
	for k, v := range counts {
		_, _ = k, v // map
	}
	for j, b := range arr {
		_, _ = j, b // arrayptr
	}
	for i := 0; i < limit; i++ { // forhead
		_ = i // forclause
	}
}

func results() (n int, err error) {
	n = len(pkgVar) // named
	return
}

func (d *Deep) fields() {
	_ = d.items // promoted
	_ = d.Outer.name // explicit
	_ = d.mu // mutex
}

func commaOk(m map[string][]int, x any, ch chan int) {
	v, ok := m["a"] // index
	_, _ = v, ok
	s, ok2 := x.(string) // assert
	_, _ = s, ok2
	r, ok3 := <-ch // recv
	_, _ = r, ok3
}

func closures() func() int {
	total := 0
	return func() int {
		total++ // closure
		return total
	}
}

func typeSwitch(x any) {
	switch y := x.(type) {
	case int:
		_ = y // tswitch
	}
}

type Counts map[string]int

type Names []string

func more(ch chan string, c Counts, names Names) {
	y := 1
	func(y string) {
		_ = y // closureparam
	}("")
	_ = z // before
	z := 2
	_ = z
	for s := range ch {
		_ = s // chanrange
	}
	for _, n := range names {
		_ = n // namedslice
	}
	_ = c["a"] // namedmap
	var k string
	for k = range c {
		_ = k // assignrange
	}
	if a := len(c); a > 0 {
	} else if b := a; b > 1 {
		_ = a // elseif
	}
	switch w := len(names); w {
	case 1:
		_ = w // switchinit
	}
	_ = y
}

var z = "package z"

func lookup(name string) (*Outer, error) { return nil, nil }

func (o *Outer) parts() (names Names, a, b Counts, err error) { return }

func pick[M ~map[string]int](m M) (M, bool) { return m, true }

func tuples(o *Outer, c Counts) {
	x, err := lookup("a") // tuplefn
	n, p, q, e2 := o.parts() // tuplemethod
	y, z2 := pick(c) // tuplegeneric
	var w, e3 = lookup("b") // tuplevar
	var arr [4]Counts
	part := arr[:0] // slicearr
	_, _, _, _, _, _, _, _, _, _, _ = x, err, n, p, q, e2, y, z2, w, e3, part
}

func selects(ch chan string) {
	select {
	case msg := <-ch:
		_ = msg // select
	}
}
`;

let pkg: PackageModel;
let scopes: Scopes;
let root: SyntaxNode;

beforeAll(async () => {
  const { files, problems } = await parseSources([{ path: 'p.go', text: SRC }]);
  expect(problems).toEqual([]);
  pkg = groupPackages(files)[0]!;
  scopes = new Scopes(pkg);
  root = files[0]!.root;
});

/** The identifier `name` on the line whose comment is `// marker` (nth occurrence on that line). */
function ident(marker: string, name: string, nth = 0): SyntaxNode {
  const row = SRC.split('\n').findIndex((l) => l.trimEnd().endsWith(`// ${marker}`));
  if (row < 0) throw new Error(`no line marked ${marker}`);
  const found = ast.descendants(root, ['identifier']).filter((n) => n.startPosition.row === row && n.text === name);
  if (!found[nth]) throw new Error(`no identifier ${name} on line ${row + 1}`);
  return found[nth]!;
}

/** The expression node whose text is `text` on the marked line. */
function expr(marker: string, text: string): SyntaxNode {
  const row = SRC.split('\n').findIndex((l) => l.trimEnd().endsWith(`// ${marker}`));
  let out: SyntaxNode | undefined;
  ast.walk(root, (n) => {
    if (!out && n.startPosition.row === row && n.text === text && n.type !== 'expression_list') out = n;
  });
  if (!out) throw new Error(`no ${text} on line ${row + 1}`);
  return out;
}

const lineOf = (n: SyntaxNode | undefined) => (n ? n.startPosition.row + 1 : undefined);
const declLine = (marker: string, name: string, nth = 0) => lineOf(scopes.resolve(ident(marker, name, nth))?.nameNode);
const lineOfText = (needle: string) => SRC.split('\n').findIndex((l) => l.includes(needle)) + 1;

function brief(t: GoType): string {
  switch (t.kind) {
    case 'basic': return t.name;
    case 'named': return t.qualifier ? `${t.qualifier}.${t.name}` : t.name;
    case 'pointer': return `*${brief(t.elem)}`;
    case 'slice': return `[]${brief(t.elem)}`;
    case 'array': return `[${t.length ?? '?'}]${brief(t.elem)}`;
    case 'map': return `map[${brief(t.key)}]${brief(t.value)}`;
    case 'chan': return `chan ${brief(t.elem)}`;
    default: return t.kind;
  }
}
const typeOf = (n: SyntaxNode) => brief(scopes.typeOfExpr(n));

describe('Scopes.resolve', () => {
  it('picks the innermost declaration (shadowing)', () => {
    expect(declLine('inner', 'x')).toBe(lineOfText('x := "s"'));
    expect(declLine('outer', 'x')).toBe(lineOfText('x := 1'));
    expect(declLine('ifinit', 'x')).toBe(lineOfText('if x := 2.5'));
  });

  it('resolves the right-hand side of `x := x + 1` to the outer x', () => {
    const lhs = ident('selfref', 'x', 0);
    const rhs = ident('selfref', 'x', 1);
    expect(scopes.resolve(lhs)?.nameNode.id).toBe(lhs.id);
    expect(lineOf(scopes.resolve(rhs)?.nameNode)).toBe(lineOfText('x := 1'));
  });

  it('binds range variables and for-clause variables', () => {
    const w = scopes.resolve(ident('slice', 'w'));
    expect(w?.kind).toBe('range');
    expect(w?.range?.index).toBe(1);
    expect(scopes.resolve(ident('forclause', 'i'))?.kind).toBe('local');
    expect(declLine('forclause', 'i')).toBe(lineOfText('for i := 0'));
  });

  it('binds named results, parameters, receivers, package names', () => {
    expect(scopes.resolve(ident('named', 'n'))?.kind).toBe('result');
    expect(scopes.resolve(ident('named', 'pkgVar'))?.kind).toBe('package');
    expect(scopes.resolve(ident('forhead', 'limit'))?.kind).toBe('const');
    expect(scopes.resolve(ident('promoted', 'd'))?.kind).toBe('receiver');
    expect(scopes.resolve(ident('map', 'k'))?.kind).toBe('range');
  });

  it('sees outer locals from closures', () => {
    expect(declLine('closure', 'total')).toBe(lineOfText('total := 0'));
  });

  it('binds type switch aliases and select receive variables', () => {
    expect(declLine('tswitch', 'y')).toBe(lineOfText('switch y :='));
    expect(declLine('select', 'msg')).toBe(lineOfText('case msg :='));
  });

  it('leaves imports and builtins unresolved', () => {
    const call = expr('named', 'len(pkgVar)');
    expect(scopes.resolve(ast.field(call, 'function')!)).toBeUndefined();
  });
});

describe('Scopes.resolve, more scopes', () => {
  it('lets a closure parameter shadow an outer local', () => {
    expect(scopes.resolve(ident('closureparam', 'y'))?.kind).toBe('param');
  });

  it('does not see a local declared later in the block', () => {
    expect(scopes.resolve(ident('before', 'z'))?.kind).toBe('package');
  });

  it('keeps `for k = range m` bound to the outer variable', () => {
    expect(declLine('assignrange', 'k')).toBe(lineOfText('var k string'));
  });

  it('sees if and switch initialisers in else-if chains and cases', () => {
    expect(declLine('elseif', 'a')).toBe(lineOfText('if a := len(c)'));
    expect(declLine('switchinit', 'w')).toBe(lineOfText('switch w :='));
  });
});

describe('Scopes.typeOfExpr', () => {
  it('types range variables over channels and named slices, and named map indexes', () => {
    expect(typeOf(ident('chanrange', 's'))).toBe('string');
    expect(typeOf(ident('namedslice', 'n'))).toBe('string');
    expect(typeOf(expr('namedmap', 'c["a"]'))).toBe('int');
  });

  it('types range variables over slices, maps and array pointers', () => {
    expect(typeOf(ident('slice', 'i'))).toBe('int');
    expect(typeOf(ident('slice', 'w'))).toBe('string');
    expect(typeOf(ident('map', 'k'))).toBe('string');
    expect(typeOf(ident('map', 'v'))).toBe('int');
    expect(typeOf(ident('arrayptr', 'j'))).toBe('int');
    expect(typeOf(ident('arrayptr', 'b'))).toBe('byte');
  });

  it('types shadowed names by their own declaration', () => {
    expect(typeOf(ident('inner', 'x'))).toBe('string');
  });

  it('types named results', () => {
    expect(typeOf(ident('named', 'n'))).toBe('int');
  });

  it('finds fields promoted through embedded structs and pointers', () => {
    expect(typeOf(expr('promoted', 'd.items'))).toBe('map[string]int');
    expect(typeOf(expr('explicit', 'd.Outer.name'))).toBe('string');
    expect(typeOf(expr('mutex', 'd.mu'))).toBe('sync.Mutex');
  });

  it('types both results of comma-ok forms', () => {
    expect(typeOf(ident('index', 'v'))).toBe('[]int');
    expect(typeOf(ident('index', 'ok'))).toBe('bool');
    expect(typeOf(ident('assert', 's'))).toBe('string');
    expect(typeOf(ident('assert', 'ok2'))).toBe('bool');
    expect(typeOf(ident('recv', 'r'))).toBe('int');
    expect(typeOf(ident('recv', 'ok3'))).toBe('bool');
  });

  it('types each result of `x, err := f()` and `a, b := recv.M()` by the callee\'s result list', () => {
    expect(typeOf(ident('tuplefn', 'x'))).toBe('*Outer');
    expect(typeOf(ident('tuplefn', 'err'))).toBe('error');
    expect(typeOf(ident('tuplemethod', 'n'))).toBe('Names');
    expect(typeOf(ident('tuplemethod', 'p'))).toBe('Counts');
    expect(typeOf(ident('tuplemethod', 'q'))).toBe('Counts');
    expect(typeOf(ident('tuplemethod', 'e2'))).toBe('error');
    expect(typeOf(ident('tuplevar', 'w'))).toBe('*Outer');
  });

  it('types a slice of an array as a slice of its elements', () => {
    expect(typeOf(ident('slicearr', 'part'))).toBe('[]Counts');
  });

  it('leaves a result typed by a type parameter unknown', () => {
    expect(typeOf(ident('tuplegeneric', 'y'))).toBe('unknown');
    expect(typeOf(ident('tuplegeneric', 'z2'))).toBe('bool');
  });

  it('types package-level values from their initialiser', () => {
    expect(typeOf(ident('named', 'pkgVar'))).toBe('map[string]int');
  });
});
