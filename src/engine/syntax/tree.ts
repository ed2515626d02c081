// The syntax tree every rule and fact reads: tree-sitter's Go tree, copied once per file into
// flat typed arrays (document order) so that walking it never crosses into wasm again.
//
// Why: reading a web-tree-sitter node (type, parent, child, field) is a call into the wasm
// engine that marshals the node through a transfer buffer; on a 12 MB package the rules made
// tens of millions of those and spent most of their time there. The copy costs about what the
// parse does, once; afterwards a node is an index into arrays owned by JavaScript, and the wasm
// tree is freed at once (its memory is reused by the next parse). Nodes keep the API subset of
// web-tree-sitter's Node that the engine uses, with the same meaning.

/** A row/column position; both 0-based, columns count UTF-16 code units (as web-tree-sitter's). */
export interface Point {
  row: number;
  column: number;
}

/** The grammar's symbol and field names, indexed by id (from the loaded language). */
export interface GrammarNames {
  types: readonly string[];
  /** Whether a symbol is a named node (not an anonymous token like `(`). */
  named: readonly boolean[];
  fields: readonly (string | null)[];
  fieldIds: ReadonlyMap<string, number>;
  typeNames: ReadonlySet<string>;
}

/** tree-sitter's error symbol (`(TSSymbol)-1`). */
export const ERROR_SYMBOL = 0xffff;

export const FLAG_MISSING = 1;
/** The node or one of its descendants is an ERROR or a missing node. */
export const FLAG_HAS_ERROR = 2;

/**
 * One file's nodes in document (pre-)order. Node 0 is the root; `after[i]` is the index just
 * past node i's subtree, so node i's first child is i + 1 when `after[i] > i + 1`, and its next
 * sibling is `after[i]` when that node has the same parent. All arrays live in one ArrayBuffer,
 * so a parse in another thread can hand a tree over without copying.
 */
export interface TreeArrays {
  count: number;
  buffer: ArrayBuffer;
  type: Uint16Array;
  field: Uint8Array;
  flags: Uint8Array;
  start: Uint32Array;
  end: Uint32Array;
  parent: Int32Array;
  after: Int32Array;
}

/** Lays out the arrays of `count` nodes over `buffer` (allocated when not given). */
export function treeArrays(count: number, buffer?: ArrayBuffer): TreeArrays {
  const small = Math.ceil((count * 4) / 8) * 8; // type (2) + field (1) + flags (1) per node, 8-aligned
  const size = small + count * 16;
  const b = buffer ?? new ArrayBuffer(size);
  if (b.byteLength < size) throw new Error(`tree buffer of ${b.byteLength} bytes is too small for ${count} nodes`);
  return {
    count,
    buffer: b,
    type: new Uint16Array(b, 0, count),
    field: new Uint8Array(b, count * 2, count),
    flags: new Uint8Array(b, count * 3, count),
    start: new Uint32Array(b, small, count),
    end: new Uint32Array(b, small + count * 4, count),
    parent: new Int32Array(b, small + count * 8, count),
    after: new Int32Array(b, small + count * 12, count),
  };
}

/**
 * Trees stored by the exact text they were parsed from, so a file seen before is not parsed
 * again (the front ends give one backed by a directory: src/review/tree-cache.ts). A miss is
 * never an error; `put` may drop what it is given.
 */
export interface TreeCache {
  get(text: string): TreeArrays | undefined;
  put(text: string, arrays: TreeArrays): void;
}

let nextIdBase = 1;

export class SyntaxTree {
  readonly rootNode: SyntaxNode;
  /** Added to a node's index to make ids unique across every tree of the process. */
  readonly idBase: number;
  private nodes: (SyntaxNode | undefined)[];
  private lineStarts?: Uint32Array;
  /** Node indices grouped by type: `byType.at[t] .. byType.at[t + 1]` in `byType.nodes`, each group in document order. */
  private byType?: { at: Uint32Array; nodes: Int32Array };

  constructor(
    readonly text: string,
    readonly data: TreeArrays,
    readonly names: GrammarNames,
  ) {
    this.idBase = nextIdBase;
    nextIdBase += data.count + 1;
    this.nodes = new Array<SyntaxNode | undefined>(data.count);
    this.rootNode = this.node(0)!;
  }

