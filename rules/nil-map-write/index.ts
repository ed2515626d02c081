// nil-map-write: a write to a map that is nil on every path to the write.
// Sources of nil: `var m map[K]V` (local, named result, or package-level var
// that nothing ever assigns), and struct values built without the map field
// (`T{...}` lacking it, `&T{...}`, `new(T)`, `var x T`). Any assignment,
// address-of, method call or hand-off of the variable before the write (in
// source order, or anywhere in an enclosing loop) means "maybe initialised":
// no finding. Reads, len, range and delete on a nil map are fine: never flagged.
import { effectBeforeWrite, guardedByPresence, line } from './paths.js';
import { checkResetField } from './fields.js';
import { checkConstructorLeavesField } from './constructors.js';
import { nilReturnOf, nilReturnMessage } from './helpers.js';
import { checkForeignField, checkSelfEvidence, mapFieldRef, qualified } from './evidence.js';
import { defineRule, ast, usesOf, AssignedNamesFact, InitialisedFieldsFact, writtenIndexExprs, type RuleContext, type SyntaxNode, type Binding, type GoType, type Use, type StructField } from '../../src/engine/index.js';

const LOOPS = ['for_statement'];

export default defineRule({
  meta: {
    id: 'nil-map-write',
    severity: 'error',
    description: 'Writes to a map that is nil on every path to the write (panics: assignment to entry in nil map).',
    fixable: true,
    needs: ['scopes', 'types'],
  },
  create(ctx) {
    const check = (stmt: SyntaxNode) => {
      for (const target of writtenIndexExprs(stmt)) {
        const operand = ast.field(target, 'operand');
        if (operand) checkWrite(ctx, stmt, ast.unparen(operand));
      }
    };
    return { assignment_statement: check, inc_statement: check, dec_statement: check };
  },
});

function isMap(ctx: RuleContext, t: GoType): t is Extract<GoType, { kind: 'map' }> {
  return ctx.pkg.underlying(t).kind === 'map';
}

function checkWrite(ctx: RuleContext, stmt: SyntaxNode, operand: SyntaxNode): void {
  if (operand.type === 'identifier') checkVariable(ctx, stmt, operand);
  else if (operand.type === 'selector_expression') {
    if (checkField(ctx, stmt, operand)) return;
    const field = packageMapField(ctx, operand);
    if (field) {
      if (checkNeverInitialisedField(ctx, stmt, operand, field)) return;
      if (builtHereWithField(ctx, operand)) return;
      if (privateUntagged(field) && !writeChecksNil(stmt, operand) && checkConstructorLeavesField(ctx, stmt, operand, field.owner, field.name, field.decl.typeNode.text)) return;
      if (checkResetField(ctx, stmt, operand, field.owner, field.name)) return;
    } else if (builtHereWithField(ctx, operand)) return;
    // Evidence that reaches past this package's own facts: the function's later nil
    // test, and (module view) what the struct's declaring package does with the field.
    const ref = mapFieldRef(ctx, operand);
    if (!ref || checkSelfEvidence(ctx, stmt, operand, ref)) return;
    checkForeignField(ctx, stmt, operand, ref);
  }
}

/**
 * `s.cache[k] = v` where `cache` is an unexported map field of a struct declared in
 * this package and nothing in the package ever sets it: no `x.cache = ...`, no
 * `&x.cache`, no `cache:` in a literal, no positional literal of the type. Unexported
 * fields cannot be set from other packages (encoding/json and friends skip them too),
 * so the field is nil wherever the write runs.
 */
/** Unexported and untagged: only this package can set it (encoding/json and reflection cannot). */
function privateUntagged(field: MapField): boolean {
  if (!/^[a-z_]/.test(field.name)) return false;
  return !ast.namedChildren(field.decl.node).some((c) => c.type === 'raw_string_literal' || c.type === 'interpreted_string_literal');
}

/** The function holding the write tests the field for nil before it or around it. */
function writeChecksNil(stmt: SyntaxNode, sel: SyntaxNode): boolean {
  const fn = ast.enclosingFunction(stmt);
  if (!fn) return true;
  const text = ast.exprKey(sel);
  if (guardedByNilCheck(stmt, text, fn)) return true;
  let found = false;
  ast.walk(fn, (n) => {
    if (found || n.startIndex >= stmt.startIndex) return false;
    if ((n.type === 'binary_expression' || n.type === 'call_expression') && isNilTest(n, text)) found = true;
    return true;
  });
  return found;
}

