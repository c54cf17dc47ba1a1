import { loadConfig } from './config.ts';
import { withOpenApiRoute } from './http/openapi.ts';
import type { RouteDefinition } from './http/route.ts';
import { createLogger } from './lib/logger.ts';
import type { ObjectStore } from './lib/storage.ts';
import { moduleRoutes } from './modules/index.ts';
import type { Services } from './services.ts';

/** The app's route table (GET /api/openapi.json included) built without connecting to
 * anything: for the OpenAPI document, the frontend's generated types and the contract test.
 * Route factories only capture their services; a handler never runs here, so storage is a
 * stand-in that refuses every use. */
export function offlineRouteTable(version = '0.0.0'): RouteDefinition<any, any, any>[] {
  const config = loadConfig({
    LONTAR_MODE: 'test',
    MONGODB_URI: 'mongodb://127.0.0.1:9/offline',
    S3_ENDPOINT: 'http://127.0.0.1:9',
    S3_ACCESS_KEY: 'offline',
    S3_SECRET_KEY: 'offline',
  });
  const storage = new Proxy({} as ObjectStore, {
    get(_target, property) {
      throw new Error(`the offline route table has no object store (storage.${String(property)})`);
    },
  });
  const services: Services = { config, logger: createLogger('silent'), storage, version };
  return withOpenApiRoute(moduleRoutes(services), version);
}
