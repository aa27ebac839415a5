import type { ConditionData } from '../../definition/node-kinds/condition';
import { indent, lines, literal } from '../code-writer';
import type { EmitContext, Emitter } from '../emitter';
import { marker } from './markers';

/**
 * The condition pattern: a plain `if / else` over one comparison. The operand is a typed input or
 * a read of a result; `<`, `<=`, `>`, `>=` compare numbers (`Number(…)`), `==` and `!=`
 * compare primitives with `===` and JSON values by their JSON text.
 */
export const emitCondition: Emitter<'condition'> = ({ node, whenTrue, whenFalse }, ctx) => {
  const yes = ctx.emitBlock(whenTrue);
  const no = ctx.emitBlock(whenFalse);
  if (yes === '' && no === '') return '';
  const test = conditionExpression(node.data, ctx);
  if (yes === '') return lines(marker(node), `if (!(${test})) {`, indent(no), '}');
  return lines(
    marker(node),
    `if (${test}) {`,
    indent(yes),
    no === '' ? '}' : lines('} else {', indent(no), '}'),
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
