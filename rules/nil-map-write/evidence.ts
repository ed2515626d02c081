// Writes to a map field `x.f[k] = v` where the field's own code (this function,
// or the package that declares the struct) says the map can be nil, and
// nothing before the write checks or allocates it:
// - self-evidence: the same function compares `x.f` with nil after the write
//   (terraform's `op.Variables[k] = ...` followed by `if op.Variables != nil`);
// - the declaring package, another package of the module, allocates the field
//   only lazily, or decodes values holding it and never allocates it (foreign.ts).
// All warnings: whether a nil value reaches the write depends on callers.
import { ast, defineFact, writtenIndexExprs, type Fact, type PackageModel, type RuleContext, type SyntaxNode } from '../../src/engine/index.js';
import { guardedByPresence, line, terminates } from './paths.js';
import { firstTouch, parameterNames, resolveCallee } from './touch.js';
import { foreignEvidence, siteText, typeKey, type ForeignField } from './foreign.js';

export interface MapFieldRef {
  owner: string;
  field: string;
  /** The field's map type as the writer would spell it. */
  mapText: string;
  /** Set when the struct is declared in another package of the module view. */
  foreign?: ForeignField;
}

const CHAIN = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;

/** The function body holding the write and the base's key, when the write is a plain `a.b.f[k]` in a named function. */
function writeSite(stmt: SyntaxNode, sel: SyntaxNode): { body: SyntaxNode; base: SyntaxNode; baseText: string } | undefined {
  const fn = ast.enclosingFunction(stmt);
  // A closure runs whenever it is called, possibly after code below it: skip.
  if (!fn || fn.type === 'func_literal') return undefined;
  const body = ast.functionBody(fn);
  const base = ast.field(sel, 'operand');
  if (!body || !base) return undefined;
  const baseText = ast.exprKey(base);
  return CHAIN.test(baseText) ? { body, base, baseText } : undefined;
}

/** Nothing before the write checks, allocates or may allocate the field (calls followed through the module view). */
function untouched(ctx: RuleContext, stmt: SyntaxNode, body: SyntaxNode, baseText: string, field: string): boolean {
  if (guardedByPresence(stmt, `${baseText}.${field}`, body) || rangesOverDerived(ctx, stmt, body, `${baseText}.${field}`)) return false;
  return !firstTouch(ctx.pkg, body, baseText, field, { before: stmt, depth: 0, testsCount: true });
}

/** `x.f == nil` / `x.f != nil` after the write in the same function, with `x` not rebound in between. */
function laterNilTest(body: SyntaxNode, stmt: SyntaxNode, baseText: string, selText: string): SyntaxNode | undefined {
  let test: SyntaxNode | undefined;
  let rebound = false;
  const prefixes = baseText.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'));
  ast.walk(body, (n) => {
    if (test || rebound) return false;
    if (n.endIndex <= stmt.endIndex) return n.startIndex < stmt.endIndex && ast.contains(n, stmt);
    if (n.type === 'assignment_statement' || n.type === 'short_var_declaration') {
      const left = ast.expressionsOf(ast.field(n, 'left')).map((e) => ast.exprKey(e));
      if (left.some((l) => prefixes.includes(l))) rebound = true;
    }
    if (n.type === 'binary_expression' && ['==', '!='].includes(n.child(1)?.type ?? '')) {
      const l = ast.field(n, 'left');
      const r = ast.field(n, 'right');
      if ((r?.type === 'nil' && l && ast.exprKey(l) === selText) || (l?.type === 'nil' && r && ast.exprKey(r) === selText)) test = n;
    }
    return true;
  });
  return test;
}

/** Self-evidence, for any struct's map field. Returns true when it reported. */
export function checkSelfEvidence(ctx: RuleContext, stmt: SyntaxNode, sel: SyntaxNode, ref: MapFieldRef): boolean {
  const site = writeSite(stmt, sel);
  if (!site) return false;
  const selText = `${site.baseText}.${ref.field}`;
  const test = laterNilTest(site.body, stmt, site.baseText, selText);
  if (!test || !untouched(ctx, stmt, site.body, site.baseText, ref.field)) return false;
  ctx.report({
    node: stmt,
    atMost: 'warning',
    message: `${sel.text} may be a nil map here: this function tests ${test.text.replace(/\s+/g, ' ')} at line ${line(test)}, after this write, and nothing before the write checks or allocates it. When it is nil, the write panics with "assignment to entry in nil map"; move the check before the write (if ${selText} == nil { ${selText} = make(${ref.mapText}) }).`,
  });
  return true;
}

