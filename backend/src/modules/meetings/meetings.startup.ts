import type { Logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import { MeetingModel, type Meeting } from './meeting.model.ts';
import { MEETING_SEARCH_VERSION, publishMeeting } from './meetings.search.ts';

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

export async function meetingsStartupTask(services: Services): Promise<void> {
  await backfillMeetingSearch(services.logger);
}
