// Ownership: whether the value an access reaches may be shared between a goroutine and other
// code. Package variables are; a receiver is when the caller's is; variables a goroutine
// captures are, unless made per loop iteration; values made inside the goroutine are its own,
// unless handed over a channel or read out of a shared value.
import type { SyntaxNode } from '../types.js';
import type { PackageModel } from '../model.js';
import type { Binding, Scopes } from '../scope.js';
import { field, namedChildren, unparen } from '../ast.js';
import type { Root } from './types.js';
import { contains, enclosingFunctionNode, loopWithin, rootIdent } from './units.js';
import { CONSTRUCTOR_NAME } from './phases.js';

/** Method names of getters that hand out a value their receiver keeps. */
const GETTER = /^(?:get|Get|lookup|Lookup|find|Find|load|Load)[A-Z_]?/;

export class Ownership {
  constructor(
    readonly pkg: PackageModel,
    readonly scopes: Scopes,
  ) {}

  /** `go x.m()` in a loop with x made per iteration: each goroutine has its own receiver. */
  goReceiverShared(r: Root): boolean {
    const recv = this.goReceiver(r);
    if (!recv) return true;
    const base = rootIdent(recv);
    if (!base || !r.launcher) return true;
    const b = this.scopes.resolve(base);
    if (!b || b.kind === 'package' || b.kind === 'receiver') return true;
    if (!r.multi) return true;
    const loop = loopWithin(r.site, r.launcher.node);
    return !(loop && contains(loop, b.nameNode));
  }

  /** The receiver expression of a goroutine that runs a method (`go c.readLoop()`, `g.Go(c.run)`). */
  goReceiver(r: Root): SyntaxNode | undefined {
    const call = r.site.type === 'go_statement' ? unparen(r.site.namedChild(0) ?? r.site) : r.site;
    let fn = call.type === 'call_expression' ? field(call, 'function') : null;
    if (r.site.type !== 'go_statement' && call.type === 'call_expression') {
      // errgroup-style g.Go(s.run): the argument is the method value.
      const args = namedChildren(field(call, 'arguments') ?? call).filter((c) => c.type !== 'comment');
      fn = args[args.length - 1] ?? null;
    }
    return fn && unparen(fn).type === 'selector_expression' ? (field(unparen(fn), 'operand') ?? undefined) : undefined;
  }

  /**
   * `c := &client{...}; go c.readLoop()`: a value the function starting r makes on each run (a
   * local built from a literal, `new` or a constructor), so each run's goroutine has its own.
   */
  madePerRun(expr: SyntaxNode, r: Root): boolean {
    const e = unparen(expr);
    if (e.type !== 'identifier' || !r.launcher || !this.freshLocal(e)) return false;
    const b = this.scopes.resolve(e)!;
    if (contains(r.target.node, b.nameNode)) return false;
    let launcher = r.launcher;
    while (launcher.parent && !launcher.decl) launcher = launcher.parent;
    return contains(launcher.node, b.nameNode);
  }

  /**
   * A local bound to a value made right there: a literal, `new(T)`, or the first result of one of
   * the package's constructors (`newClient(...)`, `db, err := Open(...)`).
   */
  freshLocal(expr: SyntaxNode): boolean {
    const e = unparen(expr);
    const b = e.type === 'identifier' ? this.scopes.resolve(e) : undefined;
    if (!b || b.kind !== 'local') return false;
    let v = b.value ? unparen(b.value) : b.tupleValue?.index === 0 ? unparen(b.tupleValue.expr) : undefined;
    if (v?.type === 'unary_expression' && v.child(0)?.type === '&') v = unparen(field(v, 'operand') ?? v);
    if (!v) return false;
    if (v.type === 'composite_literal') return !b.tupleValue;
    const fn = v.type === 'call_expression' ? field(v, 'function') : null;
    if (!fn || fn.type !== 'identifier') return false;
    if (fn.text === 'new') return !b.tupleValue && !this.scopes.resolve(fn);
    return CONSTRUCTOR_NAME.test(fn.text) && this.pkg.funcs.has(fn.text);
  }

  /** `go worker(m)`: the parameter holds what the launcher passed; shared unless made per iteration or fresh. */
  goArgShared(r: Root, param: string): boolean {
    const i = r.target.paramNames.indexOf(param);
    const call = r.site.type === 'go_statement' ? unparen(r.site.namedChild(0) ?? r.site) : null;
    if (i < 0 || !call || call.type !== 'call_expression' || !r.launcher) return false;
    const args = namedChildren(field(call, 'arguments') ?? call).filter((c) => c.type !== 'comment');
    const arg = args[i] ? unparen(args[i]!) : undefined;
    if (!arg || arg.type === 'composite_literal' || arg.type === 'call_expression' || arg.type === 'unary_expression') return false;
    const id = rootIdent(arg);
    const b = id ? this.scopes.resolve(id) : undefined;
    if (!b) return false;
    if (b.kind === 'package' || b.kind === 'receiver') return true;
    if (r.multi) {
      const loop = loopWithin(r.site, r.launcher.node);
      if (loop && contains(loop, b.nameNode)) return false;
      // `go flush(batch); batch = make(...)`: each goroutine is handed its own map, then rebound.
      const after = loop ? r.launcher.file.text.slice(r.site.endIndex, loop.endIndex) : '';
      if (new RegExp(`(?<![\\w.])${b.name}\\s*=[^=]`).test(after)) return false;
    }
    return true;
  }

