import { backfillKeys } from '../../lib/backfill.ts';
import type { Logger } from '../../lib/logger.ts';
import { ImportRowModel, rowBucketOf, type ImportRow } from './import.model.ts';

/** Gives manifest rows stored before `rowBucket` existed their bucket (lib/backfill.ts), so
 * a batch paused or cut off under an older version resumes. Once per version. */
export async function backfillRowBuckets(
  options: { force?: boolean; logger?: Logger; batchSize?: number } = {},
): Promise<{ scanned: number; updated: number }> {
  return backfillKeys<ImportRow>(
    {
      marker: 'import-row-buckets',
      version: 1,
      model: ImportRowModel as never,
      fields: ['rowBucket'],
      inputs: ['batchId', 'row'],
      keys: (row) => ({ rowBucket: rowBucketOf(row.batchId, row.row) }),
      batchSize: 1000,
      message: 'import rows: buckets backfilled',
    },
    options,
  );
}
