// Map fields of struct types declared in another package (module view): what
// the declaring package itself says about the field. Two kinds of evidence:
// - it allocates the field only lazily (`if x.f == nil { x.f = make(...) }`), so
//   it expects values whose map is nil, and a writer outside it cannot call the
//   package's unexported initialiser;
// - the value was decoded (`yaml.Unmarshal`, `json.Decoder.Decode`) into a type
//   that holds the struct, and nothing in the declaring package or the writer's
//   package ever allocates the field: a decoded value whose input lacks the key
//   keeps a nil map.
// Both are warnings: which values reach the write is a question of callers.
import { ast, defineFact, ScopesFact, type Fact, type GoFile, type GoType, type PackageModel, type RuleContext, type StructField, type SyntaxNode } from '../../src/engine/index.js';
import { resolveCallee, withBodiesFor } from './touch.js';

export interface Site {
  pkg: PackageModel;
  file: GoFile;
  node: SyntaxNode;
}

interface FieldFacts {
  /** "type key.field" -> `if x.f == nil { x.f = ... }` in this package. */
  lazyInits: Map<string, Site[]>;
  /** "type key.field" set here other than by a literal key: `x.f = non-nil`, `&x.f`, `for x.f = range`. */
  assigned: Set<string>;
  /** "type key.field" set to a non-nil value by a keyed literal of the type (`&T{f: make(...)}`). */
  literalSets: Set<string>;
  /** Type key -> a call that decodes into a value of that type (`json.Unmarshal(b, &cfg)`). */
  decoded: Map<string, Site>;
}

/** Calls that fill their argument from serialised input. */
const DECODERS = /(^|\.)(Unmarshal|UnmarshalStrict|UnmarshalExact|Decode|DecodeFile|DecodeReader)$/;

/** A named type's identity across packages: declaring package and name (aliases followed). */
export function typeKey(pkg: PackageModel, t: GoType, depth = 0): string | undefined {
  if (t.kind === 'pointer') t = t.elem;
  if (t.kind !== 'named' || depth > 4) return undefined;
  const found = pkg.namedDecl(t);
  if (!found) return undefined;
  if (found.decl.alias) return typeKey(found.pkg, found.pkg.typeOf(found.decl.typeNode), depth + 1);
  return `${found.pkg.importPath ?? found.pkg.dir}#${t.name}`;
}

/** The field key of a selector `x.f` as seen from `pkg`. */
function selectorKey(pkg: PackageModel, sel: SyntaxNode): string | undefined {
  const operand = ast.field(sel, 'operand');
  const name = ast.field(sel, 'field')?.text;
  if (!operand || !name) return undefined;
  const t = typeKey(pkg, pkg.fact(ScopesFact).typeOfExpr(operand));
  return t ? `${t}.${name}` : undefined;
}

function isLeftOf(e: SyntaxNode): boolean {
  const list = e.parent?.type === 'expression_list' ? e.parent : e;
  const stmt = list.parent;
  return !!stmt && ['assignment_statement', 'range_clause'].includes(stmt.type) && ast.field(stmt, 'left')?.id === list.id;
}

function rightFor(e: SyntaxNode): SyntaxNode | undefined {
  const list = e.parent?.type === 'expression_list' ? e.parent : undefined;
  const stmt = (list ?? e).parent;
  if (!stmt || stmt.type !== 'assignment_statement') return undefined;
  const i = list ? ast.expressionsOf(list).findIndex((x) => x.id === e.id) : 0;
  return ast.expressionsOf(ast.field(stmt, 'right'))[i];
}

