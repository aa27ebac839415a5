import type { MonorepoBuildService } from '../../monorepo-build/monorepo-build-service';
import type { Handlers } from '../dispatcher';

/** monorepo.*: the Build a monorepo page — folder chooser, look before building, build. */
export function createMonorepoHandlers(
  service: MonorepoBuildService,
): Pick<Handlers, 'monorepo.folders' | 'monorepo.inspect' | 'monorepo.build'> {
  return {
    'monorepo.folders': ({ path }) => service.folders(path),
    'monorepo.inspect': ({ root, settings }) => service.inspect(root, settings),
    'monorepo.build': (request) => service.build(request),
  };
}
