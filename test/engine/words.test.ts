// The hand-written word scans (src/engine/syntax/words.ts) against the regular expressions they
// replace: the same names on every Go file of the rule fixtures, on every Go file of this project's
// test data, and on made-up text chosen for the expressions' corners (lookbehind, lazy groups,
// backtracking, Unicode letters and numbers, surrogate pairs).
import { readFileSync } from 'node:fs';
import { goFilesUnder } from './go-files.js';
import { bodyWords, closureBindings, countWords, declaredNames } from '../../src/engine/syntax/words.js';

function viaWord(text: string) {
  const w = { dotted: new Set<string>(), bare: new Set<string>(), called: new Set<string>() };
  for (const m of text.matchAll(/(\.\s*)?([\p{L}_][\p{L}\p{Nd}_]*)(\s*\()?/gu)) {
    (m[1] ? w.dotted : w.bare).add(m[2]!);
    if (m[3]) w.called.add(m[2]!);
  }
  return w;
}

function viaClosure(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(\w+)\s*:?=\s*func\s*\(/g)) out.add(m[1]!);
  return out;
}

function viaDeclared(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/([\w, ]+?)\s*:=|\bvar\s+([\w, ]+)/g)) {
    for (const n of (m[1] ?? m[2] ?? '').split(',')) out.add(n.trim().split(/\s+/).pop() ?? '');
  }
  return out;
}

const sorted = (s: Set<string>) => [...s].sort();

function expectSame(text: string): void {
  // Whole text, and a window that cuts words and surrogate pairs at both ends.
  for (const [from, to] of [[0, text.length], [Math.min(3, text.length), Math.max(0, text.length - 3)]] as const) {
    if (to < from) continue;
    const part = text.slice(from, to);
    expect(sorted(closureBindings(text, from, to))).toEqual(sorted(viaClosure(part)));
  }
  const a = bodyWords(text);
  const b = viaWord(text);
  expect([sorted(a.dotted), sorted(a.bare), sorted(a.called)]).toEqual([sorted(b.dotted), sorted(b.bare), sorted(b.called)]);
  expect(sorted(declaredNames(text))).toEqual(sorted(viaDeclared(text)));
  const counts = new Map<string, number>();
  countWords(text, counts);
  const expected = new Map<string, number>();
  for (const m of text.matchAll(/[\p{L}_][\p{L}\p{N}_]*/gu)) expected.set(m[0], (expected.get(m[0]) ?? 0) + 1);
  expect([...counts].sort()).toEqual([...expected].sort());
}

const CORNERS = [
  '',
  'f(x) g (y) h\n(z) .k(w) x.y. z x . y',
  'a := func() {}; b = func (x int) {}; c:=func(){}; d :func(); e == func(); f != func(); funcx = func(); g = funcs()',
  'x, y := 1, 2\nvar a, b = 1, 2\nvar  (\n\tc int\n)\nvar\t\n(\nif v := f(); v {}\nvars := 1\n// use var foo := 1\nvar _ = x',
  'for k, v := range m {}\nvar x int\nvar   \t(\n   :=\n, := \n _ , _ := f()',
  '9abc a²b Ⅻx xⅫ é := 1; ünïcode(x); 𝑥 := 2; 𝑥𝑦(z); .𝑥 .\té(); _x _(1)',
  'var', 'var ', 'var  ', 'var  \t', ':=', ' :=', 'a.b.c(d).e', '\u00a0x\u00a0(y)', 'x\u2028:= 1',
  'go func() { m[k] = v }()\ndefer mu.Unlock()\nvalid := func(k string) bool { return true }\nok = valid(k)',
];

describe('word scans match the expressions they replace', () => {
  it.each(CORNERS.map((c, i) => [i, c] as const))('on made-up text %i', (_i, text) => {
    expectSame(text);
  });

  it('on every Go file of the rule fixtures and the test data', () => {
    const files = [...goFilesUnder('rules'), ...goFilesUnder('test')];
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) expectSame(readFileSync(f, 'utf8'));
  });

  it('finds what each scan is for', () => {
    expect(sorted(closureBindings('keep := func(k string) bool {'))).toEqual(['keep']);
    // As the expression read it, `var c int` names its type's word, not c (kept: the scan replaced it exactly).
    expect(sorted(declaredNames('a, b := f()\nvar c = 1\nvar d int'))).toEqual(['a', 'b', 'c', 'int']);
    expect(sorted(bodyWords('s.m[k] = v; s.f()').called)).toEqual(['f']);
  });
});
