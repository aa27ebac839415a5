// "Builds" the package in the current folder for the demo: checks that every workspace package it
// depends on is already built (so a wrong build order fails loudly), waits the package's
// `demo.buildMs` with progress output, then writes dist/. No dependencies, no shell.
//   node ../../scripts/build-package.mjs          (run in a package folder)
//   DEMO_BUILD_SCALE=0.1  → 10x faster;  DEMO_FAIL=@acme/db → that package fails
/* global process, console, setTimeout */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const scale = Number(process.env.DEMO_BUILD_SCALE ?? '1');
const buildMs = Math.round((pkg.demo?.buildMs ?? 500) * (Number.isFinite(scale) && scale >= 0 ? scale : 1));

// Workspace packages by name: the demo's workspaces are tooling/*, packages/*, apps/*.
const workspace = new Map();
for (const group of JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces) {
  const base = join(root, group.replace(/\/\*$/, ''));
  for (const entry of readdirSync(base, { withFileTypes: true })) {
    const manifest = join(base, entry.name, 'package.json');
    if (entry.isDirectory() && existsSync(manifest)) {
      workspace.set(JSON.parse(readFileSync(manifest, 'utf8')).name, join(base, entry.name));
    }
  }
}

console.log(`building ${pkg.name} (${buildMs} ms)`);
const fields = ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies'];
const internal = [...new Set(fields.flatMap((field) => Object.keys(pkg[field] ?? {})))].filter((n) =>
  workspace.has(n),
);
for (const dep of internal.sort()) {
  if (!existsSync(join(workspace.get(dep), 'dist', 'index.js'))) {
    console.error(`error: ${pkg.name} depends on ${dep}, which is not built yet (no ${dep}/dist/index.js)`);
    process.exit(2);
  }
  console.log(`  uses ${dep} ✓`);
}

const steps = Math.max(1, Math.ceil(buildMs / 500));
for (let i = 1; i <= steps; i++) {
  await new Promise((done) => setTimeout(done, buildMs / steps));
  console.log(`  compiling… ${Math.round((100 * i) / steps)}%`);
}
if (process.env.DEMO_FAIL === pkg.name) {
  console.error(`src/index.ts(1,1): error TS2304: Cannot find name 'oops'. (DEMO_FAIL=${pkg.name})`);
  process.exit(1);
}
mkdirSync('dist', { recursive: true });
writeFileSync(join('dist', 'index.js'), readFileSync(join('src', 'index.js')));
console.log(`built ${pkg.name} → dist/index.js`);
