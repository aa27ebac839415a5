/**
 * Browser mode: the app's services under plain Node, with the renderer served on 127.0.0.1 and
 * the IPC contract over a token-guarded WebSocket. `npm start` runs this where the Electron
 * binary is not installed.
 */
import { fileURLToPath } from 'node:url';
import { createAppServices } from '../app/app-services';
import { parseCliOptions } from '../app/cli-options';
import { createEnvFileSecretStore } from '../dev-server';
import { installLastResortHandler } from '../app/last-resort-handler';
import { usePrivateUmask } from '../app/private-files';
import { chooserRootsFromEnv } from '../monorepo-build/folder-listing';
import { startBrowserHost } from './browser-host';

const rendererDir = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

async function main(): Promise<void> {
  // First: every file this process and its children (the dev server, the worker) create is private.
  usePrivateUmask();
  let options;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const services = createAppServices({
    dataDir: options.dataDir,
    connection: options.connection,
    secrets: createEnvFileSecretStore(),
    chooserRoots: chooserRootsFromEnv(process.env),
    log: (level, message) => {
      if (level !== 'info') console.error(`[${level}] ${message}`);
    },
  });
  installLastResortHandler({
    process,
    report: (payload) => services.bus.publish('app.error', payload),
    log: (message) => console.error(message),
    exit: (code) => {
      // Stop the dev server and the worker if they still answer; never wait forever.
      setTimeout(() => process.exit(code), 5_000).unref();
      void services.shutdown().finally(() => process.exit(code));
    },
  });
  const host = await startBrowserHost({ rendererDir, dispatch: services.dispatch, bus: services.bus, port: options.port });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping workflow-builder…`);
    void host
      .close()
      .then(() => services.shutdown())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  console.log(`workflow-builder (browser mode) — data in ${options.dataDir}`);
  console.log(`Open ${host.url}`);
  if (options.printReady) console.log(`WB_BROWSER_HOST ${JSON.stringify({ url: host.url, port: host.port })}`);
  services.bus.subscribe((event, payload) => {
    if (event === 'server.status') {
      const status = payload as { state: string; address?: string; message?: string };
      console.log(`Temporal: ${status.state}${status.address ? ` at ${status.address}` : ''}${status.message ? ` — ${status.message}` : ''}`);
    }
  });
  await services.start();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
