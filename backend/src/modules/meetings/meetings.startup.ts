import type { Logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import { fileStorage } from '../files/file-storage.ts';
import { runWithLease } from '../files/lease.ts';
import { MeetingModel, type Meeting } from './meeting.model.ts';
import { sweepOrphanMeetingScans } from './meetings.orphans.ts';
import { MEETING_SEARCH_VERSION, publishMeeting } from './meetings.search.ts';

/** The orphan scan sweep's period: a file left by a dead upload goes within this much after
 * its grace (ORPHAN_SCAN_GRACE_MS) has passed. */
const ORPHAN_SWEEP_EVERY_MS = 15 * 60 * 1000;

/**
 * Publishes to the search index the meetings that an older version made (or published in an
 * older shape): only those whose `searchVersion` is not the current one, so a second run, or
 * a second process at the same time, finds nothing left (publishing is idempotent anyway).
 * A start-up read over the meetings (a secretariat holds a few thousand in five years),
 * never a request's.
 */
export async function backfillMeetingSearch(logger: Logger): Promise<number> {
  const stale = await MeetingModel.find({ searchVersion: { $ne: MEETING_SEARCH_VERSION } }).lean<
    Meeting[]
  >();
  for (const meeting of stale) await publishMeeting(meeting);
  if (stale.length > 0) logger.info({ meetings: stale.length }, 'meetings published to search');
  return stale.length;
}

/** Start-up: the search backfill, and the periodic orphan scan sweep beside serving, on one
 * replica at a time through a lease (like the file sweeper, letters.maintenance.ts). Tests
 * run the sweep themselves. */
export async function meetingsStartupTask(services: Services): Promise<void> {
  await backfillMeetingSearch(services.logger);
  if (services.config.LONTAR_MODE === 'test') return;
  const storage = fileStorage(services.config);
  const sweep = () =>
    runWithLease('sweep:meeting-scans', ORPHAN_SWEEP_EVERY_MS, async () => {
      await sweepOrphanMeetingScans(storage, { logger: services.logger });
    }).catch((error) => services.logger.error({ err: error }, 'meeting scan orphan sweep failed'));
  setInterval(() => void sweep(), ORPHAN_SWEEP_EVERY_MS).unref();
}
