import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startProcess, type ManagedProcess } from '@lontar/infra/child';
import { startFerretDb } from '@lontar/infra/ferretdb';
import { freePort, waitForPort } from '@lontar/infra/ports';
import { s3ServerArgs, startStack } from '@lontar/infra/stack';
import { buildApp } from '../src/app.ts';
import { startServices } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { collectionNames, toLine } from '../src/modules/backup/collections.ts';
import { BucketAccess } from '../src/modules/backup/objects.ts';
import { lettersStartupTask } from '../src/modules/letters/letters.maintenance.ts';
import { registerLettersWithScans } from '../src/modules/letters/letters.fixtures.ts';
import { loginAs, seedDemoOrganisation } from './auth-helpers.ts';

// Two FerretDB servers, a PostgreSQL cluster of its own and the backup/restore run.

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lontar-migration-'));
const S3 = { S3_ACCESS_KEY: 'S3RVER', S3_SECRET_KEY: 'S3RVER', S3_BUCKET: 'lontar' };
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  await mongoose.disconnect();
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

/** The object store of a data/ folder, as the old default ran it. */
async function startObjects(): Promise<{ endpoint: string; process: ManagedProcess }> {
  const port = await freePort();
  const proc = startProcess(
    's3rver',
    process.execPath,
    s3ServerArgs(path.join(dataDir, 's3'), port),
    { logDir: path.join(dataDir, 'logs') },
  );
  await waitForPort(port, 120_000, proc.alive);
  return { endpoint: `http://127.0.0.1:${port}`, process: proc };
}

/** Every document of every collection as canonical Extended JSON, sorted. */
async function snapshot(uri: string): Promise<Record<string, string[]>> {
  const client = await mongoose.mongo.MongoClient.connect(uri);
  try {
    const db = client.db('lontar');
    const out: Record<string, string[]> = {};
    for (const name of await collectionNames(db)) {
      const docs = await db
        .collection(name)
        .find({}, { promoteValues: false, promoteLongs: false, promoteBuffers: false })
        .toArray();
      out[name] = docs.map(toLine).sort();
    }
    return out;
  } finally {
    await client.close();
  }
}

async function objectHashes(endpoint: string): Promise<Record<string, string>> {
  const bucket = new BucketAccess({ ...S3, S3_ENDPOINT: endpoint, S3_REGION: 'us-east-1' });
  const out: Record<string, string> = {};
  for await (const { key } of bucket.keys()) {
    const hash = createHash('sha256');
    for await (const chunk of await bucket.client.getObject(bucket.bucket, key))
      hash.update(chunk as Buffer);
    out[key] = hash.digest('hex');
  }
  return out;
}

function configFor(uri: string, endpoint: string, extra: Record<string, string> = {}) {
  return loadConfig({
    ...S3,
    ...extra,
    LONTAR_MODE: 'test',
    LOG_LEVEL: 'silent',
    MONGODB_URI: uri,
    MONGODB_DB: 'lontar',
    S3_ENDPOINT: endpoint,
  });
}

