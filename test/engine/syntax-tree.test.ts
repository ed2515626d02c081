// mapguard's own syntax tree (src/engine/syntax) against web-tree-sitter's nodes: every node of
// every fixture of the project, and inputs that stress positions and error recovery, must read
// the same through both (type, named, range, positions, fields, parent, children, errors).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { goFilesUnder } from './go-files.js';
import { Parser, Language, type Node as WasmNode } from 'web-tree-sitter';
import { goParser } from '../../src/engine/parser.js';
import { materialise } from '../../src/engine/syntax/materialise.js';
import { SyntaxTree, type SyntaxNode } from '../../src/engine/syntax/tree.js';

const require = createRequire(import.meta.url);
let wasmParser: Parser;
let names: SyntaxTree['names'];

beforeAll(async () => {
  names = (await goParser()).names; // initialises web-tree-sitter first, as the engine does
  const language = await Language.load(require.resolve('tree-sitter-go/tree-sitter-go.wasm'));
  wasmParser = new Parser();
  wasmParser.setLanguage(language);
});

/** Every difference between the two trees, as "path: what" lines (empty when they agree). */
function differences(mine: SyntaxNode, theirs: WasmNode, path = 'root', out: string[] = []): string[] {
  const same = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${path}: ${what} ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
  };
  same('type', mine.type, theirs.type);
  same('named', mine.isNamed, theirs.isNamed);
  same('range', [mine.startIndex, mine.endIndex], [theirs.startIndex, theirs.endIndex]);
  same('start', mine.startPosition, theirs.startPosition);
  same('end', mine.endPosition, theirs.endPosition);
  same('error', [mine.isError, mine.isMissing, mine.hasError], [theirs.isError, theirs.isMissing, theirs.hasError]);
  same('childCount', mine.childCount, theirs.childCount);
  same('namedChildCount', mine.namedChildCount, theirs.namedChildCount);
  const kids = theirs.children;
  mine.children.forEach((c, i) => {
    const t = kids[i];
    if (!t) return;
    same(`field of child ${i}`, c.fieldName, theirs.fieldNameForChild(i));
    if (c.parent?.id !== mine.id) out.push(`${path}: child ${i} has another parent`);
    if (out.length < 20) differences(c, t, `${path}/${i}:${t.type}`, out);
  });
  return out;
}

function compare(text: string): string[] {
  const wasm = wasmParser.parse(text)!;
  try {
    const mine = new SyntaxTree(text, materialise(wasm, undefined), names);
    return differences(mine.rootNode, wasm.rootNode);
  } finally {
    wasm.delete();
  }
}

