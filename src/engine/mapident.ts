// Which map a map expression names across a whole package, and everything the
// package ever does to that map besides reading it: deleting keys, clearing,
// replacing it with a fresh map, ranging over it, or handing it to code that
// might do any of those. Rules about a map's whole life ("does anything ever
// remove keys?") key on this identity; each map's summary is computed on first
// request and cached for the package, so rules share it.
import type { SyntaxNode } from './types.js';
import type { GoFile } from './source.js';
import { defineFact, type PackageModel } from './model.js';
import type { Visitor } from './rule.js';
import type { Binding, Scopes } from './scope.js';
import { ScopesFact } from './run.js';
import { callShape, contains, enclosingFunction, exprKey, expressionsOf, field, unparen } from './ast.js';
import { isSyncMap, type GoType } from './gotypes.js';
import { writtenIndexExprs } from './uses.js';

/** A map (or sync.Map) as the package knows it: a package variable, a field of a package type, or a local. */
export type MapIdentity =
  | { kind: 'package'; name: string; key: string }
  | { kind: 'field'; owner: string; field: string; key: string }
  | { kind: 'local'; binding: Binding; key: string };

export interface MapSite {
  node: SyntaxNode;
  file: GoFile;
}

/** What the package does to one map identity besides indexing it. */
export interface MapUsage {
  /** `delete`, `clear`, `maps.DeleteFunc`, sync.Map `Delete`/`LoadAndDelete`/`CompareAndDelete`/`Clear`. */
  removals: MapSite[];
  /** Assignments that replace the map (or the value holding it) outside construction. */
  resets: MapSite[];
  /** The part of `resets` that replaces a value holding the map, not the map itself. */
  holderResets: MapSite[];
  /** The map value handed elsewhere (argument to package code, returned, aliased, address taken). */
  escapes: MapSite[];
  /** `for ... range m` or sync.Map `Range`. */
  ranged: MapSite[];
}

const REMOVE_METHODS = new Set(['Delete', 'LoadAndDelete', 'CompareAndDelete', 'Clear']);

/** True for map types and sync.Map (or a pointer to one). */
export function isMapLike(pkg: PackageModel, t: GoType): boolean {
  if (isSyncMap(t)) return true;
  const u = pkg.underlying(t.kind === 'pointer' ? t.elem : t);
  return u.kind === 'map' || (t.kind !== 'pointer' && pkg.underlying(t).kind === 'map');
}

/** The type that declares field `name` for values of named type `typeName`, following embedded fields. */
export function fieldOwner(pkg: PackageModel, typeName: string, name: string, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  const fields = pkg.structFieldsOf(typeName);
  if (!fields) return undefined;
  if (fields.some((f) => !f.embedded && f.name === name)) return typeName;
  for (const f of fields.filter((x) => x.embedded)) {
    const inner = namedLocal(pkg.typeOf(f.typeNode));
    const owner = inner ? fieldOwner(pkg, inner, name, depth + 1) : undefined;
    if (owner) return owner;
  }
  return undefined;
}

/** Name of a package-declared named type, through one pointer. */
export function namedLocal(t: GoType): string | undefined {
  const base = t.kind === 'pointer' ? t.elem : t;
  return base.kind === 'named' && !base.qualifier ? base.name : undefined;
}

/** The identity of a map expression (`m`, `s.cache`, `pkgVar.m`), or undefined when it cannot be seen. */
export function mapIdentity(pkg: PackageModel, scopes: Scopes, expr: SyntaxNode): MapIdentity | undefined {
  const e = unparen(expr);
  if (e.type === 'identifier') {
    const b = scopes.resolve(e);
    if (!b) return undefined;
    if (b.kind === 'package') return { kind: 'package', name: b.name, key: `var:${b.name}` };
    if (b.kind === 'local' || b.kind === 'param' || b.kind === 'range' || b.kind === 'result') return { kind: 'local', binding: b, key: `local:${b.nameNode.id}` };
    return undefined;
  }
  if (e.type !== 'selector_expression') return undefined;
  const operand = field(e, 'operand');
  const name = field(e, 'field')?.text;
  if (!operand || !name) return undefined;
  const op = unparen(operand);
  if (op.type === 'identifier') {
    const b = scopes.resolve(op);
    if (!b) return undefined; // an imported package's variable: not ours
    // A package variable of an anonymous struct type: `var state struct{ m map[K]V }`.
    if (b.kind === 'package' && b.typeNode?.type === 'struct_type') return { kind: 'field', owner: `var ${b.name}`, field: name, key: `field:var ${b.name}.${name}` };
  }
  const typeName = namedLocal(scopes.typeOfExpr(op));
  if (!typeName) return undefined;
  const owner = fieldOwner(pkg, typeName, name);
  return owner ? { kind: 'field', owner, field: name, key: `field:${owner}.${name}` } : undefined;
}

