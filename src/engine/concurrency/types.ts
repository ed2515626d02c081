// The shapes the concurrency analysis shares: per-function summaries (units with their map
// accesses, call sites and lock events), concurrent contexts (roots), and the model's queries.
import type { SyntaxNode } from '../types.js';
import type { GoFile } from '../source.js';
import type { FuncDecl, PackageModel } from '../model.js';
import type { Scopes } from '../scope.js';

export type LockMode = 'R' | 'W';
/** Canonical mutex key -> mode. The key `*` means "the caller holds the lock" (a `...Locked` helper). */
export type LockSet = ReadonlyMap<string, LockMode>;
export const ANY_LOCK = '*';
/** Held by functions documented as never running concurrently (phases, single-threaded setup). */
export const EXCLUSIVE = '!exclusive';

/**
 * `len` reads only the map's count and `assign` replaces the whole field: both are data races on
 * the field when unguarded, never the runtime's concurrent-map check, so they never claim a crash.
 */
export type AccessKind = 'read' | 'write' | 'range' | 'len' | 'assign' | 'ref';

export interface MapAccess {
  /** index_expression, delete/clear/len call, range_clause right side, or the field in `x.f = ...`. */
  node: SyntaxNode;
  operand: SyntaxNode;
  /** Map identity: `pkg:name`, `local:<decl id>`, `field:T.f`. */
  key: string;
  kind: AccessKind;
  /** Human name of the map as written (`s.items`, `cache`). */
  name: string;
  unit: Unit;
  /** Locks acquired in this function before the access (not counting inherited ones). */
  locks: LockSet;
  /** The base value was built in this very function (`x := &T{}`), so the map is not shared yet. */
  fresh: boolean;
  file: GoFile;
  /** For field keys: the struct type and field. */
  field?: { typeName: string; name: string };
  /** For local keys: the declaring identifier. */
  localDecl?: SyntaxNode;
  /** The operand is known to be a map here (its type, or `v, ok := m[k]` / `delete(m, k)`). */
  proof: boolean | null;
}

export interface LockEvent {
  key: string;
  op: 'Lock' | 'RLock' | 'Unlock' | 'RUnlock';
  deferred: boolean;
  call: SyntaxNode;
  /** The method name node (`RLock`), for fixes. */
  method: SyntaxNode;
}

export type RootKind = 'go' | 'errgroup' | 'waitgroup' | 'pool' | 'afterfunc' | 'http' | 'rpc' | 'callback';

export interface Root {
  id: number;
  kind: RootKind;
  /** The go statement / Go(...) / AfterFunc(...) call; the handler function for HTTP. */
  site: SyntaxNode;
  siteFile: GoFile;
  /** The function that starts it (undefined for HTTP handlers). */
  launcher?: Unit;
  target: Unit;
  /** Several instances can run at once: launched in a loop, or once per HTTP request. */
  multi: boolean;
  /** The goroutine loops (a long-lived worker), so it overlaps whatever runs after it starts. */
  longLived: boolean;
  /** For a method target (`go s.loop()`, a handler method): its receiver is shared with other goroutines. */
  recvShared: boolean;
  /** The launcher waits for it right away (`go f(); <-done`): it overlaps nothing the launcher does later. */
  sync: boolean;
  /** For callbacks: the package function that runs them on goroutines. */
  via?: string;
  /**
   * For HTTP handlers: registered or served, so net/http really runs it per request. A function
   * with the handler signature that the package only calls itself is sequential.
   */
  served: boolean;
  /** For a goroutine or handler of another package of the module calling into this one (importers.ts): that package. */
  importer?: string;
}

export interface CallSite {
  node: SyntaxNode;
  /** For method calls `x.m()`: the receiver expression `x`. */
  recv?: SyntaxNode;
  caller: Unit;
  callee: Unit;
  locks: LockSet;
}

export interface Unit {
  id: number;
  node: SyntaxNode;
  file: GoFile;
  decl?: FuncDecl;
  /** For literals: the enclosing function. */
  parent?: Unit;
  /** Locks held where a literal is defined (callbacks usually run synchronously). */
  entryLocks: LockSet;
  /** A literal handed back or stored (`return func() {...}`, `x.cb = func() {...}`): it runs later, holding none of its definer's locks. */
  escapes?: boolean;
  /** A literal run by sync.Once.Do: once, before any Do returns. */
  once?: boolean;
  root?: Root;
  accesses: MapAccess[];
  calls: CallSite[];
  /** Start offsets of Wait() calls and channel receives in this body (not nested literals). */
  waits: number[];
  lockEvents: LockEvent[];
  literals: Unit[];
  /** Parameter indexes this function runs in new goroutines (`go fn()`, or `fn()` inside a goroutine), and whether several at once. */
  goParams: Map<number, boolean>;
  /** Parameter names (by index) for goParams resolution. */
  paramNames: string[];
  callers: CallSite[];
}

export interface ConcurrencyModel {
  pkg: PackageModel;
  scopes: Scopes;
  units: Unit[];
  roots: Root[];
  accesses: MapAccess[];
  /** Accesses by map key. */
  byKey: Map<string, MapAccess[]>;
  unitOf(node: SyntaxNode): Unit | undefined;
  /** Locks held at an access, including those its callers hold. */
  locksAt(a: MapAccess): LockSet;
  /** Roots whose goroutines (or requests) run this unit. */
  contextsOf(u: Unit): ReadonlySet<Root>;
  /** Under root r, the receiver of u's method may be shared with other goroutines. */
  receiverSharedUnder(u: Unit, r: Root): boolean;
  /** The map an access touches may be shared between root r's goroutines and other code. */
  sharedUnder(a: MapAccess, r: Root): boolean;
  /** Under root r, u's receiver is a value one run of r's launcher made for it (contexts.ts perRunReceivers). */
  perRunReceiver(u: Unit, r: Root): boolean;
  /** The expression is a local this function just made (`x := &T{}`, `db, err := Open(...)`): nobody else has it. */
  freshLocal(e: SyntaxNode): boolean;
  /** The identifier names a value r's launcher makes on each run (`c := &client{...}`). */
  madePerRun(ident: SyntaxNode, r: Root): boolean;
  /** The variable an identifier names is used inside r's goroutine (captured), or is the receiver of `go x.m()`. */
  capturedBy(r: Root, ident: SyntaxNode): boolean;
  /** The mutex field names of struct type T declared in the package. */
  mutexFieldsOf(typeName: string): string[];
  /** True when T's mutex field (or embedded mutex, name '') is a sync.RWMutex. */
  isRWMutexField(typeName: string, name: string): boolean;
  /** True when the access sits in a function that builds values of the type (or in init). */
  inConstructor(a: MapAccess): boolean;
}
