// Light intra-function flow: where a local is used, in statement order; whether
// a slice is sorted after a point; whether a value leaves the function (returned,
// printed, encoded, joined, hashed, stored in a field or sent). Built lazily and
// at most once per function, so rules that ask about the same function share it.
// Source order stands in for execution order, plus one correction: a use inside
// a loop that also encloses the point counts as "after" (the next iteration).
import type { SyntaxNode } from './types.js';
import type { Binding, Scopes } from './scope.js';
import { defineFact, type PackageModel } from './model.js';
import type { GoType } from './gotypes.js';
import type { GoFile } from './source.js';
import { callShape, contains, enclosingFunction, expressionsOf, exprKey, field, unparen, walk } from './ast.js';
import { usesOf, type Use } from './uses.js';

const LOOP_TYPES = ['for_statement'] as const;
const FUNC_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** Per-function index of identifiers by name; uses of a binding are resolved on demand and cached. */
export class FunctionFlow {
  private readonly byName = new Map<string, SyntaxNode[]>();
  private readonly useCache = new Map<number, Use[]>();
  private calls?: SyntaxNode[];

  constructor(
    readonly scopes: Scopes,
    /** The function declaration, method or literal. */
    readonly fn: SyntaxNode,
  ) {
    walk(fn, (n) => {
      if (n.type !== 'identifier') return;
      let list = this.byName.get(n.text);
      if (!list) this.byName.set(n.text, (list = []));
      list.push(n);
    });
  }

  /** Every occurrence of `b` in this function (closures included), in source order. */
  uses(b: Binding): Use[] {
    const hit = this.useCache.get(b.nameNode.id);
    if (hit) return hit;
    const out: Use[] = [];
    for (const n of this.byName.get(b.name) ?? []) {
      const r = this.scopes.resolve(n);
      // usesOf on the identifier alone classifies it (read/assign/address/decl) the shared way.
      if (r && r.nameNode.id === b.nameNode.id) out.push(...usesOf(this.scopes, b, n));
    }
    this.useCache.set(b.nameNode.id, out);
    return out;
  }

  /** Uses of `b` that may run after `point` finishes: later in source order, or in a loop enclosing both. */
  usesAfter(b: Binding, point: SyntaxNode): Use[] {
    return this.uses(b).filter((u) => isAfter(u.node, point, this.fn));
  }

  /** Call expressions of the function in source order (closures included). */
  allCalls(): SyntaxNode[] {
    if (!this.calls) {
      const calls: SyntaxNode[] = [];
      walk(this.fn, (n) => {
        if (n.type === 'call_expression') calls.push(n);
      });
      this.calls = calls;
    }
    return this.calls;
  }

  /**
   * A sort of the slice `b` (or, with `key`, of the expression `s.items`) that runs
   * after `point`: `sort.*`, `slices.Sort*`, `sort.Sort(byName(s))`, `byName(s).Sort()`,
   * or any helper whose name says it sorts (`sortKeys(s)`).
   */
  sortAfter(target: Binding | string, point: SyntaxNode): SyntaxNode | undefined {
    // Aliases: `hs.kvs = kvs` (or `other := kvs`) after the point, then a sort of
    // `hs.kvs`, or of `hs` itself (a sort.Interface holding the slice).
    const targets: (Binding | string)[] = [target];
    if (typeof target !== 'string') {
      for (const u of this.usesAfter(target, point)) {
        const alias = aliasOf(u.node);
        if (!alias) continue;
        if (alias.type === 'identifier') {
          const b = this.scopes.resolve(alias);
          if (b) targets.push(b);
        } else {
          targets.push(exprKey(alias));
          const root = rootIdentifier(alias);
          if (root) targets.push(root.text);
        }
      }
    }
    for (const call of this.allCalls()) {
      if (!isAfter(call, point, this.fn) || !isSortCall(call)) continue;
      if (targets.some((t) => mentions(call, t, this.scopes))) return call;
    }
    return undefined;
  }

