// The module view's pure parts: go.mod/go.work parsing, import-path resolution,
// and the declarations-only text another package is parsed from.
import { blankFunctionBodies, blankedBodies, blankRanges, declarationsTree } from '../../src/engine/module/declarations.js';
import { ModuleView } from '../../src/engine/module/view.js';
import { memoryPackageReader } from '../../src/review/module-source.js';
import { goParser } from '../../src/engine/parser.js';
import { parseGoModFile, parseGoWorkUses, locatePackage, importPathOfDir, escapeModulePath } from '../../src/engine/module/layout.js';
import { parseGo } from '../../src/engine/parser.js';

describe('blankFunctionBodies', () => {
  const src = [
    'package p',
    '',
    'import "fmt"',
    '',
    'type T struct{ m map[string]int }',
    '',
    'var table = map[string]func(){"a": func() { fmt.Println("}") }}',
    '',
    'func (t *T) Get(k string, opts interface{ Apply() }) (v int, ok struct{ found bool }) {',
    '\tif r := \'{\'; r > 0 { /* } */ v = t.m[k] }',
    '\ts := `}{`',
    '\t_ = s',
    '\treturn',
    '}',
    '',
    'func Generic[K comparable, V any](m map[K]V) map[K]struct{} {',
    '\tout := map[K]struct{}{}',
    '\tfor k := range m { out[k] = struct{}{} }',
    '\treturn out',
    '}',
    '',
    '// Implemented in assembly.',
    'func add(x, y int) int',
    '',
    'func after() {}',
    '',
  ].join('\n');

  it('keeps every offset and declaration, and blanks only function bodies', async () => {
    const out = blankFunctionBodies(src);
    expect(out.length).toBe(src.length);
    expect(out.split('\n').length).toBe(src.split('\n').length);
    const [a, b] = [await parseGo(src), await parseGo(out)];
    const decls = (t: typeof a) => t.rootNode.namedChildren.map((c) => `${c!.type}:${c!.childForFieldName('name')?.text ?? ''}`);
    expect(b.rootNode.hasError).toBe(false);
    expect(decls(b)).toEqual(decls(a));
    expect(out).not.toContain('t.m[k]');
    expect(out).not.toContain('out[k] = struct');
    expect(out).toContain('func (t *T) Get(k string, opts interface{ Apply() }) (v int, ok struct{ found bool }) {');
    expect(out).toContain('func Generic[K comparable, V any](m map[K]V) map[K]struct{} {');
    expect(out).toContain('func add(x, y int) int\n');
    expect(out).toContain('type T struct{ m map[string]int }');
    a.delete();
    b.delete();
  });

  it('blanks the elements of a large package-level literal (a generated table), keeping its type, struct types and small literals', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `\t{name: "op${i}", argLen: ${i % 3}},`).join('\n');
    const table = [
      'package p',
      '',
      'type opInfo struct {',
      `\tname   string // ${'x'.repeat(5000)}`,
      '\targLen int',
      '}',
      '',
      `var opcodeTable = [...]opInfo{\n${rows}\n}`,
      '',
      'var small = map[string]int{"a": 1}',
      '',
      'var anon = []struct{ a int }{{1}, {2}}',
      '',
    ].join('\n');
    const out = blankFunctionBodies(table);
    expect(out.length).toBe(table.length);
    expect(out).not.toContain('op399');
    expect(out).toContain('var opcodeTable = [...]opInfo{');
    expect(out).toContain('\tname   string //');
    expect(out).toContain('var small = map[string]int{"a": 1}');
    expect(out).toContain('var anon = []struct{ a int }{{1}, {2}}');
    const [full, blank] = [await parseGo(table), await parseGo(out)];
    expect(blank.rootNode.hasError).toBe(false);
    const bodies = blankedBodies(table);
    const made = declarationsTree(full, bodies, blankRanges(table, bodies))!;
    for (const k of ['type', 'field', 'flags', 'start', 'end', 'parent', 'after'] as const) expect([...made.data[k]]).toEqual([...blank.data[k]]);
    full.delete();
    blank.delete();
  });

  it('leaves a file it cannot follow as it is', () => {
    const broken = 'package p\n\nfunc f() {\n\tif x {\n';
    expect(blankFunctionBodies(broken)).toBe(broken);
  });

  it('declarationsTree: the whole tree without the bodies is the tree of the blanked text, node for node', async () => {
    const full = await parseGo(src);
    const bodies = blankedBodies(src);
    expect(bodies.length).toBeGreaterThanOrEqual(4);
    const blank = blankRanges(src, bodies);
    expect(blank).toBe(blankFunctionBodies(src));
    const made = declarationsTree(full, bodies, blank)!;
    const parsed = await parseGo(blank);
    expect(made.data.count).toBeLessThan(full.data.count);
    for (const k of ['type', 'field', 'flags', 'start', 'end', 'parent', 'after'] as const) expect([...made.data[k]]).toEqual([...parsed.data[k]]);
    expect(made.rootNode.toString()).toBe(parsed.rootNode.toString());
  });

  it('declarationsTree: a tree with a syntax error is left to the parser', async () => {
    const text = 'package p\n\nfunc f() {\n\tx := \n}\n\nfunc g() {}\n';
    const full = await parseGo(text);
    expect(full.rootNode.hasError).toBe(true);
    const bodies = blankedBodies(text);
    expect(declarationsTree(full, bodies, blankRanges(text, bodies))).toBeUndefined();
  });
});

