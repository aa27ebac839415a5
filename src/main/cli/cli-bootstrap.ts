/**
 * The built CLI's entry (out/cli/workflow-builder.mjs, scripts/build-cli.ts). A command that runs a
 * worker forks the worker process first, then loads the CLI itself (out/cli/cli-main.mjs): the two
 * load their modules side by side (the worker ~0.5–1 s of SDK and activities, the CLI ~0.5 s of
 * client, store and compiler) instead of one after the other, and the worker is ready sooner after
 * the CLI has compiled. Only node built-ins and the fork are loaded before that; in a source
 * checkout run through tsx, main.ts is the entry and nothing is forked ahead.
 */
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../app/data-dir';
import { usePrivateUmask } from '../app/private-files';
import { markStartup } from '../app/startup-timings';
import { buildUsesDaemon } from '../daemon/daemon-default';
import { preforkNodeWorkerProcess } from '../worker-host/launch-worker-process';
import type * as CliMain from './main';

/** Commands that start a worker process (`build --retry` too). */
const WORKER_COMMANDS = new Set(['build', 'run', 'worker']);

const [command, ...rest] = process.argv.slice(2);
// The worker inherits the umask: files it creates are private, as the CLI's are.
usePrivateUmask();
// A build on the daemon uses the daemon's warm worker: it forks none.
const onDaemon = command === 'build' && buildUsesDaemon(rest, process.env);
if (command !== undefined && WORKER_COMMANDS.has(command) && !rest.includes('--help') && !onDaemon) {
  // The app's services fork their worker with the data folder; one forked with another is not taken.
  const pid = preforkNodeWorkerProcess({ WB_DATA_DIR: dataDirFlag(rest) ?? defaultDataDir() });
  markStartup(`worker process forked ahead (pid ${pid})`);
}
// A computed specifier: the bundler leaves it alone, so the CLI stays a file of its own.
const cliMain = new URL('./cli-main.mjs', import.meta.url).href;
const { runCliMain } = (await import(cliMain)) as typeof CliMain;
runCliMain();

/**
 * The command's `--data-dir`, read as the command's own parseArgs reads it (`--data-dir DIR`,
 * `--data-dir=DIR`, the last one wins); the other flags are not checked here.
 */
function dataDirFlag(args: string[]): string | undefined {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, strict: false });
  const value = values['data-dir'];
  return typeof value === 'string' ? value : undefined;
}