  /** How the value of `b` leaves the function after `point` (first such use), if it does. */
  leavesAfter(b: Binding, point: SyntaxNode): Escape | undefined {
    if (b.kind === 'result' && b.func?.id === this.fn.id) return { kind: 'return', node: b.nameNode, what: 'returned as a named result' };
    for (const u of this.usesAfter(b, point)) {
      if (u.kind !== 'read') continue;
      const e = escapeOf(u.node, this.fn);
      if (e) return e;
    }
    return undefined;
  }
}

export type EscapeKind = 'return' | 'output' | 'field' | 'send' | 'compare';

export interface Escape {
  kind: EscapeKind;
  /** The statement or call through which the value leaves. */
  node: SyntaxNode;
  /** Human words: "returned", "passed to strings.Join". */
  what: string;
}

const flows = new WeakMap<Scopes, Map<number, FunctionFlow>>();

/** The (cached) flow index of the function declaring or containing `node`. */
export function flowOf(scopes: Scopes, node: SyntaxNode): FunctionFlow | undefined {
  const fn = FUNC_TYPES.has(node.type) ? node : enclosingFunction(node);
  if (!fn) return undefined;
  let byFn = flows.get(scopes);
  if (!byFn) flows.set(scopes, (byFn = new Map()));
  let f = byFn.get(fn.id);
  if (!f) byFn.set(fn.id, (f = new FunctionFlow(scopes, fn)));
  return f;
}

/** True when `node` may run after `point` has run: later in source order, or inside a loop (within `fn`) enclosing both. */
export function isAfter(node: SyntaxNode, point: SyntaxNode, fn: SyntaxNode): boolean {
  if (contains(point, node)) return false;
  if (node.startIndex >= point.endIndex) return true;
  for (let p = point.parent; p && p.id !== fn.id; p = p.parent) {
    if (FUNC_TYPES.has(p.type)) return false;
    if ((LOOP_TYPES as readonly string[]).includes(p.type) && contains(p, node)) {
      // Only the loop body repeats; the range expression or init runs once before.
      const body = field(p, 'body');
      return !!body && contains(body, node);
    }
  }
  return false;
}

/** For `x = s` / `x := s` / `s.f = s` with `ident` alone on the right: the left-hand side. */
function aliasOf(ident: SyntaxNode): SyntaxNode | undefined {
  const list = ident.parent;
  const stmt = list?.type === 'expression_list' ? list.parent : list;
  if (!stmt || (stmt.type !== 'assignment_statement' && stmt.type !== 'short_var_declaration')) return undefined;
  const right = field(stmt, 'right');
  const left = field(stmt, 'left');
  const rs = expressionsOf(right);
  const ls = expressionsOf(left);
  if (rs.length !== 1 || ls.length !== 1 || unparen(rs[0]!).id !== ident.id) return undefined;
  const lhs = unparen(ls[0]!);
  return lhs.type === 'identifier' || lhs.type === 'selector_expression' ? lhs : undefined;
}

/** `a` for `a.b.c`. */
export function rootIdentifier(expr: SyntaxNode): SyntaxNode | undefined {
  let e = unparen(expr);
  while (e.type === 'selector_expression') {
    const op = field(e, 'operand');
    if (!op) return undefined;
    e = unparen(op);
  }
  return e.type === 'identifier' ? e : undefined;
}

/**
 * Field names that some sort call in the package mentions (`sort.Sort(byName(r.values))`,
 * `sortedValues(r.values)`): a slice field collected in map order and sorted by
 * another method before use.
 */
export function sortedFieldNames(pkg: PackageModel): Set<string> {
  return pkg.fact(SortedFieldsFact);
}

const SortedFieldsFact = defineFact('flow:sortedFieldNames', (pkg) => {
  const out = new Set<string>();
  for (const f of pkg.files) {
    for (const n of f.root.descendantsOfType('call_expression')) {
      if (!isSortCall(n)) continue;
      for (const c of n.descendantsOfType('field_identifier')) out.add(c.text);
    }
  }
  return out;
});

const SORT_NAME = /sort/i;
const NOT_SORT = /search|issorted/i;
const SORT_OR_HEAP = /sort|heap/i;

