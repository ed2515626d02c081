// Removals that exist but cannot remove the keys an insertion adds. The rule stays
// quiet when a map has a removal; real leaks hide behind removals that never run
// for the added keys: a delete under a different key than the entry was looked up
// with, a delete that the same path undoes by re-adding the key, a cleanup that
// only tests or nobody calls. Aliases (`m := s.m`) and package functions that take
// the map as a parameter are followed, so their deletes count for the map.
import {
  ast, mapIdentity, MapUsageFact, LifetimeFact, resolveFuncValue,
  type MapIdentity, type MapSite, type MapUsage, type RuleContext, type SyntaxNode, type Binding,
} from '../../src/engine/index.js';

export interface Removal {
  site: MapSite;
  /** The `delete(...)`, `clear(...)` or sync.Map method call. */
  call: SyntaxNode;
  /** The key removed; undefined for `clear` and friends, which remove every key. */
  key?: SyntaxNode;
}

/** A map's usage with local aliases and map parameters of package functions folded in. */
export interface EffectiveUsage {
  removals: Removal[];
  resets: MapSite[];
  escapes: MapSite[];
}

/**
 * The usage of `id` where an escape into a local alias (`rm := acc.rm`) or into a
 * parameter of a package function (`s.add(s.m, k)`) is replaced by what that local
 * or parameter does, when it does not escape further itself.
 */
export function effectiveUsage(ctx: RuleContext, id: MapIdentity, usage: MapUsage, registered: boolean): EffectiveUsage {
  const index = ctx.fact(MapUsageFact);
  // Values kept in a registry map outlive any one field that holds them: replacing such a field frees nothing.
  const resets = registered ? usage.resets.filter((r) => !usage.holderResets.includes(r)) : [...usage.resets];
  const out: EffectiveUsage = { removals: usage.removals.map(toRemoval).filter((r): r is Removal => !!r), resets, escapes: [] };
  for (const site of usage.escapes) {
    const target = aliasTarget(ctx, site);
    const local = target ? index.localUsage(target) : undefined;
    if (!local || local.escapes.length || local.resets.length) {
      out.escapes.push(site);
      continue;
    }
    for (const r of local.removals) {
      const removal = toRemoval(r);
      if (removal) out.removals.push(removal);
    }
  }
  return out;
}

/** The local or parameter an escaping occurrence is bound to: `a := m` / `a, b := m, n`, or `f(m)` for a package function f. */
function aliasTarget(ctx: RuleContext, site: MapSite): Binding | undefined {
  const node = site.node;
  const parent = node.parent;
  if (!parent) return undefined;
  if (parent.type === 'expression_list' && parent.parent?.type === 'short_var_declaration' && ast.field(parent.parent, 'right')?.id === parent.id) {
    const i = ast.namedChildren(parent).findIndex((c) => c.id === node.id);
    const name = ast.expressionsOf(ast.field(parent.parent, 'left'))[i];
    const b = name?.type === 'identifier' ? ctx.scopes.resolve(name) : undefined;
    return b?.kind === 'local' ? b : undefined;
  }
  if (parent.type === 'argument_list' && parent.parent?.type === 'call_expression') {
    const fn = ast.field(parent.parent, 'function');
    const decl = fn ? resolveFuncValue(ctx.pkg, fn) : undefined;
    if (!decl) return undefined;
    const args = ast.namedChildren(parent).filter((c) => c.type !== 'comment');
    const param = ast.parametersOf(decl.node)[args.findIndex((a) => a.id === node.id)];
    const b = param ? ctx.scopes.resolve(param.name) : undefined;
    return b?.kind === 'param' ? b : undefined;
  }
  return undefined;
}

function toRemoval(site: MapSite): Removal | undefined {
  const parent = site.node.parent;
  if (parent?.type === 'argument_list' && parent.parent?.type === 'call_expression') {
    const call = parent.parent;
    const shape = ast.callShape(call);
    return { site, call, key: shape?.callee === 'delete' ? shape.args[1] : undefined };
  }
  if (parent?.type === 'selector_expression' && parent.parent?.type === 'call_expression') {
    const call = parent.parent;
    const shape = ast.callShape(call);
    return { site, call, key: shape?.method === 'Clear' ? undefined : shape?.args[0] };
  }
  return undefined;
}