function checkNeverInitialisedField(ctx: RuleContext, stmt: SyntaxNode, sel: SyntaxNode, field: MapField): boolean {
  const { owner, name: fieldName, decl } = field;
  if (!privateUntagged(field)) return false;
  const init = ctx.fact(InitialisedFieldsFact);
  if (init.fields.has(fieldName) || init.positional.has(owner)) return false;
  const fn = ast.enclosingFunction(stmt);
  if (fn && guardedByNilCheck(stmt, sel.text.replace(/\s+/g, ''), fn)) return true;
  ctx.report({
    node: stmt,
    message: `${sel.text} is always a nil map: nothing in this package sets the unexported field ${owner}.${fieldName} (no assignment and no ${fieldName}: in a literal), so this write panics with "assignment to entry in nil map". Initialise it where ${owner} is built: ${fieldName}: make(${decl.typeNode.text}).`,
  });
  return true;
}

/** `p := &T{f: make(...)}; ... p.f[k] = v`: the value in hand was built here with the field, whatever other constructors do. */
function builtHereWithField(ctx: RuleContext, sel: SyntaxNode): boolean {
  const base = ast.field(sel, 'operand');
  if (base?.type !== 'identifier') return false;
  const b = ctx.scopes.resolve(base);
  if (!b || b.kind !== 'local' || !b.value) return false;
  let v = ast.unparen(b.value);
  if (v.type === 'unary_expression' && v.child(0)?.type === '&') v = ast.unparen(ast.field(v, 'operand') ?? v);
  return v.type === 'composite_literal';
}

interface MapField {
  owner: string;
  name: string;
  decl: StructField;
}

/** For `x.f` with x of a struct type declared in this package and f a map field: the type and field. */
function packageMapField(ctx: RuleContext, sel: SyntaxNode): MapField | undefined {
  const base = ast.field(sel, 'operand');
  const fieldName = ast.field(sel, 'field')?.text;
  if (!base || !fieldName) return undefined;
  let owner = ctx.scopes.typeOfExpr(base);
  if (owner.kind === 'pointer') owner = owner.elem;
  if (owner.kind !== 'named' || owner.qualifier || !ctx.pkg.types.get(owner.name)) return undefined;
  const f = ctx.pkg.structFieldsOf(owner.name)?.find((x) => x.name === fieldName && !x.embedded);
  if (!f || ctx.pkg.underlying(ctx.pkg.typeOf(f.typeNode)).kind !== 'map') return undefined;
  return { owner: owner.name, name: fieldName, decl: f };
}

/** `var m map[K]V` ... `m[k] = v` */
function checkVariable(ctx: RuleContext, stmt: SyntaxNode, ident: SyntaxNode): void {
  const b = ctx.scopes.resolve(ident);
  if (!b) return;
  if (!declaredNil(b)) {
    checkHelperResult(ctx, stmt, ident, b);
    return;
  }
  if (!isMap(ctx, ctx.scopes.typeOfBinding(b))) return;
  const scope = b.kind === 'package' ? null : b.func;
  if (b.kind === 'package') {
    // Package-level: nil only if nothing in the package ever assigns it or takes its address.
    if (ctx.fact(AssignedNamesFact).has(b.name)) return;
    ctx.report({ node: stmt, message: alwaysNilMessage(ident.text, b), fix: fixFor(b) });
    return;
  }
  if (!scope) return;
  const state = nilState(ctx, b, scope, stmt, (u) => (u.kind === 'assign' ? 'assign' : u.kind === 'address' ? 'opaque' : 'none'), ident.text);
  if (state.kind === 'maybe-set') return;
  if (state.kind === 'always') {
    ctx.report({ node: stmt, message: alwaysNilMessage(ident.text, b), fix: fixFor(b) });
    return;
  }
  const where = b.kind === 'result' ? 'named result' : 'variable';
  ctx.report({
    node: stmt,
    atMost: 'warning',
    message: `${ident.text} is still a nil map here ${state.path}: the ${where} declared at line ${line(b.nameNode)} is assigned only on other paths, so this write panics with "assignment to entry in nil map" on that path. Initialise it before the branches: ${ident.text} = make(${mapTypeText(b)}).`,
  });
}