/** A call that sorts one of its arguments (or its receiver): by name. */
export function isSortCall(call: SyntaxNode): boolean {
  const fn = field(call, 'function');
  // Every name and qualifier below is part of the callee's text: most calls end here.
  if (!fn || !SORT_OR_HEAP.test(fn.text)) return false;
  const f = unparen(fn);
  const name = f.type === 'selector_expression' ? (field(f, 'field')?.text ?? '') : f.type === 'identifier' ? f.text : '';
  const qualifier = f.type === 'selector_expression' ? exprKey(field(f, 'operand') ?? f) : '';
  if (NOT_SORT.test(name)) return false;
  if (SORT_NAME.test(name)) return true;
  // heap.Init orders by Less: with a total Less the input order no longer matters.
  if (qualifier === 'heap' && name === 'Init') return true;
  // sort.Strings(s), sort.Ints(s), sort.Float64s(s), sort.Slice(s, less), sort.Stable(x)
  return qualifier === 'sort' && /^(Strings|Ints|Float64s|Slice|SliceStable|Stable)$/.test(name);
}

/** True when the call's arguments or receiver mention the binding (or an expression with this key). */
function mentions(call: SyntaxNode, target: Binding | string, scopes: Scopes): boolean {
  let found = false;
  walk(call, (n) => {
    if (found) return false;
    if (typeof target === 'string') {
      if ((n.type === 'selector_expression' || n.type === 'identifier') && exprKey(n) === target) found = true;
    } else if (n.type === 'identifier' && n.text === target.name) {
      const r = scopes.resolve(n);
      if (r && r.nameNode.id === target.nameNode.id) found = true;
    }
    return !found;
  });
  return found;
}

// Expression nodes through which a value passes unchanged (or wrapped) on its way to a sink.
const CARRIERS = new Set([
  'parenthesized_expression', 'expression_list', 'literal_element', 'keyed_element', 'literal_value',
  'composite_literal', 'slice_expression', 'argument_list', 'variadic_argument',
]);

const PRINT_FUNCS = /^(Fprint|Fprintf|Fprintln|Print|Printf|Println|Sprint|Sprintf|Sprintln|Errorf|Appendf|Append|Appendln)$/;
const LOG_FUNCS = /^(Print|Printf|Println|Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)$/;
const WRITE_METHODS = /^(Write|WriteString|WriteByte|WriteRune|Encode|EncodeElement)$/;

/** Where a use of a value leaves the function: return, sink call, field store or send. */
export function escapeOf(ident: SyntaxNode, fn: SyntaxNode): Escape | undefined {
  let child = ident;
  for (let p = ident.parent; p && p.id !== fn.id; child = p, p = p.parent) {
    if (FUNC_TYPES.has(p.type)) return undefined;
    if (p.type === 'unary_expression' && p.child(0)?.type === '&') continue;
    if (p.type === 'keyed_element' && p.namedChild(0)?.id === child.id) return undefined; // used as a key
    if (p.type === 'slice_expression' && emptyTail(p, child)) return undefined;
    if (CARRIERS.has(p.type)) continue;
    if (p.type === 'return_statement') return { kind: 'return', node: p, what: 'returned' };
    if (p.type === 'send_statement') return field(p, 'value')?.id === child.id ? { kind: 'send', node: p, what: 'sent on a channel' } : undefined;
    if (p.type === 'assignment_statement') {
      const right = field(p, 'right');
      if (!right || right.id !== child.id) return undefined;
      const targets = field(p, 'left');
      const lhs = targets ? (targets.type === 'expression_list' ? targets.namedChildren : [targets]) : [];
      const stored = lhs.some((t) => t && unparen(t).type === 'selector_expression');
      return stored ? { kind: 'field', node: p, what: 'stored in a field' } : undefined;
    }
    if (p.type === 'call_expression') {
      const sink = sinkName(p);
      return sink ? { kind: sink.kind, node: p, what: `passed to ${sink.name}` } : undefined;
    }
    return undefined;
  }
  return undefined;
}

