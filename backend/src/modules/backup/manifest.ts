import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** The folder layout of a backup:
 *
 *   manifest.json            written last: a folder without it is an unfinished backup
 *   collections/<name>.ndjson one document per line, canonical Extended JSON (types kept)
 *   objects.ndjson           one line per object: key, size, sha256, content type
 *   objects/<aa>/<sha256>    the bytes, stored once per distinct content
 */
export const BACKUP_FORMAT = 'lontar-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const OBJECTS_FILE = 'objects.ndjson';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** Names come from the database, but a manifest is a file someone could edit: never let a
 * name climb out of the backup folder. */
const safeName = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}$/)
  .refine((n) => !n.includes('..'));

const indexSchema = z.object({
  name: z.string(),
  key: z.record(z.string(), z.union([z.number(), z.string()])),
  unique: z.boolean().optional(),
});

const collectionSchema = z.object({
  name: safeName,
  file: z.string(),
  count: z.number().int().min(0),
  bytes: z.number().int().min(0),
  sha256,
  indexes: z.array(indexSchema),
});

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** The moment the dumped records all describe (see backup.service.ts). */
  snapshotAt: z.string(),
  app: z.object({ version: z.string(), node: z.string() }),
  database: z.object({ name: z.string(), serverVersion: z.string().nullable() }),
  storage: z.object({ bucket: z.string() }),
  consistency: z.object({
    method: z.literal('repeat-until-stable'),
    rounds: z.number().int().min(1),
    stable: z.boolean(),
  }),
  collections: z.array(collectionSchema),
  objects: z.object({
    file: z.literal(OBJECTS_FILE),
    count: z.number().int().min(0),
    bytes: z.number().int().min(0),
    sha256,
  }),
  /** Object keys the records name but the bucket did not hold (a fault of the live system
   * at backup time, or a deletion during the run). Empty in a good backup. */
  missingObjects: z.array(z.string()),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type CollectionEntry = z.infer<typeof collectionSchema>;
export type IndexEntry = z.infer<typeof indexSchema>;

export const objectLineSchema = z.object({
  key: z.string().min(1).max(1024),
  size: z.number().int().min(0),
  sha256,
  contentType: z.string(),
});
export type ObjectLine = z.infer<typeof objectLineSchema>;

export function objectPath(dir: string, hash: string): string {
  return path.join(dir, 'objects', hash.slice(0, 2), hash);
}

export function collectionPath(dir: string, name: string): string {
  return path.join(dir, 'collections', `${name}.ndjson`);
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const file = path.join(dir, MANIFEST_FILE);
  await writeFile(`${file}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

export class BackupError extends Error {}

export async function readManifest(dir: string): Promise<Manifest> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new BackupError(
      `Folder ${dir} tidak berisi ${MANIFEST_FILE}: bukan cadangan Lontar, atau pencadangan belum selesai.`,
    );
  }
  const parsed = manifestSchema.safeParse(JSON.parse(raw));
  if (!parsed.success)
    throw new BackupError(
      `${MANIFEST_FILE} tidak valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  if (parsed.data.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      `Cadangan berformat versi ${parsed.data.formatVersion}; versi ini hanya membaca sampai versi ${BACKUP_FORMAT_VERSION}.`,
    );
  }
  return parsed.data;
}