/** Evidence from the declaring package of a foreign struct. Returns true when it reported. */
export function checkForeignField(ctx: RuleContext, stmt: SyntaxNode, sel: SyntaxNode, ref: MapFieldRef): boolean {
  const f = ref.foreign;
  const site = writeSite(stmt, sel);
  if (!f || !site || !untouched(ctx, stmt, site.body, site.baseText, ref.field)) return false;
  const selText = `${site.baseText}.${ref.field}`;
  if (validatedBefore(site.body, stmt, selText)) return false;
  const ev = foreignEvidence(ctx, site.base, f);
  if (!ev || aCallerPrepares(ctx, site.body, site.baseText, ref.field)) return false;
  const fix = `check it first (if ${selText} == nil { ${selText} = make(${ref.mapText}) })`;
  const field = `${f.owner}.${ref.field}`;
  if (ev.kind === 'lazy') {
    ctx.report({
      node: stmt,
      atMost: 'warning',
      message: `${sel.text} may be a nil map here: package ${f.home.name}, which declares ${f.owner}, allocates ${ref.field} only lazily (if ${ast.field(ev.site.node, 'condition')?.text ?? `${ref.field} == nil`}, ${siteText(ctx, ev.site)}), so ${f.owner} values can hold a nil ${ref.field}, and nothing in this function checks or allocates it before the write. For such a value the write panics with "assignment to entry in nil map"; ${fix}.`,
      related: [{ node: ev.site.node, file: ev.site.file, message: `lazy allocation of ${field}` }],
    });
    return true;
  }
  const decoder = ast.field(ev.site.node, 'function')?.text ?? 'a decoder';
  ctx.report({
    node: stmt,
    atMost: 'warning',
    message: `${sel.text} may be a nil map here: ${site.base.text} is reached through ${ev.through.text}, a value ${decoder} fills (${siteText(ctx, ev.site)}); a decoded ${f.owner} keeps a nil ${ref.field} when the input has no entry for it, and no code in package ${f.home.name} or in this package assigns ${field} (x.${ref.field} = ...). For such a value the write panics with "assignment to entry in nil map"; ${fix}.`,
    related: [{ node: ev.site.node, file: ev.site.file, message: `decoded here` }],
  });
  return true;
}

/** `x.f` with x of a struct type (any package the module view shows) and f a map field declared directly in it. */
export function mapFieldRef(ctx: RuleContext, sel: SyntaxNode): MapFieldRef | undefined {
  const base = ast.field(sel, 'operand');
  const name = ast.field(sel, 'field')?.text;
  if (!base || !name) return undefined;
  let t = ctx.scopes.typeOfExpr(base);
  if (t.kind === 'pointer') t = t.elem;
  if (t.kind !== 'named') return undefined;
  const found = ctx.pkg.namedDecl(t);
  if (!found) return undefined;
  let { decl, pkg: home } = found;
  let owner = t.name;
  // An alias (`type Context = Meta`) names the struct declared behind it.
  for (let i = 0; i < 4 && decl.alias; i++) {
    const target = home.typeOf(decl.typeNode);
    if (target.kind !== 'named') return undefined;
    const next = home.namedDecl(target);
    if (!next) return undefined;
    ({ decl, pkg: home } = next);
    owner = target.name;
  }
  const f = home.structFieldsOf(owner)?.find((x) => x.name === name && !x.embedded);
  if (!f || ctx.pkg.underlying(ctx.pkg.typeOf(f.typeNode)).kind !== 'map') return undefined;
  const ref: MapFieldRef = { owner, field: name, mapText: f.typeNode.text };
  if (home === ctx.pkg) return ref;
  const ownerKey = typeKey(ctx.pkg, t);
  if (!ownerKey) return undefined;
  ref.mapText = qualified(f.typeNode.text, home, t.qualifier ?? home.name);
  ref.foreign = { owner, home, ownerKey, decl: f };
  return ref;
}

