// unbounded-map-growth: a long-lived map (package variable, or a field of a
// service/worker type or of a value held in a package variable) gains keys in
// code that runs per request or event, and nothing in the package ever removes
// keys from it or replaces it. Constant keys and small key types (bool, byte,
// enums) are bounded and never reported; nor are maps handed to code that might
// shrink them (passed to package functions, returned, aliased).
import {
  defineRule, defineFact, ast, CallsByCalleeFact, LifetimeFact, mapIdentity, MapUsageFact, identityLabel, insertionVisitor, isMapInsertion, ScopesFact,
  type MapInsertion, type RuleContext, type SyntaxNode, type GoType, type GoFile,
} from '../../src/engine/index.js';
import { aliasValue, effectiveUsage, whyIneffective } from './removals.js';
import { orphanedIndex } from './orphans.js';

export default defineRule({
  meta: {
    id: 'unbounded-map-growth',
    severity: 'warning',
    description: 'A long-lived map gains keys on every request or event and nothing ever removes them, so it grows until the process runs out of memory.',
    fixable: false,
    needs: ['scopes', 'types'],
  },
  create(ctx) {
    return insertionVisitor(ctx.pkg, ctx.file, (ins) => checkInsertion(ctx, ins));
  },
});

function checkInsertion(ctx: RuleContext, ins: MapInsertion): void {
  const m = ins.map;
  if (m.type !== 'identifier' && m.type !== 'selector_expression') return;
  // Cheapest checks first: most insertions go into local maps and never need the lifetime model.
  const id = mapIdentity(ctx.pkg, ctx.scopes, m);
  if (!id) return;
  // A local alias of a long-lived map (`rm, lqws := acc.rm, acc.lqws`) stands for that map.
  const mapExpr = id.kind === 'local' ? aliasValue(ctx, id.binding) : m;
  if (!mapExpr) return;
  if (ofFreshValue(ctx, mapExpr)) return;
  const lifetime = ctx.fact(LifetimeFact);
  const perRequest = lifetime.perRequest(ins.node);
  if (!perRequest) return;
  const owner = lifetime.longLivedMap(mapExpr);
  if (!owner || !isMapInsertion(ctx.pkg, ctx.scopes, ins)) return;
  if (boundedKey(ctx, ins)) return;
  if (updatesExistingKey(ins)) return;
  const usage = effectiveUsage(ctx, owner.id, ctx.fact(MapUsageFact).usage(owner.id), owner.why.includes('registered in'));
  if (usage.resets.length || usage.escapes.length) return;
  if (isPoolOfSlices(ctx, ins, owner.id.key)) return;
  const label = identityLabel(owner.id);
  const growth = `${label} (${owner.why}) gains a key here per request or event (${perRequest.what})`;
  if (usage.removals.length) {
    // Removals exist: report only when none of them can remove what this line adds.
    const orphan = orphanedIndex(ctx, ins, owner.id, usage.removals);
    if (orphan) {
      ctx.report({ node: ins.node, message: `${growth}, but ${orphan.why}. ${orphan.fix}` });
      return;
    }
    const reasons: string[] = [];
    for (const r of usage.removals) {
      const why = whyIneffective(ctx, r, owner.id, ins.node);
      if (!why) return;
      if (!reasons.includes(why)) reasons.push(why);
    }
    ctx.report({
      node: ins.node,
      message: `${growth}, but ${reasons.slice(0, 2).join(', and ')}, so it only grows. Delete the entry under the key it was stored with on every path that ends its owner (a deferred delete survives early returns and panics), or bound the map (an LRU such as hashicorp/golang-lru, or a TTL eviction loop).`,
    });
    return;
  }
  const fresh = neverRepeatingKey(ctx, ins);
  ctx.report({
    node: ins.node,
    message:
      `${growth}, and nothing in this package ever deletes its keys or replaces it, so it only grows` +
      (fresh ? `; its keys are ${fresh}, which rarely repeat, so nearly every request or event adds an entry.` : '.') +
      ` Bound it (an LRU such as hashicorp/golang-lru, a TTL eviction loop, or a periodic rebuild) or delete the entry when its owner ends; \`delete\` alone keeps the bucket memory, only a rebuilt map releases it (golang/go#20135).`,
  });
}

/**
 * Where the package maps each key's slice back out again (`m[k] = m[k][:n-1]`, popping an entry),
 * by map identity key: such a map is a pool of values by class (a connection or producer per
 * partition), and an append to a key's slice returns a value to it. Its keys are the classes
 * in use, not one per event.
 */
