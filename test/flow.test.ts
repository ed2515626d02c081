// Unit tests for the shared flow helpers (src/engine/flow.ts) and the
// import-adding fix helper (src/engine/imports.ts).
import {
  parseSources, groupPackages, ScopesFact, flowOf, shapeOf, addImportsEdit, ast,
  type GoFile, type PackageModel, type Scopes, type SyntaxNode,
} from '../src/engine/index.js';

async function load(text: string): Promise<{ file: GoFile; pkg: PackageModel; scopes: Scopes }> {
  const { files, problems } = await parseSources([{ path: 'a.go', text }]);
  expect(problems).toEqual([]);
  const pkg = groupPackages(files)[0]!;
  return { file: files[0]!, pkg, scopes: pkg.fact(ScopesFact) };
}

function fn(file: GoFile, name: string): SyntaxNode {
  const f = ast.namedChildren(file.root).find((d) => d.type === 'function_declaration' && ast.field(d, 'name')?.text === name);
  if (!f) throw new Error(`no func ${name}`);
  return f;
}

function firstLoop(f: SyntaxNode): SyntaxNode {
  return ast.descendants(f, ['for_statement'])[0]!;
}

function bindingOf(scopes: Scopes, f: SyntaxNode, name: string) {
  const id = ast.descendants(f, ['identifier']).find((n) => n.text === name)!;
  return scopes.resolve(id)!;
}

describe('FunctionFlow', () => {
  const src = `package p

import (
	"slices"
	"sort"
	"strings"
)

type holder struct{ v []string }

func sorted(m map[string]int) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func aliased(h *holder, m map[string]int) []string {
	ks := h.v[:0]
	for k := range m {
		ks = append(ks, k)
	}
	h.v = ks
	slices.Sort(h.v)
	return ks
}

func leaks(m map[string]int) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return strings.Join(ks, ",")
}

func kept(m map[string]int) int {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return len(ks)
}
`;

  it('sees sorts after a point, also through an alias', async () => {
    const { file, scopes } = await load(src);
    for (const name of ['sorted', 'aliased']) {
      const f = fn(file, name);
      const flow = flowOf(scopes, f)!;
      expect(flow.sortAfter(bindingOf(scopes, f, 'ks'), firstLoop(f))).toBeDefined();
    }
    const f = fn(file, 'leaks');
    expect(flowOf(scopes, f)!.sortAfter(bindingOf(scopes, f, 'ks'), firstLoop(f))).toBeUndefined();
  });

  it('says how a value leaves the function', async () => {
    const { file, scopes } = await load(src);
    const leaks = fn(file, 'leaks');
    expect(flowOf(scopes, leaks)!.leavesAfter(bindingOf(scopes, leaks, 'ks'), firstLoop(leaks))?.what).toBe('passed to strings.Join');
    const sorted = fn(file, 'sorted');
    expect(flowOf(scopes, sorted)!.leavesAfter(bindingOf(scopes, sorted, 'ks'), firstLoop(sorted))?.kind).toBe('return');
    const kept = fn(file, 'kept');
    expect(flowOf(scopes, kept)!.leavesAfter(bindingOf(scopes, kept, 'ks'), firstLoop(kept))).toBeUndefined();
  });

  it('is built once per function', async () => {
    const { file, scopes } = await load(src);
    const f = fn(file, 'leaks');
    expect(flowOf(scopes, firstLoop(f))).toBe(flowOf(scopes, f));
  });
});

describe('shapeOf', () => {
  it('knows structs, arrays, pointers and slices, and leaves the rest unknown', async () => {
    const { file, pkg, scopes } = await load(`package p

import "time"

type T struct{ n int }
type A [3]int
type S []T

func f[V any](a map[string]T, b map[string]*T, c map[string]A, d map[string]S, e map[string]time.Time, g map[string]V, h map[string]ext) {}
`);
    const params = ast.parametersOf(fn(file, 'f'));
    const shapes = params.map((p) => {
      const t = pkg.underlying(scopes.typeOfBinding(scopes.resolve(p.name)!));
      return t.kind === 'map' ? shapeOf(pkg, t.value) : 'not a map';
    });
    expect(shapes).toEqual(['struct', 'pointer', 'array', 'slice', 'struct', 'unknown', 'unknown']);
  });
});

describe('addImportsEdit', () => {
  const apply = (text: string, e: { startIndex: number; endIndex: number; text: string }) => text.slice(0, e.startIndex) + e.text + text.slice(e.endIndex);

  it('adds an import block after the package clause when there is none', async () => {
    const text = 'package p\n\nfunc f() {}\n';
    const { file } = await load(text);
    const e = addImportsEdit(file, ['maps', 'slices'])!;
    expect(apply(text, e)).toBe('package p\n\nimport (\n\t"maps"\n\t"slices"\n)\n\nfunc f() {}\n');
  });

  it('turns a single import into a sorted block', async () => {
    const text = 'package p\n\nimport "fmt"\n\nvar _ = fmt.Sprint\n';
    const { file } = await load(text);
    expect(apply(text, addImportsEdit(file, ['slices'])!)).toBe('package p\n\nimport (\n\t"fmt"\n\t"slices"\n)\n\nvar _ = fmt.Sprint\n');
  });

  it('inserts into a grouped block among the standard imports', async () => {
    const text = 'package p\n\nimport (\n\t"fmt"\n\t"strings" // for Join\n\n\t"example.com/x"\n)\n';
    const { file } = await load(text);
    expect(apply(text, addImportsEdit(file, ['maps', 'slices'])!)).toBe(
      'package p\n\nimport (\n\t"fmt"\n\t"maps"\n\t"slices"\n\t"strings" // for Join\n\n\t"example.com/x"\n)\n',
    );
  });

  it('does nothing when present, and refuses when the name is taken', async () => {
    const present = await load('package p\n\nimport (\n\t"maps"\n\t"slices"\n)\n');
    expect(addImportsEdit(present.file, ['maps', 'slices'])).toBeUndefined();
    const taken = await load('package p\n\nimport "golang.org/x/exp/maps"\n');
    expect(addImportsEdit(taken.file, ['maps'])).toBeNull();
  });
});
