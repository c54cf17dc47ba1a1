import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version?: string };
export const VERSION = process.env.LONTAR_VERSION ?? packageJson.version ?? '0.0.0';
