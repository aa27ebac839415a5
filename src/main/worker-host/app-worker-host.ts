import type { WorkerHost } from './worker-host';

/**
 * What the app's services drive of a worker host: the WorkerHost and its own process, or a build
 * daemon's warm worker (src/main/daemon/daemon-worker-host.ts).
 */
export type AppWorkerHost = Pick<
  WorkerHost,
  'state' | 'pid' | 'start' | 'prewarm' | 'policyChanged' | 'restart' | 'stop'
>;
