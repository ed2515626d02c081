// syncmap-unchecked-assertion: `v.(T)` without comma-ok where v holds a value
// read from a sync.Map (first result of Load/LoadOrStore/LoadAndDelete/Swap,
// a Range callback's key or value, or a local copied from one). sync.Map
// stores `any`, so nothing but discipline keeps the type right, and a wrong
// type panics. Not findings: `x, ok := v.(T)`, type switches, assertions to a
// type parameter (a generic wrapper is the recommended fix), and assertions
// already checked by an enclosing `if _, ok := v.(T); ok` or type switch.
import { defineRule, MentionsSyncMapFact, type Visitor, ast, syncMapValueSource, tupleTargets, type SyncMapValueSource, type SyntaxNode } from '../../src/engine/index.js';

export default defineRule({
  meta: {
    id: 'syncmap-unchecked-assertion',
    // RULES.md: notice by default (nearly every real sync.Map stores one type); warning when a
    // Load's miss is not checked, since the nil a miss yields panics at the assertion.
    severity: 'notice',
    description: 'A type assertion without comma-ok on a value read from a sync.Map: a value of another type (or nil after a miss) panics.',
    fixable: false,
    needs: ['scopes', 'types'],
  },
  create(ctx): Visitor {
    if (!ctx.fact(MentionsSyncMapFact)) return {};
    // One finding per line (the anchor): `k, v := ki.(K), vi.(V)` is one site to fix.
    const lines = new Set<number>();
    return {
      type_assertion_expression(node: SyntaxNode) {
        if (lines.has(node.startPosition.row)) return;
        const operand = ast.field(node, 'operand');
        const type = ast.field(node, 'type');
        if (!operand || !type) return;
        const v = ast.unparen(operand);
        if (v.type !== 'identifier') return;
        const targets = tupleTargets(node);
        if (targets && targets.length >= 2) return; // comma-ok
        const b = ctx.scopes.resolve(v);
        if (!b) return;
        const src = syncMapValueSource(ctx.scopes, b, node);
        if (!src) return;
        if (isTypeParameter(node, type) || alreadyChecked(node, v.text, type)) return;
        lines.add(node.startPosition.row);
        const nilOnMiss = missYieldsNil(src) && !nilChecked(node, v.text);
        ctx.report({ node, message: messageFor(v.text, type.text, src, nilOnMiss), severity: nilOnMiss ? 'warning' : undefined });
      },
    };
  },
});

function messageFor(v: string, t: string, src: SyncMapValueSource, nilOnMiss: boolean): string {
  const m = ast.exprKey(src.call.receiver);
  const line = src.call.call.startPosition.row + 1;
  const from = src.via === 'result' ? `${m}.${src.call.method} at line ${line}` : `the ${src.via === 'range-key' ? 'key' : 'value'} ${m}.Range passes at line ${line}`;
  const nil = nilOnMiss ? `, and after a miss ${v} is a nil interface, which panics too` : '';
  const what = src.via === 'range-key' ? 'a key' : 'a value';
  return `${v} comes from ${from} and is typed any, so ${v}.(${t}) panics if the map holds ${what} of another type${nil}. ` +
    `Use the comma-ok form (x, ok := ${v}.(${t})) and handle !ok, or wrap the sync.Map in a small generic type whose methods take and return ${t}.`;
}

/** Load/LoadAndDelete/Swap return a nil value when the key is absent; true when their `ok`/`loaded` result is discarded. */
function missYieldsNil(src: SyncMapValueSource): boolean {
  if (src.via !== 'result' || src.call.method === 'LoadOrStore') return false;
  const targets = tupleTargets(src.call.call);
  return !!targets && targets.length === 2 && targets[1]!.text === '_';
}

/** A `v == nil` / `v != nil` test earlier in the function: the author handles the miss. */
function nilChecked(at: SyntaxNode, v: string): boolean {
  const fn = ast.enclosingFunction(at);
  if (!fn) return false;
  const before = fn.text.slice(0, at.startIndex - fn.startIndex);
  return new RegExp(`(^|[^\\w.])${v}\\s*[!=]=\\s*nil\\b|\\bnil\\s*[!=]=\\s*${v}\\b`).test(before);
}

/**
 * `v.(V)`, `v.(*V)`, `v.(*entry[V])` inside a generic function or a method of a
 * generic type, where V is a type parameter: the code is a typed wrapper, whose
 * own methods decide what is stored.
 */
function isTypeParameter(at: SyntaxNode, type: SyntaxNode): boolean {
  const names = new Set<string>();
  for (let p = at.parent; p; p = p.parent) {
    if (p.type === 'function_declaration') {
      const params = ast.field(p, 'type_parameters');
      for (const n of params ? ast.descendants(params, ['identifier']) : []) if (n.parent?.type === 'type_parameter_declaration') names.add(n.text);
    }
    if (p.type === 'method_declaration') {
      // Receiver `(m *Map[K, V])`: the type arguments name the type parameters.
      const recv = ast.field(p, 'receiver');
      for (const a of recv ? ast.descendants(recv, ['type_arguments']) : []) for (const n of ast.descendants(a, ['type_identifier'])) names.add(n.text);
    }
  }
  if (names.size === 0) return false;
  const used = type.type === 'type_identifier' ? [type] : ast.descendants(type, ['type_identifier']);
  return used.some((n) => names.has(n.text));
}

/** Inside `if _, ok := v.(T); ok {...}` or a type switch on v: the assertion cannot fail. */
function alreadyChecked(at: SyntaxNode, v: string, type: SyntaxNode): boolean {
  const asserted = `${v}.(${type.text.replace(/\s+/g, '')})`;
  for (let p = at.parent, child: SyntaxNode = at; p; child = p, p = p.parent) {
    if (ast.FUNCTION_TYPES.includes(p.type as (typeof ast.FUNCTION_TYPES)[number])) return false;
    if (p.type === 'if_statement' && ast.field(p, 'consequence')?.id === child.id) {
      const guard = `${ast.field(p, 'initializer')?.text ?? ''};${ast.field(p, 'condition')?.text ?? ''}`.replace(/\s+/g, '');
      if (guard.includes(asserted)) return true;
    }
    if (p.type === 'type_switch_statement' && ast.exprKey(ast.field(p, 'value') ?? p) === v) return true;
  }
  return false;
}
