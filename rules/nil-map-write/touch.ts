// Whether code before a write may have checked or allocated a map field `x.f`,
// following calls into the functions and methods the module view can show (this
// package's, another package's of the module, a vendored dependency's). Unlike
// fields.ts's untouchedBefore, reading the map itself (index, range, `delete`,
// passing the map value on) is harmless: a callee that receives the map value
// cannot make the caller's field non-nil. What counts: assigning or taking the
// address of `x.f`, testing it (`== nil`, `len`), reassigning `x`, and handing
// `x` to code that may assign `.f` (or that we cannot see).
import { ast, ScopesFact, type PackageModel, type RuleContext, type SyntaxNode } from '../../src/engine/index.js';

/** Printing and error helpers of the standard library: they never store into their arguments' fields. */
const HARMLESS_CALLS = /^(fmt\.(Print|Sprint|Fprint|Errorf|Sprintf|Printf|Println|Sprintln|Fprintf|Fprintln)\w*|log\.(Print|Printf|Println)|errors\.New)$/;
const MAX_DEPTH = 4;

/** The package a node belongs to: the analysed one or another package of the module view. */
export function packageOf(ctx: RuleContext, node: SyntaxNode): PackageModel {
  return ctx.pkg.ownerOf(node);
}

/**
 * Another package of the module view with its function bodies: the view parses packages
 * declarations-only, and this evidence (what a callee or the declaring package does to a
 * field) lives inside functions.
 */
export function withBodies(pkg: PackageModel): PackageModel {
  return pkg.declarationsOnly && pkg.module ? pkg.module.withBodies(pkg) : pkg;
}

/** Decoder calls (foreign.ts's DECODERS) all spell one of these. */
const DECODER_WORDS = /Unmarshal|Decode/;

/**
 * Another package with the bodies of just the files that can hold field facts about `field`
 * (they spell its name, or a decoder call): every other file keeps its blanked parse. The facts
 * of this package are exact for that field and for decoded types, and cost a fraction of a
 * whole-package parse (cmd/compile/internal/ssa's 91 files took 3 s for one field).
 */
export function withBodiesFor(pkg: PackageModel, field: string): PackageModel {
  if (!pkg.declarationsOnly || !pkg.module) return pkg;
  return pkg.module.withBodies(pkg, { key: `field:${field}`, keep: (text) => text.includes(field) || DECODER_WORDS.test(text) });
}

/** The function or method declaration a call runs, and its package, when the module view can show it. */
export function resolveCallee(pkg: PackageModel, call: SyntaxNode): { decl: SyntaxNode; pkg: PackageModel } | undefined {
  const fnNode = ast.field(call, 'function');
  if (!fnNode) return undefined;
  const fn = ast.unparen(fnNode);
  const scopes = pkg.fact(ScopesFact);
  if (fn.type === 'identifier') {
    const b = scopes.resolve(fn);
    if (b && b.kind !== 'func' && b.kind !== 'package') return undefined; // a function value
    const d = pkg.funcs.get(fn.text);
    return d ? { decl: d.node, pkg } : undefined;
  }
  if (fn.type !== 'selector_expression') return undefined;
  const operand = ast.field(fn, 'operand');
  const name = ast.field(fn, 'field')?.text;
  if (!operand || !name) return undefined;
  if (operand.type === 'identifier' && !scopes.resolve(operand)) {
    const found = pkg.importedPackage(operand.text, operand);
    const imported = found && withBodies(found);
    const d = imported?.funcs.get(name);
    return d && imported ? { decl: d.node, pkg: imported } : undefined;
  }
  let t = scopes.typeOfExpr(operand);
  if (t.kind === 'pointer') t = t.elem;
  if (t.kind !== 'named') return undefined;
  const found = pkg.namedDecl(t);
  const home = found && withBodies(found.pkg);
  const m = home?.methodsOf(t.name).get(name);
  return m && home ? { decl: m.node, pkg: home } : undefined;
}

