import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import { z } from 'zod';
import { errorMiddleware } from './http/error-middleware.ts';
import { requestContext } from './http/request-context.ts';
import { withOpenApiRoute } from './http/openapi.ts';
import { mountRoutes, type ResponseCheck } from './http/route.ts';
import { securityHeaders } from './http/security-headers.ts';
import { moduleMiddleware, moduleRoutes } from './modules/index.ts';
import { spaMiddleware } from './modules/spa/spa.middleware.ts';
import type { Services } from './services.ts';

// Validation messages in Bahasa Indonesia for every schema.
z.config(z.locales.id());

/** Builds the Koa app: no listening, no connections, no side effects (design.md §4). */
export function buildApp(services: Services): Koa {
  const app = new Koa({ proxy: services.config.TRUST_PROXY });
  const routes = withOpenApiRoute(moduleRoutes(services), services.version);
  const router = new Router();
  mountRoutes(router, routes, { responseCheck: responseCheck(services) });

  app.use(requestContext(services.logger));
  app.use(securityHeaders(services.config.LONTAR_MODE === 'production'));
  app.use(errorMiddleware);
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: services.config.MAX_JSON_BYTES,
      encoding: 'utf-8',
    }),
  );
  for (const middleware of moduleMiddleware(services)) app.use(middleware);
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: false }));
  if (services.config.FRONTEND_DIST) app.use(spaMiddleware(services.config.FRONTEND_DIST));
  return app;
}

/** Answers are held to their declared schemas: failing in tests, logged in the embedded
 * (development) mode, not looked at in production unless RESPONSE_CHECK says otherwise. */
function responseCheck(services: Services): ResponseCheck {
  const { RESPONSE_CHECK, LONTAR_MODE } = services.config;
  if (RESPONSE_CHECK) return RESPONSE_CHECK;
  return LONTAR_MODE === 'test' ? 'enforce' : LONTAR_MODE === 'embedded' ? 'log' : 'off';
}
