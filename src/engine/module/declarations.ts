// Declarations only: another package read as evidence needs its types,
// signatures and package variables, not its function bodies, which are most of
// its text. Blanking the bodies before parsing makes the tree a fraction of the
// size and the parse a fraction of the time. Every byte keeps its offset (body
// text becomes spaces, newlines stay), so positions in the stripped tree are
// positions in the file.
import { SyntaxTree, treeArrays } from '../syntax/tree.js';
import type { Tree } from '../types.js';

/**
 * `text` with the bodies of top-level functions and methods blanked, and the
 * elements of large package-level composite literals. A lexer over comments,
 * strings, raw strings and runes finds each top-level `func` and its body's
 * braces; `struct{...}` and `interface{...}` in a signature are types, not the
 * body. Anything it cannot follow is left as it is.
 */
export function blankFunctionBodies(text: string): string {
  return blankRanges(text, blankedBodies(text));
}

/** What the blanking empties (a function body, a large literal): the offsets of its `{` and its `}`. */
export interface BodyBraces {
  open: number;
  close: number;
}

/**
 * A package variable's composite literal longer than this is blanked like a body: declarations
 * need its type, not its elements, and generated tables are most of the text of some packages.
 */
const LARGE_LITERAL_CHARS = 4096;

/** Whether the `{` at `at` opens a struct or interface type (the word before it says so), not a literal. */
function afterTypeKeyword(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && /\s/.test(text[k]!)) k--;
  const end = k + 1;
  while (k >= 0 && isIdent(text[k])) k--;
  const word = text.slice(k + 1, end);
  return word === 'struct' || word === 'interface';
}

/** The bodies blankFunctionBodies empties, in text order (none when the braces do not balance). */
export function blankedBodies(text: string): BodyBraces[] {
  const out: BodyBraces[] = [];
  const n = text.length;
  let i = 0;
  let depth = 0; // brace depth outside function bodies (composite literals of package vars, type decls)
  const skipTrivia = (j: number): number => {
    for (;;) {
      const c = text[j];
      if (c === '/' && text[j + 1] === '/') {
        while (j < n && text[j] !== '\n') j++;
      } else if (c === '/' && text[j + 1] === '*') {
        const end = text.indexOf('*/', j + 2);
        j = end < 0 ? n : end + 2;
      } else if (c === '"' || c === "'") {
        j = skipQuoted(text, j);
      } else if (c === '`') {
        const end = text.indexOf('`', j + 1);
        j = end < 0 ? n : end + 1;
      } else return j;
    }
  };
  while (i < n) {
    const j = skipTrivia(i);
    if (j !== i) {
      i = j;
      continue;
    }
    const c = text[i]!;
    if (c === '{' && depth === 0 && !afterTypeKeyword(text, i)) {
      // A package variable's composite literal: a large one is a table (generated code: opcode
      // tables, errno strings) whose elements no question asks about; its type stays.
      const close = matchingBrace(text, i, skipTrivia);
      if (close === undefined) return [];
      if (close - i > LARGE_LITERAL_CHARS) {
        out.push({ open: i, close });
        i = close + 1;
        continue;
      }
      depth++;
    } else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && c === 'f' && text.startsWith('func', i) && !isIdent(text[i - 1]) && !isIdent(text[i + 4])) {
      const open = bodyOpen(text, i + 4, skipTrivia);
      if (open !== undefined) {
        const close = matchingBrace(text, open, skipTrivia);
        if (close === undefined) return []; // unbalanced: leave the file to the parser as it is
        out.push({ open, close });
        i = close + 1;
        continue;
      }
    }
    i++;
  }
  return out;
}

/** `text` with everything strictly between each pair of braces turned to spaces, line breaks kept. */
export function blankRanges(text: string, bodies: readonly BodyBraces[]): string {
  if (bodies.length === 0) return text;
  // UTF-16 code units, as string offsets count them: each unit of a body becomes one space.
  const units = new Uint16Array(text.length);
  for (let k = 0; k < text.length; k++) units[k] = text.charCodeAt(k);
  for (const { open, close } of bodies) {
    for (let k = open + 1; k < close; k++) if (units[k] !== 10 && units[k] !== 13) units[k] = 32;
  }
  return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le');
}

