import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEscapeOutput, normaliseFunc } from '../../src/escape/parse.js';
import { TESTDATA } from './helpers.js';

// Real `go build -gcflags='-m -m'` output of go 1.26 (see testdata/go126-m2.txt).
const output = readFileSync(join(TESTDATA, 'go126-m2.txt'), 'utf8');
const diags = parseEscapeOutput(output);

describe('parseEscapeOutput (go 1.26 -m=2 format)', () => {
  it('reads "moved to heap" with its function and explanation chain', () => {
    const p = diags.find((d) => d.message === 'moved to heap: p');
    expect(p).toMatchObject({ file: 'a/a.go', line: 10, column: 2, kind: 'moved', subject: 'p', func: 'Add' });
    expect(p!.explanation).toEqual([
      'flow: {heap} ← &p:',
      'from &p (address-of) at a/a.go:11:19',
      'from registry[name] = &p (assign) at a/a.go:11:17',
    ]);
  });

  it('reads "escapes to heap" verdicts, not the headers ending in ":"', () => {
    const escapes = diags.filter((d) => d.kind === 'escapes').map((d) => `${d.file}:${d.line} ${d.message} [${d.func}]`);
    expect(escapes).toContain('a/a.go:12 name escapes to heap [Add]');
    expect(escapes).toContain('a/a.go:7 map[string]*Point{} escapes to heap [init]');
    expect(escapes).toContain('c/c.go:6 make([]byte, n) escapes to heap [(*T).Grow]');
    expect(escapes).toContain('c/c.go:13 func literal escapes to heap [Closure]');
    expect(escapes.some((e) => e.endsWith(':'))).toBe(false);
  });

  it('reads leaking params with the parameter-leak explanation', () => {
    const leak = diags.find((d) => d.kind === 'leak' && d.subject === 'name');
    expect(leak).toMatchObject({ message: 'leaking param: name', func: 'Add' });
    expect(leak!.explanation).toContain('from registry[name] (key of map put) at a/a.go:11:10');
  });

  it('ignores inlining, "does not escape" and capture lines', () => {
    expect(diags.some((d) => /inline|does not escape|capturing/.test(d.message))).toBe(false);
  });

  it('drops type arguments from generic function names', () => {
    expect(normaliseFunc('Gen[go.shape.string]')).toBe('Gen');
    expect(normaliseFunc('(*List[go.shape.int]).Push')).toBe('(*List).Push');
    const k = diags.filter((d) => d.message === 'moved to heap: k');
    expect(k.map((d) => d.func)).toEqual(['init', 'Gen', 'Gen']);
  });

  it('keeps a verdict printed twice at the same position once', () => {
    const twice = 'x.go:3:2: moved to heap: v\nx.go:3:2: moved to heap: v\n';
    expect(parseEscapeOutput(twice)).toHaveLength(1);
  });
});
