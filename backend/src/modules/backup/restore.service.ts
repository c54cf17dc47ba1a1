import path from 'node:path';
import type mongoose from 'mongoose';
import type { ProgressLog } from './backup.service.ts';
import { fileSha256, fromLine, readLines } from './collections.ts';
import {
  BackupError,
  collectionPath,
  objectLineSchema,
  objectPath,
  OBJECTS_FILE,
  readManifest,
  type Manifest,
  type ObjectLine,
} from './manifest.ts';
import { storedObjectSha256, type BucketAccess } from './objects.ts';

export interface RestoreOptions {
  db: mongoose.mongo.Db;
  /** Absent: restore the database only (a backup without objects; the bucket stays as it is). */
  bucket?: BucketAccess;
  dir: string;
  /** Check the backup completely and write nothing (a restore drill's first step). */
  verifyOnly?: boolean;
  logger?: ProgressLog;
}

export interface RestoreReport {
  manifest: Manifest;
  documents: number;
  objects: number;
}

const BATCH = 500;

/**
 * Brings a backup back into an empty system. Everything is verified before anything is
 * written (manifest, every collection file's and every object's sha256), the target must
 * hold no documents and no objects, and objects go in before records, so even a restore
 * that dies half-way never leaves a record pointing to a missing object.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const { db, bucket, dir } = options;
  const manifest = await readManifest(dir);
  const objects = await verifyBackup(dir, manifest);
  options.logger?.info(
    { collections: manifest.collections.length, objects: objects.length },
    'restore: backup verified',
  );
  if (options.verifyOnly) return { manifest, documents: 0, objects: 0 };

  if (!bucket && objects.length > 0)
    throw new BackupError(
      `Cadangan di ${dir} berisi ${objects.length} objek, tetapi pemulihan ini hanya untuk basis data.`,
    );
  await assertEmpty(db, bucket);

  if (bucket) {
    await bucket.ensureBucket();
    for (const object of objects) {
      await bucket.upload(object.key, objectPath(dir, object.sha256), object.contentType);
    }
    options.logger?.info({ objects: objects.length }, 'restore: objects written');
  }

  let documents = 0;
  for (const entry of manifest.collections) {
    const collection = db.collection(entry.name);
    await db.createCollection(entry.name).catch((error: { codeName?: string; code?: number }) => {
      if (error.code !== 48 && error.codeName !== 'NamespaceExists') throw error;
    });
    let batch: mongoose.mongo.Document[] = [];
    for await (const line of readLines(collectionPath(dir, entry.name))) {
      batch.push(fromLine(line));
      if (batch.length >= BATCH) {
        await collection.insertMany(batch, { ordered: true });
        documents += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) {
      await collection.insertMany(batch, { ordered: true });
      documents += batch.length;
    }
    for (const index of entry.indexes) {
      await collection.createIndex(index.key as mongoose.mongo.IndexSpecification, {
        name: index.name,
        ...(index.unique ? { unique: true } : {}),
      });
    }
    const count = await collection.countDocuments();
    if (count !== entry.count)
      throw new BackupError(
        `Koleksi ${entry.name}: ${count} dokumen setelah pemulihan, manifest menyebut ${entry.count}.`,
      );
  }
  options.logger?.info({ documents }, 'restore: records written');
  return { manifest, documents, objects: objects.length };
}

/** Reads the whole backup once and checks every hash; returns the object list. */
export async function verifyBackup(dir: string, manifest: Manifest): Promise<ObjectLine[]> {
  const problems: string[] = [];
  for (const entry of manifest.collections) {
    if (path.normalize(entry.file) !== path.join('collections', `${entry.name}.ndjson`))
      problems.push(`koleksi ${entry.name}: nama berkas tidak sah`);
    const actual = await fileSha256(collectionPath(dir, entry.name)).catch(() => null);
    if (actual !== entry.sha256)
      problems.push(
        `koleksi ${entry.name}: ${actual === null ? 'berkas hilang' : 'isi berkas berubah (sha256 tidak cocok)'}`,
      );
  }
  const listFile = path.join(dir, OBJECTS_FILE);
  const listHash = await fileSha256(listFile).catch(() => null);
  if (listHash !== manifest.objects.sha256)
    problems.push(
      `${OBJECTS_FILE}: ${listHash === null ? 'berkas hilang' : 'isi berkas berubah (sha256 tidak cocok)'}`,
    );
  const objects: ObjectLine[] = [];
  if (listHash !== null) {
    const checked = new Map<string, boolean>();
    for await (const line of readLines(listFile)) {
      const parsed = objectLineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) {
        problems.push(`${OBJECTS_FILE}: baris tidak valid`);
        continue;
      }
      const object = parsed.data;
      if (!checked.has(object.sha256))
        checked.set(
          object.sha256,
          (await storedObjectSha256(dir, object.sha256)) === object.sha256,
        );
      if (!checked.get(object.sha256))
        problems.push(`objek ${object.key}: berkas hilang atau isinya berubah`);
      objects.push(object);
    }
    if (objects.length !== manifest.objects.count)
      problems.push(
        `${OBJECTS_FILE}: ${objects.length} objek, manifest menyebut ${manifest.objects.count}`,
      );
  }
  if (problems.length > 0) {
    throw new BackupError(
      `Cadangan di ${dir} rusak atau tidak lengkap:\n${problems
        .slice(0, 50)
        .map((p) => `  - ${p}`)
        .join('\n')}`,
    );
  }
  return objects;
}

/** A restore never merges into live data: every collection empty, the bucket empty. */
async function assertEmpty(db: mongoose.mongo.Db, bucket?: BucketAccess): Promise<void> {
  const occupied: string[] = [];
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    if (name.startsWith('system.')) continue;
    if ((await db.collection(name).findOne({}, { projection: { _id: 1 } })) !== null)
      occupied.push(name);
  }
  const bucketEmpty = bucket ? await bucket.isEmpty() : true;
  if (occupied.length > 0 || !bucketEmpty) {
    throw new BackupError(
      `Sistem tujuan tidak kosong (${[...occupied.slice(0, 5).map((n) => `koleksi ${n}`), ...(bucketEmpty ? [] : [`bucket ${bucket?.bucket}`])].join(', ')}${occupied.length > 5 ? ', ...' : ''}). ` +
        'Pemulihan hanya ke basis data dan bucket yang kosong; hentikan API dan pekerja OCR, lalu kosongkan keduanya atau pakai nama baru.',
    );
  }
}
