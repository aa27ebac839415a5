#!/usr/bin/env node
// Part of `npm run package`: copies the provisioned Temporal CLI into build/temporal, from where
// electron-builder ships it as an extra resource (<resources>/temporal/temporal).
import { copyFileSync, chmodSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { provisionTemporal } from './provision-temporal.mjs';

const target = fileURLToPath(new URL('../build/temporal', import.meta.url));
const { path: binary } = await provisionTemporal();
mkdirSync(target, { recursive: true });
const destination = join(target, basename(binary));
copyFileSync(binary, destination);
chmodSync(destination, 0o755);
console.log(`staged ${binary} → ${destination}`);
