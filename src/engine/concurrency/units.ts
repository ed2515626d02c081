// Small questions about units and syntax the whole concurrency analysis asks: which declared
// function a literal belongs to, where a node sits in it, loops, the variable an expression is
// rooted at.
import type { SyntaxNode } from '../types.js';
import type { GoFile } from '../source.js';
import type { PackageModel } from '../model.js';
import type { Scopes } from '../scope.js';
import type { GoType } from '../gotypes.js';
import { contains as containsIndex, expressionsOf, field, namedChildren, unparen } from '../ast.js';
import type { Root, Unit } from './types.js';

/** Adds `name` to `seen`; when it was not there yet, to `added` too. */
export function addNew(seen: Set<string>, added: Set<string>, name: string): void {
  if (seen.has(name)) return;
  seen.add(name);
  added.add(name);
}

/** The variable an expression is rooted at: `s` in `s.a.b[k]`, `(*p).m`. */
export function rootIdent(expr: SyntaxNode | null): SyntaxNode | undefined {
  let e = expr ? unparen(expr) : null;
  for (let i = 0; e && i < 20; i++) {
    if (e.type === 'identifier') return e;
    if (e.type === 'selector_expression') e = field(e, 'operand');
    else if (e.type === 'index_expression') e = field(e, 'operand');
    else if (e.type === 'unary_expression') e = field(e, 'operand');
    else if (e.type === 'parenthesized_expression') e = unparen(e);
    else return undefined;
    if (e) e = unparen(e);
  }
  return undefined;
}

export function enclosingFunctionNode(n: SyntaxNode): SyntaxNode | null {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') return p;
  return null;
}

/** The name of a package-declared named type behind t (through one pointer). */
export function derefNamed(pkg: PackageModel, t: GoType): string | undefined {
  let x = t;
  if (x.kind === 'pointer') x = x.elem;
  if (x.kind !== 'named' || x.qualifier) return undefined;
  const decl = pkg.types.get(x.name);
  if (decl?.alias) {
    const target = pkg.typeOf(decl.typeNode);
    if (target.kind === 'named' && !target.qualifier) return target.name;
  }
  return x.name;
}

/** True when a for statement inside `fn` (not crossing into a nested function) encloses `node`. */
export function inLoopWithin(node: SyntaxNode, fn: SyntaxNode): boolean {
  return loopWithin(node, fn) !== undefined;
}

/** The innermost for statement enclosing `node` within function `fn`. */
export function loopWithin(node: SyntaxNode, fn: SyntaxNode): SyntaxNode | undefined {
  for (let p = node.parent; p && p.id !== fn.id; p = p.parent) {
    if (p.type === 'for_statement') return p;
    if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') return undefined;
  }
  return undefined;
}

/** True when the function body contains a loop outside nested literals (a worker that keeps running). */
export function loops(fn: SyntaxNode): boolean {
  const body = field(fn, 'body');
  if (!body) return false;
  let found = false;
  const visit = (n: SyntaxNode) => {
    if (found) return;
    for (const c of namedChildren(n)) {
      if (c.type === 'for_statement') {
        found = true;
        return;
      }
      if (c.type === 'func_literal') continue;
      if (c.type.endsWith('statement') || c.type === 'block' || c.type === 'statement_list' || c.type.endsWith('_case')) visit(c);
    }
  };
  visit(body);
  return found;
}

/** `v, ok := m[k]` (also `=`): only maps index with comma-ok. */
export function commaOkIndex(index: SyntaxNode): boolean {
  if (index.type !== 'index_expression') return false;
  const list = index.parent;
  const stmt = list?.type === 'expression_list' ? list.parent : list;
  if (!stmt || (stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement' && stmt.type !== 'var_spec')) return false;
  const right = field(stmt, stmt.type === 'var_spec' ? 'value' : 'right');
  const left = stmt.type === 'var_spec' ? stmt.childrenForFieldName('name') : expressionsOf(field(stmt, 'left'));
  return !!right && expressionsOf(right).length === 1 && unparen(expressionsOf(right)[0]!).id === index.id && left.length === 2;
}

/** The goroutine a unit runs in directly: itself when it is a root, else the nearest enclosing root literal. */
export function enclosingRoot(u: Unit): Root | undefined {
  for (let x: Unit | undefined = u; x; x = x.parent) {
    if (x.root) return x.root;
    if (x.decl) return undefined;
  }
  return undefined;
}

/** The declared function (not a literal) a unit belongs to. */
export function homeDecl(u: Unit): Unit | undefined {
  let x: Unit | undefined = u;
  while (x && !x.decl) x = x.parent;
  return x;
}

/** True when the function builds a value of type T (`T{...}`, `&T{...}`, `new(T)`): a constructor. */
export function buildsType(fn: SyntaxNode, typeName: string, _scopes: Scopes): boolean {
  const text = fn.text;
  if (!text.includes(typeName)) return false;
  const re = new RegExp(`(?:&|\\b)${typeName}(?:\\[[^\\]]*\\])?\\s*\\{|new\\(\\s*${typeName}\\s*\\)|var\\s+\\w+\\s+\\*?${typeName}\\b`);
  return re.test(text);
}

/** Start of the statement or literal position that represents `a` in its declared function, and that function. */
export function homePosition(a: { node: SyntaxNode; unit: Unit }): { unit: Unit; pos: number } {
  let u = a.unit;
  let pos = a.node.startIndex;
  while (!u.decl && !u.root && u.parent) {
    pos = u.node.startIndex;
    u = u.parent;
  }
  return { unit: u, pos };
}

export function isTestFile(f: GoFile): boolean {
  return f.path.endsWith('_test.go');
}

/** `outer` encloses `inner` in the same file (offsets alone compare across files). */
export function contains(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return outer.tree === inner.tree && containsIndex(outer, inner);
}

/** A range-over-func iterator: its body runs inside the caller's `for range`, synchronously. */
const ITERATOR_RESULT = /^(?:iter\.Seq2?\b|func\s*\(\s*yield\s+func\b)/;

/**
 * The literal is returned (directly, or from a function whose result is a func) or stored in a
 * field: it runs later, holding none of its definer's locks. An iterator (`iter.Seq`) is the
 * exception: the caller ranges over it at once, still holding what it held for the call.
 */
export function literalEscapes(u: Unit, lit: SyntaxNode): boolean {
  let p = lit.parent;
  while (p && (p.type === 'expression_list' || p.type === 'parenthesized_expression')) p = p.parent;
  const home = homeDecl(u);
  const result = home ? (field(home.node, 'result')?.text ?? '') : '';
  if (p?.type === 'return_statement') return !ITERATOR_RESULT.test(result);
  if (p?.type === 'assignment_statement' && expressionsOf(field(p, 'left')).some((l) => unparen(l).type === 'selector_expression')) return true;
  return /^\(?\s*func\b/.test(result) && !ITERATOR_RESULT.test(result);
}

/** `if debugX { ... }` with `const debugX = false`: dead code. */
export function isConstFalse(scopes: Scopes, cond: SyntaxNode | null): boolean {
  if (!cond || cond.type !== 'identifier') return false;
  const b = scopes.resolve(cond);
  return b?.kind === 'const' && b.value?.text === 'false';
}
