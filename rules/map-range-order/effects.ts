// Order that reaches something other than a value: the caller's callback, or the
// sequence of draws from a seeded random source.
//  - visitor: `for k, v := range m { f(k, v) }` with f a function parameter hands
//    the entries to the caller in map order (etcd's Progress visitor, fixed to
//    visit sorted IDs).
//  - random draws: a package that keeps a seeded `*rand.Rand` (or seeds the global
//    source) does so to make runs repeatable; a call that draws from it once per
//    entry assigns the draws to entries in map order, so two runs with one seed
//    still differ.
import { ast, defineFact, type PackageModel, type RuleContext, type SyntaxNode, type FunctionFlow, type GoFile } from '../../src/engine/index.js';

type Derived = (n: SyntaxNode) => boolean;

export interface Effect {
  /** Finishes "Map iteration order is unspecified and randomised, and here ...". */
  effect: string;
}

function callsIn(body: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  ast.walk(body, (n) => {
    if (n.type === 'func_literal') return false;
    if (n.type === 'call_expression') out.push(n);
  });
  return out;
}

/**
 * `f(k, v)` as a statement in the body, with f a callback parameter of an exported
 * function or method: a public visitor hands its entries to code outside the package
 * in map order. Quiet for callbacks that return something (predicates, `yield` of an
 * iterator that mirrors the map, sync.Map.Range-style stop flags) and for unexported
 * helpers, whose callers are in view and rarely depend on the order.
 */
export function callbackInOrder(ctx: RuleContext, flow: FunctionFlow, body: SyntaxNode, derived: Derived): Effect | undefined {
  if (flow.fn.type === 'func_literal' || !/^[A-Z]/.test(ast.field(flow.fn, 'name')?.text ?? '')) return undefined;
  for (const call of callsIn(body)) {
    const fn = ast.field(call, 'function');
    if (fn?.type !== 'identifier' || call.parent?.type !== 'expression_statement') continue;
    const b = ctx.scopes.resolve(fn);
    if (!b || b.kind !== 'param' || b.func?.id !== flow.fn.id || b.typeNode?.type !== 'function_type') continue;
    if (ast.field(b.typeNode, 'result')) continue;
    const shape = ast.callShape(call);
    if (!shape?.args.some(derived)) continue;
    return { effect: `it reaches the caller: the callback ${fn.text} is called once per entry in that order (line ${call.startPosition.row + 1})` };
  }
  return undefined;
}

/** `r.Intn(...)` on a seeded source, or a package function that (transitively) draws from one. */
export function randomDraws(ctx: RuleContext, body: SyntaxNode): Effect | undefined {
  const seeded = ctx.fact(SeededDrawsFact);
  if (!seeded.drawers.size && !seeded.sources.size) return undefined;
  for (const call of callsIn(body)) {
    const fn = ast.field(call, 'function');
    if (!fn) continue;
    const f = ast.unparen(fn);
    const line = call.startPosition.row + 1;
    if (f.type === 'identifier' && seeded.drawers.has(f.text) && ctx.scopes.resolve(f)?.kind === 'func') {
      return { effect: `it decides which entry receives which random draw (${f.text} at line ${line} draws from ${seeded.describe}), so runs with the same seed still differ` };
    }
    const source = f.type === 'selector_expression' ? ast.field(f, 'operand') : null;
    if (source?.type === 'identifier' && seeded.sources.has(source.text) && ctx.scopes.resolve(source)?.kind === 'package') {
      return { effect: `it decides which entry receives which random draw (${f.text} at line ${line}), so runs with the same seed still differ` };
    }
  }
  return undefined;
}

interface SeededDraws {
  /** Package-level variables of type *rand.Rand. */
  sources: Set<string>;
  /** Package-level functions that draw from a seeded source, directly or through others. */
  drawers: Set<string>;
  /** "the seeded *rand.Rand testRand". */
  describe: string;
}

const RAND_PATHS = ['math/rand', 'math/rand/v2'];

function randName(file: GoFile): string | undefined {
  for (const p of RAND_PATHS) {
    const n = file.importName(p);
    if (n) return n;
  }
  return undefined;
}

const SeededDrawsFact = defineFact('map-range-order:seededDraws', (pkg: PackageModel): SeededDraws => {
  const sources = new Set<string>();
  for (const v of pkg.values.values()) {
    const rand = randName(v.file);
    if (!rand || v.kind !== 'var') continue;
    const typed = v.typeNode && v.typeNode.text.replace(/\s+/g, '') === `*${rand}.Rand`;
    const made = v.value && ast.callShape(ast.unparen(v.value))?.callee === `${rand}.New`;
    if (typed || made) sources.add(v.name);
  }
  // A package that calls rand.Seed wants the global source repeatable too.
  const globalSeeded = pkg.files.some((f) => {
    const rand = randName(f);
    return !!rand && new RegExp(`\\b${rand}\\.Seed\\(`).test(f.text);
  });
  const direct = new Set<string>();
  const calls = new Map<string, Set<string>>();
  const describe = sources.size ? `the package's *rand.Rand ${[...sources].sort().join(', ')}` : 'the seeded global source';
  // Without a seeded source nothing draws from one: no function to follow.
  if (!sources.size && !globalSeeded) return { sources, drawers: direct, describe };
  for (const decl of pkg.funcs.values()) {
    if (decl.receiver) continue;
    const rand = randName(decl.file);
    const callees = new Set<string>();
    let draws = false;
    for (const n of ast.descendants(decl.node, ['identifier', 'call_expression'])) {
      if (n.type === 'identifier' && sources.has(n.text)) draws = true;
      if (n.type === 'call_expression') {
        const fn = ast.field(n, 'function');
        if (fn?.type === 'identifier') callees.add(fn.text);
        const shape = ast.callShape(n);
        if (globalSeeded && rand && shape?.receiver?.text === rand && /^(Int|Uint|Float|Perm|Shuffle|N$|Exp|Norm)/.test(shape.method ?? '')) draws = true;
      }
    }
    if (draws) direct.add(decl.name);
    calls.set(decl.name, callees);
  }
  const drawers = new Set(direct);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, callees] of calls) {
      if (drawers.has(name)) continue;
      if ([...callees].some((c) => drawers.has(c))) {
        drawers.add(name);
        changed = true;
      }
    }
  }
  return { sources, drawers, describe };
});
