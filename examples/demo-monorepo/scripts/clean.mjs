// Removes every package's dist/ folder, so the next build starts from scratch.
/* global console */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let removed = 0;
for (const group of ['tooling', 'packages', 'apps']) {
  for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
    const dist = join(root, group, entry.name, 'dist');
    if (entry.isDirectory() && existsSync(dist)) {
      rmSync(dist, { recursive: true, force: true });
      removed++;
    }
  }
}
console.log(`removed ${removed} dist folder(s)`);
