// Callbacks another package runs on goroutines (issue 17, "the whole module"): a function literal
// handed to a function of another package (of the module, vendor/ or the module cache) that runs
// that parameter on new goroutines (`go fn(x)`, `go func(){ ... fn(x) ... }()`, `g.Go(fn)`) is a
// goroutine of its own; started in a loop there, several run at once. The callee's body is read
// through the module view (withBodies, parsed once per package); what it does with the parameter
// is read from its own text, not from a model of that package.
// Approximated: a callee that hands the parameter on to another function is not followed.
import type { SyntaxNode } from '../types.js';
import { defineFact, type FuncDecl, type PackageModel } from '../model.js';
import { ScopesFact } from '../run.js';
import type { Scopes } from '../scope.js';
import { field, namedChildren, parametersOf, unparen, walk } from '../ast.js';
import { inLoopWithin } from './units.js';

/** Parameter index -> several goroutines at once. */
export type GoParams = ReadonlyMap<number, boolean>;

const NONE: GoParams = new Map();
/** Per tree, per declaration node id (node objects are views of the tree, not kept identities). */
const cache = new WeakMap<object, Map<number, GoParams>>();

/**
 * The foreign function or method `f` names (`pool.Run`, `p.Each` with p of another package's
 * type), when the module view can see it. `pkg` is the calling package.
 */
export function foreignCallee(pkg: PackageModel, scopes: Scopes, f: SyntaxNode): { decl: FuncDecl; owner: PackageModel } | undefined {
  if (!pkg.module || f.type !== 'selector_expression') return undefined;
  const name = field(f, 'field')?.text;
  const operand = field(f, 'operand');
  if (!name || !operand || !/^[A-Z]/.test(name)) return undefined;
  const base = unparen(operand);
  if (base.type === 'identifier' && !scopes.resolve(base)) {
    const other = pkg.importedPackage(base.text, base);
    const decl = other?.funcs.get(name);
    return decl && other ? { decl, owner: other } : undefined;
  }
  let t = scopes.typeOfExpr(base);
  if (t.kind === 'pointer') t = t.elem;
  if (t.kind !== 'named') return undefined;
  const found = pkg.namedDecl(t);
  if (!found || found.pkg === pkg) return undefined;
  const decl = found.pkg.methodsOf(t.name).get(name);
  return decl ? { decl, owner: found.pkg } : undefined;
}

/**
 * Which func-typed parameters of a foreign declaration its body runs on new goroutines. The body
 * is read from the declaration's source text and parsed on its own (the package itself was parsed
 * with bodies blanked); a body with no go statement and no `.Go(` is not parsed at all.
 */
export function foreignGoParams(callee: { decl: FuncDecl; owner: PackageModel }): GoParams {
  const node = callee.decl.node;
  let perTree = cache.get(node.tree);
  if (!perTree) cache.set(node.tree, (perTree = new Map()));
  const hit = perTree.get(node.id);
  if (hit) return hit;
  const result = goParamsOf(callee);
  perTree.set(node.id, result);
  return result;
}

function goParamsOf(callee: { decl: FuncDecl; owner: PackageModel }): GoParams {
  const params = parametersOf(callee.decl.node);
  const funcParams = params.map((p, i) => ({ i, name: p.name.text, func: p.type.type === 'function_type' })).filter((p) => p.func);
  const view = callee.owner.module;
  if (!funcParams.length || !view) return NONE;
  const source = view.declarationSource(callee.decl.node);
  if (!source || !/\bgo\b|\.Go\(/.test(source)) return NONE;
  const tree = view.parseDetached(`package p\n${source}`);
  try {
    const fn = tree.rootNode.namedChildren.find((c) => c.type === 'function_declaration' || c.type === 'method_declaration');
    const body = fn ? field(fn, 'body') : null;
    if (!fn || !body) return NONE;
    const out = new Map<number, boolean>();
    walk(body, (n) => {
      const started = n.type === 'go_statement' ? n : goCall(n);
      if (!started) return;
      for (const p of funcParams) {
        if (!new RegExp(`\\b${p.name}\\b`).test(started.text)) continue;
        const multi = inLoopWithin(started, fn);
        out.set(p.i, multi || out.get(p.i) === true);
      }
    });
    return out.size ? out : NONE;
  } finally {
    tree.delete();
  }
}

/** `g.Go(...)` / `wg.Go(...)`: a call that runs its argument on a new goroutine (errgroup, WaitGroup). */
function goCall(n: SyntaxNode): SyntaxNode | undefined {
  if (n.type !== 'call_expression') return undefined;
  const f = field(n, 'function');
  if (f?.type !== 'selector_expression' || field(f, 'field')?.text !== 'Go') return undefined;
  const args = namedChildren(field(n, 'arguments') ?? n).filter((c) => c.type !== 'comment');
  return args.length === 1 ? n : undefined;
}

/** A call to an exported selector with a function literal among its arguments, on one line. */
const CALLBACK_CALL = /\.[A-Z]\w*\([^\n]*\bfunc\s*\(/;

/**
 * The package's declarations (outside tests) that hand a literal to another package's function
 * running it on goroutines: starting points for the concurrency model, found once per package.
 */
export const ForeignCallbackFact = defineFact<FuncDecl[]>('foreign-callbacks', (pkg) => {
  if (!pkg.module || pkg.loadedByView) return [];
  const out: FuncDecl[] = [];
  let scopes: Scopes | undefined;
  for (const d of pkg.allFuncs()) {
    const body = field(d.node, 'body');
    if (!body || d.file.path.endsWith('_test.go') || !CALLBACK_CALL.test(body.text)) continue;
    scopes ??= pkg.fact(ScopesFact);
    const s = scopes;
    let found = false;
    walk(body, (n) => {
      if (found || n.type !== 'call_expression') return;
      const args = namedChildren(field(n, 'arguments') ?? n);
      const f = field(n, 'function');
      if (!f || !args.some((a) => unparen(a).type === 'func_literal')) return;
      const callee = foreignCallee(pkg, s, unparen(f));
      if (callee && foreignGoParams(callee).size) found = true;
    });
    if (found) out.push(d);
  }
  return out;
});

/** The goroutine-run parameters of another package's function `f` names, when a literal is passed to it. */
export function foreignGoArgs(pkg: PackageModel, scopes: Scopes, f: SyntaxNode, args: SyntaxNode[]): { params: GoParams; name: string } | undefined {
  if (!pkg.module || !args.some((a) => unparen(a).type === 'func_literal')) return undefined;
  const callee = foreignCallee(pkg, scopes, unparen(f));
  if (!callee) return undefined;
  const params = foreignGoParams(callee);
  const name = callee.decl.receiver ? `${callee.owner.name}.${callee.decl.receiver.typeName}.${callee.decl.name}` : `${callee.owner.name}.${callee.decl.name}`;
  return params.size ? { params, name } : undefined;
}

/** The expression is a sync.Once (or a pointer to one): `once.Do(func(){...})` runs its body once. */
export function isSyncOnce(pkg: PackageModel, scopes: Scopes, e: SyntaxNode | null): boolean {
  if (!e) return false;
  let t = scopes.typeOfExpr(unparen(e));
  if (t.kind === 'pointer') t = t.elem;
  if (t.kind !== 'named' || t.name !== 'Once' || !t.qualifier) return false;
  const file = pkg.fileOf(t.node) ?? t.home?.fileOf(t.node);
  return file?.imports.get(t.qualifier) === 'sync';
}
