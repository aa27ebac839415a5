import { useEffect, useState } from 'react';
import type { WorkerStatus } from '../../../core/ipc/contract';
import { useApi } from '../api/api-context';
import { call } from '../api/calls';

/** The worker process's status, live (`worker.status` event), asked once on mount. */
export function useWorkerStatus(): WorkerStatus | null {
  const api = useApi();
  const [status, setStatus] = useState<WorkerStatus | null>(null);
  useEffect(() => {
    let live = true;
    const off = api.on('worker.status', (s) => setStatus(s));
    call(api, 'worker.status', {})
      .then((s) => {
        // An event that arrived meanwhile is newer than this answer.
        if (live) setStatus((current) => current ?? s);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return status;
}
