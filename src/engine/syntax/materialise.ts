// Copies a web-tree-sitter tree into TreeArrays with one cursor walk.
//
// Two ways to drive the cursor, same result:
// - direct: the wasm engine's exported cursor functions, called with the cursor kept in the
//   engine's transfer buffer between calls. web-tree-sitter's TreeCursor writes and re-reads the
//   cursor through that buffer around every call (eight generic heap accesses per step), which
//   is most of the cost of a walk; calling the exports directly leaves about five calls per node.
//   The exports are reachable because web-tree-sitter builds its emscripten module on the
//   options object handed to `Parser.init`.
// - public: web-tree-sitter's TreeCursor, when the module object is not ours (another caller
//   initialised web-tree-sitter first) or does not have the expected exports.
// Every node asks the engine for its own range: a node can end past its last visible child
// (a statement list owns the hidden newline that ends its last statement).
import type { Tree as WasmTree, TreeCursor } from 'web-tree-sitter';
import { treeArrays, ERROR_SYMBOL, FLAG_HAS_ERROR, FLAG_MISSING, type TreeArrays } from './tree.js';

/** The cursor steps the walk needs; each acts on one cursor. */
interface CursorSteps {
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
  typeId(): number;
  fieldId(): number;
  start(): number;
  end(): number;
  missing(): boolean;
  done(): void;
}

/** The part of web-tree-sitter's emscripten module the direct walk calls (exported C functions). */
export interface WasmExports {
  HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
}

const NEEDED: (keyof WasmExports)[] = [
  '_ts_init',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm',
];

/** The module object when it carries every export the direct walk needs. */
export function directExports(module: object): WasmExports | undefined {
  const m = module as Record<string, unknown>;
  if (!(m.HEAP32 instanceof Int32Array)) return undefined;
  return NEEDED.every((k) => typeof m[k] === 'function') ? (module as WasmExports) : undefined;
}

/** Cursor fields web-tree-sitter keeps in JS (`cursor[0..3]`) and marshals into the transfer buffer. */
type CursorWords = TreeCursor & Record<0 | 1 | 2 | 3, number>;

function directSteps(m: WasmExports, tree: WasmTree, cursor: TreeCursor): CursorSteps {
  const words = cursor as CursorWords;
  const tb = m._ts_init() >> 2;
  const heap = m.HEAP32;
  heap[tb] = words[0];
  heap[tb + 1] = words[1];
  heap[tb + 2] = words[2];
  heap[tb + 3] = words[3];
  const t = (tree as unknown as { 0: number })[0];
  const fc = m._ts_tree_cursor_goto_first_child_wasm;
  const ns = m._ts_tree_cursor_goto_next_sibling_wasm;
  const gp = m._ts_tree_cursor_goto_parent_wasm;
  const ty = m._ts_tree_cursor_current_node_type_id_wasm;
  const fi = m._ts_tree_cursor_current_field_id_wasm;
  const si = m._ts_tree_cursor_start_index_wasm;
  const ei = m._ts_tree_cursor_end_index_wasm;
  const mi = m._ts_tree_cursor_current_node_is_missing_wasm;
  return {
    firstChild: () => fc(t) === 1,
    nextSibling: () => ns(t) === 1,
    parent: () => gp(t) === 1,
    typeId: () => ty(t),
    fieldId: () => fi(t),
    start: () => si(t),
    end: () => ei(t),
    missing: () => mi(t) === 1,
    done: () => {
      // The walk may have reallocated the cursor's stack (and grown the heap): hand the
      // current words back so that delete() frees what the cursor owns now.
      const h = m.HEAP32;
      words[0] = h[tb]!;
      words[1] = h[tb + 1]!;
      words[2] = h[tb + 2]!;
      words[3] = h[tb + 3]!;
      cursor.delete();
    },
  };
}

function publicSteps(cursor: TreeCursor): CursorSteps {
  return {
    firstChild: () => cursor.gotoFirstChild(),
    nextSibling: () => cursor.gotoNextSibling(),
    parent: () => cursor.gotoParent(),
    typeId: () => cursor.nodeTypeId,
    fieldId: () => cursor.currentFieldId,
    start: () => cursor.startIndex,
    end: () => cursor.endIndex,
    missing: () => cursor.nodeIsMissing,
    done: () => cursor.delete(),
  };
}

/** The tree's nodes as arrays; the wasm tree is left to the caller to delete. */
export function materialise(tree: WasmTree, direct: WasmExports | undefined): TreeArrays {
  const root = tree.rootNode;
  const count = root.descendantCount;
  const withErrors = root.hasError;
  const cursor = tree.walk();
  const steps = direct ? directSteps(direct, tree, cursor) : publicSteps(cursor);
  try {
    return walk(steps, count, withErrors);
  } finally {
    steps.done();
  }
}

function walk(c: CursorSteps, count: number, withErrors: boolean): TreeArrays {
  const a = treeArrays(count);
  const { type, field, flags, start, end, parent, after } = a;
  let n = 0;
  const open = (p: number): number => {
    if (n >= count) throw new Error(`tree has more nodes than the ${count} it declared`);
    const i = n++;
    parent[i] = p;
    start[i] = c.start();
    end[i] = c.end();
    const t = c.typeId();
    type[i] = t;
    field[i] = c.fieldId();
    if (withErrors && (t === ERROR_SYMBOL || c.missing())) flags[i] = t === ERROR_SYMBOL ? FLAG_HAS_ERROR : FLAG_HAS_ERROR | FLAG_MISSING;
    return i;
  };
  // A finished node passes "has an error below" to its parent.
  const finish = (i: number): void => {
    const p = parent[i]!;
    if (withErrors && p >= 0 && flags[i]! & FLAG_HAS_ERROR) flags[p] = flags[p]! | FLAG_HAS_ERROR;
  };
  let cur = open(-1);
  for (;;) {
    if (c.firstChild()) {
      cur = open(cur);
      continue;
    }
    after[cur] = cur + 1;
    finish(cur);
    for (;;) {
      if (cur === 0) {
        if (n !== count) throw new Error(`tree declared ${count} nodes, walked ${n}`);
        return a;
      }
      if (c.nextSibling()) {
        cur = open(parent[cur]!);
        break;
      }
      c.parent();
      const p = parent[cur]!;
      after[p] = n;
      finish(p);
      cur = p;
    }
  }
}