/** `m := helper()` where helper returns nil for m on some path the caller does not rule out. */
function checkHelperResult(ctx: RuleContext, stmt: SyntaxNode, ident: SyntaxNode, b: Binding): void {
  if (b.kind !== 'local' || !b.func) return;
  const nilReturn = nilReturnOf(ctx, b, stmt);
  if (!nilReturn) return;
  const state = nilState(ctx, b, b.func, stmt, (u) => (u.kind === 'assign' ? 'assign' : u.kind === 'address' ? 'opaque' : 'none'), ident.text);
  if (state.kind !== 'always' || nilCheckedBefore(b.func, b, stmt, ident.text)) return;
  const calleeFile = ctx.pkg.files.find((f) => f.tree === nilReturn.ret.tree);
  ctx.report({ node: stmt, atMost: 'warning', message: nilReturnMessage(ident.text, nilReturn, calleeFile && calleeFile !== ctx.file ? ctx.where(nilReturn.ret, calleeFile) : `line ${line(nilReturn.ret)}`) });
}

function alwaysNilMessage(name: string, b: Binding): string {
  const where = b.kind === 'result' ? 'named result' : 'variable';
  return `${name} is a nil map here (${where} declared at line ${line(b.nameNode)} and never assigned), so this write panics with "assignment to entry in nil map". Initialise it first: ${name} = make(${mapTypeText(b)}).`;
}

/** True when the binding starts out nil: declared with a type and no value. */
function declaredNil(b: Binding): boolean {
  if (b.kind === 'result') return true;
  if (b.kind !== 'local' && b.kind !== 'package') return false;
  if (b.declNode.type !== 'var_spec') return false;
  if (b.value || b.tupleValue) return b.value?.type === 'nil';
  return !!b.typeNode;
}

/** Where a use of the map's variable leaves it: untouched, explicitly reassigned, or possibly set by code we cannot see. */
type UseRole = 'none' | 'assign' | 'opaque';

/** Nil on every path, nil on a named path only, or possibly set: no finding. */
type NilState = { kind: 'always' } | { kind: 'some'; path: string } | { kind: 'maybe-set' };

/**
 * Whether `b`'s map is nil at `write`. Uses before the write (or anywhere in a loop
 * enclosing it, or anywhere at all when the write is in a closure) decide: an opaque
 * use (`&m`, a method call, a hand-off) means "maybe set"; explicit assignments are
 * followed through the branches between the declaration and the write.
 */
function nilState(ctx: RuleContext, b: Binding, scope: SyntaxNode, write: SyntaxNode, role: (u: Use) => UseRole, nilCheckText: string): NilState {
  const loops: SyntaxNode[] = [];
  for (let p = write.parent; p && p.id !== scope.id; p = p.parent) if (LOOPS.includes(p.type)) loops.push(p);
  // A write inside a closure runs whenever the closure is called, possibly after
  // assignments that come later in the source: then any assignment counts.
  const inClosure = ast.enclosingFunction(write)?.id !== scope.id;
  const assignments: SyntaxNode[] = [];
  for (const u of usesOf(ctx.scopes, b, scope)) {
    if (u.kind === 'decl' || ast.contains(write, u.node)) continue;
    const r = role(u);
    if (r === 'none') continue;
    const before = u.node.startIndex < write.startIndex;
    if (inClosure || loops.some((l) => ast.contains(l, u.node))) return { kind: 'maybe-set' };
    if (!before) continue;
    const stmt = r === 'assign' ? assignmentHolding(u.node) : undefined;
    if (!stmt) return { kind: 'maybe-set' };
    assignments.push(stmt);
  }
  if (guardedByNilCheck(write, nilCheckText, scope)) return { kind: 'maybe-set' };
  if (assignments.length === 0) return { kind: 'always' };
  if (nilCheckedBefore(scope, b, write, nilCheckText)) return { kind: 'maybe-set' };
  const decl = declarationSite(b, scope);
  if (!decl) return { kind: 'maybe-set' };
  const effect = effectBeforeWrite(decl.block, decl.stmt, write, {
    assigns: (stmt) => assignments.some((a) => a.id === stmt.id),
    mentionsAssignment: (node) => assignments.some((a) => ast.contains(node, a)),
  });
  return effect?.kind === 'some' ? { kind: 'some', path: effect.path } : { kind: 'maybe-set' };
}

