// map-pointer: `*map[K]V` as a parameter, result, field or variable type when
// nothing rebinds the map through the pointer. A map value already refers to
// shared storage, so the pointer only adds an indirection and a nil case.
// Rebinding counts as: `*p = ...`, or handing the pointer itself to a call
// (json.Unmarshal(data, p) may allocate the map through it). Only the literal
// `*map[...]` spelling is reported: pointers to named map types often exist for
// methods and interfaces.
import { defineRule, ast, defineFact, type RuleContext, type SyntaxNode, type PackageModel } from '../../src/engine/index.js';

export default defineRule({
  meta: {
    id: 'map-pointer',
    severity: 'notice',
    description: 'Uses *map[K]V where the map is never rebound through the pointer; a map value already shares its storage.',
    fixable: false,
    needs: ['scopes'],
  },
  create(ctx) {
    return {
      pointer_type(ptr: SyntaxNode) {
        const inner = ptr.namedChild(0);
        if (inner?.type !== 'map_type') return;
        const holder = ptr.parent;
        if (!holder) return;
        let role: string | undefined;
        if (holder.type === 'parameter_declaration' || holder.type === 'variadic_parameter_declaration') role = paramRole(ctx, ptr, holder);
        else if (holder.type === 'function_declaration' || holder.type === 'method_declaration') role = ast.field(holder, 'result')?.id === ptr.id ? resultRole(ctx) : undefined;
        else if (holder.type === 'field_declaration') role = fieldRole(ctx, holder);
        else if (holder.type === 'var_spec') role = varRole(ctx, holder);
        if (!role) return;
        ctx.report({
          node: ptr,
          message: `${role} has type ${ptr.text}, and nothing rebinds the map through the pointer; a map value already refers to shared storage, so the pointer only adds an indirection and a nil case. Use ${inner.text} instead.`,
        });
      },
    };
  },
});

/** Parameters and results of a function with a body; null when the pointer is needed or unknowable. */
function paramRole(ctx: RuleContext, ptr: SyntaxNode, decl: SyntaxNode): string | undefined {
  const list = decl.parent;
  const fn = list?.parent;
  if (!list || !fn || !['function_declaration', 'method_declaration', 'func_literal'].includes(fn.type)) return undefined;
  const body = ast.field(fn, 'body');
  if (!body) return undefined;
  const isResult = ast.field(fn, 'result')?.id === list.id;
  const names = decl.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
  if (isResult) {
    if (names.some((n) => rebound(ctx, n, body))) return undefined;
    return resultRole(ctx) && (names.length ? `Result ${names.map((n) => n.text).join(', ')}` : 'A result');
  }
  if (ast.field(fn, 'parameters')?.id !== list.id || names.length === 0) return undefined;
  if (names.some((n) => n.text === '_' || rebound(ctx, n, body))) return undefined;
  return `Parameter ${names.map((n) => n.text).join(', ')}`;
}

/** True when the binding declared by `name` is dereferenced on the left of `=`, reassigned, or handed to a call. */
function rebound(ctx: RuleContext, name: SyntaxNode, within: SyntaxNode): boolean {
  const b = ctx.scopes.resolve(name);
  if (!b) return true;
  let found = false;
  ast.walk(within, (n) => {
    if (found) return false;
    if (n.type !== 'identifier' || n.text !== name.text) return;
    const r = ctx.scopes.resolve(n);
    if (!r || r.nameNode.id !== b.nameNode.id || n.id === b.nameNode.id) return;
    if (pointerEscapes(n)) found = true;
  });
  return found;
}

/** `*p = x`, `p = x`, `f(p)`, `return p`, `x := p`: the pointer itself is used for more than reaching the map. */
function pointerEscapes(use: SyntaxNode): boolean {
  let n = use;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (!p) return true;
  if (p.type === 'unary_expression' && p.child(0)?.type === '*') {
    // *p read (indexing, len, range, passing the map) is fine; *p on the left of = rebinds.
    let d = p;
    while (d.parent?.type === 'parenthesized_expression') d = d.parent;
    const stmt = d.parent?.type === 'expression_list' ? d.parent.parent : d.parent;
    return stmt?.type === 'assignment_statement' && ast.expressionsOf(ast.field(stmt, 'left')).some((e) => e.id === d.id);
  }
  if (p.type === 'binary_expression') return false; // p == nil
  return true;
}