/** Human name of an identity: `cache`, `Server.sessions`. */
export function identityLabel(id: MapIdentity): string {
  if (id.kind === 'field') return id.owner.startsWith('var ') ? `${id.owner.slice(4)}.${id.field}` : `${id.owner}.${id.field}`;
  return id.kind === 'package' ? id.name : id.binding.name;
}

/** A node of the package with its file (and the file's place in the package, for document order). */
interface Occurrence {
  file: GoFile;
  node: SyntaxNode;
  order: number;
  /** Where the name itself starts (for a selector, its field name): the order the sites were found in before. */
  at: number;
}

const inDocumentOrder = (a: Occurrence, b: Occurrence) => a.order - b.order || a.at - b.at;

/** The owner key of selectors whose operand type cannot be seen: they count for every field of their name. */
const UNSEEN_OWNER = '*';

const emptyUsage = (): MapUsage => ({ removals: [], resets: [], holderResets: [], escapes: [], ranged: [] });

/**
 * Per-package summary of map uses, for package variables and fields, computed
 * per identity on first request (rules ask only about a few candidate maps).
 * Selectors whose operand type cannot be seen count for every field of that
 * name, so an unresolved `x.m` that deletes still silences rules about `m`.
 */
export class MapUsageIndex {
  private readonly cache = new Map<string, MapUsage>();
  private ownerResets?: Map<string, MapSite[]>;

  constructor(private readonly pkg: PackageModel) {}

  /** Uses of a package variable or field identity (locals: use `localUsage`). */
  usage(id: MapIdentity): MapUsage {
    const hit = this.cache.get(id.key);
    if (hit) return hit;
    const out = emptyUsage();
    const scopes = this.pkg.fact(ScopesFact);
    if (id.kind === 'package') {
      for (const { file, node: n } of this.named('identifier', id.name)) {
        const b = scopes.resolve(n);
        if (b?.kind === 'package' && b.nameNode.id !== n.id) classify(this.pkg, scopes, file, n, out, id);
      }
    } else if (id.kind === 'field') {
      const byOwner = this.selectorsOfField(id.field);
      const sites = [...(byOwner.get(id.key) ?? []), ...(byOwner.get(UNSEEN_OWNER) ?? [])].sort(inDocumentOrder);
      for (const { file, node } of sites) classify(this.pkg, scopes, file, node, out, id);
      // Replacing the value that holds the map replaces the map too.
      if (!id.owner.startsWith('var ')) out.holderResets.push(...(this.resetsOfOwners().get(id.owner) ?? []));
      out.resets.push(...out.holderResets);
    }
    this.cache.set(id.key, out);
    return out;
  }

  private readonly names = new Map<string, Map<string, Occurrence[]>>();

  /**
   * Every node of a type spelled `name` in the package, file by file in document order: read from
   * each file's index of that type by text, and kept per name asked (most names never are).
   */
  private named(type: string, name: string): readonly Occurrence[] {
    let byName = this.names.get(type);
    if (!byName) this.names.set(type, (byName = new Map()));
    let list = byName.get(name);
    if (!list) {
      list = [];
      this.pkg.files.forEach((file, order) => {
        for (const i of file.tree.spellingIndex(type).get(name) ?? []) list!.push({ file, node: file.tree.node(i)!, order, at: file.tree.data.start[i]! });
      });
      byName.set(name, list);
    }
    return list;
  }

  private readonly fieldSelectors = new Map<string, Map<string, Occurrence[]>>();

  /**
   * The selectors `x.<field>` of the package by the identity key of the map they name, computed
   * once per field name (many types can share one: `s.sessions`); selectors whose operand type
   * cannot be seen are under UNSEEN_OWNER and count for every field of that name.
   */
  private selectorsOfField(fieldName: string): Map<string, Occurrence[]> {
    let byOwner = this.fieldSelectors.get(fieldName);
    if (byOwner) return byOwner;
    byOwner = new Map();
    const scopes = this.pkg.fact(ScopesFact);
    for (const o of this.named('field_identifier', fieldName)) {
      const n = o.node.parent;
      if (n?.type !== 'selector_expression' || field(n, 'field')?.id !== o.node.id) continue;
      const other = mapIdentity(this.pkg, scopes, n);
      const key = other ? other.key : operandIsValue(scopes, n) ? UNSEEN_OWNER : undefined;
      if (key === undefined) continue;
      let list = byOwner.get(key);
      if (!list) byOwner.set(key, (list = []));
      list.push({ file: o.file, node: n, order: o.order, at: o.at });
    }
    this.fieldSelectors.set(fieldName, byOwner);
    return byOwner;
  }

