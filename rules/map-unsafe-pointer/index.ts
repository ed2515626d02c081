// map-unsafe-pointer: `unsafe.Pointer(&m)` with `m` a map, or any
// unsafe.Pointer conversion of a value whose visible type is a pointer to a
// map (`unsafe.Pointer(pm)` with `pm *map[K]V`, `unsafe.Pointer(&s.m)`). A map
// value is a pointer to the runtime's map header; converting its address is
// only useful to read that header, whose layout changes between releases.
// Types must be known: an unknown operand type is never reported. One finding
// per line (the anchor), however many conversions it holds.
import { defineRule, ast, type RuleContext, type SyntaxNode, type Visitor } from '../../src/engine/index.js';

export default defineRule({
  meta: {
    id: 'map-unsafe-pointer',
    severity: 'error',
    description: 'unsafe.Pointer conversion of a map variable\'s address, used to read the runtime map header.',
    fixable: false,
    needs: ['scopes', 'types'],
  },
  create(ctx): Visitor {
    const unsafeName = ctx.file.importName('unsafe');
    const reported = new Set<number>();
    if (!unsafeName) return {};
    return {
      call_expression(call: SyntaxNode) {
        const fn = ast.field(call, 'function');
        if (!fn) return;
        const callee = ast.unparen(fn);
        if (callee.type !== 'selector_expression' && callee.type !== 'qualified_type') return;
        if (ast.exprKey(callee) !== `${unsafeName}.Pointer`) return;
        const args = ast.namedChildren(ast.field(call, 'arguments') ?? call).filter((c) => c.type !== 'comment');
        if (args.length !== 1) return;
        const arg = ast.unparen(args[0]!);
        const mapExpr = mapOf(ctx, arg);
        if (!mapExpr) return;
        const line = call.startPosition.row;
        if (reported.has(line)) return;
        reported.add(line);
        ctx.report({
          node: call,
          message: `${call.text} converts the address of the map ${mapExpr} to an unsafe.Pointer, exposing the runtime's map representation (the pointer to its header, and through it the header itself). Map internals change between releases (Swiss tables replaced the bucket layout in Go 1.24); use len, range, the maps package or reflect instead.`,
        });
      },
    };
  },
});

/** The map whose address `arg` is: `&m` with m a map, or an expression typed *map. */
function mapOf(ctx: RuleContext, arg: SyntaxNode): string | undefined {
  if (arg.type === 'unary_expression' && arg.child(0)?.type === '&') {
    const operand = ast.field(arg, 'operand');
    if (operand && ctx.pkg.underlying(ctx.scopes.typeOfExpr(operand)).kind === 'map') return ast.unparen(operand).text;
    return undefined;
  }
  const t = ctx.pkg.underlying(ctx.scopes.typeOfExpr(arg));
  if (t.kind === 'pointer' && ctx.pkg.underlying(t.elem).kind === 'map') return `*${arg.text}`;
  return undefined;
}