  /**
   * Whether the value an expression is rooted at may be shared by root r's goroutines and others:
   * package variables, the receiver when the caller passed a shared one, and variables the goroutine
   * captures from the function that starts it (not those made per loop iteration, nor those made
   * inside the goroutine or in the functions it calls).
   */
  sharedBase(expr: SyntaxNode | null, r: Root, recvShared: boolean, depth = 0): boolean {
    const id = rootIdent(expr);
    if (!id) return false;
    const b = this.scopes.resolve(id);
    if (!b) return false;
    if (b.kind === 'package') return true;
    if (b.kind === 'receiver') {
      // A receiver captured by a goroutine literal belongs to the enclosing method, outside the goroutine.
      const method = enclosingFunctionNode(b.nameNode);
      if (method && method.id !== r.target.node.id && contains(method, r.target.node)) return true;
      return recvShared;
    }
    if (b.kind === 'func' || b.kind === 'const') return false;
    if (b.kind === 'param' && r.target.decl && b.func?.id === r.target.node.id) return this.goArgShared(r, b.name);
    // Made inside the goroutine: its own, unless it was handed over a channel (work items a
    // worker receives are shared with whoever sent them and may send them again).
    if (contains(r.target.node, b.nameNode)) return this.receivedFromChannel(b) || this.loadedFromShared(b, r, recvShared, depth);
    const declFn = enclosingFunctionNode(b.nameNode);
    if (!declFn || !contains(declFn, r.target.node)) return b.kind === 'local' && this.loadedFromShared(b, r, recvShared, depth);
    if (r.multi && r.kind !== 'http' && r.launcher) {
      const loop = loopWithin(r.site, r.launcher.node);
      if (loop && contains(loop, b.nameNode)) return false;
    }
    return true;
  }

  /**
   * A local holding a value read out of a shared one: `c := s.clients[id]`, `x := s.cfg`,
   * `for _, c := range s.clients`, `c, ok := s.lookup(id)`. It is the same value the others
   * reach through `s`.
   */
  loadedFromShared(b: Binding, r: Root, recvShared: boolean, depth: number): boolean {
    if (depth > 2) return false;
    if (b.range) return b.range.index === 1 && this.sharedBase(b.range.expr, r, recvShared, depth + 1);
    let v = b.value ? unparen(b.value) : b.tupleValue && b.tupleValue.index === 0 ? unparen(b.tupleValue.expr) : undefined;
    // `mset, err := acc.lookupStream(name)`: a getter hands out the value it keeps.
    if (v?.type === 'call_expression') {
      const fn = field(v, 'function');
      const f = fn ? unparen(fn) : undefined;
      if (f?.type !== 'selector_expression' || !GETTER.test(field(f, 'field')?.text ?? '')) return false;
      v = unparen(field(f, 'operand') ?? f);
      return this.sharedBase(v, r, recvShared, depth + 1);
    }
    if (v?.type !== 'index_expression' && v?.type !== 'selector_expression') return false;
    if (v.type === 'index_expression') {
      // `shards[idx]` with idx the goroutine's own (its parameter, or made inside it): its own part.
      const ix = field(v, 'index');
      const ib = ix && unparen(ix).type === 'identifier' ? this.scopes.resolve(unparen(ix)) : undefined;
      if (ib && ib.kind !== 'package' && contains(r.target.node, ib.nameNode)) return false;
    }
    return this.sharedBase(v, r, recvShared, depth + 1);
  }

  /** `c := <-work`, `for c := range work` over a channel, `case c := <-work`. */
  receivedFromChannel(b: Binding): boolean {
    // `s := <-h.state; ...; h.state <- s`: a channel used as a lock hands the value to one holder
    // at a time, who sends it back; while held it is the holder's own.
    const fn = b.func;
    if (fn && new RegExp(`<-\\s*${b.name}\\b`).test(fn.text.slice(b.nameNode.endIndex - fn.startIndex))) return false;
    const v = b.value ? unparen(b.value) : undefined;
    if (v?.type === 'unary_expression' && v.child(0)?.text === '<-') return true;
    if (b.tupleValue) {
      const t = unparen(b.tupleValue.expr);
      if (t.type === 'unary_expression' && t.child(0)?.text === '<-') return true;
    }
    return !!b.range && b.range.index === 0 && this.isChanRange(b.range.expr);
  }

  readonly captured = new Map<number, Set<number>>();

  capturedBy(r: Root, ident: SyntaxNode): boolean {
    const b = this.scopes.resolve(ident);
    if (!b) return false;
    if (b.kind === 'package') return true;
    let set = this.captured.get(r.id);
    if (!set) {
      set = new Set();
      const scan = r.target.decl ? r.site : r.target.node;
      const stack = [scan];
      let budget = 20000;
      while (stack.length && budget-- > 0) {
        const n = stack.pop()!;
        if (n.type === 'identifier') {
          const x = this.scopes.resolve(n);
          if (x) set.add(x.nameNode.id);
        }
        for (const c of namedChildren(n)) stack.push(c);
      }
      this.captured.set(r.id, set);
    }
    return set.has(b.nameNode.id);
  }

  isChanRange(right: SyntaxNode): boolean {
    return this.pkg.underlying(this.scopes.typeOfExpr(right)).kind === 'chan';
  }
}
