// HTTP handlers: net/http serves each request on its own goroutine, so a
// handler body is a concurrent context and code it reaches runs per request.
// Recognised: functions/literals with (http.ResponseWriter, *http.Request)
// parameters, ServeHTTP methods, and function values passed to
// http.HandleFunc / Handle / mux.HandleFunc / http.HandlerFunc(...).
import type { SyntaxNode } from './types.js';
import type { GoFile } from './source.js';
import { defineFact, type Fact, type PackageModel, type FuncDecl } from './model.js';
import { calledMethodName, callShape, field, namedChildren, parametersOf, unparen } from './ast.js';

const REGISTRATION_METHODS = new Set(['HandleFunc', 'Handle', 'Get', 'Post', 'Put', 'Delete', 'Patch', 'Head', 'Options', 'Any', 'Group']);
const REGISTRATION_CALL = new RegExp(`\\.(?:${[...REGISTRATION_METHODS].join('|')})\\s*\\(`);

/** True when the parameter list is (http.ResponseWriter, *http.Request) under the file's import name for net/http. */
export function hasHandlerSignature(fn: SyntaxNode, file: GoFile): boolean {
  const http = file.importName('net/http');
  if (!http) return false;
  const params = parametersOf(fn);
  const types = params.map((p) => p.type.text.replace(/\s+/g, ''));
  // Unnamed parameters are not returned by parametersOf; check the raw list too.
  const raw = namedChildren(field(fn, 'parameters') ?? fn)
    .filter((c) => c.type === 'parameter_declaration')
    .map((c) => field(c, 'type')?.text.replace(/\s+/g, '') ?? '');
  const list = types.length >= 2 ? types : raw;
  return list.length === 2 && list[0] === `${http}.ResponseWriter` && list[1] === `*${http}.Request`;
}

export interface HandlerSite {
  /** The function declaration, method or literal that serves requests. */
  fn: SyntaxNode;
  file: GoFile;
  why: 'signature' | 'ServeHTTP' | 'registered';
}

/** Every function in the package that net/http may run concurrently, once per request (computed once per package). */
export function httpHandlers(pkg: PackageModel): HandlerSite[] {
  return pkg.fact(HttpHandlersFact);
}

const HttpHandlersFact: Fact<HandlerSite[]> = defineFact('http-handlers', (pkg) => findHttpHandlers(pkg));

function findHttpHandlers(pkg: PackageModel): HandlerSite[] {
  const out = new Map<number, HandlerSite>();
  const add = (fn: SyntaxNode, file: GoFile, why: HandlerSite['why']) => {
    const had = out.get(fn.id);
    if (!had) out.set(fn.id, { fn, file, why });
    else if (why === 'registered') had.why = why;
  };
  for (const d of pkg.allFuncs()) {
    if (d.receiver && d.name === 'ServeHTTP' && hasHandlerSignature(d.node, d.file)) add(d.node, d.file, 'ServeHTTP');
    else if (hasHandlerSignature(d.node, d.file)) add(d.node, d.file, 'signature');
  }
  for (const file of pkg.files) {
    const http = file.importName('net/http');
    // Only files with a handler literal or a registration call hold anything the walk below finds.
    if (!http || !(file.text.includes(`${http}.ResponseWriter`) || REGISTRATION_CALL.test(file.text))) continue;
    for (const n of file.root.descendantsOfType(['func_literal', 'call_expression'])) {
      if (n.type === 'func_literal' && hasHandlerSignature(n, file)) add(n, file, 'signature');
      if (n.type !== 'call_expression') continue;
      const method = calledMethodName(n);
      if (!method || !REGISTRATION_METHODS.has(method)) continue;
      const call = callShape(n);
      if (!call?.method || !REGISTRATION_METHODS.has(call.method)) continue;
      for (const arg of call.args) {
        const e = unparen(arg);
        if (e.type === 'func_literal' && hasHandlerSignature(e, file)) add(e, file, 'registered');
        const target = resolveFuncValue(pkg, e);
        if (target) add(target.node, target.file, 'registered');
      }
    }
  }
  return [...out.values()];
}

/** A function value expression (`handle`, `s.handle`, `http.HandlerFunc(handle)`) -> its declaration in the package. */
export function resolveFuncValue(pkg: PackageModel, expr: SyntaxNode): FuncDecl | undefined {
  const e = unparen(expr);
  if (e.type === 'identifier') return pkg.funcs.get(e.text);
  if (e.type === 'selector_expression') {
    const name = field(e, 'field')?.text;
    if (!name) return undefined;
    const matches: FuncDecl[] = [];
    for (const methods of pkg.methods.values()) {
      const m = methods.get(name);
      if (m) matches.push(m);
    }
    return matches.length === 1 ? matches[0] : undefined;
  }
  if (e.type === 'call_expression' || e.type === 'type_conversion_expression') {
    const shape = callShape(e);
    if (shape && /(^|\.)HandlerFunc$/.test(shape.callee) && shape.args.length === 1) return resolveFuncValue(pkg, shape.args[0]!);
  }
  return undefined;
}

/** Calls that hand a handler to net/http (or a test server) to serve. */
const SERVE_CALL = /\b(?:ListenAndServe(?:TLS)?|NewServer|NewTLSServer|NewUnstartedServer)\s*\(|\.(?:Serve|ServeTLS|Handle)\s*\(|\bHandler\s*:/;

/**
 * Whether net/http really runs the handler once per request, which is what makes it a concurrent
 * context (RULES.md: from registration, not from the signature alone): registered handlers; a
 * ServeHTTP method of a type a library exports (its users serve it) or of a package that serves
 * handlers itself. A handler-shaped function the package only calls is sequential.
 */
/** Per package, computed once (asked once per handler, and a package can have hundreds). */
const servingOf = new WeakMap<PackageModel, { serves: boolean; receiverOf: Map<number, string> }>();

function serving(pkg: PackageModel): { serves: boolean; receiverOf: Map<number, string> } {
  let s = servingOf.get(pkg);
  if (!s) {
    const receiverOf = new Map<number, string>();
    for (const d of pkg.allFuncs()) receiverOf.set(d.node.id, d.receiver?.typeName ?? '');
    s = { serves: pkg.files.some((f) => !!f.importName('net/http') && SERVE_CALL.test(f.text)), receiverOf };
    servingOf.set(pkg, s);
  }
  return s;
}

export function isServed(pkg: PackageModel, h: HandlerSite): boolean {
  if (h.why === 'registered') return true;
  const { serves, receiverOf } = serving(pkg);
  if (h.why === 'signature') {
    // `httptest.NewServer(http.HandlerFunc(count))`: a named function handed to a server.
    const name = h.fn.type === 'func_literal' ? '' : (field(h.fn, 'name')?.text ?? '');
    return serves && !!name && pkg.files.some((f) => new RegExp(`HandlerFunc\\(\\s*${name}\\s*\\)`).test(f.text));
  }
  if (serves) return true;
  const recv = receiverOf.get(h.fn.id) ?? '';
  return h.file.packageName !== 'main' && /^[A-Z]/.test(recv);
}