  /** Uses of a local map within its declaring function. */
  localUsage(binding: Binding): MapUsage {
    const out = emptyUsage();
    const scope = binding.func;
    const file = scope ? fileOf(this.pkg, scope) : undefined;
    if (!scope || !file) return out;
    const scopes = this.pkg.fact(ScopesFact);
    for (const n of file.tree.nodesSpelled('identifier', binding.name, scope.startIndex, scope.endIndex)) {
      if (n.id === binding.nameNode.id) continue;
      const b = scopes.resolve(n);
      if (b && b.nameNode.id === binding.nameNode.id) classify(this.pkg, scopes, file, n, out, undefined);
    }
    return out;
  }

  /** Package types whose values are replaced wholesale somewhere (`s.cache = newCache()` outside construction). */
  private resetsOfOwners(): Map<string, MapSite[]> {
    if (this.ownerResets) return this.ownerResets;
    const scopes = this.pkg.fact(ScopesFact);
    const out = new Map<string, MapSite[]>();
    for (const file of this.pkg.files) {
      for (const stmt of nodesOfType(file.root, ['assignment_statement'])) noteOwnerResets(this.pkg, scopes, file, stmt, out);
    }
    this.ownerResets = out;
    return out;
  }
}

/** Descendants of the given types, found natively by tree-sitter (far cheaper than a JS walk). */
export function nodesOfType(root: SyntaxNode, types: string[]): SyntaxNode[] {
  return root.descendantsOfType(types).filter((n): n is SyntaxNode => n !== null);
}

/** The package file holding a node. */
export function fileOf(pkg: PackageModel, node: SyntaxNode): GoFile | undefined {
  let root = node;
  while (root.parent) root = root.parent;
  return pkg.files.find((f) => f.root.id === root.id);
}

export const MapUsageFact = defineFact('map-usage', (pkg) => new MapUsageIndex(pkg));

/** `x.f` where x is a value (not an imported package name). */
function operandIsValue(scopes: Scopes, sel: SyntaxNode): boolean {
  const op = field(sel, 'operand');
  if (!op) return false;
  const u = unparen(op);
  return u.type !== 'identifier' || !!scopes.resolve(u);
}

/** Sorts one occurrence of a map expression into the usage buckets; plain reads and index accesses are ignored. */
function classify(pkg: PackageModel, scopes: Scopes, file: GoFile, occurrence: SyntaxNode, into: MapUsage, id: MapIdentity | undefined): void {
  let node = occurrence;
  while (node.parent?.type === 'parenthesized_expression') node = node.parent;
  const parent = node.parent;
  if (!parent) return;
  const site = { node, file };
  switch (parent.type) {
    case 'index_expression':
    case 'binary_expression':
    case 'if_statement':
    case 'expression_switch_statement':
      return;
    case 'range_clause':
      if (field(parent, 'right')?.id === node.id) into.ranged.push(site);
      return;
    case 'selector_expression': {
      // sync.Map methods; on an ordinary map a selector cannot follow.
      const call = parent.parent;
      const method = field(parent, 'field')?.text ?? '';
      if (call?.type !== 'call_expression') return;
      if (REMOVE_METHODS.has(method)) into.removals.push(site);
      else if (method === 'Range') into.ranged.push(site);
      return;
    }
    case 'unary_expression':
      if (parent.child(0)?.type === '&') into.escapes.push(site);
      return;
    case 'argument_list': {
      const call = parent.parent;
      const shape = call ? callShape(call) : null;
      if (!shape || !call) return;
      const fn = unparen(field(call, 'function')!);
      const builtin = fn.type === 'identifier' && !scopes.resolve(fn);
      if (builtin && (shape.callee === 'delete' || shape.callee === 'clear')) into.removals.push(site);
      else if (builtin) return; // len, cap, append, copy, print
      else if (shape.callee.endsWith('.DeleteFunc') && isImportCall(scopes, file, fn)) into.removals.push(site);
      else if (!isImportCall(scopes, file, fn)) into.escapes.push(site); // package code may delete through its parameter
      return;
    }
    case 'expression_list': {
      const stmt = parent.parent;
      if (stmt?.type === 'assignment_statement' && field(stmt, 'left')?.id === parent.id) {
        if (!isInitialisation(pkg, scopes, stmt, node, id)) into.resets.push(site);
        return;
      }
      into.escapes.push(site);
      return;
    }
    case 'assignment_statement':
      if (field(parent, 'left')?.id === node.id) {
        if (!isInitialisation(pkg, scopes, parent, node, id)) into.resets.push(site);
        return;
      }
      into.escapes.push(site);
      return;
    case 'inc_statement':
    case 'dec_statement':
    case 'expression_statement':
    case 'go_statement':
    case 'defer_statement':
      return;
    default:
      // returned, sent, stored in a literal, bound to another name: someone else may shrink it.
      into.escapes.push(site);
  }
}

