// Concurrent callers in other packages of the module (issue 17, "the whole module"): an exported
// function or method of the analysed package called from a goroutine or a served HTTP handler of
// an importing package is an entry point that runs concurrently, though nothing in its own
// package says so. Each such call becomes a root of the analysed package's model (summaries.ts),
// with the importer's goroutine or handler as its site.
//
// What counts, read at the call site in the importer (syntax and its scopes, no model of its own):
// - the call sits lexically in a goroutine body (`go func(){...}()`, errgroup / WaitGroup.Go
//   literals, `go x.M()` itself) or in a handler net/http serves (handlers.ts), through literals
//   that run where they are written (`func(){...}()`, `defer func(){...}()`);
// - no lock is held there (the importer may serialise the calls itself): the body's text before
//   the call has no more `Lock()`/`RLock()` calls than `Unlock()`/`RUnlock()` statements;
// - for a method, the receiver is one value the concurrent runs share: a package variable, the
//   handler's own receiver, or a variable declared outside the goroutine body and outside the loop
//   that starts it. A value made inside the body or the loop (each run its own) is not a shared
//   one, and neither is a value we cannot name (`get().M()`).
// - one helper up: the call sits in a declaration of the importer (no lock before it, its receiver
//   rooted at the helper's receiver or a package variable) that such a goroutine or handler calls
//   on a shared value.
// Approximated: helpers are seen only in the importer's files that start goroutines or serve
// requests (the others are parsed with bodies blanked), one level only; interface calls are not
// resolved to the package's implementations.
import type { SyntaxNode } from '../types.js';
import type { GoFile } from '../source.js';
import type { FuncDecl, PackageModel } from '../model.js';
import { defineFact } from '../model.js';
import type { GoType } from '../gotypes.js';
import type { Scopes } from '../scope.js';
import { ScopesFact } from '../run.js';
import { GO_STATEMENT } from '../relevant.js';
import { callShape, field, namedChildren, unparen, walk } from '../ast.js';
import { httpHandlers, isServed } from '../handlers.js';
import { goStarter } from './contexts.js';
import { contains, enclosingFunctionNode, loopWithin } from './units.js';
import { isSetupName, isShutdownName, isTestFile } from './phases.js';
import type { RootKind } from './types.js';

export interface ImporterCall {
  /** The analysed package's function or method the importer calls. */
  decl: FuncDecl;
  kind: RootKind;
  /** The go statement, the `Go(...)` call or the handler function, in the importer. */
  site: SyntaxNode;
  siteFile: GoFile;
  /** Several runs at once: a goroutine started in a loop or per request, a handler. */
  multi: boolean;
  /** The importing package's import path, for messages. */
  importer: string;
}

/** Calls from importers' goroutines and handlers, once per analysed package (none for packages the view loaded). */
export const ImporterCallsFact = defineFact<ImporterCall[]>('importer-calls', (pkg) => findImporterCalls(pkg));