/**
 * `b[len(b):]`: the spare capacity after the elements, none of them. Appending encoders write
 * into it (`enc := x.Encode(b[len(b):])`); the elements of `b` do not travel with it.
 */
function emptyTail(slice: SyntaxNode, operand: SyntaxNode): boolean {
  if (field(slice, 'operand')?.id !== operand.id || field(slice, 'end')) return false;
  const start = field(slice, 'start');
  const call = start ? callShape(unparen(start)) : undefined;
  return !!call && call.callee === 'len' && call.args.length === 1 && exprKey(call.args[0]!) === exprKey(operand);
}

/** Calls whose output depends on the order of their argument's elements. */
export function sinkName(call: SyntaxNode): { kind: EscapeKind; name: string } | undefined {
  const shape = callShape(call);
  if (!shape) return undefined;
  const recv = shape.receiver ? exprKey(shape.receiver) : '';
  const m = shape.method ?? '';
  if (recv === 'fmt' && PRINT_FUNCS.test(m)) return { kind: 'output', name: `fmt.${m}` };
  if (recv === 'log' && LOG_FUNCS.test(m)) return { kind: 'output', name: `log.${m}` };
  if ((recv === 'strings' || recv === 'bytes') && m === 'Join') return { kind: 'output', name: `${recv}.Join` };
  if ((recv === 'json' || recv === 'xml' || recv === 'yaml' || recv === 'toml') && /^Marshal/.test(m)) return { kind: 'output', name: `${recv}.${m}` };
  if (recv === 'io' && m === 'WriteString') return { kind: 'output', name: 'io.WriteString' };
  if ((recv === 'reflect' && m === 'DeepEqual') || (recv === 'slices' && m === 'Equal')) return { kind: 'compare', name: `${recv}.${m}` };
  if (shape.receiver && WRITE_METHODS.test(m)) return { kind: 'output', name: `${recv}.${m}` };
  // One-shot digests and signatures (sha256.Sum256(b), ed25519.Sign(k, msg), signer.Sign(...)), and
  // table headers/rows (csv WriteAll, tablewriter-style SetHeader/Append): the byte or column order is the result.
  if (HASH_PACKAGES.test(recv) && /^(Sum\w*|Checksum\w*)$/.test(m)) return { kind: 'output', name: `${recv}.${m}` };
  if (shape.receiver && /^Sign(PKCS1v15|PSS|ASN1)?$/.test(m)) return { kind: 'output', name: `${recv}.${m}` };
  if (shape.receiver && TABLE_METHODS.test(m)) return { kind: 'output', name: `${recv}.${m}` };
  return undefined;
}

const HASH_PACKAGES = /^(sha1|sha256|sha512|sha3|md5|crc32|crc64|adler32|fnv|xxhash|blake2b|blake2s|hmac)$/;
const TABLE_METHODS = /^(WriteAll|SetHeader|AppendHeader|AppendRow|AppendRows|SetColumns)$/;

/** The range clause of a `for ... range x` statement. */
export function rangeClauseOf(loop: SyntaxNode): SyntaxNode | undefined {
  return loop.namedChildren.find((c): c is SyntaxNode => c?.type === 'range_clause');
}

export type ValueShape = 'struct' | 'array' | 'pointer' | 'slice' | 'map' | 'chan' | 'func' | 'interface' | 'basic' | 'unknown';

/**
 * What a type is at bottom, for rules that must know "a struct or array value"
 * or "a slice". Named types must be declared in this package or be readable
 * through the module view (a type parameter or unread import is `unknown`); a
 * few standard types are known.
 */
export function shapeOf(pkg: PackageModel, t: GoType): ValueShape {
  if (t.kind === 'named') {
    const std = t.qualifier && !t.home ? STD_SHAPES[`${t.qualifier}.${t.name}`] : undefined;
    if (std) return std;
    // Another package's type counts once the module view has its declaration.
    if (t.qualifier ? !pkg.namedDecl(t) : !pkg.types.has(t.name)) return 'unknown';
  }
  const u = pkg.underlying(t);
  switch (u.kind) {
    case 'named':
      return 'unknown';
    case 'basic':
      return u.name === 'error' || u.name === 'any' ? 'interface' : 'basic';
    default:
      return u.kind;
  }
}

