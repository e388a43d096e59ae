import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Resolves a URL path inside `root`; null when it would leave it (../, encoded or not). */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolved = path.resolve(root, relative);
  const rootWithSep = path.resolve(root) + path.sep;
  return resolved.startsWith(rootWithSep) ? resolved : null;
}

/**
 * Serves the built renderer. Unknown paths fall back to index.html so a reload on any screen
 * works; assets are cached because their names carry a content hash.
 */
export async function serveStaticFile(root: string, urlPath: string, response: ServerResponse): Promise<void> {
  const resolved = resolveStaticPath(root, urlPath);
  if (!resolved) {
    response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad path.');
    return;
  }
  let file = resolved;
  let info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    if (path.extname(urlPath)) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.');
      return;
    }
    file = path.join(root, 'index.html');
    info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      response
        .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        .end('The Fanout window has not been built yet. Run "npm run build" and reload.');
      return;
    }
  }
  const isHashedAsset = file.includes(`${path.sep}assets${path.sep}`);
  response.writeHead(200, {
    'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(response);
}
