import { IpcFailure } from '../../../core/ipc';
import type { Handlers } from '../dispatcher';

/**
 * compiler.compile is part of the contract from the start so the renderer and preload are
 * complete; the compiler itself (src/core/compiler) answers it once it exists.
 */
export function createCompilerHandlers(): Pick<Handlers, 'compiler.compile'> {
  return {
    'compiler.compile': () => {
      throw new IpcFailure('COMPILE_ERROR', 'The workflow compiler is not part of this build yet');
    },
  };
}
