import { Client } from 'minio';
import type { Readable } from 'node:stream';
import type { Config } from '../../config.ts';

/**
 * Streaming access to the bucket for uploads and downloads of scans.
 *
 * The shared ObjectStore (lib/storage.ts) is fine for small derived files, but the minio
 * client reads a stream of unknown length into memory up to its part size (hundreds of MB
 * by default). This client fixes the part size at 8 MiB, so an upload of any size holds at
 * most one part in memory and is sent as an S3 multipart upload.
 */
const PART_SIZE = 8 * 1024 * 1024;

export class FileStorage {
  readonly bucket: string;
  private readonly client: Client;

  constructor(config: Pick<Config, 'S3_ENDPOINT' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY' | 'S3_BUCKET' | 'S3_REGION'>) {
    const url = new URL(config.S3_ENDPOINT);
    const useSSL = url.protocol === 'https:';
    this.client = new Client({
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : useSSL ? 443 : 80,
      useSSL,
      accessKey: config.S3_ACCESS_KEY,
      secretKey: config.S3_SECRET_KEY,
      region: config.S3_REGION,
      pathStyle: true,
      partSize: PART_SIZE,
    });
    this.bucket = config.S3_BUCKET;
  }

  async putStream(key: string, body: Readable, contentType: string): Promise<void> {
    await this.client.putObject(this.bucket, key, body, undefined, { 'Content-Type': contentType });
  }

  async putBuffer(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.putObject(this.bucket, key, body, body.length, { 'Content-Type': contentType });
  }

  /** Removes the object and any unfinished multipart upload left by an aborted stream. */
  async removeAll(key: string): Promise<void> {
    await this.client.removeIncompleteUpload(this.bucket, key).catch(() => undefined);
    await this.client.removeObject(this.bucket, key);
  }

  async get(key: string): Promise<Readable> {
    return this.client.getObject(this.bucket, key);
  }

  async getRange(key: string, offset: number, length: number): Promise<Readable> {
    return this.client.getPartialObject(this.bucket, key, offset, length);
  }

  async getBuffer(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.get(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.statObject(this.bucket, key);
      return true;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'NotFound' || code === 'NoSuchKey') return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<Array<{ key: string; lastModified: Date }>> {
    const keys: Array<{ key: string; lastModified: Date }> = [];
    for await (const item of this.client.listObjectsV2(this.bucket, prefix, true)) {
      const entry = item as { name?: string; lastModified?: Date };
      if (entry.name) keys.push({ key: entry.name, lastModified: entry.lastModified ?? new Date(0) });
    }
    return keys;
  }
}

const instances = new Map<string, FileStorage>();

/** One client per bucket (tests run several buckets on one server). */
export function fileStorage(config: Pick<Config, 'S3_ENDPOINT' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY' | 'S3_BUCKET' | 'S3_REGION'>): FileStorage {
  const id = `${config.S3_ENDPOINT}|${config.S3_BUCKET}`;
  let storage = instances.get(id);
  if (!storage) {
    storage = new FileStorage(config);
    instances.set(id, storage);
  }
  return storage;
}