// Standard-library types whose shape rules may rely on without seeing their declaration.
const STD_SHAPES: Record<string, ValueShape> = {
  'time.Time': 'struct',
  'http.Header': 'map',
  'url.Values': 'map',
  'textproto.MIMEHeader': 'map',
};

/** Standard map types whose element type is a slice of strings (`http.Header`, `url.Values`). */
export function isStdStringSliceMap(t: GoType): boolean {
  return t.kind === 'named' && !!t.qualifier && ['http.Header', 'url.Values', 'textproto.MIMEHeader'].includes(`${t.qualifier}.${t.name}`);
}


// Fields of net/http values that are map[string][]string (http.Header or url.Values).
const HTTP_MAP_FIELDS: Record<string, readonly string[]> = {
  Request: ['Header', 'Trailer', 'Form', 'PostForm'],
  Response: ['Header', 'Trailer'],
};
const HTTP_RESPONSE_FUNCS = new Set(['Get', 'Head', 'Post', 'PostForm']);

/**
 * True when `expr` is a standard map of string slices the engine cannot see
 * declared: a value of type http.Header / url.Values / textproto.MIMEHeader,
 * `r.Header` / `r.Form` / `r.URL.Query()` of an *http.Request, a result of
 * url.ParseQuery, or `resp.Header` of a response from http.Get/Head/Post/PostForm
 * or an http.Client's Do/Get.
 */
export function isStringSliceMapExpr(scopes: Scopes, file: GoFile, expr: SyntaxNode): boolean {
  const e = unparen(expr);
  if (isStdStringSliceMap(scopes.typeOfExpr(e))) return true;
  if (e.type === 'call_expression') return isQueryCall(scopes, file, e);
  if (e.type === 'identifier') {
    // `q := r.URL.Query()`, `q, err := url.ParseQuery(s)`
    const b = scopes.resolve(e);
    const init = b?.value ? unparen(b.value) : b?.tupleValue?.index === 0 ? unparen(b.tupleValue.expr) : undefined;
    if (!init || init.type !== 'call_expression') return false;
    const shape = callShape(init);
    const urlPkg = file.importName('net/url');
    if (urlPkg && shape?.callee === `${urlPkg}.ParseQuery`) return true;
    return isQueryCall(scopes, file, init);
  }
  if (e.type !== 'selector_expression') return false;
  const name = field(e, 'field')?.text ?? '';
  const operand = field(e, 'operand');
  if (!operand) return false;
  const http = file.importName('net/http');
  if (!http) return false;
  const owner = httpTypeOf(scopes, operand, http);
  return !!owner && (HTTP_MAP_FIELDS[owner] ?? []).includes(name);
}

/** 'Request' / 'Response' / 'Client' when `expr` is (a pointer to) that net/http type. */
function httpTypeOf(scopes: Scopes, expr: SyntaxNode, http: string): string | undefined {
  let t = scopes.typeOfExpr(expr);
  if (t.kind === 'pointer') t = t.elem;
  if (t.kind === 'named' && t.qualifier === http) return t.name;
  const e = unparen(expr);
  if (e.type !== 'identifier') return undefined;
  const b = scopes.resolve(e);
  const call = b?.tupleValue?.index === 0 ? unparen(b.tupleValue.expr) : b?.value ? unparen(b.value) : undefined;
  if (!call || call.type !== 'call_expression') return undefined;
  const shape = callShape(call);
  if (!shape?.receiver || !shape.method) return undefined;
  const recv = exprKey(shape.receiver);
  if (recv === http && HTTP_RESPONSE_FUNCS.has(shape.method)) return 'Response';
  if ((shape.method === 'Do' || HTTP_RESPONSE_FUNCS.has(shape.method)) && (recv === `${http}.DefaultClient` || httpTypeOf(scopes, shape.receiver, http) === 'Client')) return 'Response';
  return undefined;
}