const PoppedMaps = defineFact('unbounded-map-growth/popped', (pkg) => {
  const out = new Set<string>();
  const scopes = pkg.fact(ScopesFact);
  for (const file of pkg.files) {
    for (const slice of file.root.descendantsOfType('slice_expression')) {
      const stmt = slice.parent;
      if (stmt?.type !== 'expression_list' || stmt.parent?.type !== 'assignment_statement') continue;
      const assign = stmt.parent;
      if (ast.field(assign, 'operator')?.text !== '=') continue;
      const left = ast.expressionsOf(ast.field(assign, 'left'));
      const operand = ast.field(slice, 'operand');
      if (left.length !== 1 || !operand || ast.unparen(left[0]!).type !== 'index_expression') continue;
      if (ast.exprKey(ast.unparen(left[0]!)) !== ast.exprKey(ast.unparen(operand))) continue;
      const map = ast.field(ast.unparen(left[0]!), 'operand');
      const id = map ? mapIdentity(pkg, scopes, ast.unparen(map)) : undefined;
      if (id) out.add(id.key);
    }
  }
  return out;
});

/** `m[k] = append(m[k], v)` into a map whose entries the package pops again: a pool (see PoppedMaps). */
function isPoolOfSlices(ctx: RuleContext, ins: MapInsertion, idKey: string): boolean {
  const v = ins.value ? ast.unparen(ins.value) : undefined;
  const shape = v ? ast.callShape(v) : undefined;
  if (shape?.callee !== 'append' || !shape.args[0]) return false;
  if (ast.exprKey(ast.unparen(shape.args[0])) !== `${ast.exprKey(ins.map)}[${ast.exprKey(ins.key)}]`) return false;
  return ctx.fact(PoppedMaps).has(idKey);
}

/** `s := &T{...}` ... `s.m[k] = v`: a map of a value built in this function is not long-lived yet (a constructor filling it). */
function ofFreshValue(ctx: RuleContext, mapExpr: SyntaxNode): boolean {
  const e = ast.unparen(mapExpr);
  const base = e.type === 'selector_expression' ? ast.field(e, 'operand') : null;
  if (base?.type !== 'identifier') return false;
  const b = ctx.scopes.resolve(base);
  if (b?.kind !== 'local' || !b.value) return false;
  let v = ast.unparen(b.value);
  if (v.type === 'unary_expression' && v.child(0)?.type === '&') v = ast.unparen(ast.field(v, 'operand') ?? v);
  return v.type === 'composite_literal' || ast.callShape(v)?.callee === 'new';
}

const SMALL_KEYS = new Set(['bool', 'int8', 'uint8', 'byte']);

/** Keys drawn from a small or fixed set: literals, package-level names, bool/byte keys, enum types. */
function boundedKey(ctx: RuleContext, ins: MapInsertion): boolean {
  const k = ast.unparen(ins.key);
  if (fixedValue(ctx, k)) return true;
  if (k.type === 'identifier' && paramAlwaysFixed(ctx, k)) return true;
  const exprType = ctx.scopes.typeOfExpr(k);
  if (exprType.kind === 'named' && exprType.qualifier === 'reflect' && exprType.name === 'Type') return true;
  const keyType = keyTypeOf(ctx, ins);
  if (!keyType) return false;
  if (keyType.kind === 'basic' && SMALL_KEYS.has(keyType.name)) return true;
  if (keyType.kind === 'named' && keyType.qualifier === 'reflect' && keyType.name === 'Type') return true; // one per type in the program
  if (keyType.kind === 'named' && !keyType.qualifier) {
    for (const v of ctx.pkg.values.values()) if (v.kind === 'const' && v.typeNode?.text === keyType.name) return true; // an enum
  }
  return false;
}

/** A literal, constant or package-level name: one key, whatever the traffic. */
function fixedValue(ctx: RuleContext, e: SyntaxNode, file: GoFile = ctx.file): boolean {
  const k = ast.unparen(e);
  if (/_literal$/.test(k.type) || k.type === 'true' || k.type === 'false' || k.type === 'nil') return true;
  if (k.type === 'identifier') {
    const b = ctx.scopes.resolve(k);
    return !!b && (b.kind === 'const' || b.kind === 'package' || b.kind === 'func');
  }
  if (k.type === 'selector_expression') {
    const op = ast.field(k, 'operand');
    return op?.type === 'identifier' && file.imports.has(op.text) && !ctx.scopes.resolve(op); // http.MethodGet
  }
  return false;
}

/** A parameter that every call site in the package fills with a fixed value (`newConn("server", c)`). */
function paramAlwaysFixed(ctx: RuleContext, ident: SyntaxNode): boolean {
  const b = ctx.scopes.resolve(ident);
  if (!b || b.kind !== 'param' || !b.func || b.func.type === 'func_literal') return false;
  const index = ast.parametersOf(b.func).findIndex((p) => p.name.id === b.nameNode.id);
  const name = ast.field(b.func, 'name')?.text;
  if (index < 0 || !name) return false;
  const calls = ctx.fact(CallsByCalleeFact).get(name) ?? [];
  if (!calls.length) return false;
  return calls.every(({ call, file }) => {
    const args = ast.namedChildren(ast.field(call, 'arguments') ?? call).filter((a) => a.type !== 'comment');
    const arg = args[index];
    return !!arg && fixedValue(ctx, arg, file);
  });
}

