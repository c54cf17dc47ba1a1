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

/** What a multipart route reads from its stream (it parses the stream itself): for the
 * OpenAPI document and so for the frontend's generated types (`ApiMultipart`). */
export interface MultipartBody {
  description: string;
  /** Parts holding JSON, by name, with the schema their JSON is validated with (the same one
   * the handler uses, so the document cannot drift from the check). */
  json?: Record<string, z.ZodType>;
  /** Name of the part(s) carrying files. */
  files?: string;
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
  multipart?: MultipartBody;
  /** Documented 2xx answer. Non-JSON answers (PDF, files) name their content type; the zod
   * schema (named with `.meta({ id })` for the frontend's generated types) lives in the
   * module's `<module>.responses.ts`. */
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

/** What the route layer does with an answer that does not match its declared schema:
 * `enforce` (tests) fails the request with 500, `log` (embedded, development) logs and
 * serves it, `off` (production) does not look. */
export type ResponseCheck = 'enforce' | 'log' | 'off';

/** A JSON route answers with a body (not 204) and so must declare its zod schema. A route
 * whose default answer is another type (`contentType`) may still declare the schema of its
 * JSON answer next to it. */
export function isJsonRoute(route: RouteDefinition<any, any, any>): boolean {
  return !route.response?.contentType && route.response?.status !== 204;
}

/** Mounts routes on the router: authenticate → authorize by role → validate → handle →
 * check the answer against the declared response schema (unless `responseCheck` is off). */
export function mountRoutes(
  router: Router,
  routes: RouteDefinition<any, any, any>[],
  options: { responseCheck?: ResponseCheck } = {},
): void {
  const responseCheck = options.responseCheck ?? 'off';
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
      if (responseCheck !== 'off') checkAnswer(ctx, route, responseCheck);
    });
  }
}

/** Holds a JSON answer to the route's declared schema: what goes over the wire (dates as
 * strings, undefined dropped) must parse, and carry no field the schema does not declare
 * (an undeclared field is missing from the OpenAPI document and the frontend's types). */
function checkAnswer(
  ctx: Context,
  route: RouteDefinition<any, any, any>,
  mode: 'enforce' | 'log',
): void {
  // A JSON route without a schema is the contract test's to refuse (route.test.ts); a route
  // that answers HTML or a file by default may answer JSON on request (?format=json).
  const schema = route.response?.schema;
  if (!schema || ctx.status === 204 || ctx.body == null || !ctx.response.is('json')) return;
  const problems = responseProblems(schema, ctx.body);
  if (problems.length === 0) return;
  const where = `${route.method.toUpperCase()} ${route.path}`;
  const message = `response of ${where} does not match its declared schema`;
  ctx.state.log?.error({ route: where, status: ctx.status, problems }, message);
  if (mode === 'enforce') {
    // Tests run with a silent logger: the failing contract must still be read in their output.
    process.stderr.write(`[lontar] ${message}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    throw new AppError(
      500,
      'INTERNAL',
      'Terjadi kesalahan pada server. Kejadian ini sudah dicatat.',
      { responseSchema: where, problems },
    );
  }
}

/** Every way `body` (as JSON) breaks `schema`: zod issues, then undeclared fields. */
export function responseProblems(schema: z.ZodType, body: unknown): string[] {
  const wire: unknown = JSON.parse(JSON.stringify(body) ?? 'null');
  const result = schema.safeParse(wire);
  if (!result.success) {
    return result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  const extra: string[] = [];
  undeclaredFields(wire, result.data, '', extra);
  return extra.map((path) => `${path}: field not declared in the response schema`);
}

function undeclaredFields(wire: unknown, parsed: unknown, path: string, out: string[]): void {
  if (Array.isArray(wire) && Array.isArray(parsed)) {
    wire.forEach((item, index) => undeclaredFields(item, parsed[index], `${path}${index}.`, out));
  } else if (isPlainObject(wire) && isPlainObject(parsed)) {
    for (const [key, value] of Object.entries(wire)) {
      if (!(key in parsed)) out.push(`${path}${key}`);
      else undeclaredFields(value, parsed[key], `${path}${key}.`, out);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
