// Small, typed helpers over tree-sitter nodes. Rules use these instead of
// poking at child indexes, so grammar quirks are handled in one place.
import type { SyntaxNode, Span } from './types.js';
import type { SyntaxTree } from './syntax/tree.js';

export function spanOf(node: SyntaxNode): Span {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

export function field(node: SyntaxNode, name: string): SyntaxNode | null {
  return node.childForFieldName(name);
}

export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren;
}

/** Named children other than comments. */
export function namedChildrenWithoutComments(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildrenWithoutComments;
}

/** Statements of a block; the grammar wraps them in a statement_list. */
export function statementsOf(block: SyntaxNode | null): SyntaxNode[] {
  if (!block) return [];
  const out: SyntaxNode[] = [];
  for (const c of namedChildren(block)) {
    if (c.type === 'statement_list') out.push(...namedChildrenWithoutComments(c));
    else if (c.type !== 'comment') out.push(c);
  }
  return out;
}

/** Expressions of an expression_list (or the node itself when it is a single expression). */
export function expressionsOf(node: SyntaxNode | null): SyntaxNode[] {
  if (!node) return [];
  if (node.type === 'expression_list') return namedChildrenWithoutComments(node);
  return [node];
}

export function ancestor(node: SyntaxNode, types: readonly string[]): SyntaxNode | null {
  let p = node.parent;
  while (p) {
    if (types.includes(p.type)) return p;
    p = p.parent;
  }
  return null;
}

export const FUNCTION_TYPES = ['function_declaration', 'method_declaration', 'func_literal'] as const;

/** The innermost function (declaration, method or literal) containing the node. */
export function enclosingFunction(node: SyntaxNode): SyntaxNode | null {
  return ancestor(node, FUNCTION_TYPES);
}

export function contains(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/** Depth-first pre-order walk of named descendants; return false from visit to skip a subtree. */
export function walk(node: SyntaxNode, visit: (n: SyntaxNode) => boolean | void): void {
  node.walkNamed(visit);
}

/** Named descendants of the given types, in source order. */
export function descendants(node: SyntaxNode, types: readonly string[]): SyntaxNode[] {
  const below = node.descendantsOfType(types);
  return types.includes(node.type) ? [node, ...below] : below;
}

/** Removes redundant parentheses: ((m)) -> m. */
export function unparen(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount > 0) {
    const inner = n.namedChild(0);
    if (!inner) break;
    n = inner;
  }
  return n;
}

/** Source text of an expression with whitespace removed, used to compare expressions (`s.mu`, `m`). */
export function exprKey(node: SyntaxNode): string {
  const text = unparen(node).text;
  // Most expressions compared are written without spaces (`s.mu`): skip the replace for them.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || c > 127) return text.replace(/\s+/g, '');
  }
  return text;
}

/** For a call expression: the callee's text and, for selector calls, the receiver and method name. */
export interface CallShape {
  readonly callee: string;
  readonly receiver?: SyntaxNode;
  readonly method?: string;
  readonly args: SyntaxNode[];
}

/**
 * The method a call names (`Store` in `s.m.Store(k, v)`, through parentheses), or undefined for a
 * call of anything else: the cheap question before callShape, which lists the arguments.
 */
export function calledMethodName(call: SyntaxNode): string | undefined {
  if (call.type !== 'call_expression') return undefined;
  const fn = field(call, 'function');
  const f = fn ? unparen(fn) : undefined;
  return f?.type === 'selector_expression' ? field(f, 'field')?.text : undefined;
}

/** Whether the call's function is the bare identifier `name` (`make(...)`, `len(...)`), through parentheses. */
export function callsIdentifier(call: SyntaxNode, name: string): boolean {
  if (call.type !== 'call_expression') return false;
  const fn = field(call, 'function');
  const f = fn ? unparen(fn) : undefined;
  return f?.type === 'identifier' && f.text === name;
}

export function callShape(call: SyntaxNode): CallShape | null {
  if (call.type !== 'call_expression') return null;
  const fn = field(call, 'function');
  const argList = field(call, 'arguments');
  if (!fn) return null;
  const args = argList ? namedChildrenWithoutComments(argList) : [];
  const f = unparen(fn);
  if (f.type === 'selector_expression') {
    const operand = field(f, 'operand');
    const name = field(f, 'field');
    return { callee: exprKey(f), receiver: operand ?? undefined, method: name?.text, args };
  }
  return { callee: exprKey(f), args };
}

/** The body block of a function declaration, method or literal. */
export function functionBody(fn: SyntaxNode): SyntaxNode | null {
  return field(fn, 'body');
}

/** Parameter declarations of a function-like node as (name, type) pairs; unnamed params are skipped. */
export function parametersOf(fn: SyntaxNode): { name: SyntaxNode; type: SyntaxNode }[] {
  const params = field(fn, 'parameters');
  if (!params) return [];
  const out: { name: SyntaxNode; type: SyntaxNode }[] = [];
  for (const p of namedChildren(params)) {
    if (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration') continue;
    const type = field(p, 'type');
    if (!type) continue;
    for (const n of p.childrenForFieldName('name')) if (n) out.push({ name: n, type });
  }
  return out;
}

/** Receiver of a method declaration: its name (if any) and its type name without `*` or type params. */
export function receiverOf(method: SyntaxNode): { name?: SyntaxNode; typeName: string; pointer: boolean } | null {
  if (method.type !== 'method_declaration') return null;
  const recv = field(method, 'receiver');
  const decl = recv ? namedChildren(recv).find((c) => c.type === 'parameter_declaration') : undefined;
  if (!decl) return null;
  let type = field(decl, 'type');
  let pointer = false;
  if (type?.type === 'pointer_type') {
    pointer = true;
    type = type.namedChild(0);
  }
  if (type?.type === 'generic_type') type = field(type, 'type');
  if (!type) return null;
  return { name: field(decl, 'name') ?? undefined, typeName: type.text, pointer };
}

