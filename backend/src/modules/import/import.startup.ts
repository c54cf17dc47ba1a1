import type { Services } from '../../services.ts';
import { fileStorage } from '../files/file-storage.ts';
import { runWithLease } from '../files/lease.ts';
import { sweepOrphanObjects } from '../files/sweeper.ts';
import { publishImportedText } from './import-text.ts';
import { backfillRowBuckets } from './rows.backfill.ts';
import { resumeStalledBatches } from './runner.ts';

const EVERY_MS = 60_000;
const SWEEP_EVERY_MS = 15 * 60_000;
/** An import writes a scan's object before its record; longer than any letter takes. */
const ORPHAN_GRACE_MS = 2 * 60 * 60_000;

/** Background work of imports on every API process (not in tests, which drive it): take
 * up batches whose process stopped, publish OCR text of imported scans, and sweep objects
 * under `imports/` that no record points to (a crash between object and record). */
export async function importStartupTask(services: Services): Promise<void> {
  // Before any batch resumes: the run reads its rows by bucket.
  await backfillRowBuckets({ logger: services.logger });
  if (services.config.LONTAR_MODE === 'test') return;
  const tick = async () => {
    try {
      await resumeStalledBatches(services);
      await publishImportedText();
    } catch (error) {
      services.logger.error({ err: error }, 'import background work failed');
    }
  };
  void tick();
  setInterval(() => void tick(), EVERY_MS).unref();
  setInterval(() => {
    runWithLease('sweep:imports', SWEEP_EVERY_MS, async () => {
      const swept = await sweepOrphanObjects(fileStorage(services.config), {
        prefixes: ['imports'],
        graceMs: ORPHAN_GRACE_MS,
        logger: services.logger,
      });
      if (swept.removed.length)
        services.logger.warn(
          { removed: swept.removed.length },
          'import sweeper removed orphan objects',
        );
    }).catch((error) => services.logger.error({ err: error }, 'import sweeper failed'));
  }, SWEEP_EVERY_MS).unref();
}
