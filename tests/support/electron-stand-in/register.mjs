// `node --import ./register.mjs out/main/index.js`: runs the built Electron main bundle under plain
// Node with `electron` resolved to the stand-in beside this file (see electron.mjs).
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
