// map-runtime-linkname: code that reaches into the runtime's map
// implementation, either by `//go:linkname` to its functions or by copying its
// data layouts (hmap/bmap/hiter before Go 1.24; Swiss-table Map/Iter since).
//
// Directives: `//go:linkname local target` whose target is a map internal of
// runtime, reflect (pushed there by the runtime) or internal/runtime/maps.
// Only pulls are reported: when `local` is a function declared with a body in
// the package, the directive provides the symbol (the runtime pushing its own
// implementation) rather than using it. The one-argument form, which marks a
// symbol as linkname-able, is not a use either.
//
// Layout copies: a struct type whose fields match the runtime's map header,
// bucket or iterator field sets, or a struct named hmap/bmap with some of those
// fields. Anchored on the type's name line (there is no directive to anchor on).
//
// The map implementation itself is not a user of its internals: package
// runtime and the packages under internal/runtime (where the Swiss-table map
// lives since Go 1.24) define these layouts and link their own symbols, and
// the linker allows it. They are recognised by package name (runtime, maps)
// plus a bare `internal/...` import, which only the standard library can have.
import { defineRule, ast, type RuleContext, type SyntaxNode, type Visitor } from '../../src/engine/index.js';

const DIRECTIVE = /^\/\/go:linkname[ \t]+(\S+)[ \t]+(\S+)/;
const MAP_FUNC = /^(map\w*|makemap\w*)$/;

/** Refused by the linker since Go 1.23 when pulled from outside the runtime. */
const BLOCKED = /^(mapaccess1(_fast32|_fast64|_faststr)?|mapdelete_fast(32|64|str))$/;
/** Kept reachable only because widely used packages depend on them. */
const TOLERATED = new Set([
  'makemap', 'makemap_small', 'mapaccess2', 'mapaccess2_fast32', 'mapaccess2_fast64', 'mapaccess2_faststr',
  'mapassign', 'mapassign_fast32', 'mapassign_fast32ptr', 'mapassign_fast64', 'mapassign_fast64ptr', 'mapassign_faststr',
  'mapdelete', 'mapiterinit', 'mapiternext',
]);

interface Layout {
  what: string;
  fields: string[];
  min: number;
}

const LAYOUTS: Layout[] = [
  { what: 'the pre-Go 1.24 map header (hmap)', fields: ['count', 'flags', 'B', 'noverflow', 'hash0', 'buckets', 'oldbuckets', 'nevacuate', 'extra'], min: 5 },
  { what: 'the pre-Go 1.24 map iterator (hiter)', fields: ['key', 'elem', 't', 'h', 'buckets', 'bptr', 'overflow', 'oldoverflow', 'startBucket', 'offset', 'wrapped', 'B', 'i', 'bucket', 'checkBucket'], min: 8 },
  { what: 'the Swiss-table map header (Go 1.24+)', fields: ['used', 'seed', 'dirPtr', 'dirLen', 'globalDepth', 'globalShift', 'writing', 'tombstonePossible', 'clearSeq'], min: 5 },
  { what: 'the Swiss-table map iterator (Go 1.24+)', fields: ['key', 'elem', 'typ', 'm', 'entryOffset', 'dirOffset', 'clearSeq', 'globalDepth', 'dirIdx', 'tab', 'group', 'entryIdx'], min: 8 },
];

export default defineRule({
  meta: {
    id: 'map-runtime-linkname',
    severity: 'error',
    description: 'go:linkname to runtime map internals, or copies of the runtime map layouts, which change between Go releases.',
    fixable: false,
  },
  create(ctx): Visitor {
    if (isMapImplementation(ctx)) return {};
    return {
      source_file() {
        checkDirectives(ctx);
      },
      type_spec(spec: SyntaxNode) {
        checkLayout(ctx, spec);
      },
    };
  },
});

