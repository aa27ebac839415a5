#!/usr/bin/env node
// The project's `postinstall`: downloads the Electron binary where it can, and never fails the
// install where it cannot.
//
// Why not Electron's own install script: npm runs it for the `electron` package, and on a machine
// without access to Electron's download host it fails; npm then fails `npm ci` (or, for an
// optional dependency, silently drops the whole package, and with it `electron/package.json`, which
// `npm run build` needs). So package.json's `allowScripts` denies that script (npm 11.10+), the
// package always installs (JS, types, package.json), and this script runs Electron's own
// installer (node_modules/electron/install.js, the documented download) in its place:
//   - connected machine: the binary is downloaded as usual, and `npm start` opens the desktop app;
//   - offline (or ELECTRON_SKIP_BINARY_DOWNLOAD=1, Electron's documented skip switch): no binary,
//     a one-line note, exit 0. `npm run build` still builds the desktop bundles, and `npm start`
//     falls back to browser mode (scripts/start.mjs).
// Run it again with `npm run electron:binary` once the machine is connected.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const strict = process.argv.includes('--strict');

function note(message) {
  process.stderr.write(`[electron] ${message}\n`);
}

let electronDir;
try {
  electronDir = dirname(require.resolve('electron/package.json'));
} catch {
  // `npm ci --omit=dev`: no desktop tooling at all, nothing to download.
  note('the electron package is not installed (production install): nothing to download.');
  process.exit(0);
}

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  note('ELECTRON_SKIP_BINARY_DOWNLOAD is set: the Electron binary was not downloaded.');
  process.exit(0);
}

const installer = join(electronDir, 'install.js');
const result = spawnSync(process.execPath, [installer], { cwd: electronDir, encoding: 'utf8' });
if (result.status === 0 && existsSync(join(electronDir, 'path.txt'))) {
  process.exit(0);
}

// @electron/get prints a whole stack; its first line names the cause (e.g. ENOTFOUND github.com).
const cause = `${result.stderr ?? ''}${result.error?.message ?? ''}`.trim().split('\n')[0] || `exit ${result.status}`;
note(`the Electron binary could not be downloaded (${cause}).`);
note('`npm run build` still builds the desktop bundles; `npm start` uses browser mode.');
note('On a connected machine, `npm run electron:binary` downloads it.');
process.exit(strict ? 1 : 0);