/** A type written in another package, spelled from the writer's file: its own type names get the import's name. */
export function qualified(text: string, home: PackageModel, qualifier: string): string {
  return text.replace(/(^|[^\w.])([A-Za-z_]\w*)/g, (m, pre: string, id: string) => (home.types.has(id) ? `${pre}${qualifier}.${id}` : m));
}

/** Per package: function or method name -> the calls naming it (resolved only when asked). */
const CallsByNameFact: Fact<Map<string, SyntaxNode[]>> = defineFact('nil-map-write/calls-by-name', (pkg) => {
  const out = new Map<string, SyntaxNode[]>();
  for (const file of pkg.files) {
    for (const call of ast.descendants(file.tree.rootNode, ['call_expression'])) {
      const fnNode = ast.field(call, 'function');
      const f = fnNode ? ast.unparen(fnNode) : undefined;
      const name = f?.type === 'identifier' ? f.text : f?.type === 'selector_expression' ? ast.field(f, 'field')?.text : undefined;
      if (name) out.set(name, [...(out.get(name) ?? []), call]);
    }
  }
  return out;
});

/**
 * The write's function gets the owner as a parameter or receiver, and a caller in
 * this package checks or allocates the field before the call (or already writes it,
 * so a nil map would have panicked there first): that caller prepared it, and the
 * helper's own silence is no evidence.
 */
function aCallerPrepares(ctx: RuleContext, body: SyntaxNode, baseText: string, field: string): boolean {
  const fn = body.parent;
  const name = fn ? ast.field(fn, 'name')?.text : undefined;
  if (!fn || !name) return false;
  const root = baseText.split('.')[0]!;
  const rest = baseText.slice(root.length);
  const position = ast.receiverOf(fn)?.name?.text === root ? 'receiver' : parameterNames(fn).names.indexOf(root);
  if (position === -1) return false;
  for (const call of ctx.fact(CallsByNameFact).get(name) ?? []) {
    if (resolveCallee(ctx.pkg, call)?.decl.id !== fn.id) continue;
    const shape = ast.callShape(call);
    let arg = position === 'receiver' ? shape?.receiver : shape?.args[position];
    if (!arg) continue;
    arg = ast.unparen(arg);
    if (arg.type === 'unary_expression' && arg.child(0)?.type === '&') arg = ast.unparen(ast.field(arg, 'operand') ?? arg);
    const argBase = ast.exprKey(arg) + rest;
    const caller = ast.enclosingFunction(call);
    const callerBody = caller ? ast.functionBody(caller) : null;
    if (!CHAIN.test(argBase) || !callerBody) continue;
    if (guardedByPresence(call, `${argBase}.${field}`, callerBody)) return true;
    if (firstTouch(ctx.pkg, callerBody, argBase, field, { before: call, depth: 0, testsCount: true })) return true;
    if (writesBefore(callerBody, call, `${argBase}.${field}`)) return true;
  }
  return false;
}

/** An element write `sel[k] = v` in `body` before `node`. */
function writesBefore(body: SyntaxNode, node: SyntaxNode, sel: string): boolean {
  let found = false;
  ast.walk(body, (n) => {
    if (found || n.startIndex >= node.startIndex) return false;
    if (['assignment_statement', 'inc_statement', 'dec_statement'].includes(n.type)) {
      found = writtenIndexExprs(n).some((t) => {
        const operand = ast.field(t, 'operand');
        return !!operand && ast.exprKey(operand) === sel;
      });
    }
    return true;
  });
  return found;
}

/**
 * `perm, err := parse(x.f); if err != nil { return ... }` before the write: the
 * map's contents were checked by a function that fails on missing keys, so an
 * empty (or nil) map leaves before the write. (terraform's security group
 * migration: a nil Attributes fails strconv.Atoi in the parser and returns.)
 */