/** Call of a function from an imported package (`maps.Clone(m)`, `json.Marshal(m)`), which cannot reach our deletes. */
function isImportCall(scopes: Scopes, file: GoFile, fn: SyntaxNode): boolean {
  if (fn.type !== 'selector_expression') return false;
  const op = field(fn, 'operand');
  return op?.type === 'identifier' && file.imports.has(op.text) && !scopes.resolve(op);
}

/** `holder` is source text (`(*tail).`, `x[i].`): its metacharacters must match literally. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Names that build a value once. `load`, `open`, `setup` and the like are left out on
// purpose: they often run again to reload, and a reload that replaces the map is a reset.
const INIT_NAME = /^(init|new|make|construct|must)/i;

/**
 * True when an assignment to the map (or its holder) builds it rather than
 * replaces it: in a constructor-like function, in `init`, inside a `sync.Once`
 * callback, under `if x == nil`, or on an object created in the same function.
 */
export function isInitialisation(pkg: PackageModel, scopes: Scopes, stmt: SyntaxNode, lhs: SyntaxNode, id: MapIdentity | undefined): boolean {
  const key = exprKey(lhs);
  let fn: SyntaxNode | null = enclosingFunction(stmt);
  for (let p = stmt.parent; p; p = p.parent) {
    if (p.type === 'if_statement') {
      const cond = field(p, 'condition')?.text.replace(/\s+/g, '') ?? '';
      if (cond.includes(`${key}==nil`)) return true;
      // `if acc.rm == nil { acc.rm = make(...); acc.lqws = make(...) }`: maps set up together under a sibling's nil check.
      const holder = key.includes('.') ? key.slice(0, key.lastIndexOf('.') + 1) : '';
      if (holder && field(p, 'consequence') && contains(field(p, 'consequence')!, stmt) && new RegExp(`(^|[^\\w.])${escapeRegExp(holder)}\\w+==nil`).test(cond)) return true;
    }
    if (p.type === 'func_literal') {
      const call = p.parent?.parent;
      const shape = call?.type === 'call_expression' ? callShape(call) : null;
      if (shape?.method === 'Do') return true; // sync.Once
    }
    if (p.type === 'function_declaration' || p.type === 'method_declaration') {
      fn = p;
      break;
    }
  }
  if (fn) {
    const name = field(fn, 'name')?.text ?? '';
    if (INIT_NAME.test(name)) return true;
    if (fn.type === 'function_declaration' && id?.kind === 'field') {
      const result = field(fn, 'result')?.text ?? '';
      if (new RegExp(`\\b${id.owner.replace(/[^\w]/g, '')}\\b`).test(result)) return true;
    }
  }
  // `x := &T{}` ... `x.m = make(...)`: building a fresh value.
  const l = unparen(lhs);
  if (l.type === 'selector_expression') {
    let base = field(l, 'operand');
    while (base && unparen(base).type === 'selector_expression') base = field(unparen(base), 'operand');
    if (base && unparen(base).type === 'identifier') {
      const b = scopes.resolve(unparen(base));
      if (b && b.kind === 'local' && freshValue(pkg, b)) return true;
    }
  }
  return false;
}

/** A local bound to a newly built value: `T{}`, `&T{}`, `new(T)`, `var x T`. */
function freshValue(pkg: PackageModel, b: Binding): boolean {
  if (!b.value) return b.declNode.type === 'var_spec' && !b.tupleValue && !!b.typeNode;
  let v = unparen(b.value);
  if (v.type === 'unary_expression' && v.child(0)?.type === '&') v = unparen(field(v, 'operand') ?? v);
  if (v.type === 'composite_literal') return true;
  const shape = callShape(v);
  return !!shape && (shape.callee === 'new' || (!shape.method && INIT_NAME.test(shape.callee) && pkg.funcs.has(shape.callee)));
}

