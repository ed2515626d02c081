// A structural view of Go types written in source, resolved against the
// package's own declarations. Anything the engine cannot see (imported
// named types other than a few standard ones) stays `named` with no decl.
import type { SyntaxNode } from './types.js';
import { field, namedChildren } from './ast.js';
import type { PackageModel } from './model.js';

export interface StructField {
  /** Field name; for an embedded field, the type's name (`Mutex` for `sync.Mutex`). */
  name: string;
  embedded: boolean;
  typeNode: SyntaxNode;
  node: SyntaxNode;
}

export type GoType =
  | { kind: 'basic'; name: string }
  | {
      kind: 'named';
      name: string;
      /** The import name in the file that wrote it; for a type seen from outside its package, that package's name. */
      qualifier?: string;
      args?: SyntaxNode[];
      node: SyntaxNode;
      /** The declaring package, when the type was written inside another package of the module view. */
      home?: PackageModel;
    }
  | { kind: 'pointer'; elem: GoType }
  | { kind: 'slice'; elem: GoType }
  | { kind: 'array'; length?: number; elem: GoType }
  | { kind: 'map'; key: GoType; value: GoType; node: SyntaxNode }
  | { kind: 'chan'; elem: GoType }
  | { kind: 'struct'; fields: StructField[]; node: SyntaxNode }
  | { kind: 'interface'; node: SyntaxNode }
  | { kind: 'func'; node: SyntaxNode }
  | { kind: 'unknown' };

export const UNKNOWN: GoType = { kind: 'unknown' };

export const BASIC_TYPES = new Set([
  'bool', 'string', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32',
  'uint64', 'uintptr', 'byte', 'rune', 'float32', 'float64', 'complex64', 'complex128', 'error', 'any',
]);

/** Struct fields of a struct_type node, in declaration order. */
export function structFields(structType: SyntaxNode): StructField[] {
  const list = namedChildren(structType).find((c) => c.type === 'field_declaration_list');
  if (!list) return [];
  const out: StructField[] = [];
  for (const decl of namedChildren(list)) {
    if (decl.type !== 'field_declaration') continue;
    const typeNode = field(decl, 'type');
    if (!typeNode) continue;
    const names = decl.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
    if (names.length === 0) {
      // Embedded: `sync.Mutex`, `*Foo`, `Foo[T]`
      let t: SyntaxNode | null = typeNode;
      if (t.type === 'pointer_type') t = t.namedChild(0);
      if (t?.type === 'generic_type') t = field(t, 'type');
      const name = t?.type === 'qualified_type' ? (field(t, 'name')?.text ?? t.text) : (t?.text ?? typeNode.text);
      out.push({ name, embedded: true, typeNode, node: decl });
    } else {
      for (const n of names) out.push({ name: n.text, embedded: false, typeNode, node: decl });
    }
  }
  return out;
}

/** Converts a type syntax node to a GoType (no resolution of named types). */
export function typeFromNode(node: SyntaxNode | null, constLength?: (n: SyntaxNode) => number | undefined): GoType {
  if (!node) return UNKNOWN;
  switch (node.type) {
    case 'parenthesized_type':
      return typeFromNode(node.namedChild(0), constLength);
    case 'type_identifier':
      return BASIC_TYPES.has(node.text) ? { kind: 'basic', name: node.text } : { kind: 'named', name: node.text, node };
    case 'qualified_type': {
      const pkg = field(node, 'package')?.text;
      const name = field(node, 'name')?.text ?? node.text;
      return { kind: 'named', name, qualifier: pkg, node };
    }
    case 'generic_type': {
      const base = typeFromNode(field(node, 'type'), constLength);
      const argsNode = field(node, 'type_arguments');
      if (base.kind === 'named') return { ...base, args: argsNode ? namedChildren(argsNode) : [], node };
      return base;
    }
    case 'pointer_type':
      return { kind: 'pointer', elem: typeFromNode(node.namedChild(0), constLength) };
    case 'slice_type':
      return { kind: 'slice', elem: typeFromNode(field(node, 'element'), constLength) };
    case 'array_type': {
      const lenNode = field(node, 'length');
      let length: number | undefined;
      if (lenNode?.type === 'int_literal') length = parseGoInt(lenNode.text);
      else if (lenNode && constLength) length = constLength(lenNode);
      return { kind: 'array', length, elem: typeFromNode(field(node, 'element'), constLength) };
    }
    case 'implicit_length_array_type':
      return { kind: 'array', elem: typeFromNode(field(node, 'element'), constLength) };
    case 'map_type':
      return { kind: 'map', key: typeFromNode(field(node, 'key'), constLength), value: typeFromNode(field(node, 'value'), constLength), node };
    case 'channel_type':
      return { kind: 'chan', elem: typeFromNode(field(node, 'value'), constLength) };
    case 'struct_type':
      return { kind: 'struct', fields: structFields(node), node };
    case 'interface_type':
      return { kind: 'interface', node };
    case 'function_type':
      return { kind: 'func', node };
    default:
      return UNKNOWN;
  }
}

export function parseGoInt(text: string): number | undefined {
  const t = text.replace(/_/g, '');
  let n: number;
  if (/^0[xX]/.test(t)) n = parseInt(t.slice(2), 16);
  else if (/^0[bB]/.test(t)) n = parseInt(t.slice(2), 2);
  else if (/^0[oO]/.test(t)) n = parseInt(t.slice(2), 8);
  else if (/^0\d/.test(t)) n = parseInt(t.slice(1), 8);
  else n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export function isMutexType(t: GoType): 'Mutex' | 'RWMutex' | undefined {
  if (t.kind === 'named' && t.qualifier === 'sync' && (t.name === 'Mutex' || t.name === 'RWMutex')) return t.name;
  return undefined;
}

export function isSyncMap(t: GoType): boolean {
  const base = t.kind === 'pointer' ? t.elem : t;
  return base.kind === 'named' && base.qualifier === 'sync' && base.name === 'Map';
}
