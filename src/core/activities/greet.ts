import { z } from 'zod';
import type { ActivityCatalogEntry } from './types';

/** `greet(name)`: the smallest end-to-end proof of the worker path. */
export const greetActivity: ActivityCatalogEntry = {
  name: 'greet',
  description: 'Returns a greeting for the given name (proves the worker path end to end).',
  signature: { params: 'name: string', returns: 'Promise<string>' },
  typeDeclarations: '',
  argsSchema: z.tuple([z.string().min(1).max(200)]),
  defaultTimeouts: { startToCloseMs: 60_000 },
};