/** `s.cache = newCache()`, `*s = T{}` outside construction: every map field of the assigned type is replaced. */
function noteOwnerResets(pkg: PackageModel, scopes: Scopes, file: GoFile, stmt: SyntaxNode, into: Map<string, MapSite[]>): void {
  for (const lhs of expressionsOf(field(stmt, 'left'))) {
    const l = unparen(lhs);
    if (l.type !== 'selector_expression' && l.type !== 'unary_expression' && l.type !== 'identifier') continue;
    if (l.type === 'identifier' && scopes.resolve(l)?.kind !== 'package') continue;
    const name = namedLocal(scopes.typeOfExpr(l));
    if (!name || !pkg.structFieldsOf(name)) continue;
    if (isInitialisation(pkg, scopes, stmt, l, undefined)) continue;
    let list = into.get(name);
    if (!list) into.set(name, (list = []));
    list.push({ node: l, file });
  }
}

/** One place where a map may gain a key. */
export interface MapInsertion {
  /** The map expression (`s.m`, `cache`). */
  map: SyntaxNode;
  key: SyntaxNode;
  /** The stored value, for plain `=` assignments and sync.Map stores. */
  value?: SyntaxNode;
  /** The statement or call to anchor a finding on. */
  node: SyntaxNode;
  syncMap: boolean;
}

const STORE_METHODS = new Set(['Store', 'LoadOrStore', 'Swap']);

/**
 * Insertions a statement or call may make, by syntax alone: `m[k] = v`,
 * `m[k] op= v`, `m[k]++`, and `x.Store(k, v)` / `LoadOrStore` / `Swap`. No type
 * is checked yet: rules filter these cheaply by their own criteria first, then
 * call `isMapInsertion` (which looks types up) on the few that remain.
 */
export function insertionsAt(pkg: PackageModel, node: SyntaxNode): MapInsertion[] {
  // Three rules ask about every assignment; find each statement's insertions once per package.
  const cache = pkg.fact(InsertionCache);
  let hit = cache.get(node.id);
  if (!hit) cache.set(node.id, (hit = syntacticInsertions(node)));
  return hit;
}

const InsertionCache = defineFact('map-insertions', () => new Map<number, MapInsertion[]>());

/** True when a file's text may hold a sync.Map store, so rules need to listen to calls at all. */
export function mayStoreInSyncMap(file: GoFile): boolean {
  return /\.(Store|LoadOrStore|Swap)\(/.test(file.text);
}

function syntacticInsertions(node: SyntaxNode): MapInsertion[] {
  if (node.type === 'call_expression') {
    const fn = field(node, 'function');
    if (fn?.type !== 'selector_expression' || !STORE_METHODS.has(field(fn, 'field')?.text ?? '')) return [];
    const shape = callShape(node);
    if (!shape?.receiver || shape.args.length !== 2) return [];
    return [{ map: unparen(shape.receiver), key: shape.args[0]!, value: shape.args[1], node, syncMap: true }];
  }
  const targets = writtenIndexExprs(node);
  if (!targets.length) return [];
  const plain = node.type === 'assignment_statement' && field(node, 'operator')?.text === '=';
  const left = expressionsOf(field(node, 'left'));
  const right = expressionsOf(field(node, 'right'));
  const out: MapInsertion[] = [];
  for (const t of targets) {
    const operand = field(t, 'operand');
    const key = field(t, 'index');
    if (!operand || !key) continue;
    const i = left.findIndex((l) => unparen(l).id === t.id);
    const value = plain && right.length === left.length && i >= 0 ? right[i] : undefined;
    out.push({ map: unparen(operand), key, value, node, syncMap: false });
  }
  return out;
}

/** True when the insertion's target is known to be a map (or, for Store calls, a sync.Map). */
export function isMapInsertion(pkg: PackageModel, scopes: Scopes, ins: MapInsertion): boolean {
  const t = scopes.typeOfExpr(ins.map);
  return ins.syncMap ? isSyncMap(t) : pkg.underlying(t).kind === 'map';
}

/**
 * A visitor that calls `onInsertion` for every map insertion of the file: index
 * assignments and ++/--, plus sync.Map stores in files that can hold one (listening
 * to every call is costly, so other files skip calls).
 */
export function insertionVisitor(pkg: PackageModel, file: GoFile, onInsertion: (ins: MapInsertion) => void): Visitor {
  const check = (node: SyntaxNode) => {
    for (const ins of insertionsAt(pkg, node)) onInsertion(ins);
  };
  const visitor: Visitor = { assignment_statement: check, inc_statement: check, dec_statement: check };
  if (mayStoreInSyncMap(file)) visitor.call_expression = check;
  return visitor;
}
