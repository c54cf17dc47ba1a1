import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { hasRole, type Actor, type Role } from './actor.ts';
import { AppError, forbidden, unauthenticated } from './errors.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The caller; present on every route whose access is not 'public'. */
  actor: Actor;
}

export interface RouteDefinition<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** Koa path, e.g. /api/incoming-letters/:id */
  path: string;
  summary: string;
  tags: string[];
  /** Default 'authenticated'. */
  access?: 'public' | 'authenticated';
  /** When set, the caller needs one of these roles. Finer rules live in the module's policy. */
  roles?: Role[];
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** JSON body schema. Multipart routes parse their own stream and declare `multipart` instead. */
  body?: z.ZodType<B>;
  multipart?: { description: string };
  /** Documented 2xx answer. Non-JSON answers (PDF, files) name their content type. */
  response?: { status?: number; schema?: z.ZodType; contentType?: string; description?: string };
  handler: (ctx: Context, input: RouteInput<P, Q, B>) => Promise<unknown> | unknown;
}

/** Keeps the handler's input types tied to its schemas. */
export function defineRoute<P = undefined, Q = undefined, B = undefined>(
  definition: RouteDefinition<P, Q, B>,
): RouteDefinition<P, Q, B> {
  return definition;
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError(
      400,
      'VALIDATION_FAILED',
      'Data yang dikirim tidak valid. Periksa kembali isian yang ditandai.',
      {
        in: where,
        issues: result.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        })),
      },
    );
  }
  return result.data;
}

/** Mounts routes on the router: authenticate → authorize by role → validate → handle. */
export function mountRoutes(router: Router, routes: RouteDefinition<any, any, any>[]): void {
  for (const route of routes) {
    router[route.method](route.path, async (ctx: Context) => {
      const actor = ctx.state.actor as Actor | undefined;
      if (route.access !== 'public') {
        if (!actor) throw unauthenticated();
        if (route.roles && !hasRole(actor, ...route.roles)) throw forbidden();
      }
      const input = {
        params: parse(route.params, ctx.params, 'params'),
        query: parse(route.query, ctx.query, 'query'),
        body: parse(route.body, (ctx.request as { body?: unknown }).body ?? {}, 'body'),
        actor: actor as Actor,
      };
      const result = await route.handler(ctx, input);
      if (result !== undefined && ctx.body === undefined) {
        ctx.status = route.response?.status ?? 200;
        ctx.body = result;
      }
    });
  }
}

/** OpenAPI 3.1 document generated from the same zod schemas that validate the requests. */
export function buildOpenApi(
  routes: RouteDefinition<any, any, any>[],
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: route.tags,
      operationId: `${route.method}_${route.path.replace(/[^A-Za-z0-9]+/g, '_')}`,
      security: route.access === 'public' ? [] : [{ cookieSession: [] }, { bearerToken: [] }],
      parameters: [
        ...objectParameters(route.params, 'path'),
        ...objectParameters(route.query, 'query'),
      ],
      responses: responses(route),
    };
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(route.body) } },
      };
    } else if (route.multipart) {
      operation.requestBody = {
        required: true,
        description: route.multipart.description,
        content: { 'multipart/form-data': { schema: { type: 'object' } } },
      };
    }
    (paths[path] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lontar API',
      version,
      description: 'Persuratan dan kearsipan Setda Provinsi Lampung',
    },
    components: {
      securitySchemes: {
        cookieSession: { type: 'apiKey', in: 'cookie', name: 'lontar_session' },
        bearerToken: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Error: jsonSchema(errorSchema),
      },
    },
    paths,
  };
}

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

function objectParameters(schema: z.ZodType | undefined, location: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const json = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

function responses(route: RouteDefinition<any, any, any>): Record<string, unknown> {
  const status = String(route.response?.status ?? 200);
  const contentType = route.response?.contentType ?? 'application/json';
  const schema = route.response?.schema
    ? jsonSchema(route.response.schema)
    : { type: contentType === 'application/json' ? 'object' : 'string' };
  const errorRef = {
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  return {
    [status]: {
      description: route.response?.description ?? 'Berhasil',
      content: { [contentType]: { schema } },
    },
    '400': { description: 'Data tidak valid', ...errorRef },
    ...(route.access === 'public'
      ? {}
      : {
          '401': { description: 'Belum masuk', ...errorRef },
          '403': { description: 'Tidak berwenang', ...errorRef },
        }),
  };
}
