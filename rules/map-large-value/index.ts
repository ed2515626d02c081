// map-large-value: a map whose key or value type is over 128 bytes. The
// runtime (hash buckets before Go 1.24, Swiss tables since) stores keys and
// values up to 128 bytes inline and larger ones out of line: each entry is a
// separate heap allocation, and every read or range copies the whole value.
//
// Where it reports: every map type written in the source (a map_type node) —
// type declarations, struct fields, variables, parameters and results, make
// and composite literals — once per line. Uses of a named map type (`Table`)
// are not map types in the syntax, so `type Table map[K]Big` is reported once,
// at its declaration. Type assertions and type switch cases only name a type
// that is declared elsewhere and are skipped. Sizes come from the engine's
// size calculator; any part it cannot size (imported or generic types) means
// no finding.
import { defineRule, ast, TypeSizesFact, type SyntaxNode } from '../../src/engine/index.js';

/** The runtime's inline limit for keys and values (unchanged by Swiss tables in Go 1.24). */
const INLINE_LIMIT = 128;

const USE_ONLY = ['type_assertion_expression', 'type_case'];

export default defineRule({
  meta: {
    id: 'map-large-value',
    severity: 'notice',
    description: 'A map whose key or value type is over 128 bytes: each entry is a separate heap allocation and every read copies it.',
    fixable: false,
    needs: ['types', 'sizes'],
  },
  create(ctx) {
    const reportedLines = new Set<number>();
    return {
      map_type(node: SyntaxNode) {
        if (ast.ancestor(node, USE_ONLY)) return;
        const keyNode = ast.field(node, 'key');
        const valueNode = ast.field(node, 'value');
        if (!keyNode || !valueNode) return;
        const sizes = ctx.fact(TypeSizesFact);
        const keySize = sizes.sizeOf(ctx.pkg.typeOf(keyNode));
        const valueSize = sizes.sizeOf(ctx.pkg.typeOf(valueNode));
        const bigKey = keySize !== undefined && keySize > INLINE_LIMIT;
        const bigValue = valueSize !== undefined && valueSize > INLINE_LIMIT;
        if (!bigKey && !bigValue) return;
        const line = node.startPosition.row;
        if (reportedLines.has(line)) return;
        reportedLines.add(line);
        const mapText = compact(node.text, 'this map type');
        const keyText = compact(keyNode.text, 'K');
        const valueText = compact(valueNode.text, 'V');
        const what = bigKey && bigValue
          ? `keys are ${keySize} bytes and values are ${valueSize} bytes`
          : bigKey ? `keys are ${keySize} bytes` : `values are ${valueSize} bytes`;
        const fix = bigValue
          ? `Store pointers (map[${keyText}]*${valueText}) or keep the values in a slice indexed through a map[${keyText}]int.`
          : `Key the map by a smaller value (an ID or a string) derived from ${keyText}.`;
        ctx.report({
          node,
          message: `In ${mapText} the ${what}; the runtime stores keys and values over ${INLINE_LIMIT} bytes out of line, so each entry is a separate heap allocation and every read or range copies the whole ${bigValue ? 'value' : 'key'}. ${fix}`,
        });
      },
    };
  },
});

/** Type text for a one-line message; long or multi-line types (struct literals) get a placeholder. */
function compact(text: string, placeholder: string): string {
  return text.includes('\n') || text.length > 60 ? placeholder : text;
}
