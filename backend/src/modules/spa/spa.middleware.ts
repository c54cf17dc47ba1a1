import { send } from '@koa/send';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Context, Next } from 'koa';

/** Serves the built frontend and answers history-mode routes (/surat-masuk/123) with
 * index.html. Hashed assets are cached for a year; index.html never. */
export function spaMiddleware(distDir: string) {
  const root = path.resolve(distDir);
  const indexExists = existsSync(path.join(root, 'index.html'));
  return async (ctx: Context, next: Next): Promise<void> => {
    if (
      ctx.path.startsWith('/api/') ||
      ctx.path === '/api' ||
      ctx.path.startsWith('/v/') ||
      !indexExists
    )
      return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    // Browsers ask for /favicon.ico on their own (PDF tabs, pages without an icon link): the
    // one icon Lontar has is the SVG, so that request gets it instead of a 404.
    if (ctx.path === '/favicon.ico' && existsSync(path.join(root, 'favicon.svg'))) {
      await send(ctx, 'favicon.svg', { root, maxAge: 24 * 3600 * 1000 });
      return;
    }
    const isAsset = ctx.path.startsWith('/assets/');
    try {
      await send(ctx, ctx.path, {
        root,
        index: 'index.html',
        immutable: isAsset,
        maxAge: isAsset ? 365 * 24 * 3600 * 1000 : 0,
      });
      if (!isAsset) ctx.set('Cache-Control', 'no-cache');
      return;
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
    if (isAsset || path.extname(ctx.path)) return next();
    await send(ctx, 'index.html', { root });
    ctx.set('Cache-Control', 'no-cache');
  };
}
