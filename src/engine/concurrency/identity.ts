// Which map an access touches, which lock a lock call takes, and which declaration a call names:
// map identities (package variable, captured local, `T.f` field of the struct that declares it),
// whether the base value is fresh (just made, copied, or a part of one), canonical mutex keys
// (`T.mu`, embedded mutexes, striped locks, lock helpers and getters), and call resolution.
import type { SyntaxNode } from '../types.js';
import type { GoFile } from '../source.js';
import type { FuncDecl, PackageModel } from '../model.js';
import type { Scopes } from '../scope.js';
import type { GoType } from '../gotypes.js';
import { field, namedChildren, parametersOf, unparen } from '../ast.js';
import { isMutexType } from '../gotypes.js';
import type { LockEvent, LockMode, MapAccess, Unit } from './types.js';
import { LOCK_OPS, isMutexPointer } from './locks.js';
import { derefNamed, homeDecl, rootIdent } from './units.js';
import { declaredNames } from '../syntax/words.js';

/** Methods that return a new copy of their receiver: the copy is the caller's own. */
const COPY_METHOD = /^(?:clone|Clone|copy|Copy|deepCopy|DeepCopy|dup|Dup|shallowCopy|ShallowCopy)$/;

export class MapIdentities {
  /** The unit being walked (for the receiver shortcut). */
  current: Unit | undefined;
  private readonly methodNames = new Set<string>();

  constructor(
    readonly pkg: PackageModel,
    readonly scopes: Scopes,
  ) {
    for (const m of pkg.methods.values()) for (const name of m.keys()) this.methodNames.add(name);
  }

  /**
   * `x.f = make(...)` (or a map literal) earlier in this function, `x` a local: the map at `x.f` is
   * the one just made (`clone := *cfg; clone.Meta = make(...); clone.Meta[k] = v`), nobody else's.
   */
  madeBefore(u: Unit, operand: SyntaxNode, pos: number): boolean {
    if (operand.type !== 'selector_expression') return false;
    const home = homeDecl(u) ?? u;
    const text = home.file.text.slice(home.node.startIndex, pos);
    if (!text.includes(`${field(operand, 'field')?.text ?? ''} = `)) return false;
    const base = rootIdent(operand);
    const b = base ? this.scopes.resolve(base) : undefined;
    if (!b || b.kind !== 'local') return false;
    const name = operand.text.replace(/\s+/g, '').replace(/[.[\]()*]/g, (c) => `\\${c}`);
    return new RegExp(`(?<![\\w.])${name}\\s*=\\s*(?:make\\(|map\\[)`).test(text);
  }

  mapIdentity(u: Unit, e: SyntaxNode): { key: string; fresh: boolean; typed: boolean | null; field?: MapAccess['field']; localDecl?: SyntaxNode } | undefined {
    if (e.type === 'identifier') {
      const b = this.scopes.resolve(e);
      if (!b || b.kind === 'func' || b.kind === 'const') return undefined;
      const typed = this.mapness(this.scopes.typeOfBinding(b));
      if (typed === false) return undefined;
      if (b.kind === 'package') return { key: `pkg:${b.name}`, fresh: false, typed };
      return { key: `local:${b.nameNode.id}`, fresh: false, typed, localDecl: b.nameNode };
    }
    if (e.type === 'index_expression') {
      // `m[a][b] = v`: the inner maps of m, one identity for all of them.
      const inner = field(e, 'operand');
      const outer = inner ? this.mapIdentity(u, unparen(inner)) : undefined;
      if (!outer || outer.key.startsWith('elem:')) return undefined;
      const typed = this.mapness(this.scopes.typeOfExpr(e));
      if (typed !== true) return undefined;
      return { key: `elem:${outer.key}`, fresh: outer.fresh, typed };
    }
    if (e.type === 'selector_expression') {
      const operand = field(e, 'operand');
      const name = field(e, 'field')?.text;
      if (!operand || !name) return undefined;
      const base = unparen(operand);
      const recv = this.receiverType(base);
      if (recv) {
        // Fast path for the receiver (`s.items`): no scope walk.
        const declaring = this.fieldOwner(recv, name);
        if (!declaring) return undefined;
        const ft = this.fieldTypeOf(declaring, name);
        const typed = ft ? this.mapness(ft) : null;
        if (typed === false) return undefined;
        return { key: `field:${declaring}.${name}`, fresh: false, typed, field: { typeName: declaring, name } };
      }
      if (base.type === 'identifier' && !this.scopes.resolve(base)) return undefined; // imported package
      let bt = this.scopes.typeOfExpr(base);
      if (bt.kind === 'pointer') bt = bt.elem;
      if (bt.kind === 'named' && bt.qualifier) {
        // A field of an imported struct type (`ls.Followers`): only when the code proves it is a map.
        const typeName = `${bt.qualifier}.${bt.name}`;
        return { key: `field:${typeName}.${name}`, fresh: false, typed: null, field: { typeName, name } };
      }
      const owner = derefNamed(this.pkg, bt);
      if (!owner || !this.pkg.types.has(owner)) return undefined;
      const declaring = this.fieldOwner(owner, name);
      if (!declaring) return undefined;
      const typed = this.mapness(this.scopes.typeOfExpr(e));
      if (typed === false) return undefined;
      return { key: `field:${declaring}.${name}`, fresh: this.freshBase(u, base), typed, field: { typeName: declaring, name } };
    }
    return undefined;
  }