describe('SyntaxTree', () => {

  it('uses the direct cursor walk (web-tree-sitter initialised by the engine)', async () => {
    expect((await goParser()).direct).toBe(true);
  });

  it('reads every node of every fixture as web-tree-sitter does, through both walks', async () => {
    const parser = await goParser();
    const files = [...goFilesUnder('rules'), ...goFilesUnder('test')];
    expect(files.length).toBeGreaterThan(100);
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const viaPublic = compare(text);
      expect({ path, diffs: viaPublic }).toEqual({ path, diffs: [] });
      // The direct walk gives the same arrays as the public one.
      const wasm = wasmParser.parse(text)!;
      const publicArrays = materialise(wasm, undefined);
      wasm.delete();
      const direct = parser.parse(text).data;
      expect(Buffer.from(direct.buffer).equals(Buffer.from(publicArrays.buffer))).toBe(true);
    }
  });

  it.each([
    ['empty file', ''],
    ['multi-byte text and CRLF line ends', 'package p\r\n\r\n// 并发写 map 会崩溃 🙂\r\nvar s = "é\\u00e9🙂"; var m = map[string]int{"ß": 1}\r\n'],
    ['syntax errors and missing nodes', 'package p\n\nfunc f( {\n\tx := map[string]int{\n\tif y {\n}\n\nfunc g() { return 1 + }\n'],
    ['no trailing newline', 'package p\nfunc f() { _ = 1 }'],
  ])('agrees on %s', (_name, text) => {
    expect(compare(text)).toEqual([]);
  });

  it('finds descendants by type in document order, within a node, like web-tree-sitter', async () => {
    const parser = await goParser();
    const text = readFileSync('rules/map-range-order/testdata/nearmiss.go', 'utf8');
    const mine = parser.parse(text);
    const wasm = wasmParser.parse(text)!;
    try {
      const types = ['call_expression', 'identifier', 'index_expression'];
      const ours = mine.rootNode.descendantsOfType(types).map((n) => [n.type, n.startIndex, n.endIndex]);
      const theirs = wasm.rootNode.descendantsOfType(types).map((n) => [n!.type, n!.startIndex, n!.endIndex]);
      expect(ours).toEqual(theirs);
      // Within one function: only its own descendants.
      const fn = mine.rootNode.descendantsOfType('function_declaration')[0]!;
      const theirFn = wasm.rootNode.descendantsOfType('function_declaration')[0]!;
      const inner = fn.descendantsOfType(types).map((n) => [n.type, n.startIndex]);
      expect(inner.length).toBeGreaterThan(0);
      expect(inner.length).toBeLessThan(ours.length);
      expect(inner).toEqual(theirFn.descendantsOfType(types).map((n) => [n!.type, n!.startIndex]));
    } finally {
      wasm.delete();
    }
  });

  it('finds a name\'s nodes by spelling, as a filter over all nodes of the type would', async () => {
    const parser = await goParser();
    const text = 'package p\n\n// m is a map; m.m too\ntype T struct{ m map[string]int; mm int }\n\nfunc f(t *T, m map[string]int) {\n\tt.\n\t\tm["x"] = 1\n\tm["m"] = t.mm\n\t_ = "m"\n\tvar ém = 0\n\t_ = ém\n}\n';
    const tree = parser.parse(text);
    const fn = tree.rootNode.descendantsOfType('function_declaration')[0]!;
    // Asked often enough, a tree answers from an index by spelling: both ways must agree.
    for (let round = 0; round < 4; round++) {
      for (const [type, word] of [['identifier', 'm'], ['field_identifier', 'm'], ['field_identifier', 'mm'], ['identifier', 'ém']] as const) {
        const expected = tree.rootNode.descendantsOfType(type).filter((n) => n.text === word).map((n) => n.startIndex);
        expect(tree.nodesSpelled(type, word).map((n) => n.startIndex)).toEqual(expected);
        expect(expected.length).toBeGreaterThan(0);
      }
      expect(tree.nodesSpelled('identifier', 'm', fn.startIndex, fn.endIndex).length).toBe(2);
      expect(tree.nodesSpelled('identifier', 'absent')).toEqual([]);
    }
  });

  it('lists named children without comments as a filter of the named children would', async () => {
    const parser = await goParser();
    const tree = parser.parse('package p\n\nfunc f() {\n\tg(a, /* b */ c, // d\n\t\te)\n\tx, /* y */ z := 1, 2\n}\n');
    let lists = 0;
    tree.rootNode.walkNamed((n) => {
      const expected = n.namedChildren.filter((c) => c.type !== 'comment');
      expect(n.namedChildrenWithoutComments.map((c) => c.id)).toEqual(expected.map((c) => c.id));
      if (expected.length !== n.namedChildren.length) lists++;
    });
    expect(lists).toBeGreaterThanOrEqual(2);
  });

  it('gives one object per node and ids unique across trees', async () => {
    const parser = await goParser();
    const a = parser.parse('package a\nvar x = 1\n');
    const b = parser.parse('package b\nvar x = 1\n');
    const ax = a.rootNode.descendantsOfType('identifier')[0]!;
    expect(ax.parent!.namedChildren[0]).toBe(ax);
    const ids = new Set<number>();
    for (const t of [a, b]) t.rootNode.walkNamed((n) => void ids.add(n.id));
    let named = 0;
    for (const t of [a, b]) t.rootNode.walkNamed(() => void named++);
    expect(ids.size).toBe(named);
  });
});