/** A statement that writes a map element (or deletes / clears one): the prefilter for candidates. */
const MAP_WRITE = /\]\s*(?:=[^=]|\+\+|--|[-+*/%|&^]=)|\b(?:delete|clear)\(/;
const CONCURRENT_TEXT = /\.Go\(|ResponseWriter|ServeHTTP|\bHandle(?:Func)?\(/;
const LOCK_CALLS = /\.R?Lock\(\)/g;
const UNLOCK_CALLS = /\.R?Unlock\(\)/g;
const DEFERRED_UNLOCKS = /\bdefer\s+[\w.]+\.R?Unlock\(\)/g;
const MAX_IMPORTER_DIRS = 400;

function findImporterCalls(pkg: PackageModel): ImporterCall[] {
  const view = pkg.module;
  if (!view || !pkg.importPath || pkg.loadedByView || pkg.declarationsOnly) return [];
  const candidates = candidateDecls(pkg);
  if (!candidates.size) return [];
  const dirs = view.importersOf(pkg.importPath).filter((d) => d !== pkg.dir).slice(0, MAX_IMPORTER_DIRS);
  const names = [...candidates.keys()];
  const callText = new RegExp(`\\.(?:${names.join('|')})\\(`);
  const out: ImporterCall[] = [];
  for (const dir of dirs) {
    const texts = view.goFilesAt(dir) ?? [];
    const worth = texts.some((f) => !f.name.endsWith('_test.go') && callText.test(f.text) && (GO_STATEMENT.test(f.text) || CONCURRENT_TEXT.test(f.text)));
    if (!worth) continue;
    const q = view.callersAt(dir);
    if (q) out.push(...callsIn(q, pkg, candidates, callText));
  }
  // Several runs at once first: a unit is the target of one root.
  return out.sort((a, b) => Number(b.multi) - Number(a.multi));
}

/**
 * Exported functions and methods that may write a map: their body, or the body of an unexported
 * function of the package they call, has a map-element write. Set-up and tear-down names are left
 * out (they run before the value is shared, or after its users stopped).
 */
function candidateDecls(pkg: PackageModel): Map<string, FuncDecl[]> {
  const writes = new Map<FuncDecl, boolean>();
  const writesMap = (d: FuncDecl) => {
    let hit = writes.get(d);
    if (hit === undefined) writes.set(d, (hit = MAP_WRITE.test(field(d.node, 'body')?.text ?? '')));
    return hit;
  };
  const helpers = [...pkg.allFuncs()].filter((d) => /^[a-z_]/.test(d.name) && !isTestFile(d.file) && writesMap(d)).map((d) => d.name);
  const callsHelper = helpers.length ? new RegExp(`\\b(?:${[...new Set(helpers)].join('|')})\\(`) : undefined;
  const out = new Map<string, FuncDecl[]>();
  for (const d of pkg.allFuncs()) {
    if (!/^[A-Z]/.test(d.name) || isTestFile(d.file) || isSetupName(d.name) || isShutdownName(d.name)) continue;
    // A constructor writes the value it is making: nobody else holds it yet.
    if (!d.receiver && /^New/.test(d.name)) continue;
    const body = field(d.node, 'body')?.text ?? '';
    if (!writesMap(d) && !(callsHelper && callsHelper.test(body))) continue;
    let list = out.get(d.name);
    if (!list) out.set(d.name, (list = []));
    list.push(d);
  }
  return out;
}

function callsIn(q: PackageModel, pkg: PackageModel, candidates: Map<string, FuncDecl[]>, callText: RegExp): ImporterCall[] {
  const scopes = q.fact(ScopesFact);
  const handlers = new Map<number, boolean>();
  for (const h of httpHandlers(q)) handlers.set(h.fn.id, isServed(q, h));
  const out: ImporterCall[] = [];
  for (const file of q.files) {
    if (isTestFile(file) || !callText.test(file.text)) continue;
    const local = file.importName(pkg.importPath!);
    walk(file.root, (n) => {
      if (n.type !== 'call_expression') return;
      const shape = callShape(n);
      if (!shape?.method || !shape.receiver || !candidates.has(shape.method)) return;
      const decl = calleeDecl(q, scopes, pkg, candidates.get(shape.method)!, shape.receiver, local);
      if (!decl) return;
      const ctx = concurrentContext(n, file, scopes, handlers);
      if (ctx) {
        if (decl.receiver && !sharedReceiver(shape.receiver, ctx, scopes)) return;
        out.push({ decl, kind: ctx.kind, site: ctx.site, siteFile: file, multi: ctx.multi, importer: q.importPath ?? q.dir });
        return;
      }
      // One helper up: `func (s *Server) record(k) { s.counter.Add(k) }` called from the goroutine.
      const helper = helperOf(q, n, shape.receiver, scopes);
      if (!helper) return;
      for (const c of helperCalls(q, helper, scopes, handlers)) out.push({ decl, ...c, importer: q.importPath ?? q.dir });
    });
  }
  return out;
}

/**
 * The importer's declaration around a call that is in no goroutine itself, when the call can
 * carry a goroutine's sharing through it: no lock taken before it there, and (for a method
 * call) a receiver rooted at the helper's own receiver or a package variable.
 */
function helperOf(q: PackageModel, call: SyntaxNode, recv: SyntaxNode, scopes: Scopes): FuncDecl | undefined {
  const fn = enclosingFunctionNode(call);
  if (!fn || fn.type === 'func_literal' || lockHeld(textBefore(fn, call))) return undefined;
  const decl = [...q.allFuncs()].find((d) => d.node.id === fn.id && d.node.tree === fn.tree);
  if (!decl) return undefined;
  const root = rootOf(recv);
  const b = root ? scopes.resolve(root) : undefined;
  if (root && b && b.kind !== 'package' && !(b.kind === 'receiver' && decl.receiver)) return undefined;
  if (root && !b && recv.type !== 'identifier') return undefined;
  return decl;
}

/** Calls of an importer helper from its goroutines and served handlers, on a shared receiver. */
function helperCalls(q: PackageModel, helper: FuncDecl, scopes: Scopes, handlers: Map<number, boolean>): Omit<ImporterCall, 'decl' | 'importer'>[] {
  const out: Omit<ImporterCall, 'decl' | 'importer'>[] = [];
  const text = helper.receiver ? `.${helper.name}(` : `${helper.name}(`;
  for (const file of q.files) {
    if (isTestFile(file) || !file.text.includes(text)) continue;
    walk(file.root, (n) => {
      if (n.type !== 'call_expression') return;
      const shape = callShape(n);
      if (!shape) return;
      if (helper.receiver) {
        if (shape.method !== helper.name || !shape.receiver) return;
        let t = scopes.typeOfExpr(shape.receiver);
        if (t.kind === 'pointer') t = t.elem;
        if (t.kind !== 'named' || t.qualifier || t.name !== helper.receiver.typeName) return;
      } else if (shape.callee !== helper.name || shape.method) return;
      const ctx = concurrentContext(n, file, scopes, handlers);
      if (!ctx || (shape.receiver && !sharedReceiver(shape.receiver, ctx, scopes))) return;
      out.push({ kind: ctx.kind, site: ctx.site, siteFile: file, multi: ctx.multi });
    });
  }
  return out;
}

function rootOf(e: SyntaxNode): SyntaxNode | undefined {
  let x = e;
  while (x.type === 'selector_expression' || x.type === 'parenthesized_expression') x = x.type === 'selector_expression' ? field(x, 'operand')! : x.namedChildren[0]!;
  return x?.type === 'identifier' ? x : undefined;
}

/** The candidate the call names: `p.F(...)` through the import, or `x.M(...)` with x of the package's type. */
function calleeDecl(q: PackageModel, scopes: Scopes, pkg: PackageModel, decls: FuncDecl[], recv: SyntaxNode, local: string | undefined): FuncDecl | undefined {
  if (recv.type === 'identifier' && local && recv.text === local && !scopes.resolve(recv)) return decls.find((d) => !d.receiver);
  const t = scopes.typeOfExpr(recv);
  const typeName = packageTypeName(q, t, pkg) ?? (q.underlying(t).kind === 'interface' ? implementationIn(q, scopes, pkg, recv) : undefined);
  return typeName ? decls.find((d) => d.receiver?.typeName === typeName) : undefined;
}

/**
 * An interface-typed field `x.f` whose every assignment the importer makes visibly (`S{f: e}`,
 * `&S{f: e}`, `v.f = e`) stores a value of one type of the analysed package: that type, so the
 * interface call reaches its method. Unknown when any assignment is of another type or unseen.
 */
function implementationIn(q: PackageModel, scopes: Scopes, pkg: PackageModel, recv: SyntaxNode): string | undefined {
  if (recv.type !== 'selector_expression') return undefined;
  const fieldName = field(recv, 'field')?.text;
  const operand = field(recv, 'operand');
  if (!fieldName || !operand) return undefined;
  let owner = scopes.typeOfExpr(operand);
  if (owner.kind === 'pointer') owner = owner.elem;
  if (owner.kind !== 'named' || owner.qualifier || !q.structFieldsOf(owner.name)?.some((f) => f.name === fieldName)) return undefined;
  const structName = owner.name;
  const found = new Set<string | undefined>();
  for (const file of q.files) {
    if (!file.text.includes(fieldName)) continue;
    walk(file.root, (n) => {
      if (n.type === 'composite_literal' && field(n, 'type')?.text === structName) {
        for (const el of namedChildren(field(n, 'body') ?? n)) {
          if (el.type !== 'keyed_element') continue;
          const [k, v] = namedChildren(el);
          if (k?.text === fieldName && v) found.add(packageTypeName(q, scopes.typeOfExpr(unparen(namedChildren(v)[0] ?? v)), pkg));
        }
      } else if (n.type === 'assignment_statement') {
        const [left, right] = [field(n, 'left'), field(n, 'right')].map((x) => (x ? namedChildren(x) : []));
        left!.forEach((l, i) => {
          if (l.type !== 'selector_expression' || field(l, 'field')?.text !== fieldName || !right![i]) return;
          let lt = scopes.typeOfExpr(field(l, 'operand')!);
          if (lt.kind === 'pointer') lt = lt.elem;
          if (lt.kind === 'named' && !lt.qualifier && lt.name === structName) found.add(packageTypeName(q, scopes.typeOfExpr(right![i]!), pkg));
        });
      }
    });
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** The name of the analysed package's type that `t` (or `*t`) is, as seen from the importer. */
function packageTypeName(q: PackageModel, t: GoType, pkg: PackageModel): string | undefined {
  const x = t.kind === 'pointer' ? t.elem : t;
  if (x.kind !== 'named') return undefined;
  // Written in another package of the view (a result type of the analysed package's function):
  // rehomed there, so its home says which package declares it.
  if (x.home && x.home.importPath === pkg.importPath && (!x.qualifier || x.qualifier === x.home.name)) return x.name;
  if (!x.qualifier) return undefined;
  const file = q.fileOf(x.node) ?? x.home?.fileOf(x.node);
  return file?.imports.get(x.qualifier) === pkg.importPath ? x.name : undefined;
}

interface Context {
  kind: RootKind;
  site: SyntaxNode;
  /** The function whose body runs concurrently (a literal, a handler, or none for `go x.M()`). */
  body?: SyntaxNode;
  /** The loop that starts the goroutine, when it is started in one. */
  loop?: SyntaxNode;
  multi: boolean;
}

const FUNC = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** The goroutine or served handler the call runs in, lexically, with no lock taken before it there. */
function concurrentContext(call: SyntaxNode, file: GoFile, scopes: Scopes, handlers: Map<number, boolean>): Context | undefined {
  // `go x.M()`: the call is the goroutine.
  if (call.parent?.type === 'go_statement') return started('go', call.parent, undefined, handlers);
  for (let p = call.parent; p; p = p.parent) {
    if (!FUNC.has(p.type)) continue;
    if (lockHeld(textBefore(p, call))) return undefined;
    if (handlers.get(p.id)) return { kind: 'http', site: p, body: p, multi: true };
    if (p.type !== 'func_literal') return undefined;
    const outer = p.parent;
    if (outer?.type === 'call_expression' && field(outer, 'function')?.id === p.id) {
      // `go func(){...}()` starts a goroutine; `func(){...}()` and `defer func(){...}()` run in place.
      if (outer.parent?.type === 'go_statement') return started('go', outer.parent, p, handlers);
      continue;
    }
    if (outer?.type === 'argument_list' && outer.parent?.type === 'call_expression') {
      const starter = outer.parent;
      const shape = callShape(starter);
      const args = shape?.args ?? [];
      const g = shape ? goStarter(scopes, file, shape, args) : undefined;
      if (g && args[g.argIndex]?.id === p.id) return started(g.kind, starter, p, handlers);
    }
    // A callback handed to something else runs where that decides: not followed.
    return undefined;
  }
  return undefined;
}

function started(kind: RootKind, site: SyntaxNode, body: SyntaxNode | undefined, handlers: Map<number, boolean>): Context {
  const fn = enclosingFunctionNode(site);
  const loop = fn ? loopWithin(site, fn) : undefined;
  const perRequest = !!fn && handlers.get(fn.id) === true;
  return { kind, site, body, loop, multi: !!loop || perRequest };
}

/**
 * A lock is taken before this point of a body and not released: more `Lock()`/`RLock()` calls
 * than `Unlock()`/`RUnlock()` statements (a deferred unlock releases nothing before the end).
 * Counted on the text, not paired by mutex or branch: a lock in any branch counts as held.
 */
function lockHeld(text: string): boolean {
  const locks = text.match(LOCK_CALLS)?.length ?? 0;
  if (!locks) return false;
  const unlocks = (text.match(UNLOCK_CALLS)?.length ?? 0) - (text.match(DEFERRED_UNLOCKS)?.length ?? 0);
  return locks > unlocks;
}

/** The text of fn's body from its start to the node. */
function textBefore(fn: SyntaxNode, node: SyntaxNode): string {
  const body = field(fn, 'body');
  if (!body) return '';
  return body.text.slice(0, Math.max(0, node.startIndex - body.startIndex));
}

/** The receiver is one value every concurrent run of the context reaches. */
function sharedReceiver(recv: SyntaxNode, ctx: Context, scopes: Scopes): boolean {
  const e = rootOf(recv);
  if (!e) return false;
  const b = scopes.resolve(e);
  if (!b) return false;
  if (b.kind === 'package') return true;
  // Declared inside the goroutine body or the handler (a request's own value), or in the loop that
  // starts one goroutine per iteration: each run has its own.
  if (ctx.body && contains(ctx.body, b.declNode)) return ctx.kind === 'http' && b.kind === 'receiver';
  if (ctx.loop && contains(ctx.loop, b.declNode)) return false;
  return b.kind === 'local' || b.kind === 'param' || b.kind === 'receiver' || b.kind === 'result';
}
