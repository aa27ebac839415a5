/**
 * Entry point of the worker process: runs Temporal workers for the specs main sends. It lives
 * in its own process so that bundling workflow code and running activities never block the UI,
 * and a crash here is contained (the WorkerHost restarts it).
 */
import { NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { EMPTY_WORKER_POLICY, type WorkerPolicy } from '../../core/settings/worker-policy';
import { createActivities } from '../activities';
import { BuildLauncher } from '../build-launcher/build-launcher';
import { usePrivateUmask } from '../app/private-files';
import { parentChannel } from '../child-process/parent-channel';
import type { HostToWorker, WorkerConnection, WorkerSpec, WorkerToHost } from './worker-protocol';

// Build logs and reports this process writes are private, whatever umask it was started with.
usePrivateUmask();
const host = parentChannel<HostToWorker, WorkerToHost>();
// Real builds are started by a small process of this one's (build-launcher.ts): a fork of this
// process costs ~17 ms of its main thread per build. Started now, while this process is small and
// the SDK is still loading. Under Electron this is a utilityProcess, which has no plain Node to
// fork: it spawns its builds itself.
const buildLauncher = process.versions.electron === undefined ? new BuildLauncher() : undefined;
buildLauncher?.prewarm();
const send = (message: WorkerToHost): void => host.send(message);

/**
 * "Failed to process Workflow Activation" alone says nothing: the SDK puts the workflow and the
 * error in the log's meta, so they travel with the line (a workflow that fails its task keeps
 * retrying it; this is where its cause shows up).
 */
function withMeta(message: string, meta?: Record<string, unknown>): string {
  if (!meta) return message;
  const who = [meta.workflowType, meta.workflowId ?? meta.activityId].filter(Boolean).join(' ');
  const error = meta.error ?? meta.failure;
  const why =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : typeof error === 'string'
        ? error
        : undefined;
  return [message, who ? `(${who})` : '', why ? `— ${why}` : ''].filter(Boolean).join(' ');
}

const logAt =
  (level: 'warn' | 'error') =>
  (message: string, meta?: Record<string, unknown>): void =>
    send({ type: 'log', level, message: withMeta(message, meta) });

Runtime.install({
  logger: {
    log: (level, message, meta) => {
      if (level === 'WARN' || level === 'ERROR') logAt(level === 'WARN' ? 'warn' : 'error')(message, meta);
    },
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: logAt('warn'),
    error: logAt('error'),
  },
});

/** Activity polls per worker (see createWorker). */
const ACTIVITY_TASK_POLLS = 2;

let workers: Worker[] = [];
// What activities may touch or run: only what main says the user opened (never workflow input).
let policy: WorkerPolicy = EMPTY_WORKER_POLICY;
let running: Promise<unknown> | undefined;

async function connect(connection: WorkerConnection): Promise<NativeConnection> {
  const tls = connection.tls
    ? {
        serverNameOverride: connection.tls.serverName,
        serverRootCACertificate: connection.tls.caPem ? Buffer.from(connection.tls.caPem) : undefined,
        clientCertPair:
          connection.tls.certPem && connection.tls.keyPem
            ? { crt: Buffer.from(connection.tls.certPem), key: Buffer.from(connection.tls.keyPem) }
            : undefined,
      }
    : undefined;
  return NativeConnection.connect({ address: connection.address, tls, apiKey: connection.apiKey });
}

async function createWorker(
  nativeConnection: NativeConnection,
  namespace: string,
  spec: WorkerSpec,
): Promise<Worker> {
  const workflowBundle = spec.workflowBundlePath
    ? { codePath: spec.workflowBundlePath }
    : spec.workflowsPath
      ? await bundleWorkflowCode({ workflowsPath: spec.workflowsPath, logger: quietBundlerLogger })
      : undefined;
  return Worker.create({
    connection: nativeConnection,
    namespace,
    taskQueue: spec.taskQueue,
    workflowBundle,
    activities: createActivities({ policy: () => policy, spawn: buildLauncher?.spawn }),
    maxConcurrentActivityTaskExecutions: spec.maxConcurrentActivityTaskExecutions ?? 8,
    // Each waiting activity poll holds an execution slot; with the SDK's default (min(10, slots)
    // polls) no slot is ever free when a workflow task completes, so the server's eager dispatch of
    // the build (DEFAULT_DYNAMIC_CONFIG) never happened. Two polls leave the rest for eager
    // activities; what still comes through matching (retries) is fetched as fast. (The SDK's
    // `maxConcurrentActivityTaskPolls` is no longer read: the poller behaviour is what counts.)
    activityTaskPollerBehavior: { type: 'simple-maximum', maximum: ACTIVITY_TASK_POLLS },
    // Builds heartbeat every second; the default throttle (up to 8 s) would delay a cancellation
    // reaching a running build by as much.
    maxHeartbeatThrottleInterval: '1 second',
    // A graceful restart (new bundles) lets running activities finish before they are cancelled;
    // shorter than the host's kill timeout (WorkerHost stopTimeoutMs, 10 s).
    shutdownGraceTime: '8 seconds',
    ...spec.tuning,
  });
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => send({ type: 'log', level: 'warn', message }),
  error: (message: string) => send({ type: 'log', level: 'error', message }),
};

async function start(connection: WorkerConnection, specs: WorkerSpec[]): Promise<void> {
  const nativeConnection = await connect(connection);
  workers = await Promise.all(
    specs.map((spec) => createWorker(nativeConnection, connection.namespace, spec)),
  );
  running = Promise.all(workers.map((w) => w.run())).then(
    () => process.exit(0),
    (error: unknown) => {
      send({ type: 'failed', message: `Worker stopped: ${errorMessage(error)}` });
      process.exit(1);
    },
  );
  send({ type: 'ready', taskQueues: specs.map((s) => s.taskQueue) });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

host.onMessage((message) => {
  if (message.type === 'policy') {
    policy = message.policy;
  } else if (message.type === 'start') {
    policy = message.policy;
    start(message.connection, message.workers).catch((error: unknown) => {
      send({ type: 'failed', message: errorMessage(error) });
      process.exit(1);
    });
  } else if (message.type === 'shutdown') {
    if (!running) process.exit(0);
    for (const worker of workers) worker.shutdown();
  }
});

// The host going away (app killed) must not leave an orphan worker polling Temporal.
process.on('disconnect', () => {
  if (!running) process.exit(0);
  for (const worker of workers) worker.shutdown();
});
