// pnpm api:types: writes frontend/src/api/generated.ts, the frontend's API types, from the
// OpenAPI document built in-process from the route table (nothing is started or connected).
// `--check` (pnpm api:check, part of pnpm check) writes nothing and exits 1 when the file
// differs from what the routes say now.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import prettier from 'prettier';
import { buildOpenApi } from '../http/openapi.ts';
import { openApiToTypeScript } from '../http/openapi-types.ts';
import { offlineRouteTable } from '../route-table.ts';

const target = new URL('../../../frontend/src/api/generated.ts', import.meta.url);
const { check } = parseArgs({ options: { check: { type: 'boolean' } } }).values;

const document = buildOpenApi(offlineRouteTable(), '0.0.0');
const source = openApiToTypeScript(document);
const config = await prettier.resolveConfig(target.pathname);
const text = await prettier.format(source, { ...config, filepath: target.pathname });

if (check) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== text) {
    console.error(
      'frontend/src/api/generated.ts tidak sesuai dengan rute API saat ini. ' +
        'Jalankan `pnpm api:types` lalu commit hasilnya.',
    );
    process.exit(1);
  }
  console.log('frontend/src/api/generated.ts sesuai dengan rute API.');
} else {
  await writeFile(target, text);
  console.log(`Ditulis: frontend/src/api/generated.ts (${text.length} karakter).`);
}
process.exit(0);
