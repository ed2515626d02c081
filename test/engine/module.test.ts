// The module view's pure parts: go.mod/go.work parsing, import-path resolution,
// and the declarations-only text another package is parsed from.
import { blankFunctionBodies } from '../../src/engine/module/declarations.js';
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

  it('leaves a file it cannot follow as it is', () => {
    const broken = 'package p\n\nfunc f() {\n\tif x {\n';
    expect(blankFunctionBodies(broken)).toBe(broken);
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
