import { loadExample } from '../../examples/example-library';
import type { Store } from '../../store';
import type { Handlers } from '../dispatcher';

/** examples.*: the first-start examples, through the same service `npm run seed` uses. */
export function createExamplesHandlers(store: Pick<Store, 'definitions'>): Pick<Handlers, 'examples.load'> {
  return {
    'examples.load': ({ name }) => loadExample(store, name),
  };
}
