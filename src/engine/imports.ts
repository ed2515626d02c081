// Fix helper: an edit that adds standard-library imports to a file. The edit
// always replaces a whole, non-empty node (the first import declaration, or the
// package clause when there is none) with the same text for the same imports,
// so when several findings in one file each carry it, applying them all keeps
// one copy (overlapping edits are applied once).
import type { SyntaxNode } from './types.js';
import type { GoFile } from './source.js';
import { field, namedChildren } from './ast.js';

export interface ImportEdit {
  startIndex: number;
  endIndex: number;
  text: string;
}

/**
 * The edit that makes `paths` importable under their default names, or
 * `undefined` when nothing is missing. Returns `null` when a default name is
 * already taken by another import (the caller should not offer its fix).
 */
export function addImportsEdit(file: GoFile, paths: readonly string[]): ImportEdit | undefined | null {
  const missing: string[] = [];
  for (const p of paths) {
    const name = p.slice(p.lastIndexOf('/') + 1);
    const bound = file.imports.get(name);
    if (bound === p) continue;
    if (bound !== undefined) return null;
    if (file.importName(p) !== undefined) return null; // imported under another name: callers use that name
    missing.push(p);
  }
  if (missing.length === 0) return undefined;
  missing.sort();
  const decls = namedChildren(file.root).filter((c) => c.type === 'import_declaration');
  const first = decls[0];
  if (!first) {
    const clause = namedChildren(file.root).find((c) => c.type === 'package_clause');
    if (!clause) return null;
    const block = `import (\n${missing.map((p) => `\t"${p}"`).join('\n')}\n)`;
    return { startIndex: clause.startIndex, endIndex: clause.endIndex, text: `${clause.text}\n\n${block}` };
  }
  const list = namedChildren(first).find((c) => c.type === 'import_spec_list');
  if (!list) {
    const spec = namedChildren(first).find((c) => c.type === 'import_spec');
    if (!spec) return null;
    const lines = [...missing.map((p) => ({ path: p, text: `"${p}"` })), { path: pathOf(spec), text: spec.text }]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((l) => `\t${l.text}`);
    return { startIndex: first.startIndex, endIndex: first.endIndex, text: `import (\n${lines.join('\n')}\n)` };
  }
  // Insert each path after the last standard-library spec that sorts before it
  // (or before the first spec), keeping the author's layout and comments.
  const specs = namedChildren(list).filter((c) => c.type === 'import_spec');
  const inserts: { at: number; text: string }[] = [];
  for (const p of missing) {
    const before = specs.filter((s) => isStd(pathOf(s)) && pathOf(s) < p).pop();
    if (before) inserts.push({ at: lineEnd(file.text, before.endIndex), text: `\n\t"${p}"` });
    else {
      const head = specs[0];
      if (!head) inserts.push({ at: list.startIndex + 1, text: `\n\t"${p}"` });
      else if (lineStart(file.text, head.startIndex) > list.startIndex) inserts.push({ at: lineStart(file.text, head.startIndex), text: `\t"${p}"\n` });
      else inserts.push({ at: list.startIndex + 1, text: `\n\t"${p}"` });
    }
  }
  inserts.sort((a, b) => a.at - b.at);
  let text = '';
  let at = first.startIndex;
  for (const ins of inserts) {
    text += file.text.slice(at, ins.at) + ins.text;
    at = ins.at;
  }
  text += file.text.slice(at, first.endIndex);
  return { startIndex: first.startIndex, endIndex: first.endIndex, text };
}

function pathOf(spec: SyntaxNode): string {
  return field(spec, 'path')?.text.slice(1, -1) ?? '';
}

function isStd(path: string): boolean {
  return !path.split('/')[0]!.includes('.');
}

/** Index of the end of the line holding `index` (before its newline), so a trailing comment stays put. */
function lineEnd(text: string, index: number): number {
  const nl = text.indexOf('\n', index);
  return nl < 0 ? text.length : nl;
}

function lineStart(text: string, index: number): number {
  return text.lastIndexOf('\n', index - 1) + 1;
}
