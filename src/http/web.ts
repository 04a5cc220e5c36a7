import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './types.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Where `vite build` puts the web app: dist/web from the repository root. Compiled, this file is
 * dist/src/http/web.js; run from source (tsx), it is src/http/web.ts.
 */
export const WEB_BUILD_DIR =
  path.basename(path.resolve(here, '../..')) === 'dist'
    ? path.resolve(here, '../../web')
    : path.resolve(here, '../../dist/web');

export const hasWebBuild = (root = WEB_BUILD_DIR) => existsSync(path.join(root, 'index.html'));

/** Paths the server answers itself; the app never takes them over, whatever the Accept header. */
const SERVER_PATHS = /^\/(api|survey)(\/|$)/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The web app: hashed assets with a year's cache (names change with content), pre-compressed
 * .br/.gz where the browser takes them, and index.html for any other page the browser navigates
 * to, so client-side routes survive a reload. A request that does not ask for HTML (an API
 * client, a missing asset) gets the ordinary problem+json 404.
 */
export async function webRoutes(app: App, opts: { root?: string }) {
  const root = opts.root ?? WEB_BUILD_DIR;
  if (!hasWebBuild(root)) return;
  const topLevel = new Set(
    readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== 'index.html' && !/\.(br|gz)$/.test(e.name))
      .map((e) => `/${e.name}`),
  );

  await app.register(fastifyStatic, {
    root,
    serve: false,
    preCompressed: true,
    cacheControl: false,
    dotfiles: 'deny',
    setHeaders(reply, filePath) {
      const rel = path.relative(root, filePath).split(path.sep).join('/');
      reply.header('x-content-type-options', 'nosniff');
      if (rel.startsWith('assets/')) reply.header('cache-control', IMMUTABLE);
      else if (rel.startsWith('index.html')) reply.header('cache-control', 'no-cache');
      else reply.header('cache-control', 'public, max-age=3600');
    },
  });

  const sendApp = (reply: FastifyReply) =>
    reply
      .header('content-security-policy', CSP)
      .header('referrer-policy', 'same-origin')
      .header('x-frame-options', 'DENY')
      .sendFile('index.html');

  // Static files are cheap and a page load fetches several: not counted against the API rate limit.
  const routeOpts = { schema: { hide: true }, config: { rateLimit: false } } as const;
  app.get('/', routeOpts, (_req, reply) => sendApp(reply));
  app.get('/*', routeOpts, (req: FastifyRequest, reply) => {
    const pathname = req.url.split('?')[0] ?? '/';
    if (pathname.startsWith('/assets/') || topLevel.has(pathname)) {
      const file = safeDecode(pathname.slice(1));
      return file === null ? reply.callNotFound() : reply.sendFile(file);
    }
    if (!SERVER_PATHS.test(pathname) && acceptsHtml(req)) return sendApp(reply);
    return reply.callNotFound();
  });
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};

const acceptsHtml = (req: FastifyRequest) => (req.headers.accept ?? '').includes('text/html');

/** The app loads only its own scripts; Mantine sets inline styles, hence 'unsafe-inline' for style. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');
