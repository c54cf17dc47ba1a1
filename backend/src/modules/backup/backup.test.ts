import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { registerLettersWithScans } from '../letters/letters.fixtures.ts';
import { lettersStartupTask } from '../letters/letters.maintenance.ts';
import { createBackup } from './backup.service.ts';
import { collectionNames, toLine } from './collections.ts';
import { BackupError, readManifest } from './manifest.ts';
import { BucketAccess } from './objects.ts';

const run = promisify(execFile);
const cliDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../cli');
const ctx = await createTestContext();
await seedDemoOrganisation();
await lettersStartupTask(ctx.services);
const work = mkdtempSync(path.join(os.tmpdir(), 'lontar-backup-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const { Binary, Double, Int32, Long, ObjectId } = mongoose.mongo.BSON;
const source = new BucketAccess(ctx.config);
const target = { db: `${ctx.config.MONGODB_DB}_r`, bucket: `${ctx.config.S3_BUCKET}-r` };
const targetBucket = new BucketAccess({ ...ctx.config, S3_BUCKET: target.bucket });

function cli(script: string, args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [path.join(cliDir, script), ...args], {
    env: {
      ...process.env,
      ...inject('stackEnv'),
      LONTAR_MODE: 'test',
      LOG_LEVEL: 'silent',
      MONGODB_DB: ctx.config.MONGODB_DB,
      S3_BUCKET: ctx.config.S3_BUCKET,
      ...env,
    },
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
}

/** Every document of every collection as canonical Extended JSON, in _id order. */
async function snapshot(db: mongoose.mongo.Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const name of await collectionNames(db)) {
    const docs = await db
      .collection(name)
      .find({}, { promoteValues: false, promoteLongs: false, promoteBuffers: false })
      .toArray();
    out[name] = docs.map(toLine).sort();
  }
  return out;
}

async function indexes(db: mongoose.mongo.Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const name of await collectionNames(db)) {
    out[name] = (await db.collection(name).listIndexes().toArray())
      .map((i) => `${i.name} ${JSON.stringify(i.key)} ${i.unique ? 'unique' : ''}`)
      .sort();
  }
  return out;
}

async function objectHashes(bucket: BucketAccess): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const { key } of bucket.keys()) {
    const hash = createHash('sha256');
    for await (const chunk of await bucket.client.getObject(bucket.bucket, key))
      hash.update(chunk as Buffer);
    const stat = await bucket.client.statObject(bucket.bucket, key);
    out[key] = `${hash.digest('hex')} ${String(stat.metaData?.['content-type'])}`;
  }
  return out;
}

