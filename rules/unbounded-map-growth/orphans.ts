// A second index map pruned only through the entries of a first one:
//   refs[met] = &refEntry{ref: ref}; lsets[ref] = ...      (insertion)
//   for m, e := range refs { ...; delete(refs, m); delete(lsets, e.ref) }  (eviction)
// Overwriting refs[met] replaces the entry that remembered the old ref, so the old
// lsets entry can no longer be reached by the eviction and stays for good.
import { ast, mapIdentity, identityLabel, type MapIdentity, type MapInsertion, type RuleContext, type SyntaxNode } from '../../src/engine/index.js';
import { namesMap, type Removal } from './removals.js';

export interface OrphanedIndex {
  /** "c.lsets loses entries only through c.refs (scrape.go:470), but line 511 overwrites ...". */
  why: string;
  /** The fix, naming the maps: "if old, ok := c.refs[met]; ok { delete(c.lsets, old.ref) }". */
  fix: string;
}

export function orphanedIndex(ctx: RuleContext, ins: MapInsertion, id: MapIdentity, removals: Removal[]): OrphanedIndex | undefined {
  if (!removals.length) return undefined;
  let first: { id: MapIdentity; field: string; at: Removal } | undefined;
  for (const r of removals) {
    const via = r.key ? throughEntryOf(ctx, r.key) : undefined;
    if (!via || (first && (first.id.key !== via.id.key || first.field !== via.field))) return undefined;
    first ??= { ...via, at: r };
  }
  if (!first || first.id.key === id.key) return undefined;
  const fn = ast.enclosingFunction(ins.node);
  if (!fn || removals.some((r) => ast.contains(fn, r.call))) return undefined;
  const keyText = ast.exprKey(ins.key);
  for (const stmt of ast.descendants(fn, ['assignment_statement'])) {
    const left = ast.expressionsOf(ast.field(stmt, 'left'));
    const right = ast.expressionsOf(ast.field(stmt, 'right'));
    if (left.length !== 1 || right.length !== 1) continue;
    const target = ast.unparen(left[0]!);
    const operand = target.type === 'index_expression' ? ast.field(target, 'operand') : null;
    const key = target.type === 'index_expression' ? ast.field(target, 'index') : null;
    if (!operand || !key || mapIdentity(ctx.pkg, ctx.scopes, operand)?.key !== first.id.key) continue;
    if (!literalFieldIs(right[0]!, first.field, keyText)) continue;
    // A lookup of the same entry in the function means the code looks at what it replaces.
    const looked = ast.descendants(fn, ['index_expression']).some((ix) => ix.id !== target.id && ast.exprKey(ast.field(ix, 'index') ?? ix) === ast.exprKey(key) && namesMap(ctx, ast.field(ix, 'operand') ?? ix, first!.id));
    if (looked) return undefined;
    const label = identityLabel(id);
    const firstLabel = identityLabel(first.id);
    const where = `${baseName(first.at.site.file.path)}:${first.at.call.startPosition.row + 1}`;
    return {
      why: `${label} loses entries only through the entries of ${firstLabel} (the delete at ${where}) and line ${stmt.startPosition.row + 1} overwrites ${operand.text}[${key.text}] without deleting the ${label} entry of the entry it replaces, so that eviction can no longer reach it`,
      fix: `Delete the replaced entry's key first (\`if old, ok := ${operand.text}[${key.text}]; ok { delete(${ins.map.text}, old.${first.field}) }\`), or bound the map.`,
    };
  }
  return undefined;
}

/** `e.ref` where `e` is an entry of another map: a range value over it, or `e := m[k]` / `e, ok := m[k]`. */
function throughEntryOf(ctx: RuleContext, key: SyntaxNode): { id: MapIdentity; field: string } | undefined {
  const k = ast.unparen(key);
  if (k.type !== 'selector_expression') return undefined;
  const operand = ast.field(k, 'operand');
  const fieldName = ast.field(k, 'field')?.text;
  if (operand?.type !== 'identifier' || !fieldName) return undefined;
  const b = ctx.scopes.resolve(operand);
  let source: SyntaxNode | undefined;
  if (b?.range?.index === 1) source = b.range.expr;
  else {
    const v = b?.value ?? (b?.tupleValue?.index === 0 ? b.tupleValue.expr : undefined);
    const u = v ? ast.unparen(v) : undefined;
    if (u?.type === 'index_expression') source = ast.field(u, 'operand') ?? undefined;
  }
  const id = source ? mapIdentity(ctx.pkg, ctx.scopes, source) : undefined;
  return id && id.kind !== 'local' ? { id, field: fieldName } : undefined;
}

/** `&T{f: key, ...}` or `T{f: key}`. */
function literalFieldIs(value: SyntaxNode, fieldName: string, keyText: string): boolean {
  let v = ast.unparen(value);
  if (v.type === 'unary_expression' && v.child(0)?.type === '&') v = ast.unparen(ast.field(v, 'operand') ?? v);
  if (v.type !== 'composite_literal') return false;
  const body = ast.field(v, 'body');
  for (const el of body ? ast.namedChildren(body) : []) {
    if (el.type !== 'keyed_element') continue;
    const name = el.namedChild(0);
    const val = el.namedChild(1);
    const inner = (n: SyntaxNode | null) => (n?.type === 'literal_element' ? n.namedChild(0) : n);
    if (inner(name)?.text === fieldName && inner(val) && ast.exprKey(inner(val)!) === keyText) return true;
  }
  return false;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