  /** The node at an index (one object per node, made on first use). */
  node(index: number): SyntaxNode | null {
    if (index < 0 || index >= this.data.count) return null;
    let n = this.nodes[index];
    if (!n) this.nodes[index] = n = new SyntaxNode(this, index);
    return n;
  }

  /** Indices of the nodes of one type id, in document order (a view into a shared index built once per tree). */
  nodesOfTypeId(t: number): Int32Array {
    const index = (this.byType ??= indexByType(this.data));
    const k = t === ERROR_SYMBOL ? index.at.length - 2 : t;
    if (k < 0 || k + 1 >= index.at.length) return EMPTY_INDICES;
    return index.nodes.subarray(index.at[k]!, index.at[k + 1]!);
  }

  /**
   * Nodes of a type whose text is exactly `word` (an identifier), within [from, to) of the text:
   * found by searching the text, since a name's occurrences are few and a type's nodes many.
   */
  nodesSpelled(type: string, word: string, from = 0, to = this.text.length): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    if (!word) return out;
    const ids = [...typeIdsOf(this.names, [type])];
    // Asked often about one type (a package asks about every map field in every file), answer
    // from an index of that type's nodes by text, built once; until then, search the text.
    const asked = (this.spellingQueries.get(type) ?? 0) + 1;
    this.spellingQueries.set(type, asked);
    if (asked > SPELLING_INDEX_AFTER) {
      let index = this.spellings.get(type);
      if (!index) this.spellings.set(type, (index = this.indexSpellings(ids)));
      for (const i of index.get(word) ?? []) {
        const at = this.data.start[i]!;
        if (at >= from && at + word.length <= to) out.push(this.node(i)!);
      }
      return out;
    }
    const lists = ids.map((t) => this.nodesOfTypeId(t));
    const { start, end } = this.data;
    for (let at = this.text.indexOf(word, from); at >= 0 && at + word.length <= to; at = this.text.indexOf(word, at + 1)) {
      if (isWordChar(this.text.charCodeAt(at - 1)) || isWordChar(this.text.charCodeAt(at + word.length))) continue;
      for (const list of lists) {
        let lo = 0;
        let hi = list.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (start[list[mid]!]! < at) lo = mid + 1;
          else hi = mid;
        }
        if (lo < list.length && start[list[lo]!] === at && end[list[lo]!] === at + word.length) out.push(this.node(list[lo]!)!);
      }
    }
    return out.length > 1 && lists.length > 1 ? out.sort((a, b) => a.index - b.index) : out;
  }

  private readonly spellingQueries = new Map<string, number>();
  private readonly spellings = new Map<string, Map<string, number[]>>();

  /** The indices of a type's nodes by their text (each list in document order), built once per tree. */
  spellingIndex(type: string): ReadonlyMap<string, readonly number[]> {
    let index = this.spellings.get(type);
    if (!index) this.spellings.set(type, (index = this.indexSpellings([...typeIdsOf(this.names, [type])])));
    return index;
  }

  /** Node indices of the given types by their text, each list in document order. */
  private indexSpellings(ids: number[]): Map<string, number[]> {
    const index = new Map<string, number[]>();
    const all = ids.flatMap((t) => [...this.nodesOfTypeId(t)]).sort((a, b) => a - b);
    const { start, end } = this.data;
    for (const i of all) {
      const w = this.text.slice(start[i]!, end[i]!);
      const list = index.get(w);
      if (list) list.push(i);
      else index.set(w, [i]);
    }
    return index;
  }

  /** Drops the node objects made so far; the arrays stay (nodes already handed out keep working). */
  delete(): void {
    this.nodes = new Array<SyntaxNode | undefined>(this.data.count);
    this.nodes[0] = this.rootNode;
  }

  /** 0-based row and UTF-16 column of a string index; rows end at `\n`, as tree-sitter counts them. */
  pointAt(index: number): Point {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: index - starts[lo]! };
  }
}

const EMPTY_INDICES = new Int32Array(0);

/** After this many nodesSpelled questions about one type, a tree indexes that type's nodes by text. */
const SPELLING_INDEX_AFTER = 8;

/** A character that can continue a Go identifier (ASCII letters, digits, `_`, and any non-ASCII). */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