describe('backup and restore', () => {
  it('round-trips every record with its BSON types and every object byte for byte through pnpm backup and pnpm restore', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    await registerLettersWithScans(clerk, 'cadangan', 3);
    // Types JSON would lose, and objects beside the letters: an empty one, and one larger
    // than a multipart part (the restore streams it up in parts).
    const db = mongoose.connection.db!;
    await db.collection('backup_probe').insertOne({
      _id: new ObjectId(),
      int32: new Int32(7),
      double: new Double(7),
      long: Long.fromNumber(2 ** 40),
      binary: new Binary(randomBytes(32)),
      when: new Date('2026-11-28T02:00:00.000Z'),
      ids: [new ObjectId(), new ObjectId()],
      nested: { text: 'Surat Dinas Pekerjaan Umum — Bandar Lampung', empty: null },
    });
    await source.client.putObject(source.bucket, 'imports/probe/empty.bin', Buffer.alloc(0), 0, {
      'Content-Type': 'application/octet-stream',
    });
    const large = randomBytes(9 * 1024 * 1024);
    await source.client.putObject(source.bucket, 'imports/probe/large.bin', large, large.length, {
      'Content-Type': 'application/zip',
    });

    const dir = path.join(work, 'round-trip');
    const backup = await cli('backup.ts', ['--out', dir]);
    expect(backup.code, backup.stderr).toBe(0);
    const manifest = await readManifest(dir);
    expect(manifest).toMatchObject({
      format: 'lontar-backup',
      formatVersion: 1,
      consistency: { stable: true },
      missingObjects: [],
    });
    expect(manifest.collections.find((c) => c.name === 'incoming_letters')?.count).toBe(3);
    expect(manifest.objects.count).toBe(8);

    const restored = await cli('restore.ts', ['--from', dir], {
      MONGODB_DB: target.db,
      S3_BUCKET: target.bucket,
    });
    expect(restored.code, restored.stderr).toBe(0);

    const targetDb = mongoose.connection.getClient().db(target.db);
    try {
      const [before, after] = [await snapshot(db), await snapshot(targetDb)];
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const name of Object.keys(before)) expect(after[name], name).toEqual(before[name]);
      expect(await indexes(targetDb)).toEqual(await indexes(db));
      expect(await objectHashes(targetBucket)).toEqual(await objectHashes(source));

      const probe = await targetDb.collection('backup_probe').findOne({}, { promoteValues: false });
      expect(probe?.int32).toBeInstanceOf(Int32);
      expect(probe?.double).toBeInstanceOf(Double);
      expect(probe?.binary).toBeInstanceOf(Binary);

      // A second restore into the now occupied system is refused.
      const again = await cli('restore.ts', ['--from', dir], {
        MONGODB_DB: target.db,
        S3_BUCKET: target.bucket,
      });
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/tidak kosong/);
    } finally {
      await targetDb.dropDatabase();
    }
  });

  it('verifies every hash before writing anything and names what is damaged', async () => {
    const dir = path.join(work, 'damaged');
    await createBackup({ db: mongoose.connection.db!, bucket: source, dir });
    expect((await cli('restore.ts', ['--from', dir, '--verify-only'])).code).toBe(0);

    const manifest = await readManifest(dir);
    const lines = readFileSync(path.join(dir, 'objects.ndjson'), 'utf8').trim().split('\n');
    const { sha256, key } = lines
      .map((line) => JSON.parse(line) as { sha256: string; key: string; size: number })
      .find((o) => o.size > 0)!;
    const file = path.join(dir, 'objects', sha256.slice(0, 2), sha256);
    const bytes = readFileSync(file);
    bytes[0] = bytes[0]! ^ 0xff;
    writeFileSync(file, bytes);
    const letters = manifest.collections[0]!;
    writeFileSync(
      path.join(dir, letters.file),
      `${readFileSync(path.join(dir, letters.file), 'utf8')}{"_id":{"$oid":"000000000000000000000000"}}\n`,
    );

    const empty = { MONGODB_DB: `${target.db}x`, S3_BUCKET: `${target.bucket}x` };
    const verdict = await cli('restore.ts', ['--from', dir], empty);
    expect(verdict.code).toBe(1);
    expect(verdict.stderr).toContain(`objek ${key}`);
    expect(verdict.stderr).toContain(`koleksi ${letters.name}`);
    // Nothing was written to the target.
    const untouched = mongoose.connection.getClient().db(empty.MONGODB_DB);
    expect(await collectionNames(untouched)).toEqual([]);
    expect(await new BucketAccess({ ...ctx.config, S3_BUCKET: empty.S3_BUCKET }).isEmpty()).toBe(
      true,
    );
  });

  it('refuses a folder that is not empty, and a system that never holds still', async () => {
    const used = path.join(work, 'used');
    await createBackup({ db: mongoose.connection.db!, bucket: source, dir: used });
    await expect(
      createBackup({ db: mongoose.connection.db!, bucket: source, dir: used }),
    ).rejects.toThrow(/tidak kosong/);

    const busy = mongoose.connection.db!.collection('backup_busy');
    let writing = true;
    const writer = (async () => {
      while (writing) await busy.insertOne({ at: new Date() });
    })();
    try {
      const attempt = createBackup({
        db: mongoose.connection.db!,
        bucket: source,
        dir: path.join(work, 'busy'),
        maxRounds: 2,
      });
      await expect(attempt).rejects.toBeInstanceOf(BackupError);
      await expect(attempt).rejects.toThrow(/terus berubah/);
    } finally {
      writing = false;
      await writer;
    }
  });
});