export const FieldFactsFact: Fact<FieldFacts> = defineFact('nil-map-write/field-facts', (pkg) => {
  const out: FieldFacts = { lazyInits: new Map(), assigned: new Set(), literalSets: new Set(), decoded: new Map() };
  const scopes = pkg.fact(ScopesFact);
  for (const file of pkg.files) {
    if (file.path.endsWith('_test.go')) continue;
    // Only these node types matter: read from the tree's type index instead of a walk over every node.
    for (const n of ast.descendants(file.tree.rootNode, ['selector_expression', 'composite_literal', 'if_statement', 'call_expression'])) {
      if (n.type === 'selector_expression') {
        const assigned = isLeftOf(n) && rightFor(n)?.type !== 'nil';
        const addressed = n.parent?.type === 'unary_expression' && n.parent.child(0)?.type === '&';
        if (assigned || addressed) {
          const key = selectorKey(pkg, n);
          if (key) out.assigned.add(key);
        }
      } else if (n.type === 'composite_literal') {
        const t = typeKey(pkg, pkg.typeOf(ast.field(n, 'type')));
        const body = ast.field(n, 'body');
        for (const e of t && body ? ast.namedChildren(body) : []) {
          if (e.type === 'keyed_element' && e.namedChild(1)?.text !== 'nil') out.literalSets.add(`${t}.${e.namedChild(0)?.text ?? ''}`);
        }
      } else if (n.type === 'if_statement') {
        const key = lazyInitKey(pkg, n);
        if (key) out.lazyInits.set(key, [...(out.lazyInits.get(key) ?? []), { pkg, file, node: n }]);
      } else if (n.type === 'call_expression') {
        const shape = ast.callShape(n);
        if (!shape || !DECODERS.test(shape.callee)) continue;
        for (const a of shape.args) {
          const t = typeKey(pkg, scopes.typeOfExpr(ast.unparen(a)));
          if (t && !out.decoded.has(t)) out.decoded.set(t, { pkg, file, node: n });
        }
      }
    }
  }
  return out;
});

/** `if x.f == nil { ... x.f = ... }`: the field key, when the branch assigns the tested field. */
function lazyInitKey(pkg: PackageModel, ifStmt: SyntaxNode): string | undefined {
  const cond = ast.field(ifStmt, 'condition');
  const then = ast.field(ifStmt, 'consequence');
  if (!cond || !then || cond.type !== 'binary_expression' || cond.child(1)?.type !== '==') return undefined;
  const left = ast.field(cond, 'left');
  const right = ast.field(cond, 'right');
  const sel = right?.type === 'nil' ? left : left?.type === 'nil' ? right : undefined;
  if (!sel || ast.unparen(sel).type !== 'selector_expression') return undefined;
  const text = ast.exprKey(sel);
  const sets = ast.descendants(then, ['selector_expression']).some((s) => ast.exprKey(s) === text && isLeftOf(s) && rightFor(s)?.type !== 'nil');
  return sets ? selectorKey(pkg, ast.unparen(sel)) : undefined;
}

/** Named types reachable from `root` through fields, pointers, slices, arrays and map values. */
function reachable(pkg: PackageModel, root: GoType): Set<string> {
  const seen = new Set<string>();
  const visit = (from: PackageModel, t: GoType, depth: number): void => {
    if (depth > 6) return;
    if (t.kind === 'pointer' || t.kind === 'slice' || t.kind === 'array') return visit(from, t.elem, depth + 1);
    if (t.kind === 'map') return visit(from, t.value, depth + 1);
    if (t.kind !== 'named') return;
    const key = typeKey(from, t);
    const found = from.namedDecl(t);
    if (!key || !found || seen.has(key)) return;
    seen.add(key);
    const u = found.pkg.underlying(found.pkg.typeOf(found.decl.typeNode));
    if (u.kind === 'struct') for (const f of u.fields) visit(found.pkg, found.pkg.typeOf(f.typeNode), depth + 1);
    else visit(found.pkg, u, depth + 1);
  };
  visit(pkg, root, 0);
  return seen;
}

export interface ForeignField {
  /** The struct type's name and its declaring package. */
  owner: string;
  home: PackageModel;
  ownerKey: string;
  decl: StructField;
}

/** Serialised names a decoder cannot fill (`json:"-"`), from the field's tag. */
function skippedByDecoders(decl: StructField): boolean {
  const tag = ast.namedChildren(decl.node).find((c) => c.type === 'raw_string_literal' || c.type === 'interpreted_string_literal');
  return !!tag && /:"-"/.test(tag.text) && !/:"[^-"]/.test(tag.text);
}

/** Where the base value came from, one binding back: `tc` in `for _, tc := range c.cfg.Comments` -> `c.cfg.Comments`. */
function origin(ctx: RuleContext, base: SyntaxNode): SyntaxNode {
  let e = ast.unparen(base);
  for (let i = 0; i < 3 && e.type === 'identifier'; i++) {
    const b = ctx.scopes.resolve(e);
    const next = b?.range?.expr ?? (b?.kind === 'local' ? b.value : undefined);
    if (!next) break;
    e = ast.unparen(next);
  }
  return e;
}

