// map-clear-loop: `for k := range m { delete(m, k) }` with nothing else in the
// body. `clear(m)` says the same thing, also removes NaN keys (which delete
// cannot), and is offered as a mechanical fix when go.mod says Go >= 1.21.
import { defineRule, ast, type SyntaxNode } from '../../src/engine/index.js';

export default defineRule({
  meta: {
    id: 'map-clear-loop',
    severity: 'notice',
    description: 'A range loop that only deletes every key of a map; clear(m) says it directly (Go 1.21+).',
    fixable: true,
    needs: ['scopes'],
  },
  create(ctx) {
    return {
      for_statement(loop: SyntaxNode) {
        const clause = ast.namedChildren(loop).find((c) => c.type === 'range_clause');
        const body = ast.field(loop, 'body');
        if (!clause || !body) return;
        const left = ast.expressionsOf(ast.field(clause, 'left'));
        const ranged = ast.field(clause, 'right');
        if (left.length !== 1 || !ranged || left[0]!.type !== 'identifier') return;
        const key = left[0]!;
        const stmts = ast.statementsOf(body);
        if (stmts.length !== 1 || stmts[0]!.type !== 'expression_statement') return;
        const call = stmts[0]!.namedChild(0);
        const shape = call ? ast.callShape(call) : null;
        if (!shape || shape.callee !== 'delete' || shape.args.length !== 2) return;
        if (ctx.scopes.resolve(ast.field(call!, 'function')!)) return; // a user function named delete
        if (ast.exprKey(shape.args[0]!) !== ast.exprKey(ranged) || shape.args[1]!.text !== key.text) return;
        // The ranged expression must be a map (unknown types stay quiet), and re-evaluating it must be harmless.
        const t = ctx.pkg.underlying(ctx.scopes.typeOfExpr(ranged));
        if (t.kind !== 'map') return;
        if (!/^[A-Za-z_][\w.]*$/.test(ast.exprKey(ranged))) return;
        const fixable = ctx.atLeastGo('1.21');
        ctx.report({
          span: { ...ast.spanOf(loop), endLine: loop.startPosition.row + 1, endColumn: (ast.field(loop, 'body')?.startPosition.column ?? loop.endPosition.column) + 1 },
          message: `This loop only deletes every key of ${ranged.text}; clear(${ranged.text}) says that directly and also removes NaN keys, which delete cannot.${fixable ? '' : ' clear needs Go 1.21 in go.mod.'} Neither form shrinks the map's memory.`,
          fix: fixable ? { description: `Replace the loop with clear(${ranged.text})`, edits: [{ node: loop, text: `clear(${ranged.text})` }] } : undefined,
        });
      },
    };
  },
});
