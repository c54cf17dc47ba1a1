// The index mirror against the real engine: the GIN expression indexes exist, and
// PostgreSQL's plans for the hot query shapes (read through FerretDB's own `explain`, which
// on 1.24 returns the PostgreSQL plan of the SQL it would run) use them. Fails when a hot
// shape becomes a sequential scan: a field dropped from its model's indexes, a read no
// longer pushed down, or the mirror itself broken.
import mongoose from 'mongoose';
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  collectionTables,
  mirrorIndexName,
  mirrorIndexesToPostgres,
  mirrorPlan,
  mirrorRefusal,
} from '../src/lib/ferretdb-index-mirror.ts';
import { AuditEventModel } from '../src/modules/audit/audit.model.ts';
import { SessionModel } from '../src/modules/auth/auth.model.ts';
import { DispositionModel } from '../src/modules/dispositions/disposition.model.ts';
import { StoredFileModel } from '../src/modules/files/file.model.ts';
import { ImportedLetterModel } from '../src/modules/import/import.model.ts';
import { IncomingLetterModel } from '../src/modules/letters/letters.model.ts';
import { OcrPageModel } from '../src/modules/ocr/ocr-page.model.ts';
import { SearchEventModel } from '../src/modules/search/search-event.model.ts';
import { createTestContext } from './harness.ts';

const { ObjectId } = mongoose.Types;
await createTestContext();
const postgresUrl =
  inject('stackEnv').FERRETDB_POSTGRESQL_URL ?? process.env.FERRETDB_POSTGRESQL_URL;

const N = 3000;
const positions = Array.from({ length: 30 }, () => new ObjectId());
const letterIds = Array.from({ length: N }, () => new ObjectId());
const at = (i: number) => new Date(Date.UTC(2022 + (i % 4), i % 12, 1 + (i % 28)));

/** Documents shaped like the real ones in the fields the hot reads filter on; written
 * straight to the collections (the plans depend on the data, not on validation). */
