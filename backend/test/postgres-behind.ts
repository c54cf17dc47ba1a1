import pg from 'pg';
import type { Config } from '../src/config.ts';

/**
 * Fault tests reach the PostgreSQL database behind FerretDB (FERRETDB_POSTGRESQL_URL) to make
 * the real database refuse, slow down or block chosen writes and reads. FerretDB's PostgreSQL
 * handler keeps each collection of a database in a table of the schema named after the
 * database; `_ferretdb_database_metadata` names the table.
 */
interface CollectionTable {
  /** One connection of its own. */
  pool: pg.Pool;
  /** The quoted, schema-qualified table name. */
  table: string;
  schema: string;
}

/** The database behind FerretDB and the database (schema) a test uses in it. */
type Database = Pick<Config, 'FERRETDB_POSTGRESQL_URL' | 'MONGODB_DB'>;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

async function collectionTable(config: Database, collection: string): Promise<CollectionTable> {
  const url = config.FERRETDB_POSTGRESQL_URL;
  if (!url) throw new Error('the test stack must expose FERRETDB_POSTGRESQL_URL');
  const schema = ident(config.MONGODB_DB);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const { rows } = await pool.query<{ table: string }>(
    `SELECT _jsonb->>'table' AS table FROM ${schema}._ferretdb_database_metadata WHERE _jsonb->>'_id' = $1`,
    [collection],
  );
  if (!rows[0]) {
    await pool.end();
    throw new Error(`no table for ${collection}`);
  }
  return { pool, table: `${schema}.${ident(rows[0].table)}`, schema };
}

export interface RowTrigger {
  /** The plpgsql statements the trigger runs before each insert or update of a row. */
  body: string;
  /** Only rows whose top-level string `field` is `value`; every row without it. */
  only?: { field: string; value: string };
}

/** Puts a BEFORE INSERT OR UPDATE trigger on the collection's table until the returned
 * function removes it: RAISE EXCEPTION refuses chosen writes, pg_sleep slows them. */
export async function addRowTrigger(
  config: Config,
  collection: string,
  trigger: RowTrigger,
): Promise<() => Promise<void>> {
  const { pool, table, schema } = await collectionTable(config, collection);
  const fn = `${schema}.lontar_test_trigger`;
  const when = trigger.only
    ? `WHEN (NEW._jsonb->>${literal(trigger.only.field)} = ${literal(trigger.only.value)})`
    : '';
  await pool.query(
    `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${trigger.body} RETURN NEW; END $$`,
  );
  await pool.query(
    `CREATE TRIGGER lontar_test_trigger BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW ${when} EXECUTE FUNCTION ${fn}()`,
  );
  return async () => {
    await pool.query(`DROP TRIGGER IF EXISTS lontar_test_trigger ON ${table}`);
    await pool.end();
  };
}

export interface TableLock {
  /** How many other sessions wait for the lock now. */
  waiting(): Promise<number>;
  release(): Promise<void>;
}

/** Locks the collection's table against every read and write (ACCESS EXCLUSIVE) until
 * release(): each FerretDB operation on it then waits, holding its PostgreSQL connection. */
export async function lockCollectionTable(
  config: Database,
  collection: string,
): Promise<TableLock> {
  const { pool, table } = await collectionTable(config, collection);
  const locker = await pool.connect();
  const monitor = new pg.Pool({ connectionString: config.FERRETDB_POSTGRESQL_URL, max: 1 });
  await locker.query('BEGIN');
  await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  const lockerPid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!
    .pid;
  return {
    async waiting() {
      const { rows } = await monitor.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
        [lockerPid],
      );
      return Number(rows[0]!.n);
    },
    async release() {
      await locker.query('COMMIT');
      locker.release();
      await pool.end();
      await monitor.end();
    },
  };
}