/** The assignment statement whose left side holds `ident` (directly or as `ident.f`). */
function assignmentHolding(ident: SyntaxNode): SyntaxNode | undefined {
  let n = ident;
  while (n.parent && (n.parent.type === 'selector_expression' || n.parent.type === 'parenthesized_expression') && ast.field(n.parent, 'field')?.id !== n.id) n = n.parent;
  const list = n.parent;
  const stmt = list?.type === 'expression_list' ? list.parent : list;
  if (!stmt || (stmt.type !== 'assignment_statement' && stmt.type !== 'short_var_declaration')) return undefined;
  const left = ast.field(stmt, 'left');
  return left && ast.contains(left, ident) ? stmt : undefined;
}

/** The block holding `b`'s declaration and the statement declaring it (none for a named result: the whole body). */
function declarationSite(b: Binding, scope: SyntaxNode): { block: SyntaxNode; stmt?: SyntaxNode } | undefined {
  if (b.kind === 'result') {
    const body = ast.functionBody(scope);
    return body ? { block: body } : undefined;
  }
  let stmt: SyntaxNode = b.nameNode;
  while (stmt.parent && stmt.parent.type !== 'statement_list' && stmt.parent.type !== 'block') {
    if (stmt.parent.id === scope.id) return undefined;
    stmt = stmt.parent;
  }
  return stmt.parent ? { block: stmt.parent, stmt } : undefined;
}

/** A `m == nil`, `m != nil` or `len(m)` test between the declaration and the write: the author reasoned about nil there. */
function nilCheckedBefore(scope: SyntaxNode, b: Binding, write: SyntaxNode, text: string): boolean {
  const from = b.kind === 'result' ? scope.startIndex : b.nameNode.endIndex;
  let found = false;
  ast.walk(scope, (n) => {
    if (found || n.endIndex < from || n.startIndex > write.startIndex) return false;
    if (n.type === 'binary_expression' || n.type === 'call_expression') {
      if (n.endIndex <= write.startIndex && isNilTest(n, text)) found = true;
    }
    return true;
  });
  return found;
}

/** `E == nil`, `E != nil` or `len(E)` for the expression text `text`. */
export function isNilTest(n: SyntaxNode, text: string): boolean {
  const t = n.text.replace(/\s+/g, '');
  if (n.type === 'call_expression') return t === `len(${text})`;
  return t === `${text}==nil` || t === `${text}!=nil` || t === `nil==${text}` || t === `nil!=${text}`;
}

/** Inside `if m != nil { ... }` or similar: the author checked; stay quiet. */
function guardedByNilCheck(node: SyntaxNode, name: string, scope: SyntaxNode): boolean {
  if (guardedByPresence(node, name, scope)) return true;
  for (let p = node.parent; p && p.id !== scope.id; p = p.parent) {
    if (p.type === 'if_statement') {
      const cond = ast.field(p, 'condition')?.text.replace(/\s+/g, '') ?? '';
      if (cond.includes(`${name}!=nil`) || cond.includes(`${name}==nil`) || cond.includes(`len(${name})`)) return true;
    }
  }
  return false;
}

/** `x.f[k] = v` where x was just built without f. */
function checkField(ctx: RuleContext, stmt: SyntaxNode, sel: SyntaxNode): boolean {
  const base = ast.field(sel, 'operand');
  const fieldName = ast.field(sel, 'field')?.text;
  if (!base || !fieldName || base.type !== 'identifier') return false;
  const b = ctx.scopes.resolve(base);
  if (!b || b.kind !== 'local' || !b.func) return false;
  const built = builtWithoutField(ctx, b, fieldName);
  if (!built) return false;
  // Any use of x other than reading/writing a different field, or reading x.f, may initialise f
  // (x.init(), pass(&x), x.f = make(...)): opaque. `x = other` and `x.f = ...` are followed
  // through the branches.
  const role = (u: Use): UseRole => {
    if (u.kind === 'assign') return 'assign';
    if (u.kind !== 'read') return 'opaque';
    const parent = u.node.parent;
    if (parent?.type !== 'selector_expression' || ast.field(parent, 'operand')?.id !== u.node.id) return 'opaque';
    const name = ast.field(parent, 'field')?.text;
    const grand = parent.parent;
    if (grand?.type === 'call_expression' && ast.field(grand, 'function')?.id === parent.id) return 'opaque'; // method call
    if (name !== fieldName) return 'none'; // another field
    // x.f: fine when only indexed (read or the write itself); assigning x.f may set it, &x.f is opaque.
    if (grand?.type === 'index_expression' && ast.field(grand, 'operand')?.id === parent.id) return 'none';
    if (assignmentHolding(u.node)) return 'assign';
    return 'opaque';
  };
  const fieldText = `${base.text}.${fieldName}`;
  const state = nilState(ctx, b, b.func, stmt, role, fieldText);
  if (state.kind === 'maybe-set') return true;
  const builtAt = line(b.nameNode);
  if (state.kind === 'always') {
    ctx.report({
      node: stmt,
      message: `${fieldText} is a nil map here: ${base.text} was built at line ${builtAt} without setting ${fieldName}, so this write panics with "assignment to entry in nil map". Set ${fieldName}: make(${built.mapText}) when building ${base.text}.`,
    });
    return true;
  }
  ctx.report({
    node: stmt,
    atMost: 'warning',
    message: `${fieldText} is still a nil map here ${state.path}: ${base.text} was built at line ${builtAt} without setting ${fieldName} and is replaced only on other paths, so this write panics with "assignment to entry in nil map" on that path. Set ${fieldName}: make(${built.mapText}) when building ${base.text}, or allocate it before the write.`,
  });
  return true;
}

