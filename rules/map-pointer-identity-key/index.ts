// map-pointer-identity-key: a map or sync.Map keyed by a freshly taken address
// (`m[&T{...}] = v`, `m[new(T)] = v`, `Store(&T{...}, v)`, or `m[&x] = v` where x
// is a local of the same function whose address is taken nowhere else). Pointer
// keys compare by address, and no other code holds that address, so the entry
// can never be looked up or deleted. Maps that are ranged over (or handed to
// code that might range) are not reported: ranging is how such entries are found.
import {
  defineRule, ast, MapUsageFact, mapIdentity, insertionVisitor, isMapInsertion, usesOf,
  type MapInsertion, type MapUsage, type RuleContext, type SyntaxNode,
} from '../../src/engine/index.js';

export default defineRule({
  meta: {
    id: 'map-pointer-identity-key',
    severity: 'warning',
    description: 'A map is keyed by a freshly taken address that no other code holds, so the entry can never be looked up or deleted.',
    fixable: false,
    needs: ['scopes', 'types'],
  },
  create(ctx) {
    return insertionVisitor(ctx.pkg, ctx.file, (ins) => checkInsertion(ctx, ins));
  },
});

function checkInsertion(ctx: RuleContext, ins: MapInsertion): void {
  const fresh = freshAddress(ctx, ins);
  if (!fresh || !isMapInsertion(ctx.pkg, ctx.scopes, ins)) return;
  const usage = usageOf(ctx, ins.map);
  if (!usage || usage.ranged.length || usage.escapes.length) return;
  ctx.report({
    node: ins.node,
    message:
      `The key ${ast.unparen(ins.key).text} is ${fresh}, an address no other code holds, so this entry can never be looked up or deleted (pointer keys compare by address); only ranging over the map finds it.` +
      ` Key the map by a comparable value instead: an ID, a string, or the struct value itself.`,
  });
}

/** How the package uses the map, or undefined when the map cannot be identified. */
function usageOf(ctx: RuleContext, map: SyntaxNode): MapUsage | undefined {
  const id = mapIdentity(ctx.pkg, ctx.scopes, map);
  if (!id) return undefined;
  const index = ctx.fact(MapUsageFact);
  if (id.kind !== 'local') return index.usage(id);
  // A map that came from elsewhere (parameter, result of a call) may be ranged by its owner.
  const b = id.binding;
  if (b.kind !== 'local') return undefined;
  const v = b.value ? ast.unparen(b.value) : undefined;
  const built = v ? v.type === 'composite_literal' || ast.callShape(v)?.callee === 'make' : b.declNode.type === 'var_spec' && !b.tupleValue;
  return built ? index.localUsage(b) : undefined;
}

/** Describes a freshly taken address used as the key, or undefined. */
function freshAddress(ctx: RuleContext, ins: MapInsertion): string | undefined {
  const k = ast.unparen(ins.key);
  if (k.type === 'call_expression') {
    const fn = ast.field(k, 'function');
    if (fn?.type === 'identifier' && fn.text === 'new' && !ctx.scopes.resolve(fn)) return 'a value allocated by new() right here';
    return undefined;
  }
  if (k.type !== 'unary_expression' || k.child(0)?.type !== '&') return undefined;
  const operand = ast.unparen(ast.field(k, 'operand') ?? k);
  if (operand.type === 'composite_literal') return 'the address of a composite literal built right here';
  if (operand.type !== 'identifier') return undefined; // &a[i], &s.f: addresses of values others hold
  const b = ctx.scopes.resolve(operand);
  if (!b || !b.func || (b.kind !== 'local' && b.kind !== 'param' && b.kind !== 'range')) return undefined;
  if (ast.enclosingFunction(ins.node)?.id !== b.func.id) return undefined; // a closure may run again with the same variable
  for (const u of usesOf(ctx.scopes, b, b.func)) {
    if (u.kind === 'address' && u.node.id !== operand.id) return undefined; // the address is taken again: it can be looked up
    const parent = u.node.parent;
    if (u.kind === 'read' && parent?.type === 'selector_expression' && parent.parent?.type === 'call_expression' && ast.field(parent.parent, 'function')?.id === parent.id) {
      return undefined; // x.Method() may take the address through a pointer receiver and keep it
    }
  }
  return `the address of ${operand.text}, a variable of this function`;
}
