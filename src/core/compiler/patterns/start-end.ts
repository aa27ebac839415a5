import type { Emitter } from '../emitter';
import { marker } from './markers';

/** The start node: the run begins here; its inputs are the workflow function's parameter. */
export const emitStart: Emitter<'start'> = (statement) => marker(statement.node.id, 'start: the run begins');

/**
 * An end node: nothing to do in place. Every path ends at the bottom of the workflow function,
 * where `finishRun` joins started children, applies package failures and returns the results.
 */
export const emitEnd: Emitter<'end'> = (statement) =>
  marker(statement.node.id, 'end: the run finishes below (finishRun)');
