// A plain static file server over dist/ (no Astro), to prove the build needs nothing more:
// a directory serves its index.html, and a missing file gets dist/404.html with status 404.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

async function resolveFile(pathname) {
  const file = join(dist, normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, ''));
  if (!file.startsWith(dist)) return null;
  try {
    const info = await stat(file);
    if (info.isFile()) return file;
    if (info.isDirectory()) return (await stat(join(file, 'index.html'))).isFile() ? join(file, 'index.html') : null;
  } catch {
    return null;
  }
  return null;
}

/** Starts the server on a free port of 127.0.0.1; returns { url, close }. */
export function startStaticServer() {
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const file = await resolveFile(pathname);
    const status = file ? 200 : 404;
    const body = await readFile(file ?? join(dist, '404.html'));
    res.writeHead(status, { 'content-type': types[file ? extname(file) : '.html'] ?? 'application/octet-stream' });
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
