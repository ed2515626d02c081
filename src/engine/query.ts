// Tree-sitter queries for rules and facts: compiled once per source text and
// run inside the wasm engine, so a package-wide search does not materialise
// every node in JavaScript.
import { Query } from 'web-tree-sitter';
import type { SyntaxNode } from './types.js';
import type { GoFile } from './source.js';

const compiled = new Map<string, Query>();

export interface Capture {
  name: string;
  node: SyntaxNode;
}

/** Captures of a query (S-expression pattern source) over a file, in document order. */
export function captures(file: GoFile, source: string, within: SyntaxNode = file.root): Capture[] {
  let q = compiled.get(source);
  if (!q) {
    q = new Query(file.tree.language, source);
    compiled.set(source, q);
  }
  return q.captures(within).map((c) => ({ name: c.name, node: c.node }));
}