/** A value on the selector/index chain of `e` whose type is a decoded root holding the owner type. */
function decodedAncestor(ctx: RuleContext, e: SyntaxNode, ownerKey: string, roots: Map<string, Site>): { expr: SyntaxNode; site: Site } | undefined {
  for (let n: SyntaxNode | null = e; n && (n.type === 'selector_expression' || n.type === 'index_expression'); ) {
    const operand = ast.field(n, 'operand');
    if (!operand) return undefined;
    const key = typeKey(ctx.pkg, ctx.scopes.typeOfExpr(operand));
    const site = key ? roots.get(key) : undefined;
    if (site && reachable(ctx.pkg, ctx.scopes.typeOfExpr(operand)).has(ownerKey)) return { expr: operand, site };
    n = ast.unparen(operand);
  }
  return undefined;
}

export type ForeignEvidence =
  | { kind: 'lazy'; site: Site }
  | { kind: 'decoded'; site: Site; through: SyntaxNode };

/**
 * What the declaring package (and, for decoded values, the writer's package)
 * says about `owner.field` being nil at a write through `base`.
 */
export function foreignEvidence(ctx: RuleContext, base: SyntaxNode, f: ForeignField): ForeignEvidence | undefined {
  const fieldKey = `${f.ownerKey}.${f.decl.name}`;
  // Facts about this field and about decoded types only: the files that can hold them suffice.
  const home = withBodiesFor(f.home, f.decl.name).fact(FieldFactsFact);
  const mine = ctx.pkg.fact(FieldFactsFact);
  const lazy = home.lazyInits.get(fieldKey)?.[0];
  if (lazy) {
    // The writer's package sets the field itself, or builds values with the map and the write goes
    // through one it stores (`d.self` built as `&pb.Peer{Services: make(...)}` by its constructor):
    // which values reach the write is then a question the lazy initialiser cannot answer.
    const stored = ast.unparen(base).type === 'selector_expression';
    if (mine.assigned.has(fieldKey) || (stored && mine.literalSets.has(fieldKey)) || madeByOrigin(ctx, base, f.decl.name)) return undefined;
    return { kind: 'lazy', site: lazy };
  }
  if (home.assigned.has(fieldKey) || mine.assigned.has(fieldKey) || mine.lazyInits.has(fieldKey) || skippedByDecoders(f.decl)) return undefined;
  const roots = new Map([...home.decoded, ...mine.decoded]);
  const from = origin(ctx, base);
  const through = decodedAncestor(ctx, from, f.ownerKey, roots);
  if (!through) return undefined;
  // `cfg := config.Default()` with a literal that fills the field: not the decoded value.
  let root = from;
  while (root.type === 'selector_expression' || root.type === 'index_expression') root = ast.unparen(ast.field(root, 'operand') ?? root);
  return madeByOrigin(ctx, root, f.decl.name) ? undefined : { kind: 'decoded', site: through.site, through: through.expr };
}

/**
 * `x := pkg.New(...)` where the constructor we can see sets the field (a literal
 * key, an assignment, or a call that does): the value in hand has the map.
 */
function madeByOrigin(ctx: RuleContext, base: SyntaxNode, field: string): boolean {
  if (base.type !== 'identifier') return false;
  const b = ctx.scopes.resolve(base);
  const value = b?.kind === 'local' ? (b.value ?? b.tupleValue?.expr) : undefined;
  if (!value || ast.unparen(value).type !== 'call_expression') return false;
  const callee = resolveCallee(ctx.pkg, ast.unparen(value));
  return !!callee && setsField(callee.pkg, callee.decl, field, 0);
}

function setsField(pkg: PackageModel, decl: SyntaxNode, field: string, depth: number): boolean {
  const body = ast.functionBody(decl);
  if (!body || depth > 3) return !body;
  let sets = false;
  ast.walk(body, (n) => {
    if (sets) return false;
    if (n.type === 'keyed_element' && n.namedChild(0)?.text === field) sets = true;
    else if (n.type === 'selector_expression' && ast.field(n, 'field')?.text === field && isLeftOf(n)) sets = true;
    else if (n.type === 'call_expression') {
      const c = resolveCallee(pkg, n);
      if (c && c.decl.id !== decl.id && setsField(c.pkg, c.decl, field, depth + 1)) sets = true;
    }
    return true;
  });
  return sets;
}

/** "state.go:906 in package terraform" for a site in another package. */
export function siteText(ctx: RuleContext, site: Site): string {
  const at = ctx.where(site.node, site.file);
  return site.pkg === ctx.pkg ? at : `${at} in package ${site.pkg.name}`;
}
