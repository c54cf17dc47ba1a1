import { z } from 'zod';
import { defineRoute, isJsonRoute, type MultipartBody, type RouteDefinition } from './route.ts';

/** The one error shape of the API (error-middleware.ts). */
export const errorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .meta({ id: 'Error' });

const openApiDocumentSchema = z
  .looseObject({
    openapi: z.literal('3.1.0'),
    info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
    components: z.record(z.string(), z.unknown()),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'OpenApiDocument' });

/** The routes plus GET /api/openapi.json, whose document describes all of them (itself too). */
export function withOpenApiRoute(
  routes: RouteDefinition<any, any, any>[],
  version: string,
): RouteDefinition<any, any, any>[] {
  let document: Record<string, unknown> = {};
  const all = [
    ...routes,
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      summary: 'Dokumen OpenAPI 3.1 dari skema zod',
      tags: ['sistem'],
      access: 'public',
      response: { schema: openApiDocumentSchema },
      handler: () => document,
    }),
  ];
  document = buildOpenApi(all, version);
  return all;
}

/** OpenAPI 3.1 document generated from the same zod schemas that validate the requests and
 * (outside production) the answers. Schemas named with `.meta({ id })` become
 * `components.schemas` entries, which the frontend's generated types export by name. */
export function buildOpenApi(
  routes: RouteDefinition<any, any, any>[],
  version: string,
): Record<string, unknown> {
  const components = new Components();
  const paths: Record<string, Record<string, unknown>> = {};
  // Answers first, so a named schema keeps its name in its answer (output) form.
  const answers = new Map(routes.map((route) => [route, responses(components, route)]));
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: route.tags,
      operationId: `${route.method}_${route.path.replace(/[^A-Za-z0-9]+/g, '_')}`,
      security: route.access === 'public' ? [] : [{ cookieSession: [] }, { bearerToken: [] }],
      parameters: [
        ...objectParameters(components, route.params, 'path'),
        ...objectParameters(components, route.query, 'query'),
      ],
      responses: answers.get(route),
    };
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: components.schema(route.body, 'input') } },
      };
    } else if (route.multipart) {
      operation.requestBody = {
        required: true,
        description: route.multipart.description,
        content: { 'multipart/form-data': multipartContent(components, route.multipart) },
      };
    }
    const byMethod = (paths[path] ??= {});
    if (byMethod[route.method]) throw new Error(`two routes for ${route.method} ${route.path}`);
    byMethod[route.method] = operation;
  }
  components.schema(errorSchema, 'output');
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
      schemas: components.schemas,
    },
    paths,
  };
}

type Json = Record<string, unknown>;

/** Converts zod schemas to JSON Schema and lifts the named ones (zod's `$defs`) into one
 * `components.schemas`. A name used for two different shapes is a bug and throws; a request
 * schema whose input form differs from the answer's form is named `<id>Input`. */
class Components {
  readonly schemas: Record<string, unknown> = {};

  schema(schema: z.ZodType, io: 'input' | 'output'): unknown {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
    const defs = (json.$defs ?? {}) as Record<string, Json>;
    delete json.$defs;
    delete json.$schema;
    const names = new Map<string, string>();
    for (const [id, def] of Object.entries(defs)) names.set(id, this.nameFor(id, def, io));
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (typeof value !== 'object' || value === null) return value;
      const out: Json = {};
      for (const [key, inner] of Object.entries(value)) {
        out[key] =
          key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/')
            ? `#/components/schemas/${names.get(inner.slice('#/$defs/'.length))}`
            : rewrite(inner);
      }
      return out;
    };
    for (const [id, def] of Object.entries(defs)) this.schemas[names.get(id)!] = rewrite(def);
    return rewrite(json);
  }

  private nameFor(id: string, def: unknown, io: 'input' | 'output'): string {
    // zod names an unnamed recursive schema `__schema0`, `__schema1`... per conversion.
    if (/^__schema\d+$/.test(id)) {
      for (let n = 0; ; n++) {
        const name = `Recursive${n}`;
        if (this.schemas[name] === undefined || sameShape(this.schemas[name], def)) return name;
      }
    }
    const candidates = io === 'input' ? [id, `${id}Input`] : [id];
    for (const name of candidates) {
      const existing = this.schemas[name];
      if (existing === undefined || sameShape(existing, def)) return name;
    }
    throw new Error(`OpenAPI: the schema name "${id}" is used for two different shapes`);
  }
}

/** Same shape once $refs are compared by their last segment (before and after rewriting). */
function sameShape(a: unknown, b: unknown): boolean {
  const normal = (value: unknown) =>
    JSON.stringify(value, (key, inner) =>
      key === '$ref' && typeof inner === 'string' ? inner.split('/').pop() : inner,
    );
  return normal(a) === normal(b);
}

/** A multipart body: its JSON parts (with `encoding` saying they travel as
 * application/json) and its file parts (binary strings). */
function multipartContent(components: Components, multipart: MultipartBody): Json {
  const properties: Json = {};
  const encoding: Json = {};
  for (const [name, schema] of Object.entries(multipart.json ?? {})) {
    properties[name] = components.schema(schema, 'input');
    encoding[name] = { contentType: 'application/json' };
  }
  if (multipart.files) {
    properties[multipart.files] = {
      type: 'array',
      items: { type: 'string', contentMediaType: 'application/octet-stream' },
    };
  }
  const required = Object.keys(properties);
  return {
    schema: { type: 'object', properties, ...(required.length ? { required } : {}) },
    ...(Object.keys(encoding).length ? { encoding } : {}),
  };
}

function objectParameters(
  components: Components,
  schema: z.ZodType | undefined,
  location: 'path' | 'query',
): unknown[] {
  if (!schema) return [];
  const json = components.schema(schema, 'input') as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

function responses(
  components: Components,
  route: RouteDefinition<any, any, any>,
): Record<string, unknown> {
  const status = String(route.response?.status ?? 200);
  const description = route.response?.description ?? 'Berhasil';
  const errorRef = {
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  const content: Record<string, unknown> = {};
  if (route.response?.contentType) {
    content[route.response.contentType] = { schema: { type: 'string' } };
  }
  if (route.response?.schema || isJsonRoute(route)) {
    // A route without a schema is refused by route.test.ts and, in tests, at answer.
    const schema = route.response?.schema ? components.schema(route.response.schema, 'output') : {};
    content['application/json'] = { schema };
  }
  const success = route.response?.status === 204 ? { description } : { description, content };
  return {
    [status]: success,
    '400': { description: 'Data tidak valid', ...errorRef },
    ...(route.access === 'public'
      ? {}
      : {
          '401': { description: 'Belum masuk', ...errorRef },
          '403': { description: 'Tidak berwenang', ...errorRef },
        }),
    default: { description: 'Galat (kode dan pesan dalam Bahasa Indonesia)', ...errorRef },
  };
}
