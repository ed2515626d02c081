// map-missing-size-hint: `m := make(map[K]V)` (or `map[K]V{}`) filled right
// away, one entry per element, from a collection whose length is known. Without
// a hint the map grows step by step, rehashing as it goes; `make(map[K]V, len(xs))`
// allocates once.
//
// Shape: an assignment or declaration of a hint-less make / empty literal to a
// local or field; later statements in the same block that do not mention the
// map are skipped; the first one that does must be
//   - `for ... range xs` whose body inserts into the map unconditionally (a
//     top-level `m[k] = v`, no continue/break/return/goto in the body), or
//   - `maps.Copy(m, src)` (src is a map by the signature).
// `xs` must be a slice, array, pointer to array or map by its visible type, or
// (type unknown) ranged with two iteration variables and no call in it, which
// rules out channels and integers; function iterators are not plain
// identifiers or fields in practice. Arrays and literals of at most 8 elements
// are skipped (Swiss-table maps ignore hints that small). `xs` must be
// evaluable where the map is made: every local it names is declared before the
// make and not mentioned in between.
import { defineRule, ast, type RuleContext, type SyntaxNode, type GoType } from '../../src/engine/index.js';

const SMALL = 8;
const EXITS = ['continue_statement', 'break_statement', 'return_statement', 'goto_statement'];

interface Creation {
  /** The make call or literal. */
  expr: SyntaxNode;
  /** Text of the map expression being filled (`m`, `x.f`). */
  target: SyntaxNode;
  stmt: SyntaxNode;
}

export default defineRule({
  meta: {
    id: 'map-missing-size-hint',
    severity: 'notice',
    description: 'A map filled right away from a collection of known length, made without a size hint.',
    fixable: true,
    needs: ['scopes', 'types'],
  },
  create(ctx) {
    const check = (stmt: SyntaxNode) => {
      const c = creationOf(ctx, stmt);
      if (c) checkCreation(ctx, c);
    };
    return { short_var_declaration: check, assignment_statement: check, var_declaration: check };
  },
});

/** The single hint-less map creation made by a statement, if any. */
function creationOf(ctx: RuleContext, stmt: SyntaxNode): Creation | undefined {
  let left: SyntaxNode[];
  let right: SyntaxNode[];
  if (stmt.type === 'var_declaration') {
    const specs = ast.namedChildren(stmt).filter((s) => s.type === 'var_spec');
    if (specs.length !== 1 || !ast.enclosingFunction(stmt)) return undefined;
    left = specs[0]!.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
    right = ast.expressionsOf(ast.field(specs[0]!, 'value'));
  } else {
    if (stmt.type === 'assignment_statement' && ast.field(stmt, 'operator')?.text !== '=') return undefined;
    left = ast.expressionsOf(ast.field(stmt, 'left'));
    right = ast.expressionsOf(ast.field(stmt, 'right'));
  }
  if (left.length !== 1 || right.length !== 1) return undefined;
  const target = ast.unparen(left[0]!);
  if (target.type !== 'identifier' && target.type !== 'selector_expression') return undefined;
  if (target.text === '_') return undefined;
  const expr = ast.unparen(right[0]!);
  if (expr.type === 'call_expression') {
    if (!ast.callsIdentifier(expr, 'make')) return undefined;
    const shape = ast.callShape(expr);
    if (shape?.callee !== 'make' || shape.args.length !== 1 || ctx.scopes.resolve(ast.field(expr, 'function')!)) return undefined;
    if (ctx.pkg.underlying(ctx.pkg.typeOf(shape.args[0]!)).kind !== 'map') return undefined;
  } else if (expr.type === 'composite_literal') {
    const body = ast.field(expr, 'body');
    if (!body || ast.namedChildren(body).length > 0) return undefined;
    if (ctx.pkg.underlying(ctx.pkg.typeOf(ast.field(expr, 'type'))).kind !== 'map') return undefined;
  } else return undefined;
  return { expr, target, stmt };
}

/** Identifier names an expression mentions (the base names of selectors included). */
function namesIn(node: SyntaxNode): Set<string> {
  const out = new Set<string>();
  ast.walk(node, (n) => {
    if (n.type === 'identifier') out.add(n.text);
  });
  return out;
}

function baseName(target: SyntaxNode): string {
  let n = target;
  while (n.type === 'selector_expression') n = ast.unparen(ast.field(n, 'operand') ?? n);
  return n.text;
}

function checkCreation(ctx: RuleContext, c: Creation): void {
  const list = c.stmt.parent;
  if (!list) return;
  const siblings = ast.namedChildren(list).filter((s) => s.type !== 'comment');
  const i = siblings.findIndex((s) => s.id === c.stmt.id);
  const base = baseName(c.target);
  const key = ast.exprKey(c.target);
  const between: SyntaxNode[] = [];
  for (const next of siblings.slice(i + 1)) {
    if (!namesIn(next).has(base)) {
      between.push(next);
      continue;
    }
    const source = fillSource(ctx, next, key);
    if (!source) return;
    if (smallConstant(ctx, source)) return;
    if (!evaluableAt(ctx, source, c.stmt, between)) return;
    report(ctx, c, source);
    return;
  }
}