  /** true: a map; false: known not to be; null: cannot tell. */
  mapness(t: GoType): boolean | null {
    const u = this.pkg.underlying(t);
    if (u.kind === 'map') return true;
    if (u.kind === 'unknown') return null;
    if (u.kind === 'named' && u.qualifier) return null;
    return false;
  }

  readonly recvCache = new Map<number, Map<string, string>>();

  /**
   * When `e` names the receiver or a parameter of the function it appears in (not shadowed): the
   * package type name behind it, found without a scope walk (the hot path on large generated code).
   */
  receiverType(e: SyntaxNode): string | undefined {
    if (e.type !== 'identifier') return undefined;
    const u = this.current;
    if (!u) return undefined;
    let names = this.recvCache.get(u.id);
    if (!names) {
      names = new Map();
      const home = homeDecl(u);
      if (home?.decl) {
        const r = home.decl.receiver;
        if (r?.name && this.pkg.types.has(r.typeName)) names.set(r.name, r.typeName);
        for (const p of parametersOf(home.node)) {
          const t = derefNamed(this.pkg, this.pkg.typeOf(p.type));
          if (t && this.pkg.types.has(t)) names.set(p.name.text, t);
        }
        for (let x: Unit | undefined = u; x && x !== home; x = x.parent) for (const n of x.paramNames) names.delete(n);
        for (const n of [...names.keys()]) if (this.declaredInBody(home, n)) names.delete(n);
      }
      this.recvCache.set(u.id, names);
    }
    return names.get(e.text);
  }

  readonly bodyNames = new Map<number, Set<string>>();

  /** Names declared with := / var / range anywhere in a declaration's body (cheap textual scan). */
  declaredInBody(home: Unit, name: string): boolean {
    let names = this.bodyNames.get(home.id);
    if (!names) {
      names = declaredNames(field(home.node, 'body')?.text ?? '');
      this.bodyNames.set(home.id, names);
    }
    return names.has(name);
  }

  fieldTypeOf(typeName: string, name: string): GoType | undefined {
    const f = this.pkg.structFieldsOf(typeName)?.find((x) => x.name === name && !x.embedded);
    return f ? this.pkg.typeOf(f.typeNode) : undefined;
  }

  /** The struct type (this one or an embedded one) that declares field `name`. */
  fieldOwner(typeName: string, name: string, depth = 0): string | undefined {
    if (depth > 3) return undefined;
    const fields = this.pkg.structFieldsOf(typeName);
    if (!fields) return undefined;
    if (fields.some((f) => f.name === name && !f.embedded)) return typeName;
    for (const f of fields.filter((x) => x.embedded)) {
      const inner = derefNamed(this.pkg, this.pkg.typeOf(f.typeNode));
      if (inner && this.pkg.types.has(inner)) {
        const r = this.fieldOwner(inner, name, depth + 1);
        if (r) return r;
      }
    }
    return undefined;
  }

