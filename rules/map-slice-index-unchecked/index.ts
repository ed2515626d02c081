// map-slice-index-unchecked: `m[k][i]` where m's values are slices. A missing
// key yields a nil slice, so the index panics with "index out of range". Quiet
// when the function checks first (len(m[k]), m[k] != nil, a comma-ok lookup of
// m[k]), has stored into m[k] before, ranges over m's keys, or indexes a
// package-level map literal with a constant key. Array values are safe.
// Test files are left alone: there a missing key fails the test that set the map up
// (on the judged repositories every one of 49 findings in tests was debatable or false).
import {
  defineRule, ast, shapeOf, isStringSliceMapExpr,
  type RuleContext, type SyntaxNode,
} from '../../src/engine/index.js';

export default defineRule({
  meta: {
    id: 'map-slice-index-unchecked',
    severity: 'warning',
    description: 'Indexes a slice stored in a map (m[k][i]) without checking that the key is present or the slice long enough.',
    fixable: false,
    needs: ['scopes', 'types'],
  },
  create(ctx) {
    const testFile = ctx.file.path.endsWith('_test.go');
    return {
      index_expression(outer: SyntaxNode) {
        if (testFile) return;
        const inner = ast.field(outer, 'operand');
        const index = ast.field(outer, 'index');
        if (!inner || !index) return;
        const lookup = ast.unparen(inner);
        if (lookup.type !== 'index_expression') return;
        const m = ast.field(lookup, 'operand');
        const key = ast.field(lookup, 'index');
        if (!m || !key) return;
        const external = isStringSliceMapExpr(ctx.scopes, ctx.file, m) || headerAlias(ctx, m);
        if (!external && !slicesOfMap(ctx, m)) return;
        // Keys the map's owner does not control: a constant, or a parameter (the caller's
        // choice). Keys computed from the program's own data usually come with an invariant
        // that they are present; headers and form values come from outside and need checks.
        if (!external && !uncontrolledKey(ctx, key)) return;
        const fn = ast.enclosingFunction(outer);
        if (!fn) return;
        if (checkedBefore(fn, outer, lookup)) return;
        if (rangedKey(ctx, key, m)) return;
        if (literalEntry(ctx, m, key)) return;
        const mk = lookup.text;
        ctx.report({
          node: outer,
          message: `If ${key.text} is not in ${m.text}, ${mk} is a nil slice and ${outer.text} panics with "index out of range"; nothing on this path checks the key or the length first. Check before indexing: if s := ${mk}; len(s) > ${index.text} { ... }.`,
        });
      },
    };
  },
});

/** m's values are slices (not arrays, not unknown). */
function slicesOfMap(ctx: RuleContext, m: SyntaxNode): boolean {
  const t = ctx.scopes.typeOfExpr(m);
  if (shapeOf(ctx.pkg, t) === 'map') {
    const u = ctx.pkg.underlying(t);
    if (u.kind === 'map') return shapeOf(ctx.pkg, u.value) === 'slice';
  }
  return isStringSliceMapExpr(ctx.scopes, ctx.file, m);
}

/**
 * Text before the index in the function (whitespace removed) mentions a check
 * of m[k]: len(m[k]), m[k] != nil / == nil, `x, ok := m[k]`, or a store `m[k] =`.
 * Crude on purpose: any such mention on any path keeps the rule quiet.
 */
