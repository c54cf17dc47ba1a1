import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { loginAs, seedDemoOrganisation, type LoggedInAgent } from '../auth-helpers.ts';
import { createTestContext } from '../harness.ts';
import { collectionNames } from '../../src/modules/backup/collections.ts';
import { lettersStartupTask } from '../../src/modules/letters/letters.maintenance.ts';
import { withOpenApiRoute } from '../../src/http/openapi.ts';
import { moduleRoutes } from '../../src/modules/index.ts';

/**
 * Every operation in /api/openapi.json, called with hostile input generated from its own
 * description: invalid and traversing ids, operator injection, wrong types, huge strings,
 * unknown and prototype-polluting fields, malformed JSON, wrong content types, oversized
 * bodies. Every answer must be a deliberate 4xx (or a harmless 2xx), never a 5xx, and no
 * injected value may end up stored. (A benchmark-style run with schemathesis is described
 * in docs/reliability.md; this suite needs no Python.)
 */
const ctx = await createTestContext({ MAX_JSON_BYTES: String(256 * 1024) });
await seedDemoOrganisation();
await lettersStartupTask(ctx.services);

interface Operation {
  method: string;
  path: string;
  params: string[];
  query: string[];
  bodyFields: string[];
  json: boolean;
  multipart: boolean;
  public: boolean;
}

const HUGE = 'A'.repeat(100_000);
const MARKER = 'FUZZMARK';
const INJECTIONS: unknown[] = [
  { $gt: '' },
  { $where: 'sleep(5000) || true' },
  [{ $ne: null }],
  12345,
  `${MARKER}${HUGE}`,
];
const BAD_IDS = [
  'x',
  'ffffffffffffffffffffffff',
  '..%2F..%2Fetc%2Fpasswd',
  '%7B%22%24gt%22%3A%22%22%7D',
  'A'.repeat(3000),
  '%00',
];
// Operations that would end the fuzzing session itself.
const SKIP = new Set(['post /api/auth/logout']);

