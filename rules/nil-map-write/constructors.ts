// An unexported map field that only composite literals ever set: some
// constructor returns a literal of the type without it, so values built there
// keep a nil map, and a write to the field without a nil check panics for them.
// Warning level: which constructor built the value that reaches the write is a
// question of callers we do not follow.
import { ast, defineFact, type Fact, type GoFile, type RuleContext, type SyntaxNode } from '../../src/engine/index.js';
import { line } from './paths.js';

interface Literal {
  file: GoFile;
  node: SyntaxNode;
  /** Keys of a keyed literal; undefined for a positional literal (which sets every field). */
  keys: Set<string> | undefined;
  /** The function that returns this literal directly (`return &T{...}`), if any. */
  returnedBy?: string;
}

interface FieldSites {
  /** Literals per type name, outside tests. */
  literals: Map<string, Literal[]>;
  /** Field names set other than by a literal key: `x.f = non-nil`, `&x.f`, `for x.f = range`. */
  setElsewhere: Set<string>;
}

const FieldSitesFact: Fact<FieldSites> = defineFact('nil-map-write/field-sites', (pkg) => {
  const out: FieldSites = { literals: new Map(), setElsewhere: new Set() };
  for (const file of pkg.files) {
    const isTest = file.path.endsWith('_test.go');
    for (const n of ast.descendants(file.tree.rootNode, ['composite_literal', 'selector_expression'])) {
      if (n.type === 'composite_literal' && !isTest) {
        const type = ast.field(n, 'type');
        const name = type?.type === 'type_identifier' ? type.text : type?.type === 'generic_type' ? ast.field(type, 'type')?.text : undefined;
        if (name) {
          const list = out.literals.get(name) ?? [];
          list.push({ file, node: n, keys: literalKeys(n), returnedBy: returningFunction(n) });
          out.literals.set(name, list);
        }
      } else if (n.type === 'selector_expression') {
        const name = ast.field(n, 'field')?.text;
        const parent = n.parent;
        if (!name || !parent) continue;
        if (parent.type === 'unary_expression' && parent.child(0)?.type === '&') out.setElsewhere.add(name);
        if (parent.type === 'expression_list' && (parent.parent?.type === 'assignment_statement' || parent.parent?.type === 'range_clause') && ast.field(parent.parent, 'left')?.id === parent.id) {
          const i = ast.expressionsOf(parent).findIndex((e) => e.id === n.id);
          const value = ast.expressionsOf(ast.field(parent.parent, 'right'))[i];
          if (value?.type !== 'nil') out.setElsewhere.add(name);
        }
      }
    }
  }
  return out;
});

function literalKeys(lit: SyntaxNode): Set<string> | undefined {
  const body = ast.field(lit, 'body');
  const elems = body ? ast.namedChildren(body).filter((e) => e.type !== 'comment') : [];
  if (elems.length > 0 && elems.some((e) => e.type !== 'keyed_element')) return undefined;
  return new Set(elems.map((e) => e.namedChild(0)?.text ?? ''));
}

function enclosingName(node: SyntaxNode): string | undefined {
  const fn = ast.enclosingFunction(node);
  return fn && fn.type !== 'func_literal' ? (ast.field(fn, 'name')?.text ?? undefined) : undefined;
}

/** The function whose `return` yields this literal (or its address) directly. */
function returningFunction(lit: SyntaxNode): string | undefined {
  let n = lit.parent;
  if (n?.type === 'unary_expression') n = n.parent;
  if (n?.type === 'expression_list') n = n.parent;
  if (n?.type !== 'return_statement') return undefined;
  const fn = ast.enclosingFunction(n);
  if (!fn || fn.type === 'func_literal') return undefined;
  // Methods hand out stand-ins and partial views (a fake's `Lookup` returning
  // `&Lease{ID: id}`, `t.slice(pc)` for a legacy path): only plain functions count.
  if (ast.receiverOf(fn)) return undefined;
  return ast.field(fn, 'name')?.text ?? undefined;
}

/**
 * `x.f[k] = v` for an unexported, untagged map field f of package type `owner`
 * that nothing sets except literal keys, where some constructor returns a literal
 * of `owner` without f and another literal sets it (so the field is meant to hold
 * a map). Returns true when it reported.
 */
export function checkConstructorLeavesField(ctx: RuleContext, stmt: SyntaxNode, sel: SyntaxNode, owner: string, fieldName: string, mapText: string): boolean {
  const sites = ctx.fact(FieldSitesFact);
  if (sites.setElsewhere.has(fieldName)) return false;
  const literals = sites.literals.get(owner) ?? [];
  if (literals.some((l) => !l.keys)) return false;
  const setter = literals.find((l) => l.keys?.has(fieldName));
  // A function that also builds the full value returns the short literal only as a
  // placeholder (`if !enabled { return &T{ID: id} }`): skip it.
  const fullBuilders = new Set(literals.filter((l) => l.keys?.has(fieldName)).map((l) => `${l.file.path}:${l.returnedBy ?? enclosingName(l.node)}`));
  // Constructors live next to their type; a literal in another file is often a
  // platform or test stand-in (`root_darwin.go` returning `&CertPool{systemPool: true}`).
  const typeFile = ctx.pkg.types.get(owner)?.file;
  const without = literals.find((l) => l.returnedBy && l.file === typeFile && !l.keys?.has(fieldName) && !fullBuilders.has(`${l.file.path}:${l.returnedBy}`));
  if (!setter || !without) return false;
  const at = without.file === ctx.file ? `line ${line(without.node)}` : ctx.where(without.node, without.file);
  ctx.report({
    node: stmt,
    atMost: 'warning',
    message: `${sel.text} is a nil map for ${owner} values built by ${without.returnedBy} (${at}), which leaves ${fieldName} out of its literal, and nothing else in the package sets ${fieldName}. For those values this write panics with "assignment to entry in nil map"; set ${fieldName}: make(${mapText}) in ${without.returnedBy} too, or allocate it before the write.`,
  });
  return true;
}