function isIdent(c: string | undefined): boolean {
  return !!c && /[\p{L}\p{N}_]/u.test(c);
}

function skipQuoted(text: string, j: number): number {
  const q = text[j];
  for (let k = j + 1; k < text.length; k++) {
    const c = text[k];
    if (c === '\\') k++;
    else if (c === q || c === '\n') return k + 1;
  }
  return text.length;
}

/** The `{` opening the body of the func whose keyword ends at `from`; undefined for a func type or a declaration without body. */
function bodyOpen(text: string, from: number, skipTrivia: (j: number) => number): number | undefined {
  let parens = 0;
  let brackets = 0;
  let lastWord = '';
  for (let k = from; k < text.length; ) {
    const j = skipTrivia(k);
    if (j !== k) {
      k = j;
      continue;
    }
    const c = text[k]!;
    if (c === '(') parens++;
    else if (c === ')') parens--;
    else if (c === '[') brackets++;
    else if (c === ']') brackets--;
    else if (c === '\n' && parens === 0 && brackets === 0 && /[)\]\w*]\s*$/.test(text.slice(Math.max(from, k - 80), k))) {
      return undefined; // a declaration without a body (assembly) ends at the newline
    } else if (c === '{' && parens === 0 && brackets === 0) {
      if (lastWord === 'struct' || lastWord === 'interface') {
        const close = matchingBrace(text, k, skipTrivia);
        if (close === undefined) return undefined;
        k = close + 1;
        lastWord = '';
        continue;
      }
      return k;
    }
    if (isIdent(c)) {
      let e = k;
      while (e < text.length && isIdent(text[e])) e++;
      lastWord = text.slice(k, e);
      k = e;
      continue;
    }
    if (!/\s/.test(c)) lastWord = '';
    k++;
  }
  return undefined;
}

function matchingBrace(text: string, open: number, skipTrivia: (j: number) => number): number | undefined {
  let depth = 0;
  for (let k = open; k < text.length; ) {
    const j = skipTrivia(k);
    if (j !== k) {
      k = j;
      continue;
    }
    const c = text[k];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return k;
    k++;
  }
  return undefined;
}

/**
 * The tree a parse of `blankRanges(tree.text, bodies)` would give, made from the full tree
 * without parsing: every node strictly inside a blanked body is dropped (a blank body parses
 * to its braces alone), the rest keep their offsets, which blanking does not move. A tree with a
 * syntax error, or a node that straddles a body's braces, gets undefined: parse the text then.
 */
export function declarationsTree(tree: Tree, bodies: readonly BodyBraces[], blankedText: string): Tree | undefined {
  const d = tree.data;
  if (tree.rootNode.hasError) return undefined;
  if (bodies.length === 0) return new SyntaxTree(blankedText, d, tree.names);
  const keep = new Uint8Array(d.count);
  let kept = 0;
  let b = 0;
  for (let i = 0; i < d.count; i++) {
    const s = d.start[i]!;
    const e = d.end[i]!;
    // Bodies are in text order and nodes in document (start) order: skip bodies ending before this node.
    while (b < bodies.length && bodies[b]!.close < s) b++;
    const body = bodies[b];
    const inside = !!body && s > body.open && e <= body.close;
    if (!inside && body && s < body.close && e > body.open + 1 && !(s <= body.open && e > body.close)) return undefined;
    if (!inside) {
      keep[i] = 1;
      kept++;
    }
  }
  const out = treeArrays(kept);
  const newIndex = new Int32Array(d.count + 1);
  let n = 0;
  for (let i = 0; i < d.count; i++) {
    newIndex[i] = n;
    if (keep[i]) n++;
  }
  newIndex[d.count] = n;
  for (let i = 0, k = 0; i < d.count; i++) {
    if (!keep[i]) continue;
    out.type[k] = d.type[i]!;
    out.field[k] = d.field[i]!;
    out.flags[k] = d.flags[i]!;
    out.start[k] = d.start[i]!;
    out.end[k] = d.end[i]!;
    const p = d.parent[i]!;
    out.parent[k] = p < 0 ? p : newIndex[p]!;
    // Past the subtree: the first kept node at or after the old end of the subtree.
    out.after[k] = newIndex[d.after[i]!]!;
    k++;
  }
  return new SyntaxTree(blankedText, out, tree.names);
}
