// Which paths from a nil declaration to a map write leave the map nil. The
// analysis is structural (if/else, switch, select, loops) and deliberately
// conservative: anything it cannot follow counts as "assigned", so it only
// ever names a path it can point at in the source.
import { ast, type SyntaxNode } from '../../src/engine/index.js';

/** How a statement leaves the map: untouched, assigned on every path, or assigned on some paths only. */
export type Effect = { kind: 'none' } | { kind: 'definite' } | { kind: 'some'; path: string };

const NONE: Effect = { kind: 'none' };
const DEFINITE: Effect = { kind: 'definite' };

/** Calls after which control does not continue to the next statement. */
const TERMINATING_CALLS = /^(panic|os\.Exit|log\.(Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)|[A-Za-z_]\w*\.(Fatal|Fatalf|FailNow|Skip|Skipf|SkipNow))$/;

export function line(node: SyntaxNode): number {
  return node.startPosition.row + 1;
}

/** A statement after which the rest of its block does not run. */
export function terminates(stmt: SyntaxNode): boolean {
  switch (stmt.type) {
    case 'return_statement':
    case 'break_statement':
    case 'continue_statement':
    case 'goto_statement':
      return true;
    case 'expression_statement': {
      const call = stmt.namedChild(0);
      const shape = call ? ast.callShape(call) : null;
      return !!shape && TERMINATING_CALLS.test(shape.callee);
    }
    case 'block':
      return blockTerminates(stmt);
    default:
      return false;
  }
}

function blockTerminates(block: SyntaxNode): boolean {
  const stmts = ast.statementsOf(block);
  const last = stmts[stmts.length - 1];
  return !!last && terminates(last);
}

export interface PathQuestion {
  /** True for a statement that (re)assigns the map itself: `m = ...`, `x = ...`, `x.f = ...`. */
  assigns: (stmt: SyntaxNode) => boolean;
  /** True for any node under which an assignment of the map appears. */
  mentionsAssignment: (node: SyntaxNode) => boolean;
}

/**
 * The effect on the map of running `stmts` in order, stopping before `stop`
 * (a statement that contains the write). A definite assignment or a
 * terminating statement ends the walk: paths through it never reach the write
 * with a nil map.
 */
export function sequenceEffect(stmts: SyntaxNode[], q: PathQuestion, stop?: SyntaxNode): Effect {
  let some: Effect = NONE;
  for (const s of stmts) {
    if (stop && s.id === stop.id) break;
    const e = statementEffect(s, q);
    if (e.kind === 'definite') return DEFINITE;
    if (e.kind === 'some' && some.kind === 'none') some = e;
    if (terminates(s)) return DEFINITE;
  }
  return some;
}

function blockEffect(block: SyntaxNode | null, q: PathQuestion): Effect {
  if (!block) return NONE;
  return sequenceEffect(ast.statementsOf(block), q);
}

/** The effect of one statement that does not contain the write. */
export function statementEffect(s: SyntaxNode, q: PathQuestion): Effect {
  if (!q.mentionsAssignment(s)) return NONE;
  if (q.assigns(s)) return DEFINITE;
  switch (s.type) {
    case 'block':
      return blockEffect(s, q);
    case 'labeled_statement': {
      const inner = ast.namedChildren(s).find((c) => c.type !== 'label_name');
      return inner ? statementEffect(inner, q) : DEFINITE;
    }
    case 'if_statement':
      return ifEffect(s, q);
    case 'expression_switch_statement':
    case 'type_switch_statement':
    case 'select_statement':
      return switchEffect(s, q);
    case 'for_statement': {
      const body = ast.field(s, 'body');
      // `for { ... }` only leaves through a break or return: too irregular to follow.
      if (!ast.namedChildren(s).some((c) => c.id !== body?.id && c.type !== 'comment')) return DEFINITE;
      return { kind: 'some', path: `when the loop at line ${line(s)} assigns nothing (for example, when it runs zero times)` };
    }
    default:
      // An assignment hidden in a closure, a defer or a go statement: assume it runs.
      return DEFINITE;
  }
}

function ifEffect(s: SyntaxNode, q: PathQuestion): Effect {
  const init = ast.field(s, 'initializer');
  if (init && statementEffect(init, q).kind === 'definite') return DEFINITE;
  const then = ast.field(s, 'consequence');
  const alt = ast.field(s, 'alternative');
  const thenEffect = branchEffect(then, q);
  const altEffect = alt ? (alt.type === 'if_statement' ? statementEffect(alt, q) : branchEffect(alt, q)) : NONE;
  if (thenEffect.kind === 'definite' && altEffect.kind === 'definite') return DEFINITE;
  if (thenEffect.kind !== 'definite') {
    if (thenEffect.kind === 'some') return thenEffect;
    return { kind: 'some', path: `when the condition of the if at line ${line(s)} (${short(ast.field(s, 'condition'))}) is true` };
  }
  if (altEffect.kind === 'some') return altEffect;
  return { kind: 'some', path: `when the condition of the if at line ${line(s)} (${short(ast.field(s, 'condition'))}) is false` };
}

/** A branch that assigns or leaves the function: either way no nil map reaches the write through it. */
function branchEffect(block: SyntaxNode | null, q: PathQuestion): Effect {
  if (!block) return NONE;
  if (blockTerminates(block)) return DEFINITE;
  return blockEffect(block, q);
}

