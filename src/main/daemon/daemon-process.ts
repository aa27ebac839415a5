/**
 * Entry of the build daemon process (`daemon-process.js` beside the built CLI, this file through tsx
 * from source), started detached by `workflow-builder build` (daemon-client.ts):
 *
 *   daemon-process --data-dir DIR --idle-ms N
 *
 * It reports its start once, as one JSON line on fd 3 (`{"ok":true}` or `{"ok":false,"message"}`),
 * then closes it: the command that started it may be gone long before the daemon ends. Its log goes
 * to stdout and stderr, which the starter points at `<dataDir>/logs/build-daemon.log`.
 */
import { closeSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { usePrivateUmask } from '../app/private-files';
import { createEnvFileSecretStore, createTemporalService } from '../dev-server';
import { BuildDaemon } from './build-daemon';
import { DEFAULT_DAEMON_IDLE_MS } from './daemon-default';
import { daemonVersion } from './daemon-version';

// The server's db, bundles and build logs it writes are private, like everything in the data folder.
usePrivateUmask();
const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, 'idle-ms': { type: 'string' } },
  strict: true,
});
const dataDir = values['data-dir'];
const idleMs = Number(values['idle-ms'] ?? DEFAULT_DAEMON_IDLE_MS);
const log = (level: string, message: string): void => {
  console.log(`${new Date().toISOString()} [${process.pid}] ${level} ${message}`);
};

/** The one status line on fd 3, if the starter opened it. */
function report(status: { ok: boolean; message?: string }): void {
  try {
    writeSync(3, `${JSON.stringify(status)}\n`);
    closeSync(3);
  } catch {
    // Started by hand, without fd 3: the log says it.
  }
}

if (!dataDir || !Number.isFinite(idleMs) || idleMs <= 0) {
  report({ ok: false, message: 'usage: daemon-process --data-dir DIR [--idle-ms N]' });
  process.exit(2);
}

// The daemon outlives the folder it was started from (a temporary checkout may be deleted): its
// worker processes, forked later, would inherit a working directory that no longer exists.
try {
  process.chdir(dataDir);
} catch (error) {
  report({ ok: false, message: `cannot use the data folder ${dataDir}: ${(error as Error).message}` });
  process.exit(1);
}

const temporal = createTemporalService(
  { mode: 'embedded' },
  { dataDir, secrets: createEnvFileSecretStore() },
);
const daemon = new BuildDaemon({ dataDir, version: daemonVersion(), idleMs, temporal, log });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    log('info', `${signal}: stopping`);
    void daemon.shutdown();
  });
}
try {
  await daemon.start();
  report({ ok: true });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  log('error', `could not start: ${message}`);
  report({ ok: false, message });
  await daemon.shutdown();
  process.exit(1);
}
await daemon.closed;
process.exit(0);
