import { Client } from 'minio';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Config } from '../../config.ts';

/**
 * Streaming access to the bucket for uploads and downloads of scans.
 *
 * The shared ObjectStore (lib/storage.ts) is fine for small derived files, but the minio
 * client reads a stream of unknown length into memory in parts of over 500 MB, and its
 * resumable upload asks the server for unfinished uploads first (which s3rver lacks). So
 * scans go up here: a file that fits in one 8 MiB part is one PUT; a larger one is an S3
 * multipart upload of 8 MiB parts, so memory per upload stays bounded whatever the size.
 */
const PART_SIZE = 8 * 1024 * 1024;

export class FileStorage {
  readonly bucket: string;
  private readonly client: Client;

  constructor(
    config: Pick<
      Config,
      'S3_ENDPOINT' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY' | 'S3_BUCKET' | 'S3_REGION'
    >,
  ) {
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
    });
    this.bucket = config.S3_BUCKET;
  }

  async putStream(key: string, source: AsyncIterable<Buffer>, contentType: string): Promise<void> {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let uploadId: string | null = null;
    const parts: Array<{ part: number; etag: string }> = [];
    const sendPart = async () => {
      const body = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      const part = parts.length + 1;
      const response = await this.client.makeRequestAsyncOmit(
        {
          method: 'PUT',
          bucketName: this.bucket,
          objectName: key,
          query: `partNumber=${part}&uploadId=${encodeURIComponent(uploadId!)}`,
          headers: {
            'Content-Length': body.length,
            'Content-MD5': createHash('md5').update(body).digest('base64'),
          },
        },
        body,
      );
      parts.push({ part, etag: String(response.headers.etag ?? '').replace(/"/g, '') });
    };
    try {
      for await (const chunk of source) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= PART_SIZE) {
          uploadId ??= await this.client.initiateNewMultipartUpload(this.bucket, key, {
            'Content-Type': contentType,
          });
          await sendPart();
        }
      }
      if (uploadId === null) {
        await this.client.putObject(this.bucket, key, Buffer.concat(pending), pendingBytes, {
          'Content-Type': contentType,
        });
        return;
      }
      if (pendingBytes > 0) await sendPart();
      await this.client.completeMultipartUpload(this.bucket, key, uploadId, parts);
    } catch (error) {
      if (uploadId !== null)
        await this.client.abortMultipartUpload(this.bucket, key, uploadId).catch(() => undefined);
      throw error;
    }
  }

  async putBuffer(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.putObject(this.bucket, key, body, body.length, {
      'Content-Type': contentType,
    });
  }

  /** Removes the object (a missing one is fine: removal is idempotent). */
  async removeAll(key: string): Promise<void> {
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
      if (entry.name)
        keys.push({ key: entry.name, lastModified: entry.lastModified ?? new Date(0) });
    }
    return keys;
  }
}

const instances = new Map<string, FileStorage>();

/** One client per bucket (tests run several buckets on one server). */
export function fileStorage(
  config: Pick<
    Config,
    'S3_ENDPOINT' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY' | 'S3_BUCKET' | 'S3_REGION'
  >,
): FileStorage {
  const id = `${config.S3_ENDPOINT}|${config.S3_BUCKET}`;
  let storage = instances.get(id);
  if (!storage) {
    storage = new FileStorage(config);
    instances.set(id, storage);
  }
  return storage;
}
