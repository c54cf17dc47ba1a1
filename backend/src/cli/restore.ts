// pnpm restore --from <folder> [--verify-only]: checks every hash of a backup, then brings
// it back into an empty database and bucket (named by MONGODB_* and S3_*). Exit 0 when
// restored (or verified), 1 when refused.
import path from 'node:path';
import mongoose from 'mongoose';
import { BackupError } from '../modules/backup/manifest.ts';
import { BucketAccess } from '../modules/backup/objects.ts';
import { restoreBackup } from '../modules/backup/restore.service.ts';
import { parseOptions, runCommand, UsageError } from './cli-support.ts';

const USAGE = 'Pemakaian: pnpm restore --from <folder-cadangan> [--verify-only]';

await runCommand(async (config) => {
  const options = parseOptions(
    { from: { type: 'string' }, 'verify-only': { type: 'boolean' } },
    USAGE,
  );
  if (!options.from) throw new UsageError(USAGE);
  const dir = path.resolve(options.from);
  try {
    const report = await restoreBackup({
      db: mongoose.connection.db!,
      bucket: new BucketAccess(config),
      dir,
      verifyOnly: options['verify-only'] === true,
    });
    const m = report.manifest;
    if (options['verify-only']) {
      console.log(
        `Cadangan ${dir} utuh: ${m.collections.length} koleksi dan ${m.objects.count.toLocaleString('id-ID')} objek cocok dengan sha256 di manifest (dibuat ${m.finishedAt}, versi ${m.app.version}).`,
      );
    } else {
      console.log(
        `Pemulihan selesai: ${report.documents.toLocaleString('id-ID')} dokumen dan ${report.objects.toLocaleString('id-ID')} objek dari cadangan ${m.snapshotAt}. ` +
          'Jalankan API; indeks pencarian dibangun ulang sendiri dari log kejadian.',
      );
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
