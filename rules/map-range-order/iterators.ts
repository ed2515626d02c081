// Go 1.23 map iterators: `maps.Keys(m)`, `maps.Values(m)` and `maps.All(m)` yield
// the map's entries in the same unspecified order as `for k, v := range m`.
// Ranging over one, or collecting one with `slices.Collect`, lets that order out
// just like ranging the map. `slices.Sorted(maps.Keys(m))` (and SortedFunc,
// SortedStableFunc) sorts the sequence first, so it is not a map order.
// golang.org/x/exp/maps has the same names; older versions return slices, newer
// ones iterators, and either way the order is the map's.
import { ast, type RuleContext, type SyntaxNode } from '../../src/engine/index.js';

export interface MapIterator {
  /** The call `maps.Keys(m)`. */
  call: SyntaxNode;
  /** The map argument `m`. */
  map: SyntaxNode;
  /** Keys, Values or All. */
  kind: string;
  /** True for the standard `maps` package (Go >= 1.23), false for x/exp/maps. */
  std: boolean;
}

const ITERATOR_FUNCS = new Set(['Keys', 'Values', 'All']);

/** `maps.Keys(m)` / `maps.Values(m)` / `maps.All(m)` through the file's import of maps. */
export function mapIteratorCall(ctx: RuleContext, expr: SyntaxNode): MapIterator | undefined {
  const call = ast.unparen(expr);
  const shape = ast.callShape(call);
  if (!shape?.receiver || !shape.method || !ITERATOR_FUNCS.has(shape.method) || shape.args.length !== 1) return undefined;
  const qualifier = ast.unparen(shape.receiver);
  if (qualifier.type !== 'identifier' || ctx.scopes.resolve(qualifier)) return undefined; // a local named maps
  const stdName = ctx.file.importName('maps');
  const expName = ctx.file.importName('golang.org/x/exp/maps');
  const std = qualifier.text === stdName;
  if (!std && qualifier.text !== expName) return undefined;
  // The standard iterators exist from Go 1.23 on; a module that says older cannot be using them.
  if (std && ctx.goVersion && !ctx.atLeastGo('1.23')) return undefined;
  return { call, map: shape.args[0]!, kind: shape.method, std };
}

/**
 * `slices.Collect(maps.Keys(m))` (or, for x/exp/maps, a bare `maps.Keys(m)` that
 * already is a slice): an expression whose value is a slice in map order.
 */
export function collectedIterator(ctx: RuleContext, expr: SyntaxNode): MapIterator | undefined {
  // Both shapes need an iterator of a maps package the file imports (asked of every call: cheap first).
  if (!ctx.file.importName('maps') && !ctx.file.importName('golang.org/x/exp/maps')) return undefined;
  const e = ast.unparen(expr);
  const fn = e.type === 'call_expression' ? ast.field(e, 'function') : null;
  const f = fn ? ast.unparen(fn) : null;
  const method = f?.type === 'selector_expression' ? ast.field(f, 'field')?.text : undefined;
  if (!method || (method !== 'Collect' && !ITERATOR_FUNCS.has(method))) return undefined;
  const shape = ast.callShape(e);
  if (!shape) return undefined;
  const slices = ctx.file.importName('slices');
  if (slices && shape.callee === `${slices}.Collect` && shape.args.length === 1) {
    const it = mapIteratorCall(ctx, shape.args[0]!);
    return it && it.kind !== 'All' ? it : undefined; // Collect takes an iter.Seq; All is a Seq2
  }
  const it = mapIteratorCall(ctx, e);
  return it && !it.std && it.kind !== 'All' && !insideSortedOrCollect(ctx, e) ? it : undefined;
}

/** The x/exp/maps.Keys slice is the argument of a sort or collect call: its order is handled there. */
function insideSortedOrCollect(ctx: RuleContext, call: SyntaxNode): boolean {
  const args = call.parent;
  const outer = args?.type === 'argument_list' ? args.parent : undefined;
  const shape = outer ? ast.callShape(outer) : null;
  return !!shape && /^(Collect|Sorted\w*)$/.test(shape.method ?? '') && shape.receiver?.text === ctx.file.importName('slices');
}