/** A counting sort of the node indices by type; the error symbol goes in the last slot. */
function indexByType(d: TreeArrays): { at: Uint32Array; nodes: Int32Array } {
  let max = 0;
  for (let i = 0; i < d.count; i++) {
    const t = d.type[i]!;
    if (t !== ERROR_SYMBOL && t > max) max = t;
  }
  const slots = max + 2; // types 0..max, then errors
  const at = new Uint32Array(slots + 1);
  const slotOf = (t: number) => (t === ERROR_SYMBOL ? slots - 1 : t);
  for (let i = 0; i < d.count; i++) at[slotOf(d.type[i]!) + 1]!++;
  for (let k = 1; k <= slots; k++) at[k] = at[k]! + at[k - 1]!;
  const fill = at.slice(0, slots);
  const nodes = new Int32Array(d.count);
  for (let i = 0; i < d.count; i++) nodes[fill[slotOf(d.type[i]!)]!++] = i;
  return { at, nodes };
}

function lineStartsOf(text: string): Uint32Array {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  const out = new Uint32Array(n);
  let k = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out[k++] = i + 1;
  return out;
}

/** A node of a SyntaxTree: web-tree-sitter's Node API (the part mapguard uses), read from the arrays. */
export class SyntaxNode {
  constructor(
    readonly tree: SyntaxTree,
    readonly index: number,
  ) {}

  /** Unique among all live trees; stable for the tree's life. */
  get id(): number {
    return this.tree.idBase + this.index;
  }

  get type(): string {
    const t = this.tree.data.type[this.index]!;
    return t === ERROR_SYMBOL ? 'ERROR' : this.tree.names.types[t] ?? 'ERROR';
  }

  get isNamed(): boolean {
    const t = this.tree.data.type[this.index]!;
    return t === ERROR_SYMBOL || this.tree.names.named[t] === true;
  }

  get isError(): boolean {
    return this.tree.data.type[this.index] === ERROR_SYMBOL;
  }

  get isMissing(): boolean {
    return (this.tree.data.flags[this.index]! & FLAG_MISSING) !== 0;
  }

  get hasError(): boolean {
    return (this.tree.data.flags[this.index]! & FLAG_HAS_ERROR) !== 0;
  }

  get startIndex(): number {
    return this.tree.data.start[this.index]!;
  }

  get endIndex(): number {
    return this.tree.data.end[this.index]!;
  }

  get startPosition(): Point {
    return this.tree.pointAt(this.startIndex);
  }

  get endPosition(): Point {
    return this.tree.pointAt(this.endIndex);
  }

  get text(): string {
    return this.tree.text.slice(this.startIndex, this.endIndex);
  }

  get parent(): SyntaxNode | null {
    return this.tree.node(this.tree.data.parent[this.index]!);
  }

  /** Index of the first child, or -1 for a leaf. */
  private firstChildIndex(): number {
    const i = this.index + 1;
    return i < this.tree.data.after[this.index]! ? i : -1;
  }

  private nextIndex(i: number): number {
    const d = this.tree.data;
    const j = d.after[i]!;
    return j < d.count && d.parent[j] === d.parent[i] ? j : -1;
  }

  get childCount(): number {
    let n = 0;
    for (let i = this.firstChildIndex(); i >= 0; i = this.nextIndex(i)) n++;
    return n;
  }

