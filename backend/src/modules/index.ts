import type { Middleware } from "koa";
import type { RouteDefinition } from "../http/route.ts";
import type { Services } from "../services.ts";
import { authMiddleware } from "./auth/auth.middleware.ts";
import { auditRoutes } from "./audit/audit.routes.ts";
import { authRoutes } from "./auth/auth.routes.ts";
import { healthRoutes } from "./health/health.routes.ts";
import { orgRoutes } from "./org/org.routes.ts";
import { orgUserRoutes } from "./org/org.users.routes.ts";
import { searchRoutes } from "./search/search.routes.ts";

/** Every module's routes. A new module adds its factory here. */
export function moduleRoutes(
  services: Services,
): RouteDefinition<any, any, any>[] {
  return [
    ...healthRoutes(services),
    ...authRoutes(services),
    ...orgRoutes(services),
    ...orgUserRoutes(services),
    ...auditRoutes(services),
    ...searchRoutes(services),
  ];
}

/** Middleware that runs before routing for every request (authentication sets ctx.state.actor). */
export function moduleMiddleware(services: Services): Middleware[] {
  return [authMiddleware(services)];
}
