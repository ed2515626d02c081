// Where the code itself says an order means nothing: a function's doc comment ("in no particular
// order"), or the comment of the struct field a slice is stored in (generated protobuf: "There are
// no ordering guarantees"). Taken at their word.
import { ast, docAbove, type RuleContext, type SyntaxNode } from '../../src/engine/index.js';

const ORDER_DOC = /\b(unspecified|undefined|no particular|no specific|arbitrary|random|any|indeterminate|nondeterministic|unsorted|not sorted)\s+order\b|\bnot (?:in any|guaranteed to be in)\b|\border(?:ing)? is (?:unspecified|undefined|random|arbitrary|not)|\bno ordering guarantees?\b/i;

/** Comment text says the order is unspecified; a phrase may wrap across comment lines ("no ordering\n// guarantees"). */
function disclaimsOrder(comment: string): boolean {
  return ORDER_DOC.test(comment.replace(/^\s*(?:\/\/+|\/\*+|\*+\/?)/gm, ' ').replace(/\s+/g, ' '));
}

/** A doc comment (or the comment above a closure's statement) says the order is unspecified. */
export function orderDisclaimed(fn: SyntaxNode): boolean {
  let doc = '';
  if (fn.type === 'func_literal') {
    let stmt: SyntaxNode | null = fn;
    while (stmt && stmt.parent && stmt.parent.type !== 'statement_list' && stmt.parent.type !== 'source_file') stmt = stmt.parent;
    if (stmt) doc = docAbove(stmt);
  } else doc = docAbove(fn);
  return disclaimsOrder(doc);
}

/** `x.f = s` where every field assigned is documented as unordered (generated protobuf: "no ordering guarantees"). */
export function storedFieldsDisclaimOrder(ctx: RuleContext, assignment: SyntaxNode): boolean {
  const targets = ast.expressionsOf(ast.field(assignment, 'left')).map(ast.unparen).filter((t) => t.type === 'selector_expression');
  return targets.length > 0 && targets.every((t) => fieldDisclaimsOrder(ctx, t));
}

/**
 * The struct field `x.f` names is documented as having no order (its comment above or beside it),
 * in this package or, with the module view, in the package declaring the struct.
 */
export function fieldDisclaimsOrder(ctx: RuleContext, selector: SyntaxNode): boolean {
  const operand = ast.field(selector, 'operand');
  const name = ast.field(selector, 'field')?.text;
  if (!operand || !name) return false;
  let t = ctx.pkg.underlying(ctx.scopes.typeOfExpr(operand));
  if (t.kind === 'pointer') t = ctx.pkg.underlying(t.elem);
  if (t.kind !== 'struct') return false;
  const decl = t.fields.find((f) => f.name === name)?.node;
  if (!decl) return false;
  const next = decl.nextSibling;
  const trailing = next?.type === 'comment' && next.startPosition.row === decl.endPosition.row ? next.text : '';
  return disclaimsOrder(`${fieldDocAbove(decl)}\n${trailing}`);
}

/** Comment lines directly above a field, leaving out the previous field's trailing comment. */
function fieldDocAbove(decl: SyntaxNode): string {
  const lines: string[] = [];
  let row = decl.startPosition.row;
  for (let prev = decl.previousSibling; prev?.type === 'comment' && prev.endPosition.row >= row - 1; prev = prev.previousSibling) {
    const before = prev.previousSibling;
    if (before && before.type !== 'comment' && before.endPosition.row === prev.startPosition.row) break;
    lines.unshift(prev.text);
    row = prev.startPosition.row;
  }
  return lines.join('\n');
}