  get children(): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let i = this.firstChildIndex(); i >= 0; i = this.nextIndex(i)) out.push(this.tree.node(i)!);
    return out;
  }

  get namedChildren(): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let i = this.firstChildIndex(); i >= 0; i = this.nextIndex(i)) if (this.namedAt(i)) out.push(this.tree.node(i)!);
    return out;
  }

  /** Named children other than comments (the grammar's extras, which can sit anywhere), in order. */
  get namedChildrenWithoutComments(): SyntaxNode[] {
    const comments = commentIdsOf(this.tree.names);
    const type = this.tree.data.type;
    const out: SyntaxNode[] = [];
    for (let i = this.firstChildIndex(); i >= 0; i = this.nextIndex(i)) if (this.namedAt(i) && !comments.has(type[i]!)) out.push(this.tree.node(i)!);
    return out;
  }

  get namedChildCount(): number {
    let n = 0;
    for (let i = this.firstChildIndex(); i >= 0; i = this.nextIndex(i)) if (this.namedAt(i)) n++;
    return n;
  }

  child(k: number): SyntaxNode | null {
    let n = 0;
    for (let i = this.firstChildIndex(); i >= 0; i = this.nextIndex(i)) if (n++ === k) return this.tree.node(i);
    return null;
  }

  namedChild(k: number): SyntaxNode | null {
    let n = 0;
    for (let i = this.firstChildIndex(); i >= 0; i = this.nextIndex(i)) if (this.namedAt(i) && n++ === k) return this.tree.node(i);
    return null;
  }

  get firstChild(): SyntaxNode | null {
    return this.tree.node(this.firstChildIndex());
  }

  get firstNamedChild(): SyntaxNode | null {
    return this.namedChild(0);
  }

  get lastChild(): SyntaxNode | null {
    let last = -1;
    for (let i = this.firstChildIndex(); i >= 0; i = this.nextIndex(i)) last = i;
    return this.tree.node(last);
  }

  get lastNamedChild(): SyntaxNode | null {
    let last = -1;
    for (let i = this.firstChildIndex(); i >= 0; i = this.nextIndex(i)) if (this.namedAt(i)) last = i;
    return this.tree.node(last);
  }

  childForFieldName(name: string): SyntaxNode | null {
    const id = this.tree.names.fieldIds.get(name);
    if (id === undefined) return null;
    const field = this.tree.data.field;
    for (let i = this.firstChildIndex(); i >= 0; i = this.nextIndex(i)) if (field[i] === id) return this.tree.node(i);
    return null;
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    const id = this.tree.names.fieldIds.get(name);
    const out: SyntaxNode[] = [];
    if (id === undefined) return out;
    const field = this.tree.data.field;
    for (let i = this.firstChildIndex(); i >= 0; i = this.nextIndex(i)) if (field[i] === id) out.push(this.tree.node(i)!);
    return out;
  }

  /** The field this node fills in its parent (`left`, `body`, ...), or null. */
  get fieldName(): string | null {
    const f = this.tree.data.field[this.index]!;
    return f === 0 ? null : this.tree.names.fields[f] ?? null;
  }

  get nextSibling(): SyntaxNode | null {
    return this.index === 0 ? null : this.tree.node(this.nextIndex(this.index));
  }

  get nextNamedSibling(): SyntaxNode | null {
    if (this.index === 0) return null;
    for (let i = this.nextIndex(this.index); i >= 0; i = this.nextIndex(i)) if (this.namedAt(i)) return this.tree.node(i);
    return null;
  }

  get previousSibling(): SyntaxNode | null {
    return this.previous(false);
  }

  get previousNamedSibling(): SyntaxNode | null {
    return this.previous(true);
  }

  private previous(named: boolean): SyntaxNode | null {
    const p = this.tree.data.parent[this.index]!;
    if (p < 0) return null;
    let prev = -1;
    for (let i = p + 1; i >= 0 && i < this.index; i = this.nextIndex(i)) if (!named || this.namedAt(i)) prev = i;
    return this.tree.node(prev);
  }

  /** Descendants (not the node itself) of the given types in document order, optionally within rows/columns. */
  descendantsOfType(types: string | readonly string[], startPosition?: Point, endPosition?: Point): SyntaxNode[] {
    const d = this.tree.data;
    const from = this.index + 1;
    const stop = d.after[this.index]!;
    const lo = startPosition ? indexOfPoint(this.tree, startPosition) : 0;
    const hi = endPosition ? indexOfPoint(this.tree, endPosition) : Infinity;
    const found: number[] = [];
    let groups = 0;
    for (const t of typeIdsOf(this.tree.names, typeof types === 'string' ? [types] : types)) {
      const list = this.tree.nodesOfTypeId(t);
      const before = found.length;
      for (let k = lowerBound(list, from); k < list.length && list[k]! < stop; k++) {
        const i = list[k]!;
        if (d.end[i]! >= lo && d.start[i]! <= hi) found.push(i);
      }
      if (found.length > before) groups++;
    }
    // Each type's list is in document order; several types need one merge (a typed array sorts numerically, without a comparator call per step).
    const order = groups > 1 ? Int32Array.from(found).sort() : found;
    const out = new Array<SyntaxNode>(order.length);
    for (let k = 0; k < order.length; k++) out[k] = this.tree.node(order[k]!)!;
    return out;
  }

  /** Pre-order walk of this node's named subtree; return false from `visit` to skip a node's descendants. */
  walkNamed(visit: (n: SyntaxNode) => boolean | void): void {
    const d = this.tree.data;
    const stop = d.after[this.index]!;
    for (let i = this.index; i < stop; ) {
      if (this.namedAt(i) && visit(this.tree.node(i)!) === false) i = d.after[i]!;
      else i++;
    }
  }

  /**
   * Pre-order walk of this node's named subtree that makes objects only of the nodes it visits:
   * `kinds` (from nodeKinds) says per type to visit a node (`visit` returns false to skip its
   * descendants), to skip it with its subtree, or to pass through it to its children. With
   * `below`, the node itself is not visited.
   */
  walkSelected(kinds: NodeKinds, visit: (n: SyntaxNode) => boolean, below = false): void {
    const d = this.tree.data;
    const table = kinds.byTypeId;
    const stop = d.after[this.index]!;
    // below: the descendants only, as a walk from each child in turn would see them.
    for (let i = below ? this.index + 1 : this.index; i < stop; ) {
      const t = d.type[i]!;
      const k = t === ERROR_SYMBOL ? PASS : (table[t] ?? PASS);
      if (k === SKIP || (k === VISIT && !visit(this.tree.node(i)!))) i = d.after[i]!;
      else i++;
    }
  }

  equals(other: SyntaxNode): boolean {
    return other.tree === this.tree && other.index === this.index;
  }

  toString(): string {
    const kids = this.namedChildren.map((c) => (c.fieldName ? `${c.fieldName}: ${c.toString()}` : c.toString()));
    return kids.length ? `(${this.type} ${kids.join(' ')})` : `(${this.type})`;
  }

  private namedAt(i: number): boolean {
    const t = this.tree.data.type[i]!;
    return t === ERROR_SYMBOL || this.tree.names.named[t] === true;
  }
}

