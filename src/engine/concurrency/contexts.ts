// Concurrent contexts: what starts goroutines (go statements, errgroup / WaitGroup.Go / pools /
// wait-group wrappers, time.AfterFunc) and which units each root reaches through calls, with
// whether the unit's receiver is shared under it.
import type { SyntaxNode } from '../types.js';
import type { GoFile } from '../source.js';
import type { Scopes } from '../scope.js';
import { callShape, namedChildren, unparen } from '../ast.js';
import type { PackageModel } from '../model.js';
import { derefNamed } from './units.js';
import type { Root, RootKind, Unit } from './types.js';
import type { Ownership } from './ownership.js';

/** How many calls deep a goroutine's reach is followed. */
export const MAX_CALL_DEPTH = 4;
/** Methods that run their callback on a new goroutine, on a group-like receiver. */
const GO_METHODS = new Set(['Go', 'Wrap', 'Spawn']);
const WAITGROUP_WRAPPER = /(?:WaitGroup|Group)(?:Wrapper)?$/;

export function goStarter(scopes: Scopes, file: GoFile, shape: NonNullable<ReturnType<typeof callShape>>, args: SyntaxNode[]): { kind: RootKind; argIndex: number } | undefined {
  const time = file.importName('time');
  if (time && shape.callee === `${time}.AfterFunc` && args.length === 2) return { kind: 'afterfunc', argIndex: 1 };
  if (!shape.method || !GO_METHODS.has(shape.method) || args.length !== 1 || !shape.receiver) return undefined;
  const recvType = scopes.typeOfExpr(shape.receiver);
  const base = recvType.kind === 'pointer' ? recvType.elem : recvType;
  // A wait-group wrapper of the project's own (`wg.Wrap(func() {...})`, `group.Go(fn)` on a
  // type named like one): it runs the callback on a new goroutine, as its name says.
  if (base.kind === 'named' && WAITGROUP_WRAPPER.test(base.name) && !(base.qualifier && file.imports.get(base.qualifier) === 'sync')) return { kind: 'waitgroup', argIndex: 0 };
  if (shape.method !== 'Go') return undefined;
  if (base.kind === 'named' && base.qualifier) {
    const path = file.imports.get(base.qualifier) ?? '';
    if (path === 'sync' && base.name === 'WaitGroup') return { kind: 'waitgroup', argIndex: 0 };
    if (path === 'golang.org/x/sync/errgroup') return { kind: 'errgroup', argIndex: 0 };
    if (/(^|\/)conc(\/|$)/.test(path)) return { kind: 'pool', argIndex: 0 };
    return undefined;
  }
  // The receiver came from a call we cannot type (errgroup.WithContext, pool.New()): trust the imports.
  if (base.kind === 'unknown') {
    for (const p of file.imports.values()) {
      if (p === 'golang.org/x/sync/errgroup') return { kind: 'errgroup', argIndex: 0 };
      if (/^github\.com\/sourcegraph\/conc(\/|$)/.test(p)) return { kind: 'pool', argIndex: 0 };
    }
  }
  return undefined;
}

/** Roots reaching each unit (the root's body, literals inside it, package functions it calls, bounded depth), with whether the unit's receiver is shared under that root. */
export function reachingRoots(roots: readonly Root[], own: Ownership): Map<number, Map<Root, boolean>> {
  const out = new Map<number, Map<Root, boolean>>();
  const add = (u: Unit, r: Root, recv: boolean) => {
    let m = out.get(u.id);
    if (!m) out.set(u.id, (m = new Map()));
    const prev = m.get(r);
    if (prev === true || prev === recv) return false;
    m.set(r, recv);
    return true;
  };
  for (const r of roots) {
    const queue: { u: Unit; depth: number; recv: boolean }[] = [{ u: r.target, depth: 0, recv: r.recvShared }];
    let steps = 0;
    while (queue.length && steps++ < 2000) {
      const { u, depth, recv } = queue.shift()!;
      if (!add(u, r, recv)) continue;
      for (const lit of u.literals) if (!lit.root) queue.push({ u: lit, depth, recv });
      if (depth >= MAX_CALL_DEPTH) continue;
      for (const c of u.calls) {
        if (c.callee.root) continue;
        queue.push({ u: c.callee, depth: depth + 1, recv: c.recv ? own.sharedBase(c.recv, r, recv) : false });
      }
    }
  }
  return out;
}

