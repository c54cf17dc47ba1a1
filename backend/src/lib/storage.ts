import { Client } from 'minio';
import type { Readable } from 'node:stream';
import { withTimeout } from './db.ts';

export interface StorageSettings {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region: string;
}

/** The S3 bucket behind every file (design.md §5). Keys are built by the callers. */
export class ObjectStore {
  readonly bucket: string;
  private readonly client: Client;
  private readonly region: string;

  constructor(settings: StorageSettings) {
    const url = new URL(settings.endpoint);
    const useSSL = url.protocol === 'https:';
    this.client = new Client({
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : useSSL ? 443 : 80,
      useSSL,
      accessKey: settings.accessKey,
      secretKey: settings.secretKey,
      region: settings.region,
      pathStyle: true,
    });
    this.bucket = settings.bucket;
    this.region = settings.region;
  }

  async ensureBucket(): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket))) {
      try {
        await this.client.makeBucket(this.bucket, this.region);
      } catch (error) {
        // Another process may have created it between the check and the call.
        if (!(await this.client.bucketExists(this.bucket))) throw error;
      }
    }
  }

  async ping(timeoutMs = 2000): Promise<void> {
    const exists = await withTimeout(
      this.client.bucketExists(this.bucket),
      timeoutMs,
      'storage ping timed out',
    );
    if (!exists) throw new Error(`bucket ${this.bucket} missing`);
  }

  async put(
    key: string,
    body: Readable | Buffer,
    size: number | undefined,
    contentType: string,
  ): Promise<void> {
    await this.client.putObject(this.bucket, key, body, size, { 'Content-Type': contentType });
  }

  async get(key: string): Promise<Readable> {
    return this.client.getObject(this.bucket, key);
  }

  async getBuffer(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.get(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async stat(key: string): Promise<{ size: number; lastModified: Date } | null> {
    try {
      const stat = await this.client.statObject(this.bucket, key);
      return { size: stat.size, lastModified: stat.lastModified };
    } catch (error) {
      if (
        (error as { code?: string }).code === 'NotFound' ||
        (error as { code?: string }).code === 'NoSuchKey'
      ) {
        return null;
      }
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await this.client.removeObject(this.bucket, key);
  }

  async listKeys(prefix: string): Promise<Array<{ key: string; lastModified: Date }>> {
    const keys: Array<{ key: string; lastModified: Date }> = [];
    const stream = this.client.listObjectsV2(this.bucket, prefix, true);
    for await (const item of stream) {
      const entry = item as { name?: string; lastModified?: Date };
      if (entry.name)
        keys.push({ key: entry.name, lastModified: entry.lastModified ?? new Date(0) });
    }
    return keys;
  }
}
