// Sizes and alignments of Go types as the gc compiler lays them out on 64-bit
// platforms (amd64, arm64): what unsafe.Sizeof / unsafe.Alignof report. Used by
// rules that reason about memory layout (map-large-value). Only types whose
// layout is fully visible are sized: basic types, composites of them, named
// types declared in the package, and a few standard-library types whose size
// is checked against unsafe.Sizeof in test/engine/sizes.test.ts. Anything else
// (imported types, type parameters, generic instances, `[...]T`) is undefined,
// and callers must treat undefined as "do not report".
import type { SyntaxNode } from './types.js';
import type { GoType } from './gotypes.js';
import type { GoFile } from './source.js';
import { defineFact, type PackageModel } from './model.js';

export interface TypeLayout {
  size: number;
  align: number;
}

const WORD: TypeLayout = { size: 8, align: 8 };
const TWO_WORDS: TypeLayout = { size: 16, align: 8 };

const BASIC: Record<string, TypeLayout> = {
  bool: { size: 1, align: 1 },
  int8: { size: 1, align: 1 },
  uint8: { size: 1, align: 1 },
  byte: { size: 1, align: 1 },
  int16: { size: 2, align: 2 },
  uint16: { size: 2, align: 2 },
  int32: { size: 4, align: 4 },
  uint32: { size: 4, align: 4 },
  rune: { size: 4, align: 4 },
  float32: { size: 4, align: 4 },
  int: WORD,
  uint: WORD,
  int64: WORD,
  uint64: WORD,
  uintptr: WORD,
  float64: WORD,
  complex64: { size: 8, align: 4 },
  complex128: { size: 16, align: 8 },
  string: TWO_WORDS,
  error: TWO_WORDS,
  any: TWO_WORDS,
};

/**
 * Standard-library types by import path and name. Each entry is verified by the
 * unit test against unsafe.Sizeof/Alignof on the current toolchain; they have
 * been stable for many releases, but a change would show up there first.
 */
const STANDARD: Record<string, Record<string, TypeLayout>> = {
  time: { Time: { size: 24, align: 8 }, Duration: WORD, Month: WORD, Weekday: WORD },
  sync: {
    Mutex: { size: 8, align: 4 },
    RWMutex: { size: 24, align: 4 },
    WaitGroup: { size: 16, align: 8 },
    Once: { size: 12, align: 4 },
  },
  'sync/atomic': {
    Bool: { size: 4, align: 4 },
    Int32: { size: 4, align: 4 },
    Uint32: { size: 4, align: 4 },
    Int64: WORD,
    Uint64: WORD,
    Uintptr: WORD,
    Value: TWO_WORDS,
  },
  unsafe: { Pointer: WORD },
  context: { Context: TWO_WORDS },
};

/** Per-package size calculator; memoises named types declared in the package. */
export class TypeSizes {
  private readonly named = new Map<string, TypeLayout | null>();
  private readonly inProgress = new Set<string>();
  private fileByRoot?: Map<number, GoFile>;

  constructor(private readonly pkg: PackageModel) {}

  /** Layout of a type, or undefined when any part of it is not visible. */
  layoutOf(t: GoType): TypeLayout | undefined {
    return this.layout(t, 0) ?? undefined;
  }

  /** Size in bytes of a type, or undefined when unknown. */
  sizeOf(t: GoType): number | undefined {
    return this.layoutOf(t)?.size;
  }

  private layout(t: GoType, depth: number): TypeLayout | null {
    if (depth > 40) return null;
    switch (t.kind) {
      case 'basic':
        return BASIC[t.name] ?? null;
      case 'pointer':
      case 'map':
      case 'chan':
      case 'func':
        return WORD;
      case 'slice':
        return { size: 24, align: 8 };
      case 'interface':
        return TWO_WORDS;
      case 'array': {
        if (t.length === undefined || t.length < 0) return null;
        const e = this.layout(t.elem, depth + 1);
        if (!e) return null;
        return { size: e.size * t.length, align: e.align };
      }
      case 'struct': {
        let offset = 0;
        let align = 1;
        let lastSize = -1;
        for (const f of t.fields) {
          // An embedded `*T` keeps only `T` as its type node; the `*` is a sibling token.
          const fl = f.embedded && f.node.children.some((c) => c?.type === '*') ? WORD : this.layout(this.pkg.typeOf(f.typeNode), depth + 1);
          if (!fl) return null;
          offset = roundUp(offset, fl.align) + fl.size;
          align = Math.max(align, fl.align);
          lastSize = fl.size;
        }
        // gc pads a non-empty struct that ends in a zero-size field by one byte,
        // so &s.last cannot point at the next object (golang/go#9401).
        if (offset > 0 && lastSize === 0) offset++;
        return { size: roundUp(offset, align), align };
      }
      case 'named':
        return this.namedLayout(t, depth);
      default:
        return null;
    }
  }

  private namedLayout(t: Extract<GoType, { kind: 'named' }>, depth: number): TypeLayout | null {
    if (t.args && t.args.length > 0) return null; // generic instance: depends on type arguments
    if (t.qualifier) {
      const path = this.importPathOf(t.qualifier, t.node);
      return (path && STANDARD[path]?.[t.name]) || null;
    }
    const decl = this.pkg.types.get(t.name);
    // Not declared at package level: a type parameter, a function-local type, or a
    // type from a dot import. None of them can be sized here.
    if (!decl) return null;
    if (decl.node.type === 'type_spec' && decl.node.childForFieldName('type_parameters')) return null;
    if (this.named.has(t.name)) return this.named.get(t.name)!;
    if (this.inProgress.has(t.name)) return null; // invalid recursive type
    this.inProgress.add(t.name);
    const l = this.layout(this.pkg.typeOf(decl.typeNode), depth + 1);
    this.inProgress.delete(t.name);
    this.named.set(t.name, l);
    return l;
  }

  /** Import path behind a qualifier in the file holding `node`; undefined when not imported. */
  private importPathOf(qualifier: string, node: SyntaxNode): string | undefined {
    if (!this.fileByRoot) {
      this.fileByRoot = new Map();
      for (const f of this.pkg.files) this.fileByRoot.set(f.root.id, f);
    }
    let root: SyntaxNode = node;
    while (root.parent) root = root.parent;
    return this.fileByRoot.get(root.id)?.imports.get(qualifier);
  }
}

function roundUp(n: number, align: number): number {
  return align <= 1 ? n : Math.ceil(n / align) * align;
}

/** The package's size calculator, shared by every rule (memoised per package). */
export const TypeSizesFact = defineFact('type-sizes', (pkg) => new TypeSizes(pkg));

/** Convenience: size of `t` in `pkg`, or undefined when not known. */
export function sizeOfType(pkg: PackageModel, t: GoType): number | undefined {
  return pkg.fact(TypeSizesFact).sizeOf(t);
}
