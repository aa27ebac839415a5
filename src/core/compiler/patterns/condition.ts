import type { ConditionData } from '../../definition/node-kinds/condition';
import { indent, lines, literal } from '../code-writer';
import type { EmitContext, Emitter } from '../emitter';
import { marker } from './markers';

/**
 * The condition pattern: a plain `if / else` over one comparison. The operand is a typed input or
 * a `valueAt(…)` read of a result; `<`, `<=`, `>`, `>=` compare numbers (`Number(…)`), `==` and `!=`
 * compare primitives with `===` and JSON values by their JSON text.
 */
export const emitCondition: Emitter<'condition'> = ({ node, whenTrue, whenFalse }, ctx) => {
  const test = conditionExpression(node.data, ctx);
  const title = `condition: ${node.data.left} ${node.data.op}${node.data.right === undefined ? '' : ` ${JSON.stringify(node.data.right)}`}`;
  const yes = ctx.emitBlock(whenTrue);
  const no = ctx.emitBlock(whenFalse);
  if (whenTrue.length === 0 && whenFalse.length === 0)
    return lines(marker(node.id, `${title} (both branches empty)`));
  if (whenTrue.length === 0) return lines(marker(node.id, title), `if (!(${test})) {`, indent(no), '}');
  return lines(
    marker(node.id, title),
    `if (${test}) {`,
    indent(yes),
    whenFalse.length === 0 ? '}' : lines('} else {', indent(no), '}'),
  );
};

/** The boolean expression of a condition. */
export function conditionExpression(data: ConditionData, ctx: EmitContext): string {
  const left = ctx.reference(data.left, { in: 'workflow' });
  const right = data.right;
  switch (data.op) {
    case 'exists':
      return `${left} != null`;
    case 'notExists':
      return `${left} == null`;
    case '==':
    case '!=': {
      const op = data.op === '==' ? '===' : '!==';
      if (right !== null && typeof right === 'object')
        return `JSON.stringify(${left}) ${op} ${literal(JSON.stringify(right))}`;
      return `${left} ${op} ${literal(right)}`;
    }
    default:
      return `Number(${left}) ${data.op} ${literal(right)}`;
  }
}