function resultRole(ctx: RuleContext): string | undefined {
  // A returned pointer may be rebound by a caller; stay quiet when the package does that anywhere.
  return ctx.pkg.fact(DerefAssignFact).any ? undefined : 'A result';
}

function fieldRole(ctx: RuleContext, decl: SyntaxNode): string | undefined {
  const names = decl.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
  if (names.length === 0) return undefined;
  const facts = ctx.pkg.fact(DerefAssignFact);
  if (names.some((n) => facts.fields.has(n.text))) return undefined;
  return `Field ${names.map((n) => n.text).join(', ')}`;
}

function varRole(ctx: RuleContext, spec: SyntaxNode): string | undefined {
  const names = spec.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
  if (names.length === 0 || names.some((n) => n.text === '_')) return undefined;
  const fn = ast.enclosingFunction(spec);
  const scopes: SyntaxNode[] = fn ? [fn] : ctx.pkg.files.map((f) => f.root);
  for (const n of names) if (scopes.some((s) => rebound(ctx, n, s))) return undefined;
  return `Variable ${names.map((n) => n.text).join(', ')}`;
}

/**
 * Package-wide: field names rebound through a pointer (`*x.f = v`) or whose
 * pointer is handed to a call (`json.Unmarshal(b, x.f)`), and whether any
 * `*e = v` assignment exists at all. Each part is found on its first question:
 * a result only asks whether any `*e = v` exists (often answered by the first
 * files), a field asks for the names (every argument list of the package).
 */
const DerefAssignFact = defineFact('map-pointer:derefs', (pkg: PackageModel) => {
  let any: boolean | undefined;
  let fields: Set<string> | undefined;
  /** The field rebound by one `*e = v` target, '' for a deref of something else, undefined when not a deref. */
  const derefTarget = (t: SyntaxNode): string | undefined => {
    const e = ast.unparen(t);
    if (e.type !== 'unary_expression' || e.child(0)?.type !== '*') return undefined;
    const op = ast.unparen(ast.field(e, 'operand') ?? e);
    return op.type === 'selector_expression' ? (ast.field(op, 'field')?.text ?? '') : '';
  };
  const findAny = (): boolean => {
    for (const f of pkg.files) {
      for (const n of f.root.descendantsOfType('assignment_statement')) {
        if (ast.expressionsOf(ast.field(n, 'left')).some((t) => derefTarget(t) !== undefined)) return true;
      }
    }
    return false;
  };
  const findFields = (): Set<string> => {
    const out = new Set<string>();
    for (const f of pkg.files) {
      for (const n of ast.descendants(f.root, ['assignment_statement', 'argument_list', 'return_statement', 'expression_list'])) {
        if (n.type === 'assignment_statement') {
          for (const t of ast.expressionsOf(ast.field(n, 'left'))) {
            const name = derefTarget(t);
            if (name) out.add(name);
          }
        } else {
          for (const a of ast.namedChildren(n)) {
            const e = ast.unparen(a);
            if (e.type === 'selector_expression' && (n.type !== 'expression_list' || n.parent?.type === 'short_var_declaration' || isRight(n))) {
              out.add(ast.field(e, 'field')?.text ?? '');
            }
          }
        }
      }
    }
    return out;
  };
  return {
    get any(): boolean {
      return (any ??= findAny());
    },
    get fields(): ReadonlySet<string> {
      return (fields ??= findFields());
    },
  };
});

function isRight(list: SyntaxNode): boolean {
  const p = list.parent;
  return !!p && p.type === 'assignment_statement' && ast.field(p, 'right')?.id === list.id;
}
