// The index mirror: makes the indexes the models declare for MongoDB usable by FerretDB's
// PostgreSQL handler (docs/architecture.md, "Index mirror").
//
// Pinned to FerretDB 1.24.x, whose internals this relies on (read in its module source,
// internal/backends/postgresql/):
// - each MongoDB database is a PostgreSQL schema of the same name; each collection is a
//   table `<collection>_<fnv32 hash>` with one column `_jsonb`, and the schema's
//   `_ferretdb_database_metadata` table maps collection names (`_jsonb->>'_id'`) to table
//   names (`_jsonb->>'table'`) (metadata/registry.go);
// - a top-level equality filter on a string, ObjectId, date, bool, int or double is pushed
//   into SQL as `_jsonb->$1 @> $2` (query.go, filterEqual): the field name is a parameter,
//   so a custom plan sees `(_jsonb -> 'field') @> '<json>'`. ObjectIds are stored as their
//   hex string, dates as epoch milliseconds (handler/sjson), so every pushed-down form is a
//   jsonb scalar containment;
// - the indexes FerretDB builds for `createIndex` are btrees on `((_jsonb->'field'))`, which
//   `@>` cannot use; dotted paths are never pushed down (handler/msg_find.go removes them
//   unless the non-default nested pushdown is on).
// So every top-level field of every declared index gets a GIN expression index on
// `(_jsonb->'field')`. `jsonb_path_ops` rather than the default `jsonb_ops`: it serves `@>`
// (the only operator pushed down for equality) equally well, and is about half the size on
// near-unique fields such as `_id` (measured: 1.1 MB against 2.1 MB at 20,000 documents).
// Index names end in `_gin`; FerretDB's own end in `_<hash>_idx`, so they never collide, and
// FerretDB never lists them (listIndexes reads its metadata table, not pg_indexes). Dropping
// a collection or database drops the table or schema, and our indexes with it.
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import pg from 'pg';
import type { Logger } from './logger.ts';

/** The FerretDB versions whose storage layout this adapter was written against. */
export const MIRRORED_FERRETDB_VERSION = /^v?1\.24\./;

const METADATA_TABLE = '_ferretdb_database_metadata';
const OPERATOR_CLASS = 'jsonb_path_ops';

export interface CollectionMirror {
  /** Top-level fields that get a GIN expression index, `_id` included. */
  fields: string[];
  /** Dotted paths of declared indexes: FerretDB never pushes them down, so not mirrored. */
  skipped: string[];
}

/** Which fields each collection's declared indexes need mirrored; one entry per collection
 * (discriminators and several models over one collection are merged). */
export function mirrorPlan(
  models: mongoose.Model<unknown>[] = Object.values(mongoose.models) as mongoose.Model<unknown>[],
): Map<string, CollectionMirror> {
  const plan = new Map<string, { fields: Set<string>; skipped: Set<string> }>();
  for (const model of models) {
    const name = model.collection.collectionName;
    const entry = plan.get(name) ?? { fields: new Set(['_id']), skipped: new Set<string>() };
    plan.set(name, entry);
    for (const [keys] of model.schema.indexes()) {
      for (const field of Object.keys(keys)) {
        if (field.includes('.')) entry.skipped.add(field);
        else entry.fields.add(field);
      }
    }
  }
  return new Map(
    [...plan].map(([name, { fields, skipped }]) => [
      name,
      { fields: [...fields].sort(), skipped: [...skipped].sort() },
    ]),
  );
}

/** A stable PostgreSQL index name (<= 63 bytes) for one field of one FerretDB table. */
export function mirrorIndexName(table: string, field: string): string {
  const hash = createHash('sha1').update(`${table}\0${field}`).digest('hex').slice(0, 8);
  const part = (s: string, max: number) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .slice(0, max);
  return `${part(table, 24)}_${part(field, 24)}_${hash}_gin`;
}

export interface MirrorResult {
  /** Why nothing was done, when nothing was. */
  refused?: string;
  /** Indexes ensured (created now or already there), as `<table>.<index>`. */
  ensured: string[];
  /** `<collection>.<path>` of declared index fields that were not mirrored. */
  skipped: string[];
  /** Mirrored indexes of fields no longer declared, dropped, as `<table>.<index>`. */
  dropped: string[];
}