/** Whether `expr` names the map `id`, directly or through a local alias (`lqws := acc.lqws`). */
export function namesMap(ctx: RuleContext, expr: SyntaxNode, id: MapIdentity): boolean {
  const e = ast.unparen(expr);
  const direct = mapIdentity(ctx.pkg, ctx.scopes, e);
  if (direct?.key === id.key) return true;
  if (direct?.kind !== 'local' || e.type !== 'identifier') return false;
  const value = aliasValue(ctx, direct.binding);
  return !!value && mapIdentity(ctx.pkg, ctx.scopes, value)?.key === id.key;
}

/** The expression a local alias was bound to (`rm, lqws := acc.rm, acc.lqws`), if any. */
export function aliasValue(ctx: RuleContext, b: Binding): SyntaxNode | undefined {
  if (b.kind !== 'local') return undefined;
  const v = b.value ? ast.unparen(b.value) : undefined;
  return v && (v.type === 'selector_expression' || v.type === 'identifier') ? v : undefined;
}

/**
 * Why this removal never removes the keys the map gains, or undefined when it may.
 * `insertion` is the statement being checked: a removal it undoes is ineffective for it.
 */
export function whyIneffective(ctx: RuleContext, r: Removal, id: MapIdentity, insertion: SyntaxNode): string | undefined {
  const where = `${baseName(r.site.file.path)}:${r.call.startPosition.row + 1}`;
  // A delete in a test, or in a helper only tests call, is taken to run: tests that clean a map
  // up directly are not evidence that production code forgets to (badger's key registry keeps
  // one key per rotation on purpose and deletes in a test).
  if (r.site.file.path.endsWith('_test.go')) return undefined;
  const decl = outermostFunction(r.call);
  const name = decl ? ast.field(decl, 'name')?.text : undefined;
  // Code that serves requests itself (a handler, a message callback) is called from outside the package.
  const served = !!ctx.fact(LifetimeFact).perRequest(r.call);
  const callers = decl && name && !served ? callersOf(ctx, name) : undefined;
  if (callers === 'none') return `the delete at ${where} is in ${name}, which nothing in the package calls`;
  if (!r.key) return undefined;
  const fn = ast.enclosingFunction(r.call);
  if (!fn) return undefined;
  const wrong = wrongKey(ctx, r.key, fn, id);
  if (wrong) return `the delete at ${where} removes ${r.key.text} while that function looks the entry up under ${wrong}, which misses every entry whose key differs from ${r.key.text}`;
  const stmt = statementOf(r.call);
  if (stmt && ast.contains(fn, insertion) && insertion.startIndex > stmt.endIndex && reAdds(ctx, insertion, r.key, id) && reachableAfter(stmt, insertion)) {
    return `the delete at ${where} is undone by this line, which adds the same key back on the same path`;
  }
  return undefined;
}

/** `key := f(subject, queue)` is looked up in the function while the delete uses `subject`: the name of that other key. */
function wrongKey(ctx: RuleContext, deleted: SyntaxNode, fn: SyntaxNode, id: MapIdentity): string | undefined {
  const d = ast.unparen(deleted);
  if (d.type !== 'identifier') return undefined;
  const deletedBinding = ctx.scopes.resolve(d);
  if (!deletedBinding) return undefined;
  let other: string | undefined;
  for (const ix of ast.descendants(fn, ['index_expression'])) {
    const operand = ast.field(ix, 'operand');
    const key = ast.field(ix, 'index');
    if (!operand || !key || !namesMap(ctx, operand, id)) continue;
    const k = ast.unparen(key);
    if (k.type !== 'identifier') return undefined;
    if (k.text === d.text) return undefined; // the deleted key is used for the map too
    const b = ctx.scopes.resolve(k);
    const derivedFrom = b?.kind === 'local' && b.value ? ast.descendants(b.value, ['identifier']).some((n) => ctx.scopes.resolve(n)?.nameNode.id === deletedBinding.nameNode.id) : false;
    if (!derivedFrom) return undefined;
    other = `${k.text} (${k.text} := ${b!.value!.text})`;
  }
  return other;
}

/** `insertion` stores into the map under the same key text as the delete. */
function reAdds(ctx: RuleContext, insertion: SyntaxNode, key: SyntaxNode, id: MapIdentity): boolean {
  for (const target of ast.descendants(insertion, ['index_expression'])) {
    const operand = ast.field(target, 'operand');
    const k = ast.field(target, 'index');
    if (operand && k && ast.exprKey(k) === ast.exprKey(key) && namesMap(ctx, operand, id) && isAssignedTarget(target, insertion)) return true;
  }
  return false;
}

