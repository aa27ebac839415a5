#!/usr/bin/env node
// `npm start`: provisions the Temporal CLI, then opens the desktop app when the Electron binary is
// installed, or falls back to browser mode (the same services, served on 127.0.0.1) when not.
// Arguments after `--` go to the app (see `npm start -- --help`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { provisionTemporal } from './provision-temporal.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const require = createRequire(import.meta.url);

/**
 * The Electron binary's path, or undefined where it was not downloaded (the `electron` package is
 * then installed without it: see scripts/install-electron-binary.mjs).
 */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function run(command, commandArgs) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1)));
  });
}

try {
  await provisionTemporal();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

if (!args.includes('--help') && electronBinary()) {
  console.log('Starting the desktop app (Electron)…');
  // `npm run build` makes what the app loads beside the bundles: the window icon, the built-in
  // workflows' bundle.
  const built = await run('npm', ['run', '--silent', 'build']);
  if (built !== 0) process.exit(built);
  process.exit(await run('npx', ['electron-vite', 'preview', '--skipBuild', '--', ...args]));
}

if (!args.includes('--help')) {
  console.log('Electron binary not installed: starting browser mode.');
  const built = await run('npx', ['vite', 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'error']);
  if (built !== 0) process.exit(built);
}
process.exit(await run(process.execPath, ['--import', import.meta.resolve('tsx'), 'src/main/browser-mode/main.ts', ...args]));
