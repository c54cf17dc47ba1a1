import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'minio';
import type { Config } from '../../config.ts';
import { FileStorage } from '../files/file-storage.ts';
import { objectPath, type ObjectLine } from './manifest.ts';

/** Prefixes our modules write under (design.md §5); any other top-level folder found in the
 * bucket counts as well. Used to tell object keys from other slash-separated values. */
export const KNOWN_PREFIXES = ['letters', 'reports', 'outgoing', 'archive', 'imports', 'import'];

type S3Settings = Pick<
  Config,
  'S3_ENDPOINT' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY' | 'S3_BUCKET' | 'S3_REGION'
>;

/** Plain S3 access for whole-bucket work: listing, metadata, streaming copies. */
export class BucketAccess {
  readonly bucket: string;
  readonly region: string;
  readonly client: Client;
  private readonly uploads: FileStorage;

  constructor(settings: S3Settings) {
    this.uploads = new FileStorage(settings);
    const url = new URL(settings.S3_ENDPOINT);
    const useSSL = url.protocol === 'https:';
    this.client = new Client({
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : useSSL ? 443 : 80,
      useSSL,
      accessKey: settings.S3_ACCESS_KEY,
      secretKey: settings.S3_SECRET_KEY,
      region: settings.S3_REGION,
      pathStyle: true,
    });
    this.bucket = settings.S3_BUCKET;
    this.region = settings.S3_REGION;
  }

  async *keys(): AsyncGenerator<{ key: string; size: number }> {
    if (!(await this.client.bucketExists(this.bucket))) return;
    for await (const item of this.client.listObjectsV2(this.bucket, '', true)) {
      const entry = item as { name?: string; size?: number };
      if (entry.name) yield { key: entry.name, size: entry.size ?? 0 };
    }
  }

  async isEmpty(): Promise<boolean> {
    for await (const entry of this.keys()) if (entry) return false;
    return true;
  }

  /** Streams a file up in bounded parts (large scans too; see file-storage.ts). */
  async upload(key: string, file: string, contentType: string): Promise<void> {
    await this.uploads.putStream(key, createReadStream(file), contentType);
  }

  async ensureBucket(): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket)))
      await this.client.makeBucket(this.bucket, this.region);
  }
}

/** Copies one object into the backup's content-addressed store; returns its manifest line.
 * The bytes go to a temporary file first and are renamed once their hash is known, so a
 * crash never leaves a file whose name lies about its content. */
export async function copyObjectOut(
  bucket: BucketAccess,
  dir: string,
  key: string,
): Promise<ObjectLine> {
  const info = await bucket.client.statObject(bucket.bucket, key);
  const contentType = String(info.metaData?.['content-type'] ?? 'application/octet-stream');
  const tmp = path.join(dir, 'objects', `tmp-${randomBytes(8).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  const tee = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(await bucket.client.getObject(bucket.bucket, key), tee, createWriteStream(tmp));
  const sha256 = hash.digest('hex');
  const target = objectPath(dir, sha256);
  await mkdir(path.dirname(target), { recursive: true });
  if (await exists(target)) await rm(tmp);
  else await rename(tmp, target);
  return { key, size, sha256, contentType };
}

/** Hash of a stored object file: a restore checks it before the bytes go anywhere. */
export async function storedObjectSha256(dir: string, sha256: string): Promise<string | null> {
  const file = objectPath(dir, sha256);
  if (!(await exists(file))) return null;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Keys named by records that fall under an object prefix: the references to check. */
export function referencedKeys(
  candidates: Iterable<string>,
  bucketKeys: Iterable<string>,
): Set<string> {
  const prefixes = new Set(KNOWN_PREFIXES);
  for (const key of bucketKeys) prefixes.add(key.split('/')[0]!);
  const references = new Set<string>();
  for (const candidate of candidates)
    if (prefixes.has(candidate.split('/')[0]!)) references.add(candidate);
  return references;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
