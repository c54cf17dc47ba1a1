// pnpm backup --out <folder>: a consistent, self-describing backup of the database and the
// object store (see modules/backup/backup.service.ts and docs/operations.md). Exit 0 when
// complete, 1 when refused or when records name objects the bucket lacks.
import path from 'node:path';
import mongoose from 'mongoose';
import { createBackup } from '../modules/backup/backup.service.ts';
import { BackupError } from '../modules/backup/manifest.ts';
import { BucketAccess } from '../modules/backup/objects.ts';
import { parseOptions, runCommand, UsageError } from './cli-support.ts';

const USAGE = 'Pemakaian: pnpm backup --out <folder-kosong> [--allow-unstable]';

await runCommand(async (config) => {
  const options = parseOptions(
    { out: { type: 'string' }, 'allow-unstable': { type: 'boolean' } },
    USAGE,
  );
  if (!options.out) throw new UsageError(USAGE);
  const dir = path.resolve(options.out);
  try {
    const started = Date.now();
    const manifest = await createBackup({
      db: mongoose.connection.db!,
      bucket: new BucketAccess(config),
      dir,
      allowUnstable: options['allow-unstable'] === true,
      logger: {
        info: (details, message) => console.log(message, JSON.stringify(details)),
        warn: (details, message) => console.warn(message, JSON.stringify(details)),
      },
    });
    const documents = manifest.collections.reduce((sum, c) => sum + c.count, 0);
    console.log(
      `Cadangan selesai di ${dir} dalam ${Math.round((Date.now() - started) / 1000)} detik: ` +
        `${manifest.collections.length} koleksi, ${documents.toLocaleString('id-ID')} dokumen, ` +
        `${manifest.objects.count.toLocaleString('id-ID')} objek (${(manifest.objects.bytes / 1048576).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB), ` +
        `${manifest.consistency.rounds} putaran pemeriksaan${manifest.consistency.stable ? '' : ' (TIDAK STABIL)'}.`,
    );
    if (manifest.missingObjects.length > 0) {
      console.error(
        `Peringatan: ${manifest.missingObjects.length} objek yang dirujuk data tidak ada di bucket:`,
      );
      for (const key of manifest.missingObjects.slice(0, 20)) console.error(`- ${key}`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
});
