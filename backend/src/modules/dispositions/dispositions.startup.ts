import type { Services } from '../../services.ts';
import { fileStorage } from '../files/file-storage.ts';
import { runWithLease } from '../files/lease.ts';
import { sweepOrphanObjects } from '../files/sweeper.ts';
import { concludeItemsOfDoneLetters } from './conclude.ts';
import { backfillDispositionKeys } from './dispositions.backfill.ts';
import { refreshOpenStates } from './open-state.ts';
import {
  DISPATCH_GRACE_MS,
  repairChildCounts,
  repairDispatchFollowUps,
} from './dispatch.repair.ts';

/** Report attachments are stored before their report is recorded; a crash in between
 * leaves objects no record points to. This sweeps them after a generous grace period (a
 * slow upload of large files must be able to finish), on one replica at a time. */
const SWEEP_EVERY_MS = 15 * 60 * 1000;
const REPAIR_EVERY_MS = 5 * 60_000;
const OPEN_STATE_EVERY_MS = 15 * 60_000;
export const REPORT_UPLOAD_GRACE_MS = 2 * 60 * 60 * 1000;

export async function sweepReportObjects(
  services: Services,
  graceMs = REPORT_UPLOAD_GRACE_MS,
): Promise<number> {
  const result = await sweepOrphanObjects(fileStorage(services.config), {
    prefixes: ['reports'],
    graceMs,
    logger: services.logger,
  });
  return result.removed.length;
}

export async function dispositionsStartupTask(services: Services): Promise<void> {
  // Before serving: the inbox, counters and monitoring read nodes only by their access keys.
  await backfillDispositionKeys({ logger: services.logger });
  if (services.config.LONTAR_MODE === 'test') return;
  // Letters done under an older version: their open coordination items close with them
  // (conclude.ts), once, beside serving.
  void runWithLease('conclude:done-letters', 30 * 60 * 1000, async () => {
    await concludeItemsOfDoneLetters({ logger: services.logger });
  }).catch((error) =>
    services.logger.error({ err: error }, 'closing open items of done letters failed'),
  );
  const timer = setInterval(() => {
    runWithLease('sweep:disposition-reports', SWEEP_EVERY_MS, async () => {
      await sweepReportObjects(services);
    }).catch((error) => services.logger.error({ err: error }, 'report attachment sweeper failed'));
  }, SWEEP_EVERY_MS);
  timer.unref();

  // Dispatches cut off by a crash: shortly after start (a crash is usually followed by a
  // restart), then every few minutes, on one replica at a time.
  const repair = () =>
    runWithLease('repair:dispatch-follow-ups', REPAIR_EVERY_MS, async () => {
      await repairDispatchFollowUps({ logger: services.logger });
      await repairChildCounts({ logger: services.logger });
    }).catch((error) => services.logger.error({ err: error }, 'dispatch follow-up repair failed'));
  setTimeout(repair, DISPATCH_GRACE_MS + 5_000).unref();
  setInterval(repair, REPAIR_EVERY_MS).unref();

  // The positions' kept open states: advanced every few minutes so a request reads only the
  // last hour's changes, and rebuilt from the nodes once a day (open-state.ts).
  const refresh = () =>
    runWithLease('refresh:disposition-open-states', OPEN_STATE_EVERY_MS, async () => {
      await refreshOpenStates({ logger: services.logger });
    }).catch((error) =>
      services.logger.error({ err: error }, 'disposition open state refresh failed'),
    );
  setInterval(refresh, OPEN_STATE_EVERY_MS).unref();
  // Once soon after start too: open states kept before their cells counted each sifat are
  // converted then (beside serving), not by the first request that reads one.
  setTimeout(refresh, 5_000).unref();
}
