/**
 * `workflow-builder daemon status|stop`: the data folder's build daemon, which `build` starts and
 * reuses (src/main/daemon/build-daemon.ts).
 */
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../app/data-dir';
import { daemonLogPath, runningDaemonRecord, stopBuildDaemon } from '../daemon/daemon-client';
import { daemonVersion } from '../daemon/daemon-version';
import { parseOrShowUsage, type CliIo } from './cli-io';

export const DAEMON_USAGE = `Usage:
  workflow-builder daemon status [--data-dir DIR]   is a build daemon running on the data folder?
  workflow-builder daemon stop [--data-dir DIR]     stop it (a build attached to it stops with it)

  A build daemon keeps the data folder's Temporal dev server and a warm worker between builds:
  \`build\` starts it and reuses it, and it exits after 10 minutes without a build (WB_DAEMON_IDLE).
  \`build --no-daemon\` (or WB_DAEMON=0) runs without it. Its log: <data folder>/logs/build-daemon.log.
  Exit code of status: 0 running, 3 not running.`;

export async function runDaemonCommand(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseOrShowUsage(io, DAEMON_USAGE, () =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { 'data-dir': { type: 'string' }, help: { type: 'boolean' } },
    }),
  );
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(DAEMON_USAGE);
    return 0;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const [action, ...extra] = positionals;
  if ((action !== 'status' && action !== 'stop') || extra.length > 0) {
    io.err(
      `daemon needs status or stop${action === undefined ? '' : `, got "${positionals.join(' ')}"`}\n\n${DAEMON_USAGE}`,
    );
    return 2;
  }
  if (action === 'stop') {
    const pid = await stopBuildDaemon(dataDir);
    io.out(
      pid === undefined ? `no build daemon runs on ${dataDir}` : `stopped the build daemon (pid ${pid})`,
    );
    return 0;
  }
  const record = await runningDaemonRecord(dataDir);
  if (!record) {
    io.out(`no build daemon runs on ${dataDir}`);
    return 3;
  }
  io.out(
    `build daemon pid ${record.pid} since ${record.startedAt}, Temporal at ${record.temporal.address}` +
      `${record.version === daemonVersion() ? '' : ' (another build of workflow-builder: the next build replaces it)'}`,
  );
  io.out(`log: ${daemonLogPath(dataDir)}`);
  return 0;
}