/** Names of a function's parameters by position (`undefined` for an unnamed one); a variadic tail repeats. */
export function parameterNames(decl: SyntaxNode): { names: (string | undefined)[]; variadic: boolean } {
  const params = ast.field(decl, 'parameters');
  const names: (string | undefined)[] = [];
  let variadic = false;
  for (const p of params ? ast.namedChildren(params) : []) {
    if (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration') continue;
    variadic = p.type === 'variadic_parameter_declaration';
    const ns = p.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
    if (ns.length === 0) names.push(undefined);
    for (const n of ns) names.push(n.text === '_' ? undefined : n.text);
  }
  return { names, variadic };
}

/** Per package: "declaration id/position/field" -> whether the callee may set that field of the value in that position. */
const cache = new WeakMap<PackageModel, Map<string, boolean>>();

/** True when running `decl` may set `.field` of the value passed as its receiver or its `position`-th argument. */
function mayAssignThrough(pkg: PackageModel, decl: SyntaxNode, position: 'receiver' | number, field: string, depth: number): boolean {
  if (depth > MAX_DEPTH) return true;
  let name: string | undefined;
  if (position === 'receiver') name = ast.receiverOf(decl)?.name?.text;
  else {
    const { names, variadic } = parameterNames(decl);
    if (position >= names.length && !variadic) return true; // a call we do not understand
    name = names[Math.min(position, names.length - 1)];
  }
  if (!name || name === '_') return false; // the callee cannot even name it
  const body = ast.functionBody(decl);
  if (!body) return true; // assembly or a linkname: unknown
  let byPkg = cache.get(pkg);
  if (!byPkg) cache.set(pkg, (byPkg = new Map()));
  const key = `${decl.id}/${position}/${field}`;
  const known = byPkg.get(key);
  if (known !== undefined) return known;
  byPkg.set(key, false); // recursion adds nothing new
  const may = firstTouch(pkg, body, name, field, { depth: depth + 1, testsCount: false }) !== undefined;
  byPkg.set(key, may);
  return may;
}

export interface TouchOptions {
  /** Stop at this node: only code before it counts. */
  before?: SyntaxNode;
  depth: number;
  /** Whether a nil test or `len` of the field counts (on the writer's side: the author reasoned about nil). */
  testsCount: boolean;
}

/** `e` is the left side (or one of them) of an assignment, `:=` or range clause. */
function isAssigned(e: SyntaxNode): boolean {
  let n = e;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const list = n.parent?.type === 'expression_list' ? n.parent : n;
  const stmt = list.parent;
  if (!stmt || !['assignment_statement', 'short_var_declaration', 'range_clause'].includes(stmt.type)) return false;
  return ast.field(stmt, 'left')?.id === list.id || ast.field(stmt, 'left')?.id === n.id;
}

function isAddressed(e: SyntaxNode): boolean {
  return e.parent?.type === 'unary_expression' && e.parent.child(0)?.type === '&';
}

/** `e == nil`, `e != nil` or `len(e)`. */
function isTested(e: SyntaxNode): boolean {
  const p = e.parent;
  if (p?.type === 'binary_expression' && ['==', '!='].includes(p.child(1)?.type ?? '')) {
    const other = ast.field(p, 'left')?.id === e.id ? ast.field(p, 'right') : ast.field(p, 'left');
    return other?.type === 'nil';
  }
  const call = p?.type === 'argument_list' ? p.parent : undefined;
  return !!call && ast.field(call, 'function')?.text === 'len';
}

/**
 * The first node in `root` (before `opts.before`) that may check or allocate
 * `${base}.${field}`; undefined when nothing does. `base` is an expression key
 * (`x`, `s.cfg`); a use of one of its prefixes other than reading a field counts too.
 */
export function firstTouch(pkg: PackageModel, root: SyntaxNode, base: string, field: string, opts: TouchOptions): SyntaxNode | undefined {
  const target = `${base}.${field}`;
  let found: SyntaxNode | undefined;
  ast.walk(root, (n) => {
    if (found || (opts.before && n.startIndex >= opts.before.startIndex)) return false;
    // A goroutine started here runs concurrently: nothing says it finishes before the write.
    if (n.type === 'go_statement') return false;
    if (n.type !== 'identifier' && n.type !== 'selector_expression') return true;
    const key = ast.exprKey(n);
    if (key === target) {
      if (isAssigned(n) || isAddressed(n) || (opts.testsCount && isTested(n))) found = n;
      return false;
    }
    if (key === base) {
      // Its own declaration (`for _, x := range xs`, `x := f()`) is where the value comes from, not a change to it.
      if (n.type === 'identifier' && pkg.fact(ScopesFact).resolve(n)?.nameNode.id === n.id) return true;
      if (baseUseMayAssign(pkg, n, field, opts.depth)) found = n;
      return n.type === 'selector_expression' ? false : true;
    }
    if (base.startsWith(`${key}.`)) {
      // A prefix of the base (`s` for `s.cfg`): following the chain is fine, anything else may replace it.
      // (Selectors along the chain itself are met first, top-down, and handled above.)
      const parent = n.parent;
      if (parent?.type === 'selector_expression' && ast.field(parent, 'operand')?.id === n.id) {
        const grand = parent.parent;
        if (!(grand?.type === 'call_expression' && ast.field(grand, 'function')?.id === parent.id)) return true; // another field
      } else if (isComparedWithNil(n)) return true;
      found = n; // a method call on it, a hand-off, a reassignment
      return false;
    }
    return true;
  });
  return found;
}

function isComparedWithNil(e: SyntaxNode): boolean {
  const p = e.parent;
  if (p?.type !== 'binary_expression' || !['==', '!='].includes(p.child(1)?.type ?? '')) return false;
  return ast.field(p, 'left')?.type === 'nil' || ast.field(p, 'right')?.type === 'nil';
}

/** A use of the owner value `x` itself (not `x.f`): may it lead to `x.f` being set? */
function baseUseMayAssign(pkg: PackageModel, n: SyntaxNode, field: string, depth: number): boolean {
  const parent = n.parent;
  if (!parent) return true;
  if (parent.type === 'selector_expression' && ast.field(parent, 'operand')?.id === n.id) {
    const grand = parent.parent;
    const isCall = grand?.type === 'call_expression' && ast.field(grand, 'function')?.id === parent.id;
    if (!isCall) return false; // another field (`x.f` itself never gets here)
    const callee = resolveCallee(pkg, grand);
    return !callee || mayAssignThrough(callee.pkg, callee.decl, 'receiver', field, depth);
  }
  if (isComparedWithNil(n) || parent.type === 'return_statement' || parent.parent?.type === 'return_statement') return false;
  // Handed to a function, as `x` or `&x`.
  let arg = n;
  if (isAddressed(n)) arg = parent;
  if (arg.parent?.type === 'argument_list') {
    const call = arg.parent.parent;
    if (!call || call.type !== 'call_expression') return true;
    if (HARMLESS_CALLS.test(ast.exprKey(ast.field(call, 'function') ?? call))) return false;
    const callee = resolveCallee(pkg, call);
    if (!callee) return true;
    const index = ast.namedChildren(arg.parent).filter((c) => c.type !== 'comment').findIndex((c) => c.id === arg.id);
    return mayAssignThrough(callee.pkg, callee.decl, index, field, depth);
  }
  return true; // reassigned, stored, sent, captured: assume it may be set
}
