import type { Middleware } from 'koa';
import type { RouteDefinition } from '../http/route.ts';
import type { Services } from '../services.ts';
import { healthRoutes } from './health/health.routes.ts';

/** Every module's routes. A new module adds its factory here. */
export function moduleRoutes(services: Services): RouteDefinition<any, any, any>[] {
  return [...healthRoutes(services)];
}

/** Middleware that runs before routing for every request (authentication sets ctx.state.actor). */
export function moduleMiddleware(_services: Services): Middleware[] {
  return [];
}
