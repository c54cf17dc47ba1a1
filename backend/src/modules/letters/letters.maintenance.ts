import { BACKFILL_LEASE_MS } from '../../lib/backfill.ts';
import type { Services } from '../../services.ts';
import { fileStorage } from '../files/file-storage.ts';
import { runWithKeptLease, runWithLease } from '../files/lease.ts';
import { sweepOrphanObjects } from '../files/sweeper.ts';
import { sweepStaleFinals } from '../outgoing/sign-repair.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { backfillLetterKeys } from './letters.backfill.ts';
import { sweepAbandonedRegistrations } from './registration.service.ts';
import { seedDefaultRegister } from './registers.service.ts';

/** Registrations still pending after this long were abandoned (a crash mid-way). Long
 * enough for a slow upload of many large scans to finish. */
export const REGISTRATION_GRACE_MS = 2 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 15 * 60 * 1000;

/** Abandoned registrations first (records, then their objects), then objects that no
 * record points to: incoming scans, outgoing letters' attachments and meetings' uploads,
 * which all go through the same upload (objects first, then the file record). A signed
 * outgoing PDF (`outgoing/<yyyy>/<letterId>/final-<hash>.pdf`) is not laid out as a file:
 * the file sweep never touches it; sweepStaleFinals removes those whose letter exists
 * and points elsewhere (a signature that died between storing and recording). Disposition reports and
 * imports are swept by their modules. */
export async function sweepIncomingLetters(
  services: Services,
  graceMs = REGISTRATION_GRACE_MS,
): Promise<{ registrations: number; objects: number }> {
  const storage = fileStorage(services.config);
  const registrations = await sweepAbandonedRegistrations(storage, graceMs);
  // One listing of outgoing/ serves both sweeps: it walks every object of five years.
  const outgoing = await storage.list('outgoing/');
  const result = await sweepOrphanObjects(storage, {
    prefixes: ['letters', 'outgoing', 'meetings'],
    graceMs,
    logger: services.logger,
    listed: new Map([['outgoing', outgoing]]),
  });
  const finals = await sweepStaleFinals(services.storage, {
    graceMs,
    logger: services.logger,
    listed: outgoing,
  });
  return { registrations, objects: result.removed.length + finals.length };
}

/** Start-up: reference data (idempotent, safe with several processes) and the periodic
 * sweeper (one replica at a time through a lease). */
export async function lettersStartupTask(services: Services): Promise<void> {
  await seedClassificationCodes();
  await seedDefaultRegister();
  // Before serving: the register's pages read letters by their access keys. One process at
  // a time (the others serve meanwhile; the pass is idempotent if the lease runs out).
  await runWithKeptLease('backfill:incoming-letter-keys', BACKFILL_LEASE_MS, async () => {
    await backfillLetterKeys({ logger: services.logger });
  });
  if (services.config.LONTAR_MODE === 'test') return;
  const timer = setInterval(() => {
    runWithLease('sweep:incoming-letters', SWEEP_EVERY_MS, async () => {
      const swept = await sweepIncomingLetters(services);
      if (swept.registrations || swept.objects)
        services.logger.warn(swept, 'incoming letters sweeper removed leftovers');
    }).catch((error) => services.logger.error({ err: error }, 'incoming letters sweeper failed'));
  }, SWEEP_EVERY_MS);
  timer.unref();
}
