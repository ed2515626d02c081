// nil-map-write: a write to a map that is nil on every path to the write.
// Sources of nil: `var m map[K]V` (local, named result, or package-level var
// that nothing ever assigns), and struct values built without the map field
// (`T{...}` lacking it, `&T{...}`, `new(T)`, `var x T`). Any assignment,
// address-of, method call or hand-off of the variable before the write (in
// source order, or anywhere in an enclosing loop) means "maybe initialised":
// no finding. Reads, len, range and delete on a nil map are fine: never flagged.
import { defineRule, ast, usesOf, AssignedNamesFact, InitialisedFieldsFact, writtenIndexExprs, type RuleContext, type SyntaxNode, type Binding, type GoType } from '../../src/engine/index.js';

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
    if (!checkField(ctx, stmt, operand)) checkNeverInitialisedField(ctx, stmt, operand);
  }
}

/**
 * `s.cache[k] = v` where `cache` is an unexported map field of a struct declared in
 * this package and nothing in the package ever sets it: no `x.cache = ...`, no
 * `&x.cache`, no `cache:` in a literal, no positional literal of the type. Unexported
 * fields cannot be set from other packages (encoding/json and friends skip them too),
 * so the field is nil wherever the write runs.
 */
function checkNeverInitialisedField(ctx: RuleContext, stmt: SyntaxNode, sel: SyntaxNode): void {
  const base = ast.field(sel, 'operand');
  const fieldName = ast.field(sel, 'field')?.text;
  if (!base || !fieldName || !/^[a-z_]/.test(fieldName)) return;
  let owner = ctx.scopes.typeOfExpr(base);
  if (owner.kind === 'pointer') owner = owner.elem;
  if (owner.kind !== 'named' || owner.qualifier) return;
  const decl = ctx.pkg.types.get(owner.name);
  const fields = ctx.pkg.structFieldsOf(owner.name);
  const f = fields?.find((x) => x.name === fieldName && !x.embedded);
  if (!decl || !f) return;
  if (ast.namedChildren(f.node).some((c) => c.type === 'raw_string_literal' || c.type === 'interpreted_string_literal')) return; // tagged
  if (ctx.pkg.underlying(ctx.pkg.typeOf(f.typeNode)).kind !== 'map') return;
  const init = ctx.fact(InitialisedFieldsFact);
  if (init.fields.has(fieldName) || init.positional.has(owner.name)) return;
  const fn = ast.enclosingFunction(stmt);
  if (fn && guardedByNilCheck(stmt, sel.text.replace(/\s+/g, ''), fn)) return;
  ctx.report({
    node: stmt,
    message: `${sel.text} is always a nil map: nothing in this package sets the unexported field ${owner.name}.${fieldName} (no assignment and no ${fieldName}: in a literal), so this write panics with "assignment to entry in nil map". Initialise it where ${owner.name} is built: ${fieldName}: make(${f.typeNode.text}).`,
  });
}

/** `var m map[K]V` ... `m[k] = v` */
function checkVariable(ctx: RuleContext, stmt: SyntaxNode, ident: SyntaxNode): void {
  const b = ctx.scopes.resolve(ident);
  if (!b || !declaredNil(b)) return;
  if (!isMap(ctx, ctx.scopes.typeOfBinding(b))) return;
  const scope = b.kind === 'package' ? null : b.func;
  if (b.kind === 'package') {
    // Package-level: nil only if nothing in the package ever assigns it or takes its address.
    if (ctx.fact(AssignedNamesFact).has(b.name)) return;
  } else {
    if (!scope) return;
    if (!nilUntil(ctx, b, scope, stmt, (u) => u.kind === 'assign' || u.kind === 'address')) return;
  }
  const where = b.kind === 'result' ? 'named result' : 'variable';
  ctx.report({
    node: stmt,
    message: `${ident.text} is a nil map here (${where} declared at line ${b.nameNode.startPosition.row + 1} and never assigned), so this write panics with "assignment to entry in nil map". Initialise it first: ${ident.text} = make(${mapTypeText(b)}).`,
    fix: fixFor(b),
  });
}

/** True when the binding starts out nil: declared with a type and no value. */
function declaredNil(b: Binding): boolean {
  if (b.kind === 'result') return true;
  if (b.kind !== 'local' && b.kind !== 'package') return false;
  if (b.declNode.type !== 'var_spec') return false;
  if (b.value || b.tupleValue) return b.value?.type === 'nil';
  return !!b.typeNode;
}

