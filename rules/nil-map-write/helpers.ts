// A map that comes from a helper in this package which returns a literal `nil`
// for it on some path: `m := lookup(k); m[x] = v`. A `return nil, err` only
// counts when the caller does not test that error before the write.
import { ast, type Binding, type RuleContext, type SyntaxNode } from '../../src/engine/index.js';
import { line } from './paths.js';

export interface NilReturn {
  /** The helper's name as called. */
  callee: string;
  /** The `return` that yields nil for the map. */
  ret: SyntaxNode;
  call: SyntaxNode;
}

/** The function or method declaration a call runs, when it is declared in this package. */
export function calleeDecl(ctx: RuleContext, call: SyntaxNode): SyntaxNode | undefined {
  const fn = ast.field(call, 'function');
  if (!fn) return undefined;
  const f = ast.unparen(fn);
  if (f.type === 'identifier') {
    const b = ctx.scopes.resolve(f);
    if (b && b.kind !== 'package' && b.kind !== 'func') return undefined;
    return ctx.pkg.funcs.get(f.text)?.node;
  }
  const shape = ast.callShape(call);
  if (!shape?.method || !shape.receiver) return undefined;
  let t = ctx.scopes.typeOfExpr(shape.receiver);
  if (t.kind === 'pointer') t = t.elem;
  if (t.kind !== 'named' || t.qualifier) return undefined;
  return ctx.pkg.methodsOf(t.name).get(shape.method)?.node;
}

/** Result type nodes of a function declaration, one per result (names expanded). */
function resultTypes(decl: SyntaxNode): SyntaxNode[] {
  const result = ast.field(decl, 'result');
  if (!result) return [];
  if (result.type !== 'parameter_list') return [result];
  const out: SyntaxNode[] = [];
  for (const p of ast.namedChildren(result)) {
    const type = ast.field(p, 'type');
    if (!type) continue;
    const names = p.childrenForFieldName('name').length;
    for (let i = 0; i < Math.max(1, names); i++) out.push(type);
  }
  return out;
}

/**
 * For a local bound by `m := helper(...)` or `m, err := helper(...)`: a `return`
 * in helper that gives nil for m on a path the caller does not rule out by
 * testing err between the call and `write`.
 */
export function nilReturnOf(ctx: RuleContext, b: Binding, write: SyntaxNode): NilReturn | undefined {
  const call = b.value ?? b.tupleValue?.expr;
  if (!call || ast.unparen(call).type !== 'call_expression') return undefined;
  const index = b.tupleValue?.index ?? 0;
  const decl = calleeDecl(ctx, ast.unparen(call));
  if (!decl) return undefined;
  const types = resultTypes(decl);
  const mapType = types[index];
  if (!mapType || ctx.pkg.underlying(ctx.pkg.typeOf(mapType)).kind !== 'map') return undefined;
  // A trailing error, []error or ok flag reports failure; `nil, err` / `nil, false` paths
  // do not reach a write that the caller guards by testing it.
  const statusType = types.length > 1 ? types[types.length - 1].text : '';
  const errorIndex = ['error', '[]error', 'bool'].includes(statusType) ? types.length - 1 : -1;
  const errorTested = errorIndex >= 0 && statusTestedBefore(b, errorIndex, write, statusType === 'bool');
  const body = ast.functionBody(decl);
  if (!body) return undefined;
  let found: SyntaxNode | undefined;
  ast.walk(body, (n) => {
    if (found || n.type === 'func_literal') return false;
    if (n.type !== 'return_statement') return true;
    const values = ast.expressionsOf(n.namedChild(0));
    if (values.length !== types.length || values[index]?.type !== 'nil') return false;
    // `return nil, err`: the caller that tests err never reaches the write on this path.
    const failure = statusType === 'bool' ? values[errorIndex]?.type === 'false' : values[errorIndex]?.type !== 'nil';
    if (errorTested && failure) return false;
    found = n;
    return false;
  });
  return found ? { callee: ast.field(ast.unparen(call), 'function')?.text ?? 'the helper', ret: found, call } : undefined;
}

/** Whether the status bound next to the map (`m, err := f()`, `m, ok := f()`) is tested between the call and the write. */
function statusTestedBefore(b: Binding, errorIndex: number, write: SyntaxNode, isFlag: boolean): boolean {
  const names = b.declNode.type === 'var_spec' ? b.declNode.childrenForFieldName('name') : ast.expressionsOf(ast.field(b.declNode, 'left'));
  const errName = names[errorIndex]?.text;
  if (!errName || errName === '_') return false;
  const fn = ast.enclosingFunction(write);
  if (!fn) return false;
  let tested = false;
  ast.walk(fn, (n) => {
    if (tested || n.startIndex >= write.startIndex) return false;
    if (n.startIndex <= b.declNode.startIndex) return true;
    if (n.type === 'binary_expression') {
      const t = n.text.replace(/\s+/g, '');
      if (t === `${errName}!=nil` || t === `${errName}==nil`) tested = true;
    }
    if (isFlag && n.type === 'if_statement') {
      const cond = ast.field(n, 'condition');
      if (cond && (cond.type === 'identifier' ? [cond] : ast.descendants(cond, ['identifier'])).some((i) => i.text === errName)) tested = true;
    }
    return true;
  });
  return tested;
}

export function nilReturnMessage(name: string, r: NilReturn, where: string): string {
  return `${name} may be a nil map here: ${r.callee} returns nil for it at ${where}, and nothing between the call at line ${line(r.call)} and this write checks or allocates ${name}. On that path the write panics with "assignment to entry in nil map"; test ${name} == nil before writing, or have ${r.callee} return an empty map.`;
}