function keyTypeOf(ctx: RuleContext, ins: MapInsertion): GoType | undefined {
  if (ins.syncMap) return undefined;
  const t = ctx.pkg.underlying(ctx.scopes.typeOfExpr(ins.map));
  return t.kind === 'map' ? t.key : undefined;
}

/**
 * The key already exists: inside `for k := range m` over the same map, under
 * `if _, ok := m[k]; ok`, or storing a re-slice of the same entry
 * (`m[k] = m[k][:n]`, which would panic on a missing key unless n is 0).
 */
function updatesExistingKey(ins: MapInsertion): boolean {
  const mapKey = ast.exprKey(ins.map);
  const key = ast.exprKey(ins.key);
  const v = ins.value ? ast.unparen(ins.value) : undefined;
  if (v?.type === 'slice_expression' && ast.exprKey(ast.field(v, 'operand') ?? v) === `${mapKey}[${key}]`) return true;
  for (let p = ins.node.parent; p; p = p.parent) {
    if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') return false;
    if (p.type === 'for_statement') {
      const clause = ast.namedChildren(p).find((c) => c.type === 'range_clause');
      const right = clause ? ast.field(clause, 'right') : null;
      const left = clause ? ast.expressionsOf(ast.field(clause, 'left')) : [];
      if (right && ast.exprKey(right) === mapKey && left[0]?.text === key) return true;
    }
    if (p.type === 'if_statement') {
      // `if v, ok := m[k]; ok { m[k] = ... }` or `if _, ok := m[k]; !ok { ... } else { m[k] = ... }`
      const init = ast.field(p, 'initializer');
      const cond = ast.field(p, 'condition');
      if (!init || !cond) continue;
      const right = ast.expressionsOf(ast.field(init, 'right'));
      const left = ast.expressionsOf(ast.field(init, 'left'));
      const r = right[0] ? ast.unparen(right[0]) : undefined;
      if (r?.type !== 'index_expression' || ast.exprKey(ast.field(r, 'operand') ?? r) !== mapKey || !left[1]) continue;
      const c = cond.text.replace(/\s+/g, '');
      const branch = c === left[1].text ? ast.field(p, 'consequence') : c === `!${left[1].text}` ? ast.field(p, 'alternative') : null;
      if (branch && ast.contains(branch, ins.node)) return true;
    }
  }
  return false;
}

const ID_NAME = /(request|req|trace|span|session|conn|correlation|message|msg|event|tx|job|task)_?id$|^(uuid|guid|nonce)$/i;

/** Describes keys that never repeat (timestamps, request IDs, counters, pointers), or undefined. */
function neverRepeatingKey(ctx: RuleContext, ins: MapInsertion): string | undefined {
  const k = ast.unparen(ins.key);
  const text = k.text;
  const time = ctx.file.importName('time');
  if (time && (text.includes(`${time}.Now()`) || /\.Unix(Nano|Milli|Micro)?\(\)$/.test(text))) return 'timestamps';
  if (k.type === 'unary_expression' && k.child(0)?.type === '&') return 'pointers to new values';
  const keyType = keyTypeOf(ctx, ins);
  if (keyType?.kind === 'pointer') return 'pointers';
  // `tk := ts.Unix()` ... `m[tk] = v`: look one step through a local.
  if (k.type === 'identifier') {
    const b = ctx.scopes.resolve(k);
    const v = b?.kind === 'local' && b.value ? ast.unparen(b.value).text : '';
    if (time && (v.includes(`${time}.Now()`) || /\.Unix(Nano|Milli|Micro)?\(\)$/.test(v))) return 'timestamps';
  }
  const last = k.type === 'selector_expression' ? ast.field(k, 'field')?.text : k.type === 'identifier' ? k.text : undefined;
  if (last && ID_NAME.test(last)) return `IDs (${last})`;
  const shape = ast.callShape(k);
  if (shape && /^atomic\.Add|\.Add(Int|Uint)?(32|64)?$/.test(shape.callee)) return 'counter values';
  if (k.type === 'identifier' || k.type === 'selector_expression') {
    const fn = ast.enclosingFunction(ins.node);
    const counted = fn && ast.descendants(fn, ['inc_statement']).some((s) => s.namedChild(0) && ast.exprKey(s.namedChild(0)!) === ast.exprKey(k) && s.startIndex < ins.node.startIndex);
    if (counted) return 'counter values';
  }
  return undefined;
}