/** One call of the package: the call, its file, and whether its callee is written without parentheses. */
export interface CallSite {
  call: SyntaxNode;
  file: GoFile;
  bare: boolean;
}

/**
 * Every call of the package by the name it calls (`f(...)` and `x.f(...)`, parentheses around the
 * callee seen through), each list in file order and then document order: one pass over the
 * package's call expressions, made on the first question and shared by every rule that asks.
 */
export const CallsByCalleeFact = defineFact('flow:callsByCallee', (pkg): ReadonlyMap<string, readonly CallSite[]> => {
  const out = new Map<string, CallSite[]>();
  for (const file of pkg.files) {
    for (const call of file.root.descendantsOfType('call_expression')) {
      const fn = field(call, 'function');
      if (!fn) continue;
      const f = unparen(fn);
      const name = f.type === 'identifier' ? f.text : f.type === 'selector_expression' ? field(f, 'field')?.text : undefined;
      if (!name) continue;
      const site = { call, file, bare: f.id === fn.id };
      const list = out.get(name);
      if (list) list.push(site);
      else out.set(name, [site]);
    }
  }
  return out;
});

/** Call expressions of the package by callee name (`f(...)`, `x.f(...)`, no parentheses around the callee). */
export function callSitesNamed(pkg: PackageModel, name: string): readonly SyntaxNode[] {
  const cache = pkg.fact(CallSitesFact);
  let list = cache.get(name);
  if (!list) cache.set(name, (list = (pkg.fact(CallsByCalleeFact).get(name) ?? []).filter((s) => s.bare).map((s) => s.call)));
  return list;
}

const CallSitesFact = defineFact('flow:callSitesByName', () => new Map<string, SyntaxNode[]>());

/**
 * True when every caller in the package sorts what an unexported function
 * returns: `x := f(); sort.Strings(x)`, `pq := queue(f()); heap.Init(&pq)`,
 * `sort.Sort(byName(f()))`. False when there is no caller, or the function is exported.
 */
export function callersSortResult(scopes: Scopes, pkg: PackageModel, fn: SyntaxNode): boolean {
  if (fn.type !== 'function_declaration' && fn.type !== 'method_declaration') return false;
  const name = field(fn, 'name')?.text;
  if (!name || /^[A-Z]/.test(name)) return false;
  const sites = callSitesNamed(pkg, name);
  if (sites.length === 0) return false;
  return sites.every((call) => sortedAtCaller(scopes, call));
}

function sortedAtCaller(scopes: Scopes, call: SyntaxNode): boolean {
  let n = call;
  for (let p = n.parent; p; n = p, p = p.parent) {
    if (p.type === 'parenthesized_expression' || p.type === 'argument_list') continue;
    if (p.type === 'call_expression') {
      if (isSortCall(p)) return true;
      continue; // a conversion or wrapper: nodeQueue(f())
    }
    if (p.type === 'expression_list') continue;
    if (p.type === 'short_var_declaration' || p.type === 'assignment_statement') {
      const left = expressionsOf(field(p, 'left'));
      if (left.length !== 1 || left[0]!.type !== 'identifier') return false;
      const b = scopes.resolve(left[0]!);
      const flow = b && flowOf(scopes, p);
      return !!b && !!flow && !!flow.sortAfter(b, p);
    }
    return false;
  }
  return false;
}

/** `r.URL.Query()` for an *http.Request r: a url.Values. */
function isQueryCall(scopes: Scopes, file: GoFile, call: SyntaxNode): boolean {
  const shape = callShape(call);
  if (shape?.method !== 'Query' || shape.args.length !== 0 || !shape.receiver) return false;
  const recv = unparen(shape.receiver);
  if (recv.type !== 'selector_expression' || field(recv, 'field')?.text !== 'URL') return false;
  const http = file.importName('net/http');
  const owner = field(recv, 'operand');
  return !!http && !!owner && httpTypeOf(scopes, owner, http) === 'Request';
}