  /**
   * `x` declared in this function as a fresh value (`&T{}`, `T{}`, `new(T)`, `var x T`, a package
   * constructor's result, a `clone()`/`Copy()` of another value), or a part of one (`s := &c.shards[i]`).
   */
  freshBase(u: Unit, base: SyntaxNode, depth = 0): boolean {
    let e = base;
    while (e.type === 'selector_expression' || e.type === 'index_expression') e = unparen(field(e, 'operand') ?? e);
    if (e.type !== 'identifier' || depth > 3) return false;
    const b = this.scopes.resolve(e);
    if (!b || (b.kind !== 'local' && b.kind !== 'result') || b.func?.id !== u.node.id) return false;
    // Declared without a value (`var s *T`, a named result): fresh when last assigned a new value before here.
    if (!b.value && !b.tupleValue && this.assignedFresh(u, b.name, b.nameNode.endIndex, e.startIndex)) return true;
    if (b.kind === 'result') return false;
    if (!b.value) return b.declNode.type === 'var_spec' && !!b.typeNode && !b.tupleValue && b.typeNode.type !== 'pointer_type';
    let v = unparen(b.value);
    if (v.type === 'unary_expression' && v.child(0)?.type === '&') v = unparen(field(v, 'operand') ?? v);
    if (v.type === 'composite_literal') return true;
    if (v.type === 'selector_expression' || v.type === 'index_expression') return this.freshBase(u, v, depth + 1);
    if (v.type === 'call_expression') {
      const fn = field(v, 'function');
      if (fn?.type === 'selector_expression') return COPY_METHOD.test(field(fn, 'field')?.text ?? '');
      if (fn?.type !== 'identifier') return false;
      if (fn.text === 'new') return !this.scopes.resolve(fn);
      // `c := newCluster(token)`: a package constructor hands back a value nobody else has yet.
      const d = /^(new|New)[A-Z_]?/.test(fn.text) ? this.pkg.funcs.get(fn.text) : undefined;
      return !!d && /^\*?\w/.test(field(d.node, 'result')?.text ?? '');
    }
    return false;
  }