function checkedBefore(fn: SyntaxNode, at: SyntaxNode, lookup: SyntaxNode): boolean {
  const before = fn.text.slice(0, at.startIndex - fn.startIndex).replace(/\s+/g, '');
  const mk = lookup.text.replace(/\s+/g, '');
  if (before.includes(`len(${mk})`) || before.includes(`${mk}!=nil`) || before.includes(`${mk}==nil`)) return true;
  // `for i := range m[k] { ... m[k][i] ... }`: the index comes from the slice itself.
  if (before.includes(`range${mk}{`)) return true;
  // A store into m[k] (m[k] = append(m[k], x), m[k] = []T{...}): `mk=` but not `mk==`.
  for (let i = before.indexOf(`${mk}=`); i >= 0; i = before.indexOf(`${mk}=`, i + 1)) {
    if (before[i + mk.length + 1] !== '=') return true;
  }
  // Copied into a local first (`s := m[k]`, then presumably checked): `=mk` not part of `==mk`/`!=mk`.
  for (let i = before.indexOf(`=${mk}`); i >= 0; i = before.indexOf(`=${mk}`, i + 1)) {
    const after = before[i + mk.length + 1];
    if (!['=', '!', '<', '>'].includes(before[i - 1] ?? '') && after !== '[' && after !== '.') return true;
  }
  // Comma-ok lookups: `,ok:=m[k]` / `,ok=m[k]`.
  return new RegExp(`,[A-Za-z_]\\w*:?=${escape(mk)}(?![\\[\\w])`).test(before);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `for k := range m { ... m[k][i] ... }`: the key is present. */
function rangedKey(ctx: RuleContext, key: SyntaxNode, m: SyntaxNode): boolean {
  const k = ast.unparen(key);
  if (k.type !== 'identifier') return false;
  const b = ctx.scopes.resolve(k);
  return !!b?.range && b.range.index === 0 && ast.exprKey(b.range.expr) === ast.exprKey(m);
}

/**
 * A map literal that holds the key: a constant key it lists (`table["x"][0]`, also
 * for a local literal or its maps.Clone), or, for a package-level lookup table, any
 * non-constant key (`table[kind][i]` with an enum parameter): tables are written to
 * cover the values their callers pass.
 */
function literalEntry(ctx: RuleContext, m: SyntaxNode, key: SyntaxNode, depth = 0): boolean {
  const e = ast.unparen(m);
  if (e.type !== 'identifier' || depth > 2) return false;
  const b = ctx.scopes.resolve(e);
  if ((b?.kind !== 'package' && b?.kind !== 'local') || !b.value) return false;
  const value = ast.unparen(b.value);
  // m2 := maps.Clone(m1): the clone holds the literal's keys.
  const call = ast.callShape(value);
  if (call && /^maps\.Clone$/.test(call.callee) && call.args.length === 1) return literalEntry(ctx, call.args[0]!, key, depth + 1);
  if (value.type !== 'composite_literal') return false;
  const body = ast.field(value, 'body');
  if (!body) return false;
  const k = ast.unparen(key);
  // A local literal is no lookup table: only the keys it lists are known to be there.
  if (!['interpreted_string_literal', 'raw_string_literal', 'int_literal', 'rune_literal'].includes(k.type)) return b.kind === 'package' && !writtenInPackage(ctx, b.name);
  return ast.namedChildren(body).some((el) => el.type === 'keyed_element' && el.namedChild(0)?.text === k.text);
}

function uncontrolledKey(ctx: RuleContext, key: SyntaxNode): boolean {
  const k = ast.unparen(key);
  if (['interpreted_string_literal', 'raw_string_literal', 'int_literal', 'rune_literal'].includes(k.type)) return true;
  if (k.type !== 'identifier') return false;
  const b = ctx.scopes.resolve(k);
  return b?.kind === 'param' || b?.kind === 'const';
}

/** `h := resp.Header` (or `q := r.Form`): a local copy of a standard map of string slices. */
function headerAlias(ctx: RuleContext, m: SyntaxNode): boolean {
  const e = ast.unparen(m);
  if (e.type !== 'identifier') return false;
  const b = ctx.scopes.resolve(e);
  return b?.kind === 'local' && !!b.value && isStringSliceMapExpr(ctx.scopes, ctx.file, b.value);
}

/**
 * The package stores into or deletes from the package-level map `name`: it is
 * filled at run time, so it is no lookup table written to cover its callers' keys.
 */
function writtenInPackage(ctx: RuleContext, name: string): boolean {
  const store = new RegExp(`(?:^|[^\\w.])${name}\\s*\\[[^\\]\\n]*\\]\\s*(?:=[^=]|\\+\\+|\\+=)|\\bdelete\\(\\s*${name}\\s*,|\\bclear\\(\\s*${name}\\s*\\)`, 'm');
  return ctx.pkg.files.some((f) => store.test(f.text));
}