function validatedBefore(body: SyntaxNode, stmt: SyntaxNode, selText: string): boolean {
  const errNames = new Set<string>();
  let validated = false;
  ast.walk(body, (n) => {
    if (validated || n.startIndex >= stmt.startIndex) return false;
    if (n.type === 'short_var_declaration' || n.type === 'assignment_statement') {
      const right = ast.expressionsOf(ast.field(n, 'right'));
      const left = ast.expressionsOf(ast.field(n, 'left'));
      const last = left[left.length - 1];
      const passes = right.length === 1 && right[0]!.type === 'call_expression' && (ast.callShape(right[0]!)?.args ?? []).some((a) => ast.exprKey(a) === selText);
      if (passes && last?.type === 'identifier' && /^err\w*$/.test(last.text)) errNames.add(last.text);
    }
    if (n.type === 'if_statement' && !ast.contains(n, stmt)) {
      const cond = ast.field(n, 'condition')?.text.replace(/\s+/g, '') ?? '';
      const then = ast.statementsOf(ast.field(n, 'consequence'));
      const exits = then.length > 0 && terminates(then[then.length - 1]!);
      if (exits && [...errNames].some((e) => cond === `${e}!=nil`)) validated = true;
    }
    return true;
  });
  return validated;
}

/**
 * The write sits in `for k, v := range tmp`, where `tmp` is a local that starts
 * empty and is filled only inside `for ... range x.f`: when x.f is nil, tmp stays
 * empty and the write never runs (terraform's state migrations collect keys from
 * the map, then write the rewritten keys back).
 */
function rangesOverDerived(ctx: RuleContext, stmt: SyntaxNode, body: SyntaxNode, selText: string): boolean {
  for (let p = stmt.parent; p && p.id !== body.id; p = p.parent) {
    if (p.type !== 'for_statement') continue;
    const range = ast.namedChildren(p).find((c) => c.type === 'range_clause');
    const ranged = range ? ast.field(range, 'right') : null;
    if (ranged?.type !== 'identifier') continue;
    const b = ctx.scopes.resolve(ranged);
    if (!b || b.kind !== 'local' || !startsEmpty(b.value, b.declNode)) continue;
    const fills = ast.descendants(body, ['identifier']).filter((n) => n.text === b.name && n.id !== b.nameNode.id && ctx.scopes.resolve(n)?.nameNode.id === b.nameNode.id && fillsOrSets(n));
    if (fills.length > 0 && fills.every((n) => insideRangeOver(n, selText, body))) return true;
  }
  return false;
}

/** `make(...)` without contents, an empty literal, or `var tmp T`. */
function startsEmpty(value: SyntaxNode | undefined, decl: SyntaxNode): boolean {
  if (!value) return decl.type === 'var_spec';
  const v = ast.unparen(value);
  if (v.type === 'call_expression' && ast.field(v, 'function')?.text === 'make') return true;
  const body = v.type === 'composite_literal' ? ast.field(v, 'body') : null;
  return !!body && ast.namedChildren(body).filter((c) => c.type !== 'comment').length === 0;
}

/** `tmp[k] = v` (written element), `tmp = ...` or `tmp = append(tmp, ...)`; reads do not count. */
function fillsOrSets(n: SyntaxNode): boolean {
  let e = n;
  if (e.parent?.type === 'index_expression' && ast.field(e.parent, 'operand')?.id === e.id) e = e.parent;
  const list = e.parent?.type === 'expression_list' ? e.parent : e;
  const stmt = list.parent;
  if (stmt && ['assignment_statement', 'inc_statement', 'dec_statement'].includes(stmt.type)) return stmt.type !== 'assignment_statement' || ast.field(stmt, 'left')?.id === list.id;
  // Anything else that could fill it (a hand-off, `&tmp`) counts as filling it anywhere.
  if (e.parent?.type === 'argument_list') return ast.field(e.parent.parent ?? e.parent, 'function')?.text !== 'len';
  return e.parent?.type === 'unary_expression';
}

function insideRangeOver(n: SyntaxNode, selText: string, body: SyntaxNode): boolean {
  for (let p = n.parent; p && p.id !== body.id; p = p.parent) {
    const range = p.type === 'for_statement' ? ast.namedChildren(p).find((c) => c.type === 'range_clause') : undefined;
    const ranged = range ? ast.field(range, 'right') : null;
    if (ranged && ast.exprKey(ranged) === selText) return true;
  }
  return false;
}
