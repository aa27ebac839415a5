// Started by scripts/run-tests.mjs: ONE Temporal dev server for the whole test run (vitest and
// Playwright alike), on a temporary data folder. Prints `WB_SHARED_SERVER {json}` when ready and
// stops the server on SIGTERM/SIGINT or when its parent goes away.
import { TemporalDevServer } from '../../src/main/dev-server';
import { LOOPBACK } from '../../src/main/dev-server/free-port';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: start-shared-dev-server.ts <data-dir>');
  process.exit(2);
}

const server = new TemporalDevServer({ dataDir, ui: false });
const stop = (): void => {
  void server.stop().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// A killed test runner must not leave the server behind: notice being re-parented.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop();
}, 2000).unref();

try {
  const status = await server.start();
  // The server's Prometheus endpoint: a test that must prove what the server did (not just how
  // fast it was) reads its counters, e.g. activity_eager_execution.
  const metrics = server.ports ? `http://${LOOPBACK}:${server.ports.metrics}/metrics` : undefined;
  console.log(
    `WB_SHARED_SERVER ${JSON.stringify({ address: status.address, namespace: status.namespace, pid: status.pid, metrics })}`,
  );
} catch (error) {
  console.error(
    `The shared Temporal dev server did not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  await server.stop().catch(() => undefined);
  process.exit(1);
}