/** Why the mirror must not touch this server (from its `buildInfo` answer), or undefined. */
export function mirrorRefusal(buildInfo: Record<string, unknown>): string | undefined {
  const version = buildInfo.ferretdbVersion;
  if (typeof version !== 'string') return 'the database is not FerretDB';
  if (!MIRRORED_FERRETDB_VERSION.test(version))
    return `FerretDB ${version} is not the 1.24.x this index mirror was written for`;
  return undefined;
}

/** Ensures the GIN expression indexes for every declared index of every registered model in
 * the connected database; idempotent. Call after the models' own `createIndexes()`, which
 * creates the collections (tables) the indexes go on. */
export async function mirrorIndexesToPostgres(options: {
  postgresUrl: string;
  logger?: Logger;
  connection?: mongoose.Connection;
  models?: mongoose.Model<unknown>[];
}): Promise<MirrorResult> {
  const connection = options.connection ?? mongoose.connection;
  const db = connection.db;
  if (!db) throw new Error('database not connected');
  const refused = mirrorRefusal(await db.admin().command({ buildInfo: 1 }));
  if (refused) {
    options.logger?.warn(`index mirror skipped: ${refused}`);
    return { refused, ensured: [], skipped: [], dropped: [] };
  }

  const plan = mirrorPlan(options.models);
  const schema = db.databaseName;
  const pool = new pg.Pool({ connectionString: options.postgresUrl, max: 1 });
  const result: MirrorResult = { ensured: [], skipped: [], dropped: [] };
  try {
    const tables = await collectionTables(pool, schema);
    for (const [collection, { fields, skipped }] of plan) {
      result.skipped.push(...skipped.map((path) => `${collection}.${path}`));
      const table = tables.get(collection);
      if (!table) continue; // not created yet: the next start mirrors it
      const wanted = new Set<string>();
      for (const field of fields) {
        const index = mirrorIndexName(table, field);
        await createIndex(pool, schema, table, index, field);
        wanted.add(index);
        result.ensured.push(`${table}.${index}`);
      }
      // A field dropped from the model's indexes leaves its GIN index behind; every update
      // rewrites every index of the row (PostgreSQL never makes them HOT here), so it goes.
      // Only the tables of registered models are looked at: a process that registers fewer
      // models (an operator command) leaves the others alone.
      for (const index of await mirroredIndexes(pool, schema, table)) {
        if (wanted.has(index)) continue;
        await pool.query(`DROP INDEX IF EXISTS ${ident(schema)}.${ident(index)}`);
        result.dropped.push(`${table}.${index}`);
      }
    }
  } finally {
    await pool.end();
  }
  options.logger?.info(
    {
      schema,
      indexes: result.ensured.length,
      dropped: result.dropped,
      skippedDottedPaths: result.skipped,
    },
    'index mirror: GIN expression indexes ensured for FerretDB',
  );
  return result;
}

/** Collection name -> table name, from FerretDB's metadata table of the schema. */
export async function collectionTables(
  pool: pg.Pool,
  schema: string,
): Promise<Map<string, string>> {
  const exists = await pool.query(
    `SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`,
    [schema, METADATA_TABLE],
  );
  if (exists.rowCount === 0) return new Map();
  const rows = await pool.query<{ name: string; table: string }>(
    `SELECT _jsonb->>'_id' AS name, _jsonb->>'table' AS table FROM ${ident(schema)}.${ident(METADATA_TABLE)}`,
  );
  return new Map(rows.rows.map((row) => [row.name, row.table]));
}

/** The indexes of one table that the mirror made (by their name's `_gin` ending, which
 * FerretDB never uses). */
async function mirroredIndexes(pool: pg.Pool, schema: string, table: string): Promise<string[]> {
  const rows = await pool.query<{ indexname: string }>(
    `SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 AND indexname LIKE '%\\_gin'`,
    [schema, table],
  );
  return rows.rows.map((row) => row.indexname);
}

async function createIndex(
  pool: pg.Pool,
  schema: string,
  table: string,
  index: string,
  field: string,
): Promise<void> {
  try {
    await pool.query(
      `CREATE INDEX IF NOT EXISTS ${ident(index)} ON ${ident(schema)}.${ident(table)} ` +
        `USING gin ((_jsonb -> ${literal(field)}) ${OPERATOR_CLASS})`,
    );
  } catch (error) {
    // Two processes starting at once (API and worker) race on the catalog: IF NOT EXISTS
    // does not cover a concurrent creation, which fails with a unique violation instead
    // (23505; 42P07 if the race is lost later in the creation).
    if (['23505', '42P07'].includes((error as { code?: string }).code ?? '')) return;
    throw error;
  }
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
