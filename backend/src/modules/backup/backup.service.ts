import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import type mongoose from 'mongoose';
import { VERSION } from '../../version.ts';
import { collectionNames, indexesOf, readCollection, type DumpResult } from './collections.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  collectionPath,
  OBJECTS_FILE,
  writeManifest,
  type CollectionEntry,
  type Manifest,
} from './manifest.ts';
import { copyObjectOut, referencedKeys, type BucketAccess } from './objects.ts';

/** Where progress goes: a pino logger, or the console for the operator command. */
export interface ProgressLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface BackupOptions {
  db: mongoose.mongo.Db;
  /** Absent: the database only, no objects (moving a database to another engine while the
   * object store stays where it is; see infra/src/migrate-sqlite.ts). */
  bucket?: BucketAccess;
  /** An empty or missing folder. */
  dir: string;
  /** Verification rounds before giving up on a system that never holds still. */
  maxRounds?: number;
  /** Keep a backup whose records never held still (marked `stable: false`) instead of failing. */
  allowUnstable?: boolean;
  logger?: ProgressLog;
}

/**
 * A consistent backup without transactions or snapshots (FerretDB has neither).
 *
 * 1. Dump every collection. 2. Read every collection again and compare fingerprints; dump
 * again the ones that changed; repeat until one full read finds nothing changed. Then
 * every collection held the dumped content from its dump until that last read, so all of
 * them describe the moment the last read began (`snapshotAt`), and references between
 * collections agree. (An edit undone before the re-read would go unseen; that leaves the
 * dump equal to a state the system really had.) 3. Only then copy the objects: uploads
 * write the object before the record (design.md §5), so every object a dumped record names
 * was in the bucket at the snapshot; the ones deleted since are listed as `missingObjects`.
 */
export async function createBackup(options: BackupOptions): Promise<Manifest> {
  const { db, bucket, dir } = options;
  const log = options.logger;
  const startedAt = new Date();
  await prepareFolder(dir);

  const names = new Set(await collectionNames(db));
  const dumped = new Map<string, DumpResult>();
  const keys = new Map<string, Set<string>>();
  const dump = async (name: string) => {
    const found = new Set<string>();
    dumped.set(
      name,
      await readCollection(db, name, collectionPath(dir, name), (key) => found.add(key)),
    );
    keys.set(name, found);
  };
  for (const name of names) await dump(name);

  const maxRounds = options.maxRounds ?? 5;
  let rounds = 1;
  let stable = false;
  let snapshotAt = new Date();
  for (; rounds <= maxRounds; rounds++) {
    snapshotAt = new Date();
    const now = new Set(await collectionNames(db));
    const changed: string[] = [];
    for (const name of now) {
      const before = dumped.get(name);
      const current = await readCollection(db, name);
      if (!before || before.fingerprint !== current.fingerprint) changed.push(name);
    }
    const dropped = [...names].filter((name) => !now.has(name));
    if (changed.length === 0 && dropped.length === 0) {
      stable = true;
      break;
    }
    log?.info(
      { round: rounds, changed, dropped },
      'backup: collections changed during the run; dumping them again',
    );
    for (const name of dropped) {
      names.delete(name);
      dumped.delete(name);
      keys.delete(name);
    }
    for (const name of changed) {
      names.add(name);
      await dump(name);
    }
  }
  if (!stable && !options.allowUnstable) {
    throw new BackupError(
      `Data terus berubah selama ${maxRounds} putaran pemeriksaan; cadangan tidak dapat dijamin konsisten. Jalankan saat sistem sepi, atau pakai --allow-unstable.`,
    );
  }
  rounds = Math.min(rounds, maxRounds);

  const collections: CollectionEntry[] = [];
  for (const name of [...names].sort()) {
    const result = dumped.get(name)!;
    collections.push({
      name,
      file: path.relative(dir, collectionPath(dir, name)),
      count: result.count,
      bytes: result.bytes,
      sha256: result.sha256,
      indexes: await indexesOf(db, name),
    });
  }

  const objects = bucket ? await copyObjects(bucket, dir) : await noObjects(dir);
  const referenced = referencedKeys(
    [...keys.values()].flatMap((set) => [...set]),
    objects.keys,
  );
  const missingObjects = bucket
    ? [...referenced].filter((key) => !objects.keys.has(key)).sort()
    : [];
  if (missingObjects.length > 0)
    log?.warn(
      { missing: missingObjects.length },
      'backup: records name objects the bucket does not hold',
    );

  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    snapshotAt: snapshotAt.toISOString(),
    app: { version: VERSION, node: process.version },
    database: { name: db.databaseName, serverVersion: await serverVersion(db) },
    storage: { bucket: bucket?.bucket ?? '' },
    consistency: { method: 'repeat-until-stable', rounds, stable },
    collections,
    objects: {
      file: OBJECTS_FILE,
      count: objects.count,
      bytes: objects.bytes,
      sha256: objects.sha256,
    },
    missingObjects,
  };
  await writeManifest(dir, manifest);
  return manifest;
}

async function prepareFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const entries = await readdir(dir);
  if (entries.length > 0)
    throw new BackupError(
      `Folder tujuan ${dir} tidak kosong. Pilih folder baru untuk setiap cadangan.`,
    );
  await mkdir(path.join(dir, 'collections'));
  await mkdir(path.join(dir, 'objects'));
}

async function copyObjects(
  bucket: BucketAccess,
  dir: string,
): Promise<{ keys: Set<string>; count: number; bytes: number; sha256: string }> {
  const out = createWriteStream(path.join(dir, OBJECTS_FILE));
  const hash = createHash('sha256');
  const keys = new Set<string>();
  let bytes = 0;
  for await (const { key } of bucket.keys()) {
    let line;
    try {
      line = await copyObjectOut(bucket, dir, key);
    } catch (error) {
      // Deleted between the listing and the copy (a sweeper or a discarded upload).
      if (
        (error as { code?: string }).code === 'NoSuchKey' ||
        (error as { code?: string }).code === 'NotFound'
      )
        continue;
      throw error;
    }
    const text = `${JSON.stringify(line)}\n`;
    hash.update(text);
    if (!out.write(text)) await once(out, 'drain');
    keys.add(key);
    bytes += line.size;
  }
  out.end();
  await once(out, 'finish');
  return { keys, count: keys.size, bytes, sha256: hash.digest('hex') };
}

/** The empty object list of a database-only backup. */
async function noObjects(
  dir: string,
): Promise<{ keys: Set<string>; count: number; bytes: number; sha256: string }> {
  await writeFile(path.join(dir, OBJECTS_FILE), '');
  return { keys: new Set(), count: 0, bytes: 0, sha256: createHash('sha256').digest('hex') };
}

async function serverVersion(db: mongoose.mongo.Db): Promise<string | null> {
  try {
    const info = await db.admin().command({ buildInfo: 1 });
    const ferret = (info as { ferretdbVersion?: string }).ferretdbVersion;
    return ferret ? `${String(info.version)} (FerretDB ${ferret})` : String(info.version);
  } catch {
    return null;
  }
}
