import { compileProject, compileWorkflow, workflowIdentity } from '../../core/compiler';
import type { CompilerBinding } from './compiler-port';

/**
 * The compiler the app runs with (src/core/compiler). Kept in one module so the runtime's wiring
 * does not change when the compiler does.
 */
export const defaultCompiler: CompilerBinding = { compileProject, compileWorkflow, workflowIdentity };