/**
 * Units whose receiver, under a root, is a value one run of the root's launcher made for it (the
 * client a connection handler builds before starting its read loop), through calls on that
 * receiver: when the launcher runs several times at once, each run's goroutine has its own value,
 * so the maps it holds directly do not race between runs.
 */
export function perRunReceivers(roots: readonly Root[], own: Ownership, scopes: Scopes): Map<number, Set<Root>> {
  const out = new Map<number, Set<Root>>();
  const add = (u: Unit, r: Root) => {
    let set = out.get(u.id);
    if (!set) out.set(u.id, (set = new Set()));
    if (set.has(r)) return false;
    set.add(r);
    return true;
  };
  for (const r of roots) {
    if (!r.launcher || r.multi) continue;
    const queue: { u: Unit; depth: number; perRun: boolean }[] = [];
    const recv = r.target.decl?.receiver ? own.goReceiver(r) : undefined;
    queue.push({ u: r.target, depth: 0, perRun: !!recv && own.madePerRun(recv, r) });
    while (queue.length) {
      const { u, depth, perRun } = queue.shift()!;
      if (perRun && !add(u, r)) continue;
      const units = [u, ...u.literals.filter((l) => !l.root)];
      if (depth >= MAX_CALL_DEPTH) continue;
      for (const x of units) {
        for (const c of x.calls) {
          if (c.callee.root || !c.callee.decl?.receiver || !c.recv) continue;
          const e = unparen(c.recv);
          if (e.type !== 'identifier') continue;
          // The same receiver handed on (`c.flushClients()` inside a method of c), or the launcher's own value.
          const b = scopes.resolve(e);
          const same = perRun && b?.kind === 'receiver' && b.func?.id === u.node.id;
          if (same || own.madePerRun(e, r)) queue.push({ u: c.callee, depth: depth + 1, perRun: true });
        }
      }
    }
  }
  return out;
}

/** `pb.RegisterRouteGuideServer(srv, impl)`: generated gRPC registration. */
const RPC_REGISTER = /\bRegister\w*Server\s*\(/;

/** The types a package registers as gRPC services, with the registration call. */
export function rpcServices(pkg: PackageModel, scopes: Scopes): { typeName: string; site: SyntaxNode; file: GoFile }[] {
  const out: { typeName: string; site: SyntaxNode; file: GoFile }[] = [];
  for (const file of pkg.files) {
    if (!RPC_REGISTER.test(file.text)) continue;
    for (const n of file.root.descendantsOfType('call_expression')) {
      const shape = callShape(n);
      const name = shape?.method ?? shape?.callee ?? '';
      if (!/^(?:\w+\.)?Register\w*Server$/.test(name) || shape?.args.length !== 2) continue;
      const impl = unparen(shape.args[1]!);
      const typeName = derefNamed(pkg, scopes.typeOfExpr(impl)) ?? implType(pkg, impl);
      if (typeName && pkg.types.has(typeName)) out.push({ typeName, site: n, file });
    }
  }
  return out;
}

/** `&T{...}`, `T{}`, or `newT()` whose result is `*T`: the type, when scopes cannot tell. */
function implType(pkg: PackageModel, e: SyntaxNode): string | undefined {
  let x = e;
  if (x.type === 'unary_expression') x = unparen(namedChildren(x)[0] ?? x);
  if (x.type === 'composite_literal') return x.childForFieldName('type')?.text;
  if (x.type === 'call_expression') {
    const fn = x.childForFieldName('function');
    const d = fn?.type === 'identifier' ? pkg.funcs.get(fn.text) : undefined;
    const result = d?.node.childForFieldName('result')?.text.replace(/^\*/, '');
    return result && /^\w+$/.test(result) ? result : undefined;
  }
  return undefined;
}
