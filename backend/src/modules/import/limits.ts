import path from 'node:path';
import { z } from 'zod';

/** Import limits and the server folder for folder imports. Read here rather than in
 * config.ts because only this module uses them (as modules/search does for its index). */
const envSchema = z.object({
  /** Where operators copy folders of old scans for import; default <LONTAR_DATA_DIR>/impor. */
  IMPORT_DIR: z.string().optional(),
  LONTAR_DATA_DIR: z.string().optional(),
  IMPORT_MAX_ZIP_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 ** 3),
  IMPORT_MAX_TOTAL_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(200 * 1024 ** 3),
});

export interface ImportLimits {
  /** Size of an uploaded zip. */
  maxZipBytes: number;
  /** Sum of the declared uncompressed sizes of every entry. */
  maxTotalBytes: number;
  /** One scan (the same limit as an upload). */
  maxFileBytes: number;
  maxEntries: number;
  maxRows: number;
  maxFilesPerRow: number;
  /** Uncompressed/compressed above this (for entries over 1 MiB) is treated as a zip bomb. */
  maxRatio: number;
}

export function importLimits(maxFileBytes: number): ImportLimits {
  const env = envSchema.parse(process.env);
  return {
    maxZipBytes: env.IMPORT_MAX_ZIP_BYTES,
    maxTotalBytes: env.IMPORT_MAX_TOTAL_BYTES,
    maxFileBytes,
    maxEntries: 200_000,
    maxRows: 100_000,
    maxFilesPerRow: 50,
    maxRatio: 100,
  };
}

export function importRoot(): string | null {
  const env = envSchema.parse(process.env);
  if (env.IMPORT_DIR) return path.resolve(env.IMPORT_DIR);
  if (env.LONTAR_DATA_DIR) return path.resolve(env.LONTAR_DATA_DIR, 'impor');
  return null;
}

/**
 * A relative file name from a manifest or an archive, made canonical, or null when it is
 * not safe: absolute (`/x`, `C:\x`), climbing out (`..`), control characters, empty parts.
 * Back slashes count as separators (manifests written on Windows).
 */
export function safeRelativePath(raw: string): string | null {
  const name = raw.normalize('NFC').trim().replace(/\\/g, '/');
  if (!name || name.length > 500) return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || /[\u0000-\u001f\u007f]/.test(name))
    return null;
  const parts = name.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.length === 0 || parts.some((part) => part === '..')) return null;
  return parts.join('/');
}

/** Entry names compare without case (scanner software and Windows disagree on case). */
export function entryKey(name: string): string {
  return name.toLowerCase();
}