  /** The last assignment to `name` between two offsets of the unit's file is a new value (`s = &T{...}`, `new(T)`). */
  private assignedFresh(u: Unit, name: string, from: number, to: number): boolean {
    if (to <= from || to - from > 20000) return false;
    let last: string | undefined;
    for (const m of u.file.text.slice(from, to).matchAll(new RegExp(`(?<![\\w.])${name}\\s*=(?!=)\\s*([^\\n;]*)`, 'g'))) last = m[1];
    return !!last && /^(?:&?[\w.]+(?:\[[^\]]*\])?\s*\{|new\()/.test(last);
  }

  /** The declaration a call's function expression names, when it is a function or method of this package. */
  calleeDecl(f: SyntaxNode, _file: GoFile): FuncDecl | undefined {
    const e = unparen(f);
    if (e.type === 'identifier') {
      const d = this.pkg.funcs.get(e.text);
      if (!d) return undefined;
      // Fast path: nothing in the enclosing declaration declares the name, so it is the package's.
      if (!this.scopes.mayBeLocal(e)) return d;
      const b = this.scopes.resolve(e);
      return b?.kind === 'func' ? this.pkg.funcs.get(e.text) : undefined;
    }
    if (e.type === 'selector_expression') {
      const name = field(e, 'field')?.text;
      const operand = field(e, 'operand');
      if (!name || !operand || !this.methodNames.has(name)) return undefined;
      const base = unparen(operand);
      const recv = this.receiverType(base);
      if (recv) return this.methodOf(recv, name);
      if (base.type === 'identifier' && !this.scopes.resolve(base)) return undefined;
      const t = derefNamed(this.pkg, this.scopes.typeOfExpr(base));
      if (!t) return undefined;
      return this.methodOf(t, name);
    }
    return undefined;
  }

  methodOf(typeName: string, name: string, depth = 0): FuncDecl | undefined {
    const m = this.pkg.methodsOf(typeName).get(name);
    if (m || depth > 2) return m;
    for (const f of (this.pkg.structFieldsOf(typeName) ?? []).filter((x) => x.embedded)) {
      const inner = derefNamed(this.pkg, this.pkg.typeOf(f.typeNode));
      if (inner) {
        const r = this.methodOf(inner, name, depth + 1);
        if (r) return r;
      }
    }
    return undefined;
  }

  // ---- locks: the canonical key of a mutex expression, lock calls and lock helpers ----

  private readonly lockHelpers = new Map<number, { key: string; mode: LockMode } | null>();

  /**
   * `x.lock()` where the method locks a mutex of its receiver and returns a function (the unlock,
   * a literal or `x.mu.Unlock` itself):
   * the lock it takes, keyed as the mutex itself would be.
   */
  lockHelperKey(sel: SyntaxNode, callee?: FuncDecl | null): { key: string; mode: LockMode } | undefined {
    const decl = callee === undefined ? this.calleeDecl(sel, this.current!.file) : (callee ?? undefined);
    const recv = decl?.receiver;
    if (!decl || !recv?.name) return undefined;
    let hit = this.lockHelpers.get(decl.node.id);
    if (hit === undefined) {
      hit = null;
      const body = field(decl.node, 'body')?.text ?? '';
      // The unlock handed back as a literal or as the method value itself (`return r.mu.Unlock`).
      const m = body.length < 1500 && /\breturn\s+(?:func\s*\(|[\w.]+\.R?Unlock\s*(?:$|[;}\n]))/.test(body) ? new RegExp(`\\b${recv.name}\\.(?:(\\w+)\\.)?(R?)Lock\\(\\)`).exec(body) : null;
      if (m) {
        const owner = m[1] ? (this.fieldOwner(recv.typeName, m[1]) ?? recv.typeName) : recv.typeName;
        hit = { key: m[1] ? `${owner}.${m[1]}` : `${owner}.<embedded>`, mode: m[2] ? 'R' : 'W' };
      }
      this.lockHelpers.set(decl.node.id, hit);
    }
    return hit ?? undefined;
  }

  /** `x.getMutex()` whose body is `return r.mu` (or `&r.mu`): the key of that field. */
  mutexGetterKey(call: SyntaxNode): string | undefined {
    const fn = field(call, 'function');
    const decl = fn && unparen(fn).type === 'selector_expression' ? this.calleeDecl(unparen(fn), this.current!.file) : undefined;
    const recv = decl?.receiver;
    if (!decl || !recv?.name) return undefined;
    const m = new RegExp(`^\\{\\s*return\\s+&?${recv.name}\\.(\\w+)\\s*\\}$`).exec(field(decl.node, 'body')?.text ?? '');
    return m ? `${this.fieldOwner(recv.typeName, m[1]!) ?? recv.typeName}.${m[1]}` : undefined;
  }

  lockCall(call: SyntaxNode): Omit<LockEvent, 'deferred'> & { deferred: false } | undefined {
    const fn = field(call, 'function');
    if (!fn) return undefined;
    const f = unparen(fn);
    if (f.type !== 'selector_expression') return undefined;
    const method = field(f, 'field');
    if (!method || !LOCK_OPS.has(method.text)) return undefined;
    const args = field(call, 'arguments');
    if (args && namedChildren(args).some((c) => c.type !== 'comment')) return undefined;
    const operand = field(f, 'operand');
    if (!operand) return undefined;
    return { key: this.mutexKey(unparen(operand)), op: method.text as LockEvent['op'], deferred: false, call, method };
  }

  /** Canonical name of a mutex expression, so `s.mu` in two methods of T is the same lock (`T.mu`). */
  mutexKey(e: SyntaxNode): string {
    if (e.type === 'call_expression' && this.current) {
      const k = this.mutexGetterKey(e);
      if (k) return k;
    }
    if (e.type === 'identifier') {
      const b = this.scopes.resolve(e);
      if (!b) return `expr:${e.text}`;
      const bt = this.scopes.typeOfBinding(b);
      const t = derefNamed(this.pkg, bt);
      // A value with an embedded mutex (`s.Lock()`, `cache.RLock()`): the lock belongs to the type.
      if (t && this.pkg.types.has(t) && !isMutexType(bt)) return `${t}.<embedded>`;
      if (b.kind === 'package') return `pkg:${b.name}`;
      return `local:${b.nameNode.id}`;
    }
    if (e.type === 'selector_expression') {
      const operand = field(e, 'operand');
      const name = field(e, 'field')?.text;
      if (operand && name) {
        const t0 = derefNamed(this.pkg, this.scopes.typeOfExpr(operand));
        if (t0) {
          // Name the struct that declares the field, so `f.mu` promoted from an embedded type matches.
          const t = this.fieldOwner(t0, name) ?? t0;
          const ft = this.scopes.typeOfExpr(e);
          if (isMutexType(ft) || isMutexPointer(ft) || ft.kind === 'unknown') return `${t}.${name}`;
          // A struct field with an embedded mutex: `s.state.Lock()`.
          const inner = derefNamed(this.pkg, ft);
          if (inner) return `${inner}.<embedded>`;
          return `${t}.${name}`;
        }
      }
    }
    // Striped locks (`s.locks[i]`): one lock for the whole array. Code that locks a stripe works on
    // the part of the data that stripe guards; telling stripes apart is beyond a textual model.
    if (e.type === 'index_expression') {
      const operand = field(e, 'operand');
      if (operand) return `${this.mutexKey(unparen(operand))}[]`;
    }
    return `expr:${e.text.replace(/\s+/g, '')}`;
  }
}