/** When `b` holds a struct (or pointer to one) built without the map field `name`: that field's map type text. */
function builtWithoutField(ctx: RuleContext, b: Binding, name: string): { mapText: string } | undefined {
  let typeNode: SyntaxNode | undefined;
  let literal: SyntaxNode | undefined;
  // A struct of this package, or (module view) `pkg.T` of another one.
  const named = (t: SyntaxNode | null | undefined): t is SyntaxNode => t?.type === 'type_identifier' || t?.type === 'qualified_type';
  if (b.value) {
    let v = ast.unparen(b.value);
    if (v.type === 'unary_expression' && v.child(0)?.type === '&') v = ast.unparen(ast.field(v, 'operand') ?? v);
    if (v.type === 'composite_literal') {
      const t = ast.field(v, 'type');
      if (!named(t)) return undefined;
      typeNode = t;
      literal = v;
    } else if (v.type === 'call_expression') {
      const call = ast.callShape(v);
      if (call?.callee !== 'new' || ctx.scopes.resolve(ast.field(v, 'function')!)) return undefined;
      if (!named(call.args[0])) return undefined;
      typeNode = call.args[0];
    } else return undefined;
  } else if (b.declNode.type === 'var_spec' && named(b.typeNode) && !b.tupleValue) {
    typeNode = b.typeNode;
  } else return undefined;
  const st = ctx.pkg.underlying(ctx.pkg.typeOf(typeNode));
  const f = st.kind === 'struct' ? st.fields.find((x) => x.name === name && !x.embedded) : undefined;
  if (!f) return undefined;
  const ft = ctx.pkg.underlying(ctx.pkg.typeOf(f.typeNode));
  if (ft.kind !== 'map') return undefined;
  if (literal) {
    const body = ast.field(literal, 'body');
    const elems = body ? ast.namedChildren(body).filter((e) => e.type !== 'comment') : [];
    const keyed = elems.filter((e) => e.type === 'keyed_element');
    if (elems.length > 0 && keyed.length !== elems.length) return undefined; // positional: every field is set
    for (const e of keyed) {
      const key = e.namedChild(0);
      if (key && key.text === name) return undefined;
    }
  }
  const home = ctx.pkg.ownerOf(f.typeNode);
  const qualifier = typeNode.type === 'qualified_type' ? ast.field(typeNode, 'package')?.text : undefined;
  return { mapText: home !== ctx.pkg && qualifier ? qualified(f.typeNode.text, home, qualifier) : f.typeNode.text };
}

function mapTypeText(b: Binding): string {
  return b.typeNode?.text ?? 'map[K]V';
}

/** `var m map[K]V` -> `m := make(map[K]V)` (local) or `var m = make(map[K]V)` (package level). */
function fixFor(b: Binding): { description: string; edits: { node: SyntaxNode; text: string }[] } | undefined {
  if (b.kind === 'result' || !b.typeNode) return undefined;
  const spec = b.declNode;
  const decl = spec.parent;
  if (!decl || decl.type !== 'var_declaration') return undefined;
  if (spec.childrenForFieldName('name').length !== 1) return undefined;
  const make = `make(${b.typeNode.text})`;
  if (b.kind === 'package') return { description: `Initialise ${b.name} with ${make}`, edits: [{ node: spec, text: `${b.name} = ${make}` }] };
  return { description: `Initialise ${b.name} with ${make}`, edits: [{ node: decl, text: `${b.name} := ${make}` }] };
}