function mapTarget(target: string): { pkg: string; name: string } | undefined {
  const dot = target.lastIndexOf('.');
  if (dot < 0) return undefined;
  const pkg = target.slice(0, dot);
  const name = target.slice(dot + 1);
  if (pkg === 'internal/runtime/maps') return { pkg, name };
  if ((pkg === 'runtime' || pkg === 'reflect') && MAP_FUNC.test(name)) return { pkg, name };
  return undefined;
}

function isMapImplementation(ctx: RuleContext): boolean {
  if (ctx.pkg.name !== 'runtime' && ctx.pkg.name !== 'maps') return false;
  // Bare `internal/...` import paths resolve only inside the standard library's own tree.
  return ctx.pkg.files.some((f) => [...f.imports.values()].some((p) => p.startsWith('internal/')));
}

/**
 * True when `local` is implemented here: the directive pushes the symbol
 * instead of pulling it (a function with a body, or a variable with an initialiser).
 */
function definedHere(ctx: RuleContext, local: string): boolean {
  const f = ctx.pkg.funcs.get(local);
  if (f) return !!ast.field(f.node, 'body');
  const v = ctx.pkg.values.get(local);
  return !!v && v.kind === 'var' && !!v.value;
}

function checkDirectives(ctx: RuleContext): void {
  const text = ctx.file.text;
  if (!text.includes('//go:linkname')) return;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = DIRECTIVE.exec(line);
    if (!m) return;
    const [, local, target] = m;
    const t = mapTarget(target!);
    if (!t || definedHere(ctx, local!)) return;
    let status: string;
    if (t.pkg === 'runtime' && BLOCKED.test(t.name)) status = `Since Go 1.23 the linker refuses ${target} from outside the runtime ("invalid reference"), so this does not build`;
    else if (t.pkg === 'runtime' && TOLERATED.has(t.name)) status = `Go 1.23 started refusing linknames into the standard library; ${target} is still allowed only because widely used packages depend on it, and the map internals behind it change between releases (Swiss tables replaced the bucket layout in Go 1.24)`;
    else status = `Map internals change between releases (Swiss tables replaced the bucket layout in Go 1.24), and Go 1.23 started refusing linknames into the standard library that are not explicitly allowed`;
    ctx.report({
      span: { line: i + 1, column: 1, endLine: i + 1, endColumn: line.replace(/\r$/, '').length + 1 },
      message: `This //go:linkname binds ${local} to ${target}, a runtime map internal. ${status}; use ordinary map operations, the maps package, generics or a typed wrapper instead.`,
    });
  });
}

function checkLayout(ctx: RuleContext, spec: SyntaxNode): void {
  const nameNode = ast.field(spec, 'name');
  const typeNode = ast.field(spec, 'type');
  if (!nameNode || typeNode?.type !== 'struct_type') return;
  const t = ctx.pkg.typeOf(typeNode);
  if (t.kind !== 'struct') return;
  const names = new Set(t.fields.filter((f) => !f.embedded).map((f) => f.name));
  let match: Layout | undefined;
  for (const l of LAYOUTS) {
    const n = l.fields.filter((f) => names.has(f)).length;
    if (n >= l.min) {
      match = l;
      break;
    }
  }
  if (!match && (nameNode.text === 'hmap' || nameNode.text === 'bmap')) {
    const hits = nameNode.text === 'bmap' ? (names.has('tophash') ? 1 : 0) : LAYOUTS[0]!.fields.filter((f) => names.has(f)).length;
    if (hits >= (nameNode.text === 'bmap' ? 1 : 2)) match = { what: nameNode.text === 'bmap' ? 'the pre-Go 1.24 map bucket (bmap)' : LAYOUTS[0]!.what, fields: [], min: 0 };
  }
  if (!match) return;
  ctx.report({
    node: nameNode,
    message: `${nameNode.text} copies the layout of ${match.what}. Map internals change between releases (Swiss tables replaced the bucket layout in Go 1.24), so code reading maps through this struct breaks silently on a new Go version; use ordinary map operations, the maps package, generics or a typed wrapper instead.`,
  });
}