async function seed(): Promise<void> {
  await IncomingLetterModel.collection.insertMany(
    letterIds.map((_id, i) => ({
      _id,
      register: i % 3 === 0 ? 'SEKDA' : 'UMUM',
      agendaYear: 2022 + (i % 4),
      agendaNumber: i,
      agendaKey: `R${i % 3}:${2022 + (i % 4)}:${i}`,
      // Access keys (letters/letters.keys.ts); the array fields hold several keys each.
      agendaBucket: `R${i % 3}:${2022 + (i % 4)}:${Math.floor(i / 100)}`,
      boxBuckets: [
        `a:${positions[i % 30]}:R${i % 3}:${2022 + (i % 4)}:${Math.floor(i / 100)}`,
        `a:${positions[i % 30]}:R${i % 3}:${2022 + (i % 4)}`,
        `c:${positions[(i + 1) % 30]}:R${i % 3}:${2022 + (i % 4)}`,
      ],
      unreadKeys: i % 2 ? [`a:${positions[i % 30]}`] : [],
      addresseeStatusKey: `${positions[i % 30]}:${i % 5 ? 'in_progress' : 'registered'}`,
      status: 'registered',
      createdAt: at(i),
    })),
  );
  await DispositionModel.collection.insertMany(
    letterIds.map((letterId, i) => ({
      letterId,
      parentId: null,
      toPositionId: positions[i % positions.length],
      // Access keys (dispositions/disposition.keys.ts): one string, and day-bucket arrays.
      inboxKey: `${positions[i % positions.length]}:${i % 2 ? 'open' : 'selesai'}`,
      dayKeys: [
        `${positions[i % positions.length]}:r:${20000 + (i % 400)}`,
        `${positions[(i + 3) % positions.length]}:s:${20000 + (i % 400)}`,
      ],
      openUnitPath: i % 2 ? [positions[i % 5], positions[5 + (i % 10)]] : [],
      status: i % 2 ? 'sent' : 'completed',
      open: i % 2 === 1,
      sentAt: at(i),
    })),
  );
  await StoredFileModel.collection.insertMany(
    letterIds.map((ownerId, i) => ({
      ownerType: 'incoming',
      ownerId,
      key: `letters/2025/${ownerId}/${i}/original.pdf`,
      sha256: `${i}`.padStart(64, '0'),
    })),
  );
  await AuditEventModel.collection.insertMany(
    letterIds.map((recordId, i) => ({
      seq: i + 1,
      recordType: 'incoming_letter',
      recordId: String(recordId),
      action: 'letter.registered',
      at: at(i),
    })),
  );
  await OcrPageModel.collection.insertMany(
    letterIds.map((fileId, i) => ({ fileId, page: 1 + (i % 3), text: 'halaman' })),
  );
  await SearchEventModel.collection.insertMany(
    letterIds.map((letterId, i) => ({
      seq: i + 1,
      seqBucket: Math.floor((i + 1) / 100),
      letterId,
      kind: 'letter',
    })),
  );
  await ImportedLetterModel.collection.insertMany(
    letterIds.map((letterId, i) => ({ letterId, importKey: `k${i}`, textPending: i % 100 === 0 })),
  );
  await SessionModel.collection.insertMany(
    letterIds.map((_, i) => ({
      tokenHash: `${i}`.padStart(64, 'f'),
      userId: positions[i % positions.length],
      createdAt: at(i),
    })),
  );
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

function describePlan(plan: PlanNode): string {
  const name = plan['Index Name'] ? ` on ${plan['Index Name']}` : '';
  const children = plan.Plans?.length ? ` [${plan.Plans.map(describePlan).join(', ')}]` : '';
  return `${plan['Node Type']}${name}${children}`;
}

async function explain(model: mongoose.Model<never>, filter: Record<string, unknown>) {
  const db = mongoose.connection.db!;
  const result = await db.command({
    explain: { find: model.collection.collectionName, filter },
    verbosity: 'queryPlanner',
  });
  return {
    pushedDown: result.filterPushdown as boolean,
    plan: (result.queryPlanner as { Plan: PlanNode }).Plan,
  };
}

describe('FerretDB index mirror', () => {
  let tables: Map<string, string>;
  let firstRun: string[];

  let builtAtStart: string[];

  beforeAll(async () => {
    expect(postgresUrl, 'the test stack must expose FERRETDB_POSTGRESQL_URL').toBeTruthy();
    // What startServices -> ensureIndexes already built, before this file calls the mirror.
    const before = new pg.Pool({ connectionString: postgresUrl, max: 1 });
    try {
      const rows = await before.query<{ name: string }>(
        `SELECT tablename || '.' || indexname AS name FROM pg_indexes WHERE schemaname = $1`,
        [mongoose.connection.db!.databaseName],
      );
      builtAtStart = rows.rows.map((row) => row.name);
    } finally {
      await before.end();
    }
    firstRun = (await mirrorIndexesToPostgres({ postgresUrl: postgresUrl! })).ensured;
    await seed();
    const pool = new pg.Pool({ connectionString: postgresUrl, max: 1 });
    try {
      tables = await collectionTables(pool, mongoose.connection.db!.databaseName);
      // Fresh statistics, as autovacuum would have them on a live system.
      for (const table of tables.values()) {
        await pool.query(`ANALYZE "${mongoose.connection.db!.databaseName}"."${table}"`);
      }
    } finally {
      await pool.end();
    }
  });

  it('mirrors every top-level field of every declared index, and skips dotted paths', () => {
    const plan = mirrorPlan();
    const dispositions = plan.get(DispositionModel.collection.collectionName)!;
    expect(dispositions.fields).toEqual(expect.arrayContaining(['_id', 'inboxKey', 'letterId']));
    for (const { fields, skipped } of plan.values()) {
      expect(fields.filter((f) => f.includes('.'))).toEqual([]);
      expect(skipped.filter((f) => !f.includes('.'))).toEqual([]);
    }
    for (const [collection, { fields }] of plan) {
      const table = tables.get(collection);
      if (!table) continue;
      for (const field of fields)
        expect(firstRun).toContain(`${table}.${mirrorIndexName(table, field)}`);
    }
  });

  it('runs at start-up, from ensureIndexes', () => {
    expect(builtAtStart).toEqual(expect.arrayContaining(firstRun));
  });

  it('is idempotent', async () => {
    const again = await mirrorIndexesToPostgres({ postgresUrl: postgresUrl! });
    expect(again.refused).toBeUndefined();
    expect(again.ensured).toEqual(expect.arrayContaining(firstRun));
    expect(again.dropped).toEqual([]);
  });

  it('drops the mirrored index of a field no longer declared, and nothing else', async () => {
    const schema = mongoose.connection.db!.databaseName;
    const table = tables.get(DispositionModel.collection.collectionName)!;
    const stale = mirrorIndexName(table, 'fieldNoLongerDeclared');
    const pool = new pg.Pool({ connectionString: postgresUrl, max: 1 });
    try {
      await pool.query(
        `CREATE INDEX "${stale}" ON "${schema}"."${table}" USING gin ((_jsonb -> 'fieldNoLongerDeclared') jsonb_path_ops)`,
      );
      const result = await mirrorIndexesToPostgres({ postgresUrl: postgresUrl! });
      expect(result.dropped).toEqual([`${table}.${stale}`]);
      const left = await pool.query(`SELECT 1 FROM pg_indexes WHERE indexname = $1`, [stale]);
      expect(left.rowCount).toBe(0);
    } finally {
      await pool.end();
    }
  });

  it('touches only FerretDB 1.24.x', async () => {
    const buildInfo = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
    expect(mirrorRefusal(buildInfo)).toBeUndefined();
    expect(mirrorRefusal({ ...buildInfo, ferretdbVersion: 'v2.0.0' })).toMatch(/v2\.0\.0/);
    expect(mirrorRefusal({ version: '7.0.14' })).toBe('the database is not FerretDB');
  });

  it('names indexes within PostgreSQL limits, apart from FerretDB names', () => {
    const name = mirrorIndexName('a'.repeat(63), 'b'.repeat(200));
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/_gin$/);
    expect(mirrorIndexName('letters_1234abcd', 'x')).not.toBe(
      mirrorIndexName('letters_1234abcd', 'y'),
    );
  });

  const sample = () => ({
    letterId: letterIds[1234]!,
    position: positions[7]!,
  });
  const hotShapes: [string, mongoose.Model<never>, () => Record<string, unknown>][] = [
    ['letter by _id', IncomingLetterModel as never, () => ({ _id: sample().letterId })],
    ['letter by agendaKey', IncomingLetterModel as never, () => ({ agendaKey: 'R1:2023:1234' })],
    [
      'a page of the register (agenda bucket)',
      IncomingLetterModel as never,
      () => ({ agendaBucket: 'R1:2023:12' }),
    ],
    [
      "a page of an official's box (array of bucket keys)",
      IncomingLetterModel as never,
      () => ({ boxBuckets: `a:${positions[7]}:R1:2023:12` }),
    ],
    [
      'unread letters of a position (array key)',
      IncomingLetterModel as never,
      () => ({ unreadKeys: `a:${positions[7]}` }),
    ],
    [
      'letters awaiting the disposition of a position',
      IncomingLetterModel as never,
      () => ({ addresseeStatusKey: `${positions[7]}:registered` }),
    ],
    ['disposition by _id', DispositionModel as never, () => ({ _id: new ObjectId() })],
    [
      'open dispositions of a position (inbox key)',
      DispositionModel as never,
      () => ({ inboxKey: `${sample().position}:open` }),
    ],
    [
      "a day of a position's received history (day keys)",
      DispositionModel as never,
      () => ({ dayKeys: `${sample().position}:r:20123` }),
    ],
    [
      'open items of a unit subtree',
      DispositionModel as never,
      () => ({ openUnitPath: positions[12]! }),
    ],
    [
      'dispositions of a letter',
      DispositionModel as never,
      () => ({ letterId: sample().letterId }),
    ],
    ['files of a letter', StoredFileModel as never, () => ({ ownerId: sample().letterId })],
    [
      'audit trail of a record',
      AuditEventModel as never,
      () => ({ recordId: String(sample().letterId) }),
    ],
    ['OCR pages of a file', OcrPageModel as never, () => ({ fileId: sample().letterId })],
    [
      'search event tail (one sequence bucket)',
      SearchEventModel as never,
      () => ({ seqBucket: 17 }),
    ],
    // The other pushed-down value types: a date and a bool equality.
    [
      'dispositions sent at one instant (date)',
      DispositionModel as never,
      () => ({ sentAt: at(1234) }),
    ],
    [
      'imported letters waiting for text (bool)',
      ImportedLetterModel as never,
      () => ({ textPending: true }),
    ],
    ['session by _id', SessionModel as never, () => ({ _id: new ObjectId() })],
    ['session by token hash', SessionModel as never, () => ({ tokenHash: '7'.padStart(64, 'f') })],
  ];

  it.each(hotShapes)('%s is an index scan', async (_name, model, filter) => {
    const { pushedDown, plan } = await explain(model, filter());
    expect(pushedDown, 'the filter must be pushed down to PostgreSQL').toBe(true);
    const scans = nodes(plan).filter((n) => /Scan$/.test(n['Node Type']));
    const summary = describePlan(plan);
    expect(
      scans.some((n) => n['Node Type'] === 'Seq Scan'),
      `sequential scan: ${summary}`,
    ).toBe(false);
    expect(
      scans.some((n) => n['Index Name']?.endsWith('_gin')),
      `no mirrored index used: ${summary}`,
    ).toBe(true);
  });
});
