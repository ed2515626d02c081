// How long values live and how often code runs, as far as one package shows:
// - long-lived: package-level variables; values of types held in package
//   variables; service types (built by a constructor returning *T, with methods
//   that serve requests: HTTP handlers, RPC-style methods)
//   and worker types (a method runs an event loop), unless the package builds
//   them inside per-request code; and, transitively, struct fields of those.
// - per request/event: HTTP handlers, RPC-style methods (ctx, *Req) (*Resp, error),
//   the bodies of event loops (`for x := range ch` over a channel not made in
//   the same function, `for { select {...} }`, receive and Accept loops),
//   goroutines started from per-request code, and the package functions they
//   call, followed three levels deep. Roots in _test.go files do not count.
// Deliberately conservative: what the package cannot show is neither
// long-lived nor per-request, so rules built on it stay quiet.
import type { SyntaxNode } from './types.js';
import type { GoFile } from './source.js';
import { defineFact, type PackageModel, type FuncDecl } from './model.js';
import type { Scopes } from './scope.js';
import { ScopesFact } from './run.js';
import { calledMethodName, callShape, expressionsOf, field, namedChildren, statementsOf, unparen, FUNCTION_TYPES } from './ast.js';
import { httpHandlers, resolveFuncValue } from './handlers.js';
import { namedLocal, mapIdentity, isMapLike, MapUsageFact, type MapIdentity } from './mapident.js';

/** Why code runs once per request or event, for messages: "HTTP handler handleGet". */
export interface PerRequestReason {
  /** "in method (*Server).ServeHTTP, an HTTP handler" / "reached from ...". */
  what: string;
  /** The root alone: "method (*Server).ServeHTTP, an HTTP handler". */
  root: string;
}

export interface LongLivedMap {
  id: MapIdentity;
  /** Why the map outlives requests: "a package-level variable", "a field of Server, a long-lived service: ...". */
  why: string;
}