function operations(spec: { paths: Record<string, Record<string, any>> }): Operation[] {
  const list: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (SKIP.has(`${method} ${path}`)) continue;
      const parameters = (op.parameters ?? []) as Array<{ name: string; in: string }>;
      const content = op.requestBody?.content ?? {};
      const schema = content['application/json']?.schema;
      list.push({
        method,
        path,
        params: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        bodyFields: Object.keys(schema?.properties ?? {}),
        json: Boolean(schema),
        multipart: Boolean(content['multipart/form-data']),
        public: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return list;
}

const fill = (op: Operation, id: string) => op.path.replace(/\{([^}]+)\}/g, () => id);

describe('anonymous callers', () => {
  it('get exactly 401 UNAUTHENTICATED on every route that is not public', async () => {
    // The route table decides what is public (`access: 'public'`); the OpenAPI document must
    // say the same, since the fuzzing below works from it.
    const routes = withOpenApiRoute(moduleRoutes(ctx.services), 'test');
    const spec = (await ctx.request().get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const wrong: string[] = [];
    let closed = 0;
    for (const route of routes) {
      const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const documented = spec.paths[path]?.[route.method]?.security;
      const isPublic = route.access === 'public';
      if (!documented || (documented.length === 0) !== isPublic)
        wrong.push(`${route.method.toUpperCase()} ${route.path}: OpenAPI security disagrees`);
      if (isPublic) continue;
      closed += 1;
      // Valid-looking values for every parameter: the refusal must come before validation.
      const url = route.path.replace(/:([A-Za-z0-9_]+)/g, '000000000000000000000000');
      const request = (ctx.request() as any)[route.method](url);
      const answer =
        route.method === 'get' || route.method === 'delete'
          ? await request
          : await request.set('Content-Type', 'application/json').send('{}');
      if (answer.status !== 401 || answer.body?.error?.code !== 'UNAUTHENTICATED')
        wrong.push(
          `${route.method.toUpperCase()} ${route.path} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 120)}`,
        );
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
    // Most of the API is closed; a handful of routes (login, health, openapi) are public.
    expect(closed).toBeGreaterThan(100);
    expect(routes.length - closed).toBeLessThan(15);
  });
});

describe('fuzzing every endpoint from the OpenAPI document', () => {
  it(
    'answers hostile input with 4xx, never 5xx, and stores none of it',
    { timeout: 900_000 },
    async () => {
      const spec = (await ctx.request().get('/api/openapi.json')).body;
      const ops = operations(spec);
      expect(ops.length).toBeGreaterThan(50);
      const agents: LoggedInAgent[] = [
        await loginAs(ctx, 'admin'),
        await loginAs(ctx, 'agendaris'),
        await loginAs(ctx, 'sekda'),
      ];
      const failures: string[] = [];
      let sent = 0;

      const check = async (
        op: Operation,
        label: string,
        request: () => PromiseLike<{ status: number; body: any }>,
      ) => {
        sent += 1;
        let status: number;
        let body: any;
        try {
          ({ status, body } = await request());
        } catch (error) {
          failures.push(
            `${op.method.toUpperCase()} ${op.path} [${label}] threw ${(error as Error).message}`,
          );
          return;
        }
        if (status >= 500)
          failures.push(
            `${op.method.toUpperCase()} ${op.path} [${label}] → ${status} ${JSON.stringify(body).slice(0, 200)}`,
          );
      };

      for (const [index, op] of ops.entries()) {
        const agent = agents[index % agents.length]!;
        const call = (path: string) =>
          (agent as any)[op.method](path) as ReturnType<LoggedInAgent['get']>;
        const base = fill(op, '000000000000000000000000');

        for (const id of op.params.length > 0 ? BAD_IDS : []) {
          await check(op, `id ${id.slice(0, 20)}`, () =>
            op.method === 'get' ? call(fill(op, id)) : call(fill(op, id)).send({}),
          );
        }
        for (const name of op.query) {
          for (const value of ['{"$gt":""}', HUGE.slice(0, 4000), '-1', '2026-13-45']) {
            await check(op, `query ${name}=${value.slice(0, 12)}`, () =>
              call(
                `${base}?${name}=${encodeURIComponent(value)}&${name}=${encodeURIComponent(value)}`,
              ).send(),
            );
          }
          await check(op, `query ${name}[$ne]`, () =>
            call(`${base}?${encodeURIComponent(`${name}[$ne]`)}=x`).send(),
          );
        }
        if (op.method === 'get' || op.method === 'delete') continue;

        for (const raw of ['{"a":', '[]', 'null', '{"a":1,"a":{"$gt":""}}']) {
          await check(op, `raw ${raw}`, () =>
            call(base).set('Content-Type', 'application/json').send(raw),
          );
        }
        for (const injection of INJECTIONS) {
          const body = Object.fromEntries(
            (op.bodyFields.length > 0 ? op.bodyFields : ['data']).map((field) => [
              field,
              injection,
            ]),
          );
          await check(op, `fields=${JSON.stringify(injection).slice(0, 20)}`, () =>
            call(base).send(body),
          );
        }
        await check(op, 'prototype pollution', () =>
          call(base)
            .set('Content-Type', 'application/json')
            .send(
              `{"__proto__":{"polluted":"${MARKER}"},"constructor":{"prototype":{"polluted":"${MARKER}"}},"unknownField${MARKER}":1}`,
            ),
        );
        await check(op, 'text/plain', () =>
          call(base).set('Content-Type', 'text/plain').send('{"a":1}'),
        );
        await check(op, 'xml', () =>
          call(base)
            .set('Content-Type', 'application/xml')
            .send('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
        );
        await check(op, 'oversized json', () =>
          call(base)
            .set('Content-Type', 'application/json')
            .send(`{"x":"${'B'.repeat(300 * 1024)}"}`),
        );
        if (op.multipart) {
          await check(op, 'multipart injection', () =>
            call(base)
              .field('data', '{"$gt":""}')
              .attach('files', Buffer.from('%PDF-1.7\n%%EOF\n'), {
                filename: '../../../../etc/passwd',
              }),
          );
          await check(op, 'multipart huge field', () =>
            call(base).field('data', `${MARKER}${HUGE}`),
          );
          await check(op, 'multipart no boundary', () =>
            call(base).set('Content-Type', 'multipart/form-data').send('--x\r\n'),
          );
        }
      }

      expect(failures, failures.join('\n')).toEqual([]);
      expect(sent).toBeGreaterThan(800);
      expect(({} as { polluted?: string }).polluted).toBeUndefined();

      // Nothing injected was stored: no operator keys, no marker, no huge string.
      const db = mongoose.connection.db!;
      const stored: string[] = [];
      for (const name of await collectionNames(db)) {
        for await (const doc of db.collection(name).find({})) {
          const text = JSON.stringify(doc);
          if (
            text.includes(MARKER) ||
            text.includes('"$gt"') ||
            text.includes('"$where"') ||
            text.includes(HUGE.slice(0, 1000))
          )
            stored.push(`${name}: ${text.slice(0, 200)}`);
        }
      }
      expect(stored).toEqual([]);
      console.info(`[fuzz] ${ops.length} operations, ${sent} hostile requests`);
    },
  );
});
