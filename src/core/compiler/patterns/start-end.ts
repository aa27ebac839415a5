import type { Emitter } from '../emitter';

/** The start node: nothing to emit; its inputs are the workflow function's parameter. */
export const emitStart: Emitter<'start'> = () => '';

/**
 * An end node: nothing to emit. Every path ends at the bottom of the workflow function, where
 * `finishRun` joins started children, applies package failures and returns the results.
 */
export const emitEnd: Emitter<'end'> = () => '';
