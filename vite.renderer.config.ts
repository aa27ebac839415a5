import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/**
 * Renderer build: `npx vite build --config vite.renderer.config.ts` → out/renderer.
 * The same pieces (root, plugins, build options) are exported for electron.vite.config.ts.
 */

/** src/renderer: where index.html lives. */
export const rendererRoot = fileURLToPath(new URL('./src/renderer', import.meta.url));
/** out/renderer: the built renderer, served by the browser-mode host and loaded by Electron. */
export const rendererOutDir = fileURLToPath(new URL('./out/renderer', import.meta.url));

/**
 * Dev server only: React Fast Refresh injects an inline `<script type="module">` preamble that the
 * strict CSP (`script-src 'self'`) would block. Allow exactly that script by its hash, and inline
 * styles (Vite injects CSS as <style> in dev). The built app has neither and keeps the CSP from
 * index.html unchanged.
 */
export function devInlineScriptCsp(): Plugin {
  return {
    name: 'workflow-builder:dev-inline-script-csp',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
          .map((m) => m[1] ?? '')
          .filter((body) => body.trim() !== '')
          .map((body) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
        // Vite's dev server injects <style> elements for CSS (the build emits one .css file).
        const styled = html.replace(/style-src 'self'/, "style-src 'self' 'unsafe-inline'");
        if (hashes.length === 0) return styled;
        return styled.replace(/script-src 'self'/, `script-src 'self' ${hashes.join(' ')}`);
      },
    },
  };
}

/** The renderer's plugins, in order. */
export function rendererPlugins(): Plugin[] {
  return [...react(), devInlineScriptCsp()];
}

/** Build options shared with electron-vite (which sets its own outDir). */
export const rendererBuild = {
  target: 'chrome120',
  sourcemap: true,
  // No inline `modulepreload` polyfill script is emitted; Chromium supports modulepreload.
  modulePreload: { polyfill: false },
} satisfies UserConfig['build'];

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: rendererPlugins(),
  build: { ...rendererBuild, outDir: rendererOutDir, emptyOutDir: true },
  server: { host: '127.0.0.1', strictPort: false },
  clearScreen: false,
});