const PASS = 0;
const SKIP = 1;
const VISIT = 2;

/** What walkSelected does at each type id of one grammar. */
export interface NodeKinds {
  readonly names: GrammarNames;
  readonly byTypeId: Uint8Array;
}

/**
 * A walkSelected table: named nodes of the `visit` types are visited, of the `skip` types skipped
 * with their subtrees; every other node (anonymous ones, errors) is passed through.
 */
export function nodeKinds(names: GrammarNames, visit: ReadonlySet<string>, skip: ReadonlySet<string>): NodeKinds {
  const byTypeId = new Uint8Array(names.types.length);
  names.types.forEach((t, i) => {
    if (names.named[i]) byTypeId[i] = visit.has(t) ? VISIT : skip.has(t) ? SKIP : PASS;
  });
  return { names, byTypeId };
}

const typeIdCache = new WeakMap<GrammarNames, Map<string, Set<number>>>();
const commentIds = new WeakMap<GrammarNames, Set<number>>();

/** The comment symbols of a grammar (asked for on every list of children: no key to build). */
function commentIdsOf(names: GrammarNames): Set<number> {
  let ids = commentIds.get(names);
  if (!ids) commentIds.set(names, (ids = typeIdsOf(names, ['comment'])));
  return ids;
}

function typeIdsOf(names: GrammarNames, types: readonly string[]): Set<number> {
  let cache = typeIdCache.get(names);
  if (!cache) typeIdCache.set(names, (cache = new Map()));
  const key = types.join(' ');
  let ids = cache.get(key);
  if (!ids) {
    ids = new Set();
    const want = new Set(types);
    // A name can have several symbols (an alias, a named and an anonymous use): all count, as in web-tree-sitter.
    names.types.forEach((t, i) => {
      if (want.has(t)) ids!.add(i);
    });
    if (want.has('ERROR')) ids.add(ERROR_SYMBOL);
    cache.set(key, ids);
  }
  return ids;
}

/** The first position in a sorted list holding a value >= x. */
export function lowerBound(list: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function indexOfPoint(tree: SyntaxTree, p: Point): number {
  // Rows beyond the text clamp to its end.
  let row = 0;
  let i = 0;
  while (row < p.row) {
    const nl = tree.text.indexOf('\n', i);
    if (nl < 0) return tree.text.length;
    i = nl + 1;
    row++;
  }
  return i + p.column;
}
