import type { Store } from '../../store';
import type { Handlers } from '../dispatcher';

/** definitions.*: straight onto the store, which validates, versions and names conflicts. */
export function createDefinitionsHandlers(
  store: Pick<Store, 'definitions'>,
): Pick<
  Handlers,
  | 'definitions.list'
  | 'definitions.get'
  | 'definitions.save'
  | 'definitions.delete'
  | 'definitions.versions'
  | 'definitions.restore'
> {
  return {
    'definitions.list': () => store.definitions.list(),
    'definitions.get': ({ id, version }) => store.definitions.get(id, version),
    'definitions.save': (request) => store.definitions.save(request),
    'definitions.delete': ({ id }) => store.definitions.delete(id),
    'definitions.versions': ({ id }) => store.definitions.versions(id),
    'definitions.restore': ({ id }) => store.definitions.restore(id),
  };
}
