import Router from '@koa/router';
import Koa from 'koa';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { offlineRouteTable } from '../route-table.ts';
import { errorMiddleware } from './error-middleware.ts';
import { buildOpenApi } from './openapi.ts';
import { openApiToTypeScript } from './openapi-types.ts';
import { defineRoute, isJsonRoute, mountRoutes, type ResponseCheck } from './route.ts';

const answer = z.object({ id: z.string(), at: z.iso.datetime().nullable() });

function appAnswering(body: unknown, responseCheck: ResponseCheck) {
  const router = new Router();
  mountRoutes(
    router,
    [
      defineRoute({
        method: 'get',
        path: '/api/x',
        summary: 'x',
        tags: ['x'],
        access: 'public',
        response: { schema: answer },
        handler: () => body,
      }),
    ],
    { responseCheck },
  );
  const app = new Koa();
  app.use(errorMiddleware);
  app.use(router.routes());
  return supertest(app.callback());
}

describe('response check', () => {
  it('serves an answer that matches its schema as it is (dates as ISO strings)', async () => {
    const at = new Date('2026-12-07T04:00:00.000Z');
    const response = await appAnswering({ id: 'a', at }, 'enforce').get('/api/x');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: 'a', at: at.toISOString() });
  });

  it('fails a mismatching answer with 500 naming the route and the problem', async () => {
    const response = await appAnswering({ id: 7, at: null }, 'enforce').get('/api/x');
    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('INTERNAL');
    expect(response.body.error.details.responseSchema).toBe('GET /api/x');
    expect(response.body.error.details.problems[0]).toMatch(/^id: /);
  });

  it('fails an answer carrying a field the schema does not declare', async () => {
    const response = await appAnswering({ id: 'a', at: null, passwordHash: 'x' }, 'enforce').get(
      '/api/x',
    );
    expect(response.status).toBe(500);
    expect(response.body.error.details.problems).toEqual([
      'passwordHash: field not declared in the response schema',
    ]);
  });

  it('serves a mismatching answer when only logging, and does not look when off', async () => {
    for (const mode of ['log', 'off'] as const) {
      const response = await appAnswering({ id: 7, at: null }, mode).get('/api/x');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ id: 7, at: null });
    }
  });
});

describe('the API contract', () => {
  const routes = offlineRouteTable();

  it('declares a response schema on every JSON route', () => {
    const missing = routes
      .filter((route) => isJsonRoute(route) && !route.response?.schema)
      .map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(missing).toEqual([]);
  });

  it('describes every route, its request and its answer in the OpenAPI document', () => {
    const document = buildOpenApi(routes, 'test') as {
      paths: Record<string, Record<string, any>>;
      components: { schemas: Record<string, unknown> };
    };
    const refs = new Set<string>();
    JSON.stringify(document, (key, value) => {
      if (key === '$ref') refs.add(value);
      return value;
    });
    for (const ref of refs) {
      expect(document.components.schemas[ref.replace('#/components/schemas/', '')]).toBeDefined();
    }
    for (const route of routes) {
      const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const operation = document.paths[path]?.[route.method];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      const status = String(route.response?.status ?? 200);
      const content = operation.responses[status].content;
      if (route.response?.status === 204) expect(content).toBeUndefined();
      else if (isJsonRoute(route)) {
        expect(content['application/json'].schema).not.toEqual({});
      } else expect(content[route.response!.contentType!]).toBeDefined();
      if (route.body) expect(operation.requestBody.content['application/json']).toBeDefined();
      if (route.multipart) {
        const form = operation.requestBody.content['multipart/form-data'];
        for (const part of Object.keys(route.multipart.json ?? {})) {
          expect(form.schema.properties[part], `${route.path} part ${part}`).toBeDefined();
          expect(form.encoding[part]).toEqual({ contentType: 'application/json' });
        }
        if (route.multipart.files) {
          expect(form.schema.properties[route.multipart.files].items.contentMediaType).toBe(
            'application/octet-stream',
          );
        }
      }
      const pathNames = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
      const declared = operation.parameters
        .filter((p: { in: string }) => p.in === 'path')
        .map((p: { name: string }) => p.name);
      expect(declared.sort(), `path parameters of ${route.path}`).toEqual(pathNames.sort());
    }
  });

  it('documents the parts of a multipart body, so the frontend types them', () => {
    const document = buildOpenApi(routes, 'test') as { paths: Record<string, any> };
    const form =
      document.paths['/api/incoming-letters'].post.requestBody.content['multipart/form-data'];
    expect(form.schema.required).toEqual(['data', 'files']);
    expect(form.schema.properties.data.required).toEqual(
      expect.arrayContaining(['senderName', 'letterNumber', 'securityClass', 'urgency']),
    );
    expect(form.schema.properties.data.properties.urgency.enum).toEqual([
      'biasa',
      'segera',
      'sangat_segera',
    ]);
    // The generated type (before prettier) of the report's parts.
    expect(openApiToTypeScript(document)).toContain(
      'multipart: { data: { text: string; forwardReportIds?: Array<string>; }; files: Array<Blob>; };',
    );
  });
});
