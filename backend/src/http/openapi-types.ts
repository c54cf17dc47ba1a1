/**
 * TypeScript types from the OpenAPI document (openapi.ts), for the frontend's
 * `src/api/generated.ts`. Only the JSON Schema that zod's `toJSONSchema` writes needs
 * handling: objects, arrays, unions (anyOf/oneOf), intersections (allOf), enums, consts,
 * `$ref`s into `components.schemas`, and records (additionalProperties).
 */

type Json = Record<string, any>;

const HEADER = `// Generated from the API's OpenAPI document (backend/src/http/openapi.ts) by
// backend/src/cli/api-types.ts: do not edit. Regenerate with \`pnpm api:types\`;
// \`pnpm check\` fails when this file is stale.
`;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The module text: `Schemas` (named components), `Api` (per path and method: params, query,
 * body, response) and helper types to pick from it. */
export function openApiToTypeScript(document: Json): string {
  const out: string[] = [HEADER];
  out.push('/** Named schemas (`.meta({ id })` in the backend), by name. */');
  out.push('export interface Schemas {');
  const schemas = (document.components?.schemas ?? {}) as Record<string, Json>;
  for (const name of Object.keys(schemas).sort()) {
    out.push(`${doc(schemas[name])}${key(name)}: ${typeOf(schemas[name])};`);
  }
  out.push('}', '');
  out.push('/** Every route: its parameters, query, JSON body and answer (`void` for 204 and');
  out.push(' * non-JSON answers such as PDFs, which the browser opens by URL). */');
  out.push('export interface Api {');
  const paths = document.paths as Record<string, Record<string, Json>>;
  for (const path of Object.keys(paths).sort()) {
    out.push(`${key(path)}: {`);
    for (const method of METHODS) {
      const operation = paths[path]![method];
      if (!operation) continue;
      out.push(`/** ${String(operation.summary ?? '').replace(/\*\//g, '*\\/')} */`);
      out.push(`${method}: {`);
      out.push(`params: ${parameters(operation, 'path')};`);
      out.push(`query: ${parameters(operation, 'query')};`);
      const body = operation.requestBody?.content?.['application/json']?.schema;
      out.push(`body: ${body ? typeOf(body) : 'void'};`);
      const multipart = operation.requestBody?.content?.['multipart/form-data']?.schema;
      out.push(`multipart: ${multipart ? typeOf(multipart) : 'void'};`);
      out.push(`response: ${responseType(operation)};`);
      out.push('};');
    }
    out.push('};');
  }
  out.push('}', '');
  out.push(`export type ApiPath = keyof Api;
/** The JSON answer of a route, e.g. \`ApiResponse<'/api/archive/berkas/{id}', 'get'>\`. */
export type ApiResponse<P extends ApiPath, M extends keyof Api[P]> = Api[P][M] extends {
  response: infer R;
}
  ? R
  : never;
/** The JSON body a route takes. */
export type ApiBody<P extends ApiPath, M extends keyof Api[P]> = Api[P][M] extends { body: infer B }
  ? B
  : never;
/** The parts of a multipart route's body: JSON parts as the value to stringify, file parts
 * as Blobs. */
export type ApiMultipart<P extends ApiPath, M extends keyof Api[P]> = Api[P][M] extends {
  multipart: infer F;
}
  ? F
  : never;
/** The query a route takes. */
export type ApiQuery<P extends ApiPath, M extends keyof Api[P]> = Api[P][M] extends {
  query: infer Q;
}
  ? Q
  : never;
`);
  return out.join('\n');
}

function responseType(operation: Json): string {
  const [status, answer] =
    Object.entries((operation.responses ?? {}) as Record<string, Json>).find(([code]) =>
      /^2\d\d$/.test(code),
    ) ?? [];
  if (!status || status === '204') return 'void';
  const schema = answer?.content?.['application/json']?.schema;
  return schema ? typeOf(schema) : 'void';
}

function parameters(operation: Json, where: 'path' | 'query'): string {
  const list = ((operation.parameters ?? []) as Json[]).filter((p) => p.in === where);
  if (list.length === 0) return 'void';
  return `{ ${list
    .map((p) => `${key(p.name)}${p.required ? '' : '?'}: ${typeOf(p.schema ?? {})}`)
    .join('; ')} }`;
}

function typeOf(schema: Json | boolean | undefined): string {
  if (schema === true || schema === undefined) return 'unknown';
  if (schema === false) return 'never';
  if (schema.$ref) return `Schemas[${JSON.stringify(String(schema.$ref).split('/').pop())}]`;
  if ('const' in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) return union(schema.enum.map(literal));
  if (Array.isArray(schema.anyOf)) return union(schema.anyOf.map(typeOf));
  if (Array.isArray(schema.oneOf)) return union(schema.oneOf.map(typeOf));
  if (Array.isArray(schema.allOf))
    return schema.allOf.map((s: Json) => `(${typeOf(s)})`).join(' & ');
  if (Array.isArray(schema.type)) {
    return union(schema.type.map((type: string) => typeOf({ ...schema, type })));
  }
  switch (schema.type) {
    case 'string':
      // A file part of a multipart body (openapi.ts multipartContent).
      return schema.contentMediaType === 'application/octet-stream' ? 'Blob' : 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      if (Array.isArray(schema.prefixItems)) {
        return `[${schema.prefixItems.map(typeOf).join(', ')}]`;
      }
      return `Array<${typeOf(schema.items ?? true)}>`;
    case 'object':
      return objectType(schema);
    default:
      return schema.properties ? objectType(schema) : 'unknown';
  }
}

function objectType(schema: Json): string {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set<string>(schema.required ?? []);
  const fields = Object.entries(properties).map(
    ([name, property]) =>
      `${doc(property)}${key(name)}${required.has(name) ? '' : '?'}: ${typeOf(property)};`,
  );
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object') {
    const keys = schema.propertyNames?.enum
      ? union(schema.propertyNames.enum.map(literal))
      : 'string';
    const record = `Record<${keys}, ${typeOf(extra)}>`;
    return fields.length ? `{ ${fields.join(' ')} } & ${record}` : record;
  }
  if (fields.length === 0)
    return extra === false ? 'Record<string, never>' : 'Record<string, unknown>';
  return `{ ${fields.join(' ')} }`;
}

function union(types: string[]): string {
  const unique = [...new Set(types)];
  return unique.length === 1
    ? unique[0]!
    : unique.map((t) => (t.includes('=>') ? `(${t})` : t)).join(' | ');
}

function literal(value: unknown): string {
  return value === null ? 'null' : JSON.stringify(value);
}

function key(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

function doc(schema: Json | boolean | undefined): string {
  const text = typeof schema === 'object' ? schema.description : undefined;
  return text ? `/** ${String(text).replace(/\*\//g, '*\\/')} */\n` : '';
}