/** Subscription calls whose function argument runs once per delivered message. */
const SUBSCRIBE_METHOD = /^(Subscribe|QueueSubscribe|SubscribeAsync|PSubscribe|Consume|OnMessage|OnEvent|AddMessageHandler|AddHandler)$/;
const SUBSCRIBE_CALL = /\.(Subscribe|QueueSubscribe|SubscribeAsync|PSubscribe|Consume|OnMessage|OnEvent|AddMessageHandler|AddHandler)\s*\(/;
/** Methods a consumer library calls once per message. */
const MESSAGE_METHOD = /^(HandleMessage|OnMessage|ProcessMessage|HandleEvent)$/;

/** Calls are followed this many levels from a per-request root. */
const MAX_CALL_DEPTH = 3;
/** Upper bound on functions marked per request, so huge packages stay linear. */
const MAX_MARKED = 5000;

export class Lifetime {
  private readonly scopes: Scopes;
  /** Function-like node id -> why it runs per request. */
  private readonly perRequestFns = new Map<number, PerRequestReason>();
  /** for_statement node id -> event loop reason. */
  private readonly eventLoops = new Map<number, PerRequestReason>();
  /** Function ids that serve requests themselves (HTTP handlers, RPC-style methods), not via a caller. */
  private readonly servingRoots = new Set<number>();
  private readonly eventLoopNodes: SyntaxNode[] = [];
  /** Roots and functions marked per request, for scans limited to per-request code. */
  private readonly perRequestNodes: SyntaxNode[] = [];
  private types?: Map<string, string>;

  private readonly pkgHasChan: boolean;

  constructor(private readonly pkg: PackageModel) {
    this.scopes = pkg.fact(ScopesFact);
    this.pkgHasChan = pkg.files.some((f) => /\bchan\b/.test(f.text));
    this.computePerRequest();
  }

  /** Why the code at `node` runs per request or event, or undefined when the package does not show it. */
  perRequest(node: SyntaxNode): PerRequestReason | undefined {
    for (let p = node.parent; p; p = p.parent) {
      if (p.type === 'for_statement') {
        const r = this.eventLoops.get(p.id);
        if (r) return r;
      } else if ((FUNCTION_TYPES as readonly string[]).includes(p.type)) {
        const r = this.perRequestFns.get(p.id);
        if (r) return r;
      }
    }
    return undefined;
  }

  /** Why values of the package type `name` outlive requests, or undefined. */
  longLivedType(name: string): string | undefined {
    return this.longLivedTypes().get(name);
  }

  /** The identity of a map expression and why it outlives requests, when it does. */
  longLivedMap(expr: SyntaxNode): LongLivedMap | undefined {
    const id = mapIdentity(this.pkg, this.scopes, expr);
    if (!id) return undefined;
    if (id.kind === 'package') {
      const b = this.scopes.resolve(unparen(expr));
      if (!b || !isMapLike(this.pkg, this.scopes.typeOfBinding(b))) return undefined;
      return { id, why: 'a package-level variable' };
    }
    if (id.kind !== 'field') return undefined;
    const sel = unparen(expr);
    if (!isMapLike(this.pkg, this.scopes.typeOfExpr(sel))) return undefined;
    if (id.owner.startsWith('var ')) return { id, why: 'a field of a package-level variable' };
    const why = this.longLivedType(id.owner);
    return why ? { id, why: `a field of ${id.owner}, ${why}` } : undefined;
  }

  // --- per request -------------------------------------------------------

  private computePerRequest(): void {
    const roots: { node: SyntaxNode; why: PerRequestReason }[] = [];
    // Tests drive package code from test functions, not from traffic: roots in _test.go files do not count.
    for (const h of httpHandlers(this.pkg)) {
      if (isTestFile(h.file)) continue;
      roots.push({ node: h.fn, why: reason(`${describeFn(h.fn)}, an HTTP handler`) });
      this.servingRoots.add(h.fn.id);
    }
    const ctxTypeOf = new Map<GoFile, string | undefined>(this.pkg.files.map((f) => [f, f.importName('context')]));
    // RPC style (gRPC, Twirp): `func (s *S) Get(ctx context.Context, req *GetRequest) (*GetReply, error)`.
    // Merely taking a context is not enough: a CLI's build step takes one too and runs once.
    for (const methods of this.pkg.methods.values()) {
      for (const m of methods.values()) {
        const ctxName = ctxTypeOf.get(m.file);
        if (!ctxName || isTestFile(m.file) || !isRPCMethod(m.node, `${ctxName}.Context`)) continue;
        roots.push({ node: m.node, why: reason(`${describeFn(m.node)}, an RPC-style method`) });
        this.servingRoots.add(m.node.id);
      }
    }
    for (const r of this.messageCallbacks()) roots.push(r);
    const goStatements: SyntaxNode[] = [];
    for (const file of this.pkg.files) {
      // Event loops and goroutines need one of these; most files have none, so skip the tree query.
      // (`select` cases and receives hold `<-`; ranging over a channel needs a channel type in the package.)
      if (isTestFile(file) || !(/<-|\.Accept\(|\bgo\s+(func\b|[\w.]+\()/.test(file.text) || (this.pkgHasChan && /\brange\b/.test(file.text)))) continue;
      for (const n of nodesOfType(file.root, ['for_statement', 'go_statement'])) {
        if (n.type === 'go_statement') {
          goStatements.push(n);
          continue;
        }
        const kind = this.eventLoopKind(n);
        if (!kind) continue;
        const why = reason(`the ${kind} at ${baseName(file.path)}:${n.startPosition.row + 1}`);
        this.eventLoops.set(n.id, why);
        this.eventLoopNodes.push(n);
        roots.push({ node: n, why });
      }
    }
    for (const r of roots) this.mark(r.node, r.why, 0);
    // Goroutines started per request or per event run per request too; a goroutine
    // started once (from a constructor), or once per item of a finite list, is not.
    let changed = true;
    for (let round = 0; changed && round < 3; round++) {
      changed = false;
      for (const stmt of goStatements) {
        const body = this.goroutineBody(stmt);
        if (!body || this.perRequestFns.has(body.id)) continue;
        const outer = this.perRequest(stmt);
        if (!outer) continue;
        this.mark(body, reason(`a goroutine started per request at ${this.where(stmt)}`), 0);
        changed = true;
      }
    }
  }

  /**
   * Message consumers run once per message: callbacks handed to subscription calls
   * (`nc.Subscribe(subj, func(m *nats.Msg) {...})`, `c.Consume(ctx, handle)`) and
   * methods that handle one message (`HandleMessage(m *nsq.Message) error`).
   */
  private messageCallbacks(): { node: SyntaxNode; why: PerRequestReason }[] {
    const out: { node: SyntaxNode; why: PerRequestReason }[] = [];
    for (const methods of this.pkg.methods.values()) {
      for (const m of methods.values()) {
        if (isTestFile(m.file) || !MESSAGE_METHOD.test(m.name) || !paramTypes(field(m.node, 'parameters')).length) continue;
        out.push({ node: m.node, why: reason(`${describeFn(m.node)}, a message handler`) });
      }
    }
    for (const file of this.pkg.files) {
      if (isTestFile(file) || !SUBSCRIBE_CALL.test(file.text)) continue;
      for (const call of nodesOfType(file.root, ['call_expression'])) {
        const shape = callShape(call);
        if (!shape?.method || !SUBSCRIBE_METHOD.test(shape.method)) continue;
        for (const arg of shape.args) {
          const a = unparen(arg);
          const fn = a.type === 'func_literal' ? a : resolveFuncValue(this.pkg, a)?.node;
          if (!fn || !paramTypes(field(fn, 'parameters')).length) continue;
          out.push({ node: fn, why: reason(`${describeFn(fn)}, a callback passed to ${shape.method} that runs per message`) });
        }
      }
    }
    return out;
  }

  /** `for x := range ch`, or `for { ... }` whose body selects or receives on a channel / accepts connections. */
  private eventLoopKind(loop: SyntaxNode): string | undefined {
    const clause = namedChildren(loop).find((c) => c.type === 'range_clause' || c.type === 'for_clause');
    const cond = namedChildren(loop).find((c) => c.type !== 'block' && c.type !== 'range_clause' && c.type !== 'for_clause' && c.type !== 'comment');
    if (clause?.type === 'range_clause') {
      const right = field(clause, 'right');
      if (!right || !this.pkgHasChan) return undefined; // a channel type must be written somewhere in the package to be seen
      const t = this.pkg.underlying(this.scopes.typeOfExpr(right));
      if (t.kind !== 'chan' || this.localPipe(right)) return undefined;
      return 'loop over a channel';
    }
    if (clause || cond) return undefined; // bounded loops
    for (const s of statementsOf(field(loop, 'body'))) {
      if (s.type === 'select_statement') return '`for { select }` loop';
      if (receives(s)) return 'receive loop';
    }
    return undefined;
  }

  /** "file.go:42" for a node of this package. */
  private where(node: SyntaxNode): string {
    let root = node;
    while (root.parent) root = root.parent;
    const file = this.pkg.files.find((f) => f.root.id === root.id);
    return `${file ? baseName(file.path) : ''}:${node.startPosition.row + 1}`;
  }

  /**
   * `ch := make(chan T)` in the same function: a pipeline over a finite batch
   * (a producer goroutine fills it and closes it), not a stream of events.
   */
  private localPipe(expr: SyntaxNode): boolean {
    const e = unparen(expr);
    if (e.type !== 'identifier') return false;
    const b = this.scopes.resolve(e);
    if (!b || b.kind !== 'local' || !b.value) return false;
    return callShape(unparen(b.value))?.callee === 'make';
  }

  private goroutineBody(stmt: SyntaxNode): SyntaxNode | undefined {
    const call = namedChildren(stmt).find((c) => c.type === 'call_expression');
    const fn = call ? field(call, 'function') : null;
    if (!fn) return undefined;
    const f = unparen(fn);
    if (f.type === 'func_literal') return f;
    return this.resolveCall(call!)?.node;
  }

  private mark(node: SyntaxNode, why: PerRequestReason, depth: number): void {
    if (node.type !== 'for_statement') {
      const prev = this.perRequestFns.get(node.id);
      if (prev || this.perRequestFns.size >= MAX_MARKED) return;
      this.perRequestFns.set(node.id, why);
    }
    this.perRequestNodes.push(node);
    if (depth >= MAX_CALL_DEPTH) return;
    const body = field(node, 'body');
    if (!body) return;
    const callees: FuncDecl[] = [];
    for (const n of nodesOfType(body, ['call_expression'])) {
      const target = this.resolveCall(n);
      if (target) callees.push(target);
    }
    for (const c of callees) {
      if (!this.perRequestFns.has(c.node.id)) this.mark(c.node, { what: `reached from ${why.root}`, root: why.root }, depth + 1);
    }
  }

  /** The package function or method a call runs, when its receiver type is visible. */
  private resolveCall(call: SyntaxNode): FuncDecl | undefined {
    const fn = field(call, 'function');
    if (!fn) return undefined;
    const f = unparen(fn);
    if (f.type === 'identifier') {
      const b = this.scopes.resolve(f);
      return b?.kind === 'func' ? this.pkg.funcs.get(f.text) : undefined;
    }
    if (f.type !== 'selector_expression') return undefined;
    const operand = field(f, 'operand');
    const name = field(f, 'field')?.text;
    if (!operand || !name) return undefined;
    const op = unparen(operand);
    if (op.type === 'identifier' && !this.scopes.resolve(op)) return undefined; // imported package
    const typeName = namedLocal(this.scopes.typeOfExpr(op));
    return typeName ? this.methodOf(typeName, name, 0) : undefined;
  }

  private methodOf(typeName: string, name: string, depth: number): FuncDecl | undefined {
    const m = this.pkg.methodsOf(typeName).get(name);
    if (m || depth > 3) return m;
    for (const f of this.pkg.structFieldsOf(typeName)?.filter((x) => x.embedded) ?? []) {
      const inner = namedLocal(this.pkg.typeOf(f.typeNode));
      const found = inner ? this.methodOf(inner, name, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  // --- long-lived types ----------------------------------------------------

  private longLivedTypes(): Map<string, string> {
    if (this.types) return this.types;
    const out = new Map<string, string>();
    const pkg = this.pkg;
    // Types whose values the package builds while serving a request die with it.
    const builtPerRequest = this.typesBuiltPerRequest();
    for (const v of pkg.values.values()) {
      if (v.kind !== 'var') continue;
      const b = this.scopes.resolve(v.nameNode);
      const name = b ? namedLocal(this.scopes.typeOfBinding(b)) : undefined;
      if (name && pkg.structFieldsOf(name) && !out.has(name)) out.set(name, `held by the package-level variable ${v.name}`);
    }
    const looping = this.methodsWithEventLoops();
    for (const [typeName, methods] of pkg.methods) {
      if (out.has(typeName) || builtPerRequest.has(typeName) || !pkg.structFieldsOf(typeName)) continue;
      let serving: FuncDecl | undefined;
      let worker: FuncDecl | undefined;
      for (const m of methods.values()) {
        if (!serving && this.servingRoots.has(m.node.id)) serving = m;
        if (!worker && m.receiver?.pointer && looping.has(m.node.id)) worker = m;
      }
      if (serving && this.hasPointerConstructor(typeName)) out.set(typeName, `a long-lived service: a constructor builds it and ${serving.name} serves requests`);
      else if (worker) out.set(typeName, `a long-lived worker: its ${worker.name} method runs an event loop`);
    }
    // Whatever a long-lived value holds in its fields lives as long.
    const propagate = (queue: string[]) => {
      while (queue.length) {
        const t = queue.shift()!;
        for (const f of pkg.structFieldsOf(t) ?? []) {
          const inner = namedLocal(pkg.typeOf(f.typeNode));
          if (!inner || out.has(inner) || builtPerRequest.has(inner) || !pkg.structFieldsOf(inner)) continue;
          out.set(inner, `held by ${t}, which lives as long`);
          queue.push(inner);
        }
      }
    };
    propagate([...out.keys()]);
    // A value built while serving a request but then kept by a long-lived value (a lazily
    // set field, an entry of a registry map) lives as long as its holder.
    for (let round = 0; round < 2 && builtPerRequest.size; round++) {
      const kept = this.keptByLongLived(out, builtPerRequest);
      for (const [t, why] of kept) out.set(t, why);
      if (!kept.size) break;
      propagate([...kept.keys()]);
    }
    this.types = out;
    return out;
  }

  /** Types built per request whose values are stored in a field of a long-lived value or in a long-lived map. */
  private keptByLongLived(longLived: Map<string, string>, builtPerRequest: Set<string>): Map<string, string> {
    const out = new Map<string, string>();
    const holderOf = (target: SyntaxNode, syncMap: boolean): string | undefined => {
      const t = unparen(target);
      if (t.type === 'selector_expression' && !syncMap) {
        const holder = namedLocal(this.scopes.typeOfExpr(field(t, 'operand') ?? t));
        return holder && longLived.has(holder) && !isMapLike(this.pkg, this.scopes.typeOfExpr(t)) ? `kept in the field ${holder}.${field(t, 'field')?.text}` : undefined;
      }
      if (t.type === 'index_expression' || syncMap) {
        const map = t.type === 'index_expression' ? field(t, 'operand') : t;
        const id = map ? mapIdentity(this.pkg, this.scopes, map) : undefined;
        // Only a package map or a long-lived value's map field can register it: ask about removals only then.
        if (id?.kind !== 'package' && !(id?.kind === 'field' && !id.owner.startsWith('var ') && longLived.has(id.owner))) return undefined;
        // A registry that drops entries while serving requests or events keeps each value only
        // for that span (a suspicion until its node is settled, a watcher until its RPC returns);
        // one that drops them only on reconfiguration or shutdown keeps them for the process.
        const usage = this.pkg.fact(MapUsageFact).usage(id);
        if ([...usage.removals, ...usage.resets].some((r) => this.perRequest(r.node))) return undefined;
        return id.kind === 'package' ? `registered in ${id.name}` : `registered in ${id.owner}.${id.field}`;
      }
      return undefined;
    };
    const consider = (value: SyntaxNode | undefined, target: SyntaxNode, file: GoFile, syncMap = false) => {
      // Only a field or a map entry can hold the value (holderOf): the target's shape is cheaper to see than the value's type.
      const shape = unparen(target).type;
      if (!syncMap && shape !== 'selector_expression' && shape !== 'index_expression') return;
      // A field holds it only when the field's owner lives long: a cheaper question than the value's type.
      if (!syncMap && shape === 'selector_expression') {
        const sel = unparen(target);
        const holder = namedLocal(this.scopes.typeOfExpr(field(sel, 'operand') ?? sel));
        if (!holder || !longLived.has(holder)) return;
      }
      const t = value ? namedLocal(this.scopes.typeOfExpr(value)) : undefined;
      if (!t || !builtPerRequest.has(t) || longLived.has(t) || isTestFile(file)) return;
      const why = holderOf(target, syncMap);
      // A registry reason wins over a field: it says why replacing one holder does not free the value.
      // Every registry is named (up to two), since the first one found may be a staging map.
      const had = out.get(t);
      if (!why || had === why) return;
      if (had?.startsWith('registered') && why.startsWith('registered')) {
        if (!had.includes(' and ')) out.set(t, `${had} and ${why.slice('registered in '.length)}`);
      } else if (!had || why.startsWith('registered')) out.set(t, why);
    };
    for (const file of this.pkg.files) {
      if (isTestFile(file)) continue;
      for (const n of nodesOfType(file.root, ['assignment_statement', 'call_expression'])) {
        if (n.type === 'call_expression') {
          // sync.Map registries: `s.accounts.Store(name, acc)`.
          const method = calledMethodName(n);
          if (method !== 'Store' && method !== 'LoadOrStore') continue;
          const shape = callShape(n);
          if ((shape?.method === 'Store' || shape?.method === 'LoadOrStore') && shape.receiver && shape.args.length === 2) consider(shape.args[1], shape.receiver, file, true);
          continue;
        }
        if (field(n, 'operator')?.text !== '=') continue;
        const left = expressionsOf(field(n, 'left'));
        const right = expressionsOf(field(n, 'right'));
        if (left.length === right.length) left.forEach((l, i) => consider(right[i], l, file));
      }
    }
    return out;
  }

  /** Methods (by node id) whose own body, outside nested function literals, holds an event loop. */
  private methodsWithEventLoops(): Set<number> {
    const out = new Set<number>();
    for (const loopId of this.eventLoopNodes) {
      for (let p = loopId.parent; p; p = p.parent) {
        if (p.type === 'func_literal' || p.type === 'function_declaration') break;
        if (p.type === 'method_declaration') {
          out.add(p.id);
          break;
        }
      }
    }
    return out;
  }

  private hasPointerConstructor(typeName: string): boolean {
    for (const f of this.pkg.funcs.values()) {
      const result = field(f.node, 'result');
      if (!result) continue;
      const first = result.type === 'parameter_list' ? field(namedChildren(result).find((d) => d.type === 'parameter_declaration') ?? result, 'type') : result;
      if (first?.type === 'pointer_type' && first.namedChild(0)?.text.replace(/\[.*$/, '') === typeName) return true;
    }
    return false;
  }

  /** Package types whose values are created (`T{}`, `&T{}`, `new(T)`, `NewT()`) inside per-request code. */
  private typesBuiltPerRequest(): Set<string> {
    const out = new Set<string>();
    const ctors = new Map<string, string>();
    for (const f of this.pkg.funcs.values()) {
      const result = field(f.node, 'result');
      const t = result && result.type !== 'parameter_list' ? namedLocal(this.pkg.typeOf(result)) : undefined;
      if (t) ctors.set(f.name, t);
    }
    // Only code that runs per request can build per-request values: scan just those bodies.
    for (const fn of this.perRequestNodes) {
      const body = field(fn, 'body');
      if (!body) continue;
      for (const n of nodesOfType(body, ['composite_literal', 'call_expression'])) {
        let t: string | undefined;
        if (n.type === 'composite_literal') t = namedLocal(this.pkg.typeOf(field(n, 'type')));
        else {
          const f = field(n, 'function');
          const name = f?.type === 'identifier' ? f.text : undefined;
          if (name === 'new') {
            const arg = field(n, 'arguments')?.namedChild(0) ?? null;
            t = namedLocal(this.pkg.typeOf(arg));
          } else if (name) t = ctors.get(name);
        }
        if (t) out.add(t);
      }
    }
    return out;
  }
}

export const LifetimeFact = defineFact('lifetime', (pkg) => new Lifetime(pkg));

/** "method (*Server).handle" / "function serve" / "function literal at line 12". */
function describeFn(fn: SyntaxNode): string {
  const name = field(fn, 'name')?.text;
  if (fn.type === 'method_declaration') {
    const recv = field(fn, 'receiver')?.text.replace(/^\(\s*\w*\s*/, '').replace(/\)$/, '') ?? '';
    return `method (${recv.trim()}).${name}`;
  }
  if (fn.type === 'function_declaration') return `function ${name}`;
  return `the function literal at line ${fn.startPosition.row + 1}`;
}

/** Exported method `(ctx context.Context, req *Req) (*Resp, error)`: the shape RPC frameworks dispatch to per call. */
function isRPCMethod(fn: SyntaxNode, ctxType: string): boolean {
  const name = field(fn, 'name')?.text ?? '';
  if (!/^[A-Z]/.test(name)) return false;
  const types = paramTypes(field(fn, 'parameters'));
  if (types.length !== 2 || types[0]!.text.replace(/\s+/g, '') !== ctxType || types[1]!.type !== 'pointer_type') return false;
  const result = field(fn, 'result');
  const results = result?.type === 'parameter_list' ? paramTypes(result) : [];
  return results.length === 2 && results[0]!.type === 'pointer_type' && results[1]!.text === 'error';
}

/** One type node per parameter (`a, b int` counts twice), named or not. */
function paramTypes(list: SyntaxNode | null): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const d of list ? namedChildren(list) : []) {
    if (d.type !== 'parameter_declaration' && d.type !== 'variadic_parameter_declaration') continue;
    const t = field(d, 'type');
    if (!t) continue;
    const names = d.childrenForFieldName('name').length;
    for (let i = 0; i < Math.max(1, names); i++) out.push(t);
  }
  return out;
}

/** A statement that takes a value from a channel or accepts a connection: `v := <-ch`, `c, err := l.Accept()`. A bare `<-done` only waits. */
function receives(stmt: SyntaxNode): boolean {
  if (stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement') return false;
  const right = field(stmt, 'right');
  if (!right) return false;
  const e = unparen(right.type === 'expression_list' ? (right.namedChild(0) ?? right) : right);
  if (e.type === 'unary_expression' && e.child(0)?.type === '<-') return true;
  const shape = callShape(e);
  return shape?.method === 'Accept' && shape.args.length === 0;
}

function reason(root: string): PerRequestReason {
  return { what: `in ${root}`, root };
}

/** Descendants of the given types, found natively by tree-sitter (far cheaper than a JS walk). */
function nodesOfType(root: SyntaxNode, types: string[]): SyntaxNode[] {
  return root.descendantsOfType(types).filter((n): n is SyntaxNode => n !== null);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function isTestFile(file: GoFile): boolean {
  return file.path.endsWith('_test.go');
}
