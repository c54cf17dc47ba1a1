// node src/cli/migrate-engine.ts --from <mongodb-uri> --to <mongodb-uri> --work <folder>
// Copies every database of one MongoDB-wire server into another, empty one, through the
// backup/restore module (a database-only backup: the object store is not moved). Run by
// infra/src/migrate-sqlite.ts to bring a data/ folder of the old SQLite default onto
// FerretDB's PostgreSQL handler. Each collection must arrive with the same number of
// documents and the same content fingerprint it had, or the run fails (exit 1) and the
// source is left as it was.
import path from 'node:path';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { createBackup } from '../modules/backup/backup.service.ts';
import { collectionNames, readCollection } from '../modules/backup/collections.ts';
import { restoreBackup } from '../modules/backup/restore.service.ts';

const USAGE =
  'Pemakaian: node src/cli/migrate-engine.ts --from <mongodb-uri> --to <mongodb-uri> --work <folder-kosong>';

const SYSTEM_DATABASES = new Set(['admin', 'config', 'local']);

async function migrate(from: string, to: string, work: string): Promise<void> {
  const source = await mongoose.mongo.MongoClient.connect(from);
  const target = await mongoose.mongo.MongoClient.connect(to);
  try {
    const { databases } = await source.db('admin').admin().listDatabases({ nameOnly: true });
    for (const { name } of databases) {
      if (SYSTEM_DATABASES.has(name)) continue;
      const dir = path.join(work, name);
      const sourceDb = source.db(name);
      const targetDb = target.db(name);
      const manifest = await createBackup({ db: sourceDb, dir });
      const report = await restoreBackup({ db: targetDb, dir });
      const problems: string[] = [];
      for (const entry of manifest.collections) {
        const before = await readCollection(sourceDb, entry.name);
        const after = await readCollection(targetDb, entry.name);
        if (before.count !== entry.count || after.count !== entry.count)
          problems.push(
            `${entry.name}: ${before.count} dokumen di sumber, ${entry.count} di cadangan, ${after.count} di tujuan`,
          );
        else if (before.fingerprint !== after.fingerprint)
          problems.push(`${entry.name}: isi dokumen di tujuan berbeda dari sumber`);
      }
      const targetNames = await collectionNames(targetDb);
      for (const entry of manifest.collections)
        if (!targetNames.includes(entry.name))
          problems.push(`${entry.name}: koleksi tidak ada di tujuan`);
      if (problems.length > 0)
        throw new Error(`Basis data ${name} tidak terpindah utuh:\n  - ${problems.join('\n  - ')}`);
      console.log(
        `Basis data ${name}: ${manifest.collections.length} koleksi, ${report.documents} dokumen dipindahkan dan dicocokkan.`,
      );
    }
  } finally {
    await source.close();
    await target.close();
  }
}

let options: { from?: string; to?: string; work?: string } = {};
try {
  options = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' }, work: { type: 'string' } },
    strict: true,
  }).values;
} catch {
  // reported below
}
if (!options.from || !options.to || !options.work) {
  console.error(USAGE);
  process.exit(2);
}
let code = 1;
try {
  await migrate(options.from, options.to, path.resolve(options.work));
  code = 0;
} catch (error) {
  console.error(`Gagal: ${(error as Error).message}`);
}
process.exit(code);
