import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererBuild, rendererPlugins, rendererRoot } from './vite.renderer.config';

/**
 * The desktop build (`npm run build`, `npm run dev`):
 * - main: the Electron entry plus the worker and bundler process entries, side by side in
 *   out/main so their hosts find them next to the bundle; dependencies stay external
 *   (better-sqlite3 and @temporalio/worker are native and loaded from node_modules);
 * - preload: CommonJS, because sandboxed preloads cannot be ES modules;
 * - renderer: the same config as browser mode (vite.renderer.config.ts).
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src/main/electron/main.ts'),
          'worker-process': resolve('src/main/worker-host/worker-process.ts'),
          'bundle-process': resolve('src/main/workflow-runtime/bundle-process.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: rendererRoot,
    plugins: rendererPlugins(),
    build: {
      ...rendererBuild,
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(rendererRoot, 'index.html') } },
    },
  },
});