/** The collection `next` fills the map from, one entry per element, if it does. */
function fillSource(ctx: RuleContext, next: SyntaxNode, key: string): SyntaxNode | undefined {
  if (next.type === 'expression_statement') {
    const call = next.namedChild(0);
    const shape = call ? ast.callShape(call) : null;
    if (!shape || shape.method !== 'Copy' || shape.args.length !== 2 || !shape.receiver) return undefined;
    if (shape.receiver.type !== 'identifier' || ctx.file.imports.get(shape.receiver.text) !== 'maps' || ctx.scopes.resolve(shape.receiver)) return undefined;
    if (ast.exprKey(shape.args[0]!) !== key) return undefined;
    const src = ast.unparen(shape.args[1]!);
    return hasCall(src) ? undefined : src;
  }
  if (next.type !== 'for_statement') return undefined;
  const clause = ast.namedChildren(next).find((c) => c.type === 'range_clause');
  const body = ast.field(next, 'body');
  if (!clause || !body) return undefined;
  const ranged = ast.field(clause, 'right');
  if (!ranged) return undefined;
  const rangedExpr = ast.unparen(ranged);
  if (namesIn(rangedExpr).has(key.split('.')[0]!)) return undefined;
  if (!knownLength(ctx, rangedExpr, ast.expressionsOf(ast.field(clause, 'left')).length)) return undefined;
  // Unconditional: a top-level insert and no way to skip it.
  const inserts = ast.statementsOf(body).some((s) => s.type === 'assignment_statement' && ast.field(s, 'operator')?.text === '=' && insertsInto(s, key));
  if (!inserts) return undefined;
  let exits = false;
  ast.walk(body, (n) => {
    if (n.type === 'func_literal') return false;
    if (EXITS.includes(n.type)) exits = true;
    return !exits;
  });
  return exits ? undefined : rangedExpr;
}

function insertsInto(assign: SyntaxNode, key: string): boolean {
  return ast.expressionsOf(ast.field(assign, 'left')).some((l) => {
    const e = ast.unparen(l);
    const operand = e.type === 'index_expression' ? ast.field(e, 'operand') : null;
    return !!operand && ast.exprKey(operand) === key;
  });
}

function hasCall(node: SyntaxNode): boolean {
  return node.type === 'call_expression' || ast.descendants(node, ['call_expression', 'func_literal']).length > 0;
}

function isSized(t: GoType, ctx: RuleContext): boolean {
  const u = ctx.pkg.underlying(t);
  if (u.kind === 'slice' || u.kind === 'array' || u.kind === 'map') return true;
  if (u.kind === 'pointer') return ctx.pkg.underlying(u.elem).kind === 'array';
  return false;
}

/** True when `len(expr)` is the number of iterations of `range expr`. */
function knownLength(ctx: RuleContext, expr: SyntaxNode, vars: number): boolean {
  if (hasCall(expr)) return false;
  const t = ctx.scopes.typeOfExpr(expr);
  if (t.kind !== 'unknown') return isSized(t, ctx);
  // Two iteration variables rule out channels and integers.
  return vars === 2 && (expr.type === 'identifier' || expr.type === 'selector_expression');
}

/** Arrays of at most 8 elements, or literals (directly or through a local) of at most 8. */
function smallConstant(ctx: RuleContext, src: SyntaxNode): boolean {
  const t = ctx.pkg.underlying(ctx.scopes.typeOfExpr(src));
  const arr = t.kind === 'pointer' ? ctx.pkg.underlying(t.elem) : t;
  if (arr.kind === 'array' && arr.length !== undefined && arr.length <= SMALL) return true;
  let lit: SyntaxNode | undefined = src.type === 'composite_literal' ? src : undefined;
  if (!lit && src.type === 'identifier') {
    const v = ctx.scopes.resolve(src)?.value;
    if (v && ast.unparen(v).type === 'composite_literal') lit = ast.unparen(v);
  }
  const body = lit ? ast.field(lit, 'body') : null;
  return !!body && ast.namedChildren(body).filter((e) => e.type !== 'comment').length <= SMALL;
}

/** `len(src)` compiles and means the same at the make: its locals exist there and are untouched in between. */
function evaluableAt(ctx: RuleContext, src: SyntaxNode, make: SyntaxNode, between: SyntaxNode[]): boolean {
  if (src.type === 'composite_literal') return false;
  const names = namesIn(src);
  for (const n of ast.descendants(src, ['identifier']).concat(src.type === 'identifier' ? [src] : [])) {
    const b = ctx.scopes.resolve(n);
    if (b && b.kind !== 'package' && b.kind !== 'func' && b.kind !== 'const' && b.nameNode.startIndex >= make.startIndex) return false;
  }
  return !between.some((s) => [...namesIn(s)].some((x) => names.has(x)));
}

function report(ctx: RuleContext, c: Creation, src: SyntaxNode): void {
  const hint = `len(${src.text})`;
  let edit: { startIndex: number; endIndex: number; text: string };
  let fixed: string;
  if (c.expr.type === 'call_expression') {
    const typeArg = ast.callShape(c.expr)!.args[0]!;
    edit = { startIndex: typeArg.endIndex, endIndex: typeArg.endIndex, text: `, ${hint}` };
    fixed = `make(${typeArg.text}, ${hint})`;
  } else {
    const typeNode = ast.field(c.expr, 'type')!;
    fixed = `make(${typeNode.text}, ${hint})`;
    edit = { startIndex: c.expr.startIndex, endIndex: c.expr.endIndex, text: fixed };
  }
  ctx.report({
    node: c.expr,
    message: `${c.target.text} is filled with one entry per element of ${src.text} right after it is made, but it is made without a size hint, so it grows and rehashes step by step as entries arrive. Make it with the final size: ${fixed}.`,
    fix: { description: `Add the size hint ${hint}`, edits: [edit] },
  });
}
