import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Serves the built renderer from `root`, every response with `headers()` (see security-headers.ts). Paths are resolved and checked to stay inside it
 * (no `..` escape); unknown paths fall back to index.html so client-side routes reload.
 */
export function createStaticHandler(
  root: string,
  headers: () => Record<string, string> = () => ({}),
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const base = resolve(root);
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers(), Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let file = resolve(base, '.' + normalize(decodeURIComponent(url.pathname)));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403, { ...headers(), 'Content-Type': 'text/plain' }).end('Forbidden');
      return;
    }
    if (!(await isFile(file))) file = join(base, 'index.html');
    if (!(await isFile(file))) {
      res
        .writeHead(503, { ...headers(), 'Content-Type': 'text/plain; charset=utf-8' })
        .end(`The renderer is not built at ${base}. Run \`npm run build:renderer\` (npm start does it for you).`);
      return;
    }
    const body = await readFile(file);
    res.writeHead(200, {
      ...headers(),
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