describe('ModuleView.analysisOrder', () => {
  const layout = { modules: [{ dir: '', path: 'example.com/m', requires: {}, replaces: {}, vendored: false }] };
  const file = (path: string, imports: string[]) => ({ path, text: `package ${path.split('/').slice(-2, -1)[0] ?? 'm'}\n\nimport (\n${imports.map((i) => `\t"${i}"`).join('\n')}\n)\n` });

  it('puts a package after the packages of the run it imports, and a test import after it too unless that closes a cycle', async () => {
    const view = new ModuleView(layout, { goFiles: () => undefined }, await goParser());
    const dirs = new Map([
      ['api', [file('api/api.go', ['example.com/m/store', 'fmt'])]],
      ['store', [file('store/store.go', ['example.com/m/util']), file('store/store_test.go', ['example.com/m/trace'])]],
      // trace imports store: store's test import of it would close a cycle, so it stays after store.
      ['trace', [file('trace/trace.go', ['example.com/m/store'])]],
      // util's test imports clock, which does not depend on util: clock goes first.
      ['util', [file('util/util.go', []), file('util/util_test.go', ['example.com/m/clock'])]],
      ['clock', [file('clock/clock.go', [])]],
    ]);
    const order = view.analysisOrder(dirs);
    const at = (d: string) => order.indexOf(d);
    expect([...order].sort()).toEqual([...dirs.keys()].sort());
    expect(at('util')).toBeLessThan(at('store'));
    expect(at('store')).toBeLessThan(at('api'));
    expect(at('store')).toBeLessThan(at('trace'));
    expect(at('clock')).toBeLessThan(at('util'));
  });
});

describe('ModuleView: a package the run does not analyse', () => {
  const layout = { modules: [{ dir: '', path: 'example.com/m', requires: {}, replaces: {}, vendored: false }] };
  it('is parsed once, even when the view starts afresh between two importers (trim)', async () => {
    const gen = { path: 'gen/zerrors.go', text: '// Code generated by mkerrors; DO NOT EDIT.\n\npackage gen\n\ntype Errno uintptr\n\nconst EAGAIN = Errno(11)\n' };
    const asked = new Map<string, number>();
    const treeCache = { get: (text: string) => void asked.set(text, (asked.get(text) ?? 0) + 1), put: () => undefined };
    const view = new ModuleView(layout, memoryPackageReader([gen]), await goParser(), treeCache);
    try {
      const first = view.packageAt('example.com/m/gen', 'api');
      expect(first?.files.map((f) => f.path)).toEqual(['gen/zerrors.go']);
      view.trim(0);
      const again = view.packageAt('example.com/m/gen', 'worker');
      expect(again).not.toBe(first);
      expect(again?.files[0]?.tree.rootNode.namedChildren.map((c) => c!.type)).toEqual(['comment', 'package_clause', 'type_declaration', 'const_declaration']);
      expect([...asked.values()]).toEqual([1]);
    } finally {
      view.dispose();
    }
  });
});

describe('module layout', () => {
  const mod = parseGoModFile(
    [
      'module example.com/app // the app',
      '',
      'go 1.22',
      '',
      'require (',
      '\tgithub.com/Shopify/sarama v1.38.1',
      '\texample.com/lib v0.3.0 // indirect',
      ')',
      'require golang.org/x/sync v0.7.0',
      '',
      'replace example.com/lib => ../lib',
      'replace github.com/old/dep v1.0.0 => github.com/new/dep v1.2.0',
    ].join('\n'),
    '',
  )!;

  it('reads module, requires and replaces', () => {
    expect(mod.path).toBe('example.com/app');
    expect(mod.requires).toEqual({ 'github.com/Shopify/sarama': 'v1.38.1', 'example.com/lib': 'v0.3.0', 'golang.org/x/sync': 'v0.7.0' });
    expect(mod.replaces['example.com/lib']).toEqual({ dir: '../lib' });
    expect(mod.replaces['github.com/old/dep']).toEqual({ path: 'github.com/new/dep', version: 'v1.2.0' });
    expect(parseGoWorkUses('go 1.22\n\nuse (\n\t./api\n\t"./svc"\n)\nuse ./tools\n')).toEqual(['./api', './svc', './tools']);
  });

  it('resolves own packages, replaces, vendor and the module cache as the go command would', () => {
    const layout = { modules: [mod], modCache: '/cache' };
    expect(locatePackage(layout, 'example.com/app/internal/x')).toEqual({ dir: 'internal/x', local: true });
    expect(locatePackage(layout, 'example.com/lib/sub')).toEqual({ dir: '../lib/sub', local: false });
    expect(locatePackage(layout, 'github.com/Shopify/sarama/mocks')).toEqual({ dir: '/cache/github.com/!shopify/sarama@v1.38.1/mocks', local: false });
    expect(locatePackage(layout, 'fmt')).toBeUndefined();
    expect(locatePackage({ modules: [{ ...mod, vendored: true }] }, 'golang.org/x/sync/errgroup')).toEqual({ dir: 'vendor/golang.org/x/sync/errgroup', local: false });
    expect(importPathOfDir(layout, 'internal/x')).toBe('example.com/app/internal/x');
    expect(importPathOfDir(layout, '')).toBe('example.com/app');
    expect(escapeModulePath('github.com/BurntSushi/toml')).toBe('github.com/!burnt!sushi/toml');
  });

  it('the standard library is the module std', () => {
    const std = { modules: [{ dir: '', path: 'std', requires: {}, replaces: {}, vendored: false }] };
    expect(locatePackage(std, 'net/http')).toEqual({ dir: 'net/http', local: true });
    expect(importPathOfDir(std, 'net/http')).toBe('net/http');
  });
});