/**
 * True when no use of `b` that may initialise it (per `initialises`) comes
 * before `write` within `scope`, and none sits in a loop enclosing the write.
 */
function nilUntil(ctx: RuleContext, b: Binding, scope: SyntaxNode, write: SyntaxNode, initialises: (u: { node: SyntaxNode; kind: string }) => boolean): boolean {
  const uses = usesOf(ctx.scopes, b, scope);
  const loops: SyntaxNode[] = [];
  for (let p = write.parent; p && p.id !== scope.id; p = p.parent) if (LOOPS.includes(p.type)) loops.push(p);
  // A write inside a closure runs whenever the closure is called, possibly after
  // assignments that come later in the source: then any assignment counts.
  const inClosure = ast.enclosingFunction(write)?.id !== scope.id;
  for (const u of uses) {
    if (u.kind === 'decl' || ast.contains(write, u.node)) continue;
    if (!initialises(u)) continue;
    if (inClosure || u.node.startIndex < write.startIndex) return false;
    if (loops.some((l) => ast.contains(l, u.node))) return false;
  }
  // A closure declared before the write might run and assign it; usesOf already sees
  // identifiers inside closures, so an assignment there counts above.
  return !guardedByNilCheck(write, b.name, scope);
}

/** Inside `if m != nil { ... }` or similar: the author checked; stay quiet. */
function guardedByNilCheck(node: SyntaxNode, name: string, scope: SyntaxNode): boolean {
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
  // (x.init(), pass(&x), x.f = make(...), x = other): then no finding.
  const mayInit = (u: { node: SyntaxNode; kind: string }) => {
    if (u.kind !== 'read') return true;
    const parent = u.node.parent;
    if (parent?.type !== 'selector_expression' || ast.field(parent, 'operand')?.id !== u.node.id) return true;
    const name = ast.field(parent, 'field')?.text;
    const grand = parent.parent;
    if (grand?.type === 'call_expression' && ast.field(grand, 'function')?.id === parent.id) return true; // method call
    if (name !== fieldName) return false; // another field
    // x.f: fine when only indexed (read or the write itself); assigning x.f or taking &x.f initialises.
    if (grand?.type === 'index_expression' && ast.field(grand, 'operand')?.id === parent.id) return false;
    return true;
  };
  if (!nilUntil(ctx, b, b.func, stmt, mayInit)) return true;
  ctx.report({
    node: stmt,
    message: `${base.text}.${fieldName} is a nil map here: ${base.text} was built at line ${b.nameNode.startPosition.row + 1} without setting ${fieldName}, so this write panics with "assignment to entry in nil map". Set ${fieldName}: make(${built.mapText}) when building ${base.text}.`,
  });
  return true;
}

/** When `b` holds a struct (or pointer to one) built without the map field `name`: that field's map type text. */
function builtWithoutField(ctx: RuleContext, b: Binding, name: string): { mapText: string } | undefined {
  let typeName: string | undefined;
  let literal: SyntaxNode | undefined;
  if (b.value) {
    let v = ast.unparen(b.value);
    if (v.type === 'unary_expression' && v.child(0)?.type === '&') v = ast.unparen(ast.field(v, 'operand') ?? v);
    if (v.type === 'composite_literal') {
      const t = ast.field(v, 'type');
      if (t?.type !== 'type_identifier') return undefined;
      typeName = t.text;
      literal = v;
    } else if (v.type === 'call_expression') {
      const call = ast.callShape(v);
      if (call?.callee !== 'new' || ctx.scopes.resolve(ast.field(v, 'function')!)) return undefined;
      if (call.args[0]?.type !== 'type_identifier') return undefined;
      typeName = call.args[0].text;
    } else return undefined;
  } else if (b.declNode.type === 'var_spec' && b.typeNode?.type === 'type_identifier' && !b.tupleValue) {
    typeName = b.typeNode.text;
  } else return undefined;
  const fields = ctx.pkg.structFieldsOf(typeName);
  const f = fields?.find((x) => x.name === name && !x.embedded);
  if (!fields || !f) return undefined;
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
  return { mapText: f.typeNode.text };
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
