// Where a resolved name is used inside a subtree, and how: read, assigned,
// address taken. Shared by rules that reason about a local's value over time.
import type { SyntaxNode } from './types.js';
import { defineFact, type Fact } from './model.js';
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
    for (const n of file.root.descendantsOfType(['assignment_statement', 'range_clause', 'unary_expression'])) {
      for (const target of assignedTargets(n)) {
        if (target.type === 'identifier') names.add(target.text);
        else if (target.type === 'parenthesized_expression' && n.type === 'unary_expression') {
          for (const c of target.namedChildren) if (c.type === 'identifier') names.add(c.text);
        }
      }
    }
  }
  return names;
});

/**
 * What a statement or `&` expression may set: the expressions left of `=`/`:=`-less assignment
 * and of a `for ... = range`, or the operand of `&`.
 */
function assignedTargets(n: SyntaxNode): SyntaxNode[] {
  if (n.type === 'unary_expression') {
    const operand = field(n, 'operand');
    return field(n, 'operator')?.type === '&' && operand ? [operand] : [];
  }
  const left = field(n, 'left');
  return left?.type === 'expression_list' ? left.namedChildren : [];
}

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
    for (const n of file.root.descendantsOfType(['assignment_statement', 'range_clause', 'unary_expression', 'keyed_element', 'composite_literal'])) {
      if (n.type === 'keyed_element') {
        // `{f: v}`: the key is a literal element holding the field name.
        const key = n.namedChildren[0];
        const name = key?.type === 'literal_element' ? key.namedChildren.find((c) => c.type === 'identifier') : undefined;
        if (name) out.fields.add(name.text);
      } else if (n.type === 'composite_literal') {
        // `T{a, b}` (or `G[X]{a, b}`): positional elements set every field of T.
        const t = field(n, 'type');
        const named = t?.type === 'type_identifier' ? t : t?.type === 'generic_type' ? field(t, 'type') : null;
        const body = field(n, 'body');
        if (named?.type === 'type_identifier' && body?.namedChildren.some((c) => c.type === 'literal_element')) out.positional.add(named.text);
      } else {
        for (const target of assignedTargets(n)) {
          const f = target.type === 'selector_expression' ? field(target, 'field') : null;
          if (f?.type === 'field_identifier') out.fields.add(f.text);
        }
      }
    }
  }
  return out;
});