describe('migration of a data/ folder of the old SQLite default', () => {
  it('moves every document onto PostgreSQL on the first start, keeps the old files, and is not repeated', async () => {
    // 1. A data/ folder as the SQLite default left it: letters with scans, made through the API.
    const legacy = await startFerretDb(
      process.env.FERRETDB_BIN!,
      {
        handler: 'sqlite',
        dir: path.join(dataDir, 'ferretdb'),
      },
      path.join(dataDir, 'logs'),
    );
    stops.push(() => legacy.process.stop());
    const objects = await startObjects();
    stops.push(() => objects.process.stop());
    const services = await startServices('test', configFor(legacy.uri, objects.endpoint));
    const app = buildApp(services).callback();
    await seedDemoOrganisation();
    await lettersStartupTask(services);
    const clerk = await loginAs(() => supertest.agent(app), 'agendaris');
    await registerLettersWithScans(clerk, 'migrasi', 3);
    await mongoose.disconnect();
    const before = await snapshot(legacy.uri);
    const objectsBefore = await objectHashes(objects.endpoint);
    await legacy.process.stop();
    await objects.process.stop();
    expect(before.incoming_letters).toHaveLength(3);
    expect(Object.keys(objectsBefore).length).toBeGreaterThanOrEqual(6);

    // 2. A migration cut off earlier left a half-built cluster and a half-written backup.
    mkdirSync(path.join(dataDir, 'postgres.migrating', 'pgdata'), { recursive: true });
    writeFileSync(path.join(dataDir, 'postgres.migrating', 'pgdata', 'PG_VERSION'), '15\n');
    mkdirSync(path.join(dataDir, 'migration-sqlite.work', 'lontar'), { recursive: true });
    writeFileSync(path.join(dataDir, 'migration-sqlite.work', 'lontar', 'manifest.json'), '{}');

    // 3. The first start of the new version migrates, then serves the same data.
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => {
      lines.push(String(line));
    });
    let stack;
    try {
      stack = await startStack({ dataDir, logDir: path.join(dataDir, 'logs') });
    } finally {
      log.mockRestore();
    }
    stops.push(() => stack.stop());
    expect(lines.join('\n')).toMatch(/migrating the SQLite database/);
    expect(stack.env.FERRETDB_POSTGRESQL_URL).toMatch(/^postgres:\/\//);
    const after = await snapshot(stack.env.MONGODB_URI!);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const name of Object.keys(before)) expect(after[name], name).toEqual(before[name]);
    expect(await objectHashes(stack.env.S3_ENDPOINT!)).toEqual(objectsBefore);

    // The old files are kept aside, the leftovers of the cut-off run are gone.
    expect(existsSync(path.join(dataDir, 'ferretdb'))).toBe(false);
    const kept = path.join(dataDir, 'ferretdb-sqlite.migrated');
    expect(readdirSync(kept).filter((name) => name.endsWith('.sqlite'))).toContain('lontar.sqlite');
    expect(existsSync(path.join(dataDir, 'postgres.migrating'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'migration-sqlite.work'))).toBe(false);

    // The API on the new engine: a demo user logs in, the letters and their scans are there.
    const migrated = await startServices(
      'test',
      configFor(stack.env.MONGODB_URI!, stack.env.S3_ENDPOINT!, {
        FERRETDB_POSTGRESQL_URL: stack.env.FERRETDB_POSTGRESQL_URL!,
      }),
    );
    const agent = await loginAs(() => supertest.agent(buildApp(migrated).callback()), 'agendaris');
    const letter = JSON.parse(before.incoming_letters![0]!) as { _id: { $oid: string } };
    const page = await agent.get(`/api/incoming-letters/${letter._id.$oid}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    await mongoose.disconnect();

    // 4. Stopped and started again: no second migration, the data persists, and a
    // postmaster.pid left by a crash (its process long gone) does not block the start.
    await stack.stop();
    stops.pop();
    writeFileSync(
      path.join(dataDir, 'postgres', 'pgdata', 'postmaster.pid'),
      `${2 ** 22 + 17}\n${path.join(dataDir, 'postgres', 'pgdata')}\n`,
    );
    const again = await startStack({ dataDir, logDir: path.join(dataDir, 'logs') });
    stops.push(() => again.stop());
    expect((await snapshot(again.env.MONGODB_URI!)).incoming_letters).toEqual(
      before.incoming_letters,
    );
    expect(existsSync(kept)).toBe(true);
    // A second start on the same folder while this one runs is refused, not let loose on it.
    await expect(startStack({ dataDir, logDir: path.join(dataDir, 'logs') })).rejects.toThrow(
      /in use by process/,
    );
    expect((await snapshot(again.env.MONGODB_URI!)).incoming_letters).toHaveLength(3);
    expect(existsSync(path.join(dataDir, 'ferretdb-sqlite.migrated-2'))).toBe(false);
  });
});