function isAssignedTarget(target: SyntaxNode, stmt: SyntaxNode): boolean {
  const left = stmt.type === 'assignment_statement' ? ast.field(stmt, 'left') : stmt.namedChild(0);
  return !!left && ast.contains(left, target);
}

const TERMINATING = new Set(['return_statement', 'break_statement', 'continue_statement', 'goto_statement']);

/**
 * Whether control can run `to` after `from` in one pass through the function:
 * not in the other branch of an if or another case of a switch, no return, break
 * or continue in between, and no guard on `to` that contradicts the guard on
 * `from` (`if n <= 0 { delete }` ... `if n > 0 { m[k] = n }`).
 */
function reachableAfter(from: SyntaxNode, to: SyntaxNode): boolean {
  let child = from;
  for (let p = from.parent; p; child = p, p = p.parent) {
    if (ast.contains(p, to)) {
      if (p.type !== 'block' && p.type !== 'statement_list') return false; // if/else branches, switch cases
      return !between(p, child, to).some(terminates) && !contradicts(guards(from, p), guards(to, p));
    }
    if (p.type === 'block' || p.type === 'statement_list') {
      if (after(p, child).some(terminates)) return false;
    }
    if (p.type === 'func_literal') return false;
  }
  return false;
}

function terminates(stmt: SyntaxNode): boolean {
  if (TERMINATING.has(stmt.type)) return true;
  const call = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
  return call?.type === 'call_expression' && ast.field(call, 'function')?.text === 'panic';
}

function after(block: SyntaxNode, child: SyntaxNode): SyntaxNode[] {
  return ast.namedChildren(block).filter((s) => s.startIndex > child.endIndex);
}

function between(block: SyntaxNode, first: SyntaxNode, to: SyntaxNode): SyntaxNode[] {
  return ast.namedChildren(block).filter((s) => s.startIndex > first.endIndex && s.endIndex < to.startIndex && !ast.contains(s, to));
}

/** Conditions known to hold at `node` below `top`: `n<=0` in an if's consequence, `!(n<=0)` in its else. */
function guards(node: SyntaxNode, top: SyntaxNode): string[] {
  const out: string[] = [];
  let child = node;
  for (let p = node.parent; p && p.id !== top.id; child = p, p = p.parent) {
    if (p.type !== 'if_statement') continue;
    const cond = ast.field(p, 'condition');
    if (!cond) continue;
    const text = cond.text.replace(/\s+/g, '');
    if (ast.field(p, 'consequence')?.id === child.id) out.push(text);
    else if (ast.field(p, 'alternative')?.id === child.id) out.push(negate(text));
  }
  return out;
}

const NEGATED_OP: Record<string, string> = { '<=': '>', '>': '<=', '<': '>=', '>=': '<', '==': '!=', '!=': '==' };

function negate(cond: string): string {
  const m = /^([\w.]+)(<=|>=|==|!=|<|>)([\w.]+)$/.exec(cond);
  if (m) return `${m[1]}${NEGATED_OP[m[2]!]}${m[3]}`;
  return cond.startsWith('!') ? cond.slice(1) : `!${cond}`;
}

function contradicts(a: string[], b: string[]): boolean {
  return a.some((x) => b.includes(negate(x)));
}

function statementOf(node: SyntaxNode): SyntaxNode | undefined {
  for (let p: SyntaxNode | null = node; p; p = p.parent) {
    if (p.parent?.type === 'block' || p.parent?.type === 'statement_list') return p;
  }
  return undefined;
}

function outermostFunction(node: SyntaxNode): SyntaxNode | undefined {
  return ast.ancestor(node, ['function_declaration', 'method_declaration']) ?? undefined;
}

/**
 * Who names an unexported function besides its declaration (comments do not count):
 * 'none', 'tests' (only _test.go files), or undefined (package code does, or it is exported).
 */
function callersOf(ctx: RuleContext, name: string): 'none' | 'tests' | undefined {
  if (/^[A-Z]/.test(name) || name === 'init' || name === 'main') return undefined;
  const word = new RegExp(`\\b${name}\\b`);
  let inPackage = 0;
  let inTests = 0;
  for (const f of ctx.pkg.files) {
    if (!word.test(f.text)) continue;
    const n = f.root.descendantsOfType(['identifier', 'field_identifier']).filter((x) => x?.text === name).length;
    if (f.path.endsWith('_test.go')) inTests += n;
    else inPackage += n;
    if (inPackage > 1) return undefined;
  }
  return inTests ? 'tests' : 'none';
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
