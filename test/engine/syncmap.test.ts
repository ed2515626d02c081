// sync.Map recognition: which calls are on a sync.Map (by type only), and
// which locals hold a value read from one.
import { parseSources, groupPackages, Scopes, ast, syncMapCall, syncMapValueSource, syncMapIdentity, SyncMapSwappedFact, type SyntaxNode, type PackageModel } from '../../src/engine/index.js';

const SRC = `package p

import "sync"

var global sync.Map
var ptr = &sync.Map{}
var made = new(sync.Map)

type holder struct {
	cache sync.Map
	other map[string]int
}

type lookalike struct{}

func (lookalike) Load(any) (any, bool) { return nil, false }

func calls(h *holder, m *sync.Map, l lookalike) {
	global.Load(1) // global
	ptr.Load(1) // ptr
	made.Load(1) // made
	h.cache.Load(1) // field
	m.Load(1) // param
	(&global).Store(1, 2) // addr
	l.Load(1) // lookalike
}

func values(h *holder, other any) {
	v, ok := h.cache.Load(1)
	_ = v // direct
	w := v
	_ = w // copy
	var x any
	x, _ = global.LoadOrStore(1, 2)
	_ = x // assigned
	y, _ := global.Load(1)
	y = other
	_ = y // reassigned
	_ = ok // okflag
	h.cache.Range(func(k, val any) bool {
		_, _ = k, val // rangeargs
		return true
	})
	global.CompareAndSwap(1, 2, 3)
}
`;

let pkg: PackageModel;
let scopes: Scopes;
let root: SyntaxNode;

beforeAll(async () => {
  const { files } = await parseSources([{ path: 'p.go', text: SRC }]);
  pkg = groupPackages(files)[0]!;
  scopes = new Scopes(pkg);
  root = files[0]!.root;
});

const rowOf = (marker: string) => SRC.split('\n').findIndex((l) => l.trimEnd().endsWith(`// ${marker}`));
const callOn = (marker: string) => ast.descendants(root, ['call_expression']).find((c) => c.startPosition.row === rowOf(marker))!;
const identOn = (marker: string, name: string) => ast.descendants(root, ['identifier']).find((n) => n.startPosition.row === rowOf(marker) && n.text === name)!;

describe('syncMapCall', () => {
  it.each(['global', 'ptr', 'made', 'field', 'param', 'addr'])('recognises a sync.Map receiver: %s', (marker) => {
    expect(syncMapCall(scopes, callOn(marker))).toBeDefined();
  });

  it('ignores look-alike types with the same methods', () => {
    expect(syncMapCall(scopes, callOn('lookalike'))).toBeUndefined();
  });
});

describe('syncMapValueSource', () => {
  const src = (marker: string, name: string) => {
    const id = identOn(marker, name);
    const b = scopes.resolve(id);
    return b ? syncMapValueSource(scopes, b, id) : undefined;
  };

  it('follows Load results, copies and assignments', () => {
    expect(src('direct', 'v')?.call.method).toBe('Load');
    expect(src('copy', 'w')?.call.method).toBe('Load');
    expect(src('assigned', 'x')?.call.method).toBe('LoadOrStore');
  });

  it('gives up when a local is reassigned from elsewhere, and for the ok flag', () => {
    expect(src('reassigned', 'y')).toBeUndefined();
    expect(src('okflag', 'ok')).toBeUndefined();
  });

  it('recognises Range callback parameters', () => {
    expect(src('rangeargs', 'k')?.via).toBe('range-key');
    expect(src('rangeargs', 'val')?.via).toBe('range-value');
  });
});

describe('syncMapIdentity and SyncMapSwappedFact', () => {
  it('names package variables and fields', () => {
    expect(syncMapIdentity(scopes, syncMapCall(scopes, callOn('global'))!.receiver)).toBe('var:global');
    expect(syncMapIdentity(scopes, syncMapCall(scopes, callOn('addr'))!.receiver)).toBe('var:global');
    expect(syncMapIdentity(scopes, syncMapCall(scopes, callOn('field'))!.receiver)).toBe('field:holder.cache');
  });

  it('records maps updated with CompareAndSwap', () => {
    expect([...pkg.fact(SyncMapSwappedFact)]).toEqual(['var:global']);
  });
});