function switchEffect(s: SyntaxNode, q: PathQuestion): Effect {
  const cases = ast.namedChildren(s).filter((c) => c.type === 'expression_case' || c.type === 'type_case' || c.type === 'default_case' || c.type === 'communication_case');
  const hasDefault = cases.some((c) => c.type === 'default_case');
  let missed: SyntaxNode | undefined;
  for (const c of cases) {
    const stmts = ast.namedChildren(c).filter((n) => n.type === 'statement_list').flatMap((n) => ast.statementsOf(n));
    const last = stmts[stmts.length - 1];
    if (last && (terminates(last) || last.type === 'fallthrough_statement')) continue;
    const e = sequenceEffect(stmts, q);
    if (e.kind === 'some') return e;
    if (e.kind === 'none') missed ??= c;
  }
  const kind = s.type === 'select_statement' ? 'select' : 'switch';
  if (missed) return { kind: 'some', path: `when the ${kind} at line ${line(s)} takes the case at line ${line(missed)}` };
  if (!hasDefault && s.type !== 'select_statement') return { kind: 'some', path: `when no case of the switch at line ${line(s)} matches (it has no default)` };
  return DEFINITE;
}

function short(node: SyntaxNode | null): string {
  const text = (node?.text ?? '').replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * The effect of everything between the declaration (in `declBlock`, after
 * `declStmt`) and the write, following the nesting down to the write. Returns
 * `undefined` when the write sits in a conditional branch opened after the
 * declaration: its condition may be the one that guarantees the map (a flag
 * set next to the assignment), which this analysis cannot see.
 */
export function effectBeforeWrite(declBlock: SyntaxNode, declStmt: SyntaxNode | undefined, write: SyntaxNode, q: PathQuestion): Effect | undefined {
  let stmts = ast.statementsOf(declBlock);
  if (declStmt) stmts = stmts.slice(stmts.findIndex((s) => s.id === declStmt.id) + 1);
  let some: Effect = NONE;
  for (;;) {
    const holder = stmts.find((s) => ast.contains(s, write));
    if (!holder) return undefined;
    const before = sequenceEffect(stmts, q, holder);
    if (before.kind === 'definite') return DEFINITE;
    if (before.kind === 'some' && some.kind === 'none') some = before;
    if (holder.id === write.id) return some;
    const inner = innerStatements(holder, write);
    if (!inner) return undefined;
    stmts = inner;
  }
}

/** The statements of the block inside `holder` that leads to `write`, when `holder` is a plain block or a loop body. */
function innerStatements(holder: SyntaxNode, write: SyntaxNode): SyntaxNode[] | undefined {
  if (holder.type === 'block') return ast.statementsOf(holder);
  if (holder.type === 'labeled_statement') {
    const inner = ast.namedChildren(holder).find((c) => c.type !== 'label_name');
    return inner ? [inner] : undefined;
  }
  if (holder.type === 'for_statement') {
    const body = ast.field(holder, 'body');
    return body && ast.contains(body, write) ? ast.statementsOf(body) : undefined;
  }
  return undefined;
}

/**
 * The write only runs when the map already holds something: it sits in
 * `for ... range m` over the same map, or under an if whose initialiser reads
 * `m[k]` and whose condition needs that read to have found a value
 * (`if v, ok := m[k]; ok`, `if n := m[k]; n > 0`). A nil map holds nothing.
 */
export function guardedByPresence(write: SyntaxNode, mapText: string, scope: SyntaxNode): boolean {
  for (let p = write.parent; p && p.id !== scope.id; p = p.parent) {
    let init: SyntaxNode | null = null;
    let cond: SyntaxNode | null = null;
    let consequence: SyntaxNode | null = null;
    if (p.type === 'for_statement') {
      const range = ast.namedChildren(p).find((c) => c.type === 'range_clause');
      const ranged = range ? ast.field(range, 'right') : null;
      if (ranged && ast.exprKey(ranged) === mapText) return true;
      // `for e := m[k]; e != nil; e = e.next { ... }`: the body runs only when the read found a value.
      const clause = ast.namedChildren(p).find((c) => c.type === 'for_clause');
      if (!clause) continue;
      init = ast.field(clause, 'initializer');
      cond = ast.field(clause, 'condition');
      consequence = ast.field(p, 'body');
    } else if (p.type === 'if_statement') {
      init = ast.field(p, 'initializer');
      cond = ast.field(p, 'condition');
      consequence = ast.field(p, 'consequence');
    } else continue;
    if (!init || !cond || !consequence || !ast.contains(consequence, write)) continue;
    if (!ast.descendants(init, ['index_expression']).some((ix) => ast.exprKey(ast.field(ix, 'operand') ?? ix) === mapText)) continue;
    const names = ast.expressionsOf(ast.field(init, 'left')).map((n) => n.text);
    // The first operand of the condition (before any &&) must test a read value positively.
    const first = cond.text.split('&&')[0].replace(/\s+/g, '');
    const m = /^(\w+)(?:(>|!=)(.+))?$/.exec(first);
    if (!m || !names.includes(m[1])) continue;
    if (!m[2] || m[2] === '>' || m[3] === 'nil' || m[3] === '0' || m[3] === '""') return true;
  }
  return false;
}
