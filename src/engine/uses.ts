// Where a resolved name is used inside a subtree, and how: read, assigned,
// address taken. Shared by rules that reason about a local's value over time.
import type { SyntaxNode } from './types.js';
import { defineFact, type Fact } from './model.js';
import { captures } from './query.js';
import type { Binding, Scopes } from './scope.js';
import { expressionsOf, field, walk, unparen } from './ast.js';

export type UseKind = 'assign' | 'address' | 'read' | 'decl';

export interface Use {
  node: SyntaxNode;
  kind: UseKind;
}

/** Identifier occurrences under `within` that resolve to `binding`, in source order. */
export function usesOf(scopes: Scopes, binding: Binding, within: SyntaxNode): Use[] {
  const out: Use[] = [];
  walk(within, (n) => {
    if (n.type !== 'identifier' || n.text !== binding.name) return;
    const b = scopes.resolve(n);
    if (!b || b.nameNode.id !== binding.nameNode.id) return;
    out.push({ node: n, kind: useKind(n, binding) });
  });
  return out;
}

function useKind(ident: SyntaxNode, binding: Binding): UseKind {
  if (ident.id === binding.nameNode.id) return 'decl';
  const parent = ident.parent;
  if (!parent) return 'read';
  if (parent.type === 'unary_expression' && parent.child(0)?.type === '&') return 'address';
  if (parent.type === 'expression_list') {
    const stmt = parent.parent;
    if (stmt && (stmt.type === 'assignment_statement' || stmt.type === 'short_var_declaration') && field(stmt, 'left')?.id === parent.id) return 'assign';
    if (stmt?.type === 'range_clause' && field(stmt, 'left')?.id === parent.id) return 'assign';
    if (stmt?.type === 'receive_statement' && field(stmt, 'left')?.id === parent.id) return 'assign';
  }
  if ((parent.type === 'assignment_statement' || parent.type === 'short_var_declaration') && field(parent, 'left')?.id === ident.id) return 'assign';
  return 'read';
}

/** The map operand of an index expression written by an assignment or ++/--, if `node` is such a write target. */
export function isWriteTarget(indexExpr: SyntaxNode): boolean {
  const parent = indexExpr.parent;
  if (!parent) return false;
  if (parent.type === 'inc_statement' || parent.type === 'dec_statement') return true;
  if (parent.type === 'expression_list') {
    const stmt = parent.parent;
    return stmt?.type === 'assignment_statement' && field(stmt, 'left')?.id === parent.id;
  }
  return parent.type === 'assignment_statement' && field(parent, 'left')?.id === indexExpr.id;
}

/** Index expressions written by an assignment statement or ++/-- (`m[k] = v`, `m[k] += 1`, `m[k]++`). */
export function writtenIndexExprs(stmt: SyntaxNode): SyntaxNode[] {
  if (stmt.type === 'inc_statement' || stmt.type === 'dec_statement') {
    const e = stmt.namedChild(0);
    return e && unparen(e).type === 'index_expression' ? [unparen(e)] : [];
  }
  if (stmt.type === 'assignment_statement') return expressionsOf(field(stmt, 'left')).map(unparen).filter((e) => e.type === 'index_expression');
  return [];
}

/**
 * Names that are assigned (`x = ...`, `x, y = ...`, `x op= ...`, `for x = range`) or
 * address-taken (`&x`) anywhere in the package, whatever they resolve to. Rules use it
 * to ask "could this package-level variable ever be set?" without walking the package
 * per question; counting shadowed locals too only makes them more cautious.
 */
export const AssignedNamesFact: Fact<Set<string>> = defineFact('assigned-names', (pkg) => {
  const names = new Set<string>();
  for (const file of pkg.files) {
    for (const { node } of captures(file, ASSIGNED_NAMES)) names.add(node.text);
  }
  return names;
});

const ASSIGNED_NAMES = `
(assignment_statement left: (expression_list (identifier) @n))
(range_clause left: (expression_list (identifier) @n))
(unary_expression operator: "&" operand: (identifier) @n)
(unary_expression operator: "&" operand: (parenthesized_expression (identifier) @n))`;

export interface InitialisedFields {
  /** Field names assigned (`x.f = ...`), address-taken (`&x.f`) or set in a keyed literal (`{f: ...}`). */
  fields: Set<string>;
  /** Type names built with positional literals (`T{a, b}`), which set every field. */
  positional: Set<string>;
}

/** Which struct fields anything in the package may set: the evidence that a map field can be non-nil. */
export const InitialisedFieldsFact: Fact<InitialisedFields> = defineFact('initialised-fields', (pkg) => {
  const out: InitialisedFields = { fields: new Set(), positional: new Set() };
  for (const file of pkg.files) {
    for (const { name, node } of captures(file, INITIALISED_FIELDS)) {
      if (name === 'type') out.positional.add(node.text);
      else out.fields.add(node.text);
    }
  }
  return out;
});

const INITIALISED_FIELDS = `
(assignment_statement left: (expression_list (selector_expression field: (field_identifier) @f)))
(range_clause left: (expression_list (selector_expression field: (field_identifier) @f)))
(unary_expression operator: "&" operand: (selector_expression field: (field_identifier) @f))
(keyed_element . (literal_element (identifier) @f))
(composite_literal type: (type_identifier) @type body: (literal_value (literal_element)))
(composite_literal type: (generic_type type: (type_identifier) @type) body: (literal_value (literal_element)))`;
