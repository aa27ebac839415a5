import type { Store } from '../../store';
import type { LogTailer } from '../../log-tail/log-tailer';
import type { Handlers } from '../dispatcher';

/** logs.*: live tails of a run's package build logs (see log-tail/log-tailer.ts). */
export function createLogsHandlers(deps: {
  store: Pick<Store, 'runs'>;
  tailer: LogTailer;
}): Pick<Handlers, 'logs.follow' | 'logs.unfollow'> {
  return {
    // The run must be one of ours: the path is built from its id, never from the request alone.
    'logs.follow': ({ workflowId, packageName, attempt }) =>
      deps.tailer.follow(deps.store.runs.get(workflowId).workflowId, packageName, attempt ?? 1),
    'logs.unfollow': ({ followId }) => ({ stopped: deps.tailer.unfollow(followId) }),
  };
}
