import { indent, lines } from '../code-writer';
import type { Emitter } from '../emitter';
import { marker } from './markers';

/**
 * The parallel pattern: the branches leaving a node with several outgoing edges run at the same
 * time, each as an async block, joined with `Promise.all` where they meet again.
 */
export const emitParallel: Emitter<'parallel'> = ({ nodeId, branches }, ctx) =>
  lines(
    marker({ id: nodeId, label: `${branches.length} branches in parallel` }),
    'await Promise.all([',
    ...branches.map((branch) => lines('  (async () => {', indent(indent(ctx.emitBlock(branch))), '  })(),')),
    ']);',
  );
