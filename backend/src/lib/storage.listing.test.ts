import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it, inject } from 'vitest';
import { BucketAccess } from '../modules/backup/objects.ts';
import { fileStorage } from '../modules/files/file-storage.ts';
import { ObjectStore } from './storage.ts';

// Listings longer than one S3 page (1,000 keys), on the real embedded object server. s3rver
// makes the continuation token of a truncated page with DES, which Node 24's OpenSSL only has
// with --openssl-legacy-provider (infra/src/stack.ts s3ServerArgs): without it every listing
// past 1,000 objects answered HTTP 500, so orphan sweeps and object backups failed.
const env = inject('stackEnv');
const bucket = `t-list-${randomBytes(4).toString('hex')}`;
const settings = {
  S3_ENDPOINT: env.S3_ENDPOINT!,
  S3_ACCESS_KEY: env.S3_ACCESS_KEY!,
  S3_SECRET_KEY: env.S3_SECRET_KEY!,
  S3_BUCKET: bucket,
  S3_REGION: env.S3_REGION ?? 'us-east-1',
};
const store = new ObjectStore({
  endpoint: settings.S3_ENDPOINT,
  accessKey: settings.S3_ACCESS_KEY,
  secretKey: settings.S3_SECRET_KEY,
  bucket,
  region: settings.S3_REGION,
});

/** 2,050 objects under one prefix (three pages), laid out like scans, plus one elsewhere. */
const OWNERS = 41;
const PER_OWNER = 50;
const hex = (n: number) => n.toString(16).padStart(24, '0');
const expected: string[] = [];
for (let o = 0; o < OWNERS; o++)
  for (let f = 0; f < PER_OWNER; f++)
    expected.push(`letters/2026/${hex(o)}/${hex(o * PER_OWNER + f)}/original.png`);
const OUTSIDE = 'reports/2026/outside.csv';

beforeAll(async () => {
  await store.ensureBucket();
  const keys = [...expected, OUTSIDE];
  const body = Buffer.from('x');
  for (let i = 0; i < keys.length; i += 32)
    await Promise.all(keys.slice(i, i + 32).map((k) => store.put(k, body, 1, 'image/png')));
});

describe('listing more than one page of objects', () => {
  it('FileStorage.list returns every object under the prefix once', async () => {
    const listed = (await fileStorage(settings).list('letters/')).map((o) => o.key);
    expect(listed.length).toBe(expected.length);
    expect(new Set(listed)).toEqual(new Set(expected));
  });

  it('ObjectStore.listKeys returns every object under the prefix once', async () => {
    const listed = (await store.listKeys('letters/2026/')).map((o) => o.key);
    expect(listed.length).toBe(expected.length);
    expect(new Set(listed)).toEqual(new Set(expected));
  });

  it('the backup walks the whole bucket', async () => {
    const listed: string[] = [];
    for await (const entry of new BucketAccess(settings).keys()) {
      expect(entry.size).toBe(1);
      listed.push(entry.key);
    }
    expect(listed.length).toBe(expected.length + 1);
    expect(new Set(listed)).toEqual(new Set([...expected, OUTSIDE]));
  });
});
