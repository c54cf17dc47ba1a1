import { backfillDone, inBatches, markBackfillDone } from '../../lib/backfill.ts';
import { AgendaEntryModel, entryKeys, type EntryKeyInputs } from './agenda.model.ts';

/**
 * Entries made before lead times could be chosen carry `remindHourKey` (the hour one hour
 * ahead) and no `remindDayKey`, which the reminder pass now reads. This pass sets it where it
 * is missing or differs; the marker keeps later starts from reading the collection again.
 * Idempotent, and safe when several processes start at once (they write the same value).
 */
export const REMIND_DAY_BACKFILL = 'agenda-remind-day-key';
export const REMIND_DAY_VERSION = 1;

type Keyed = EntryKeyInputs & { _id: unknown; remindDayKey?: string | null };

export async function backfillRemindDayKeys(): Promise<{ scanned: number; updated: number }> {
  if (await backfillDone(REMIND_DAY_BACKFILL, REMIND_DAY_VERSION))
    return { scanned: 0, updated: 0 };
  const cursor = AgendaEntryModel.find(
    {},
    { positionId: 1, start: 1, timeZone: 1, status: 1, remindDayKey: 1 },
  )
    .lean<Keyed[]>()
    .cursor();
  const result = await inBatches<Keyed>(cursor, 500, async (batch) => {
    let updated = 0;
    for (const entry of batch) {
      const { remindDayKey } = entryKeys(entry);
      if (entry.remindDayKey === remindDayKey) continue;
      await AgendaEntryModel.updateOne({ _id: entry._id }, { $set: { remindDayKey } });
      updated++;
    }
    return updated;
  });
  await markBackfillDone(REMIND_DAY_BACKFILL, REMIND_DAY_VERSION, result.updated);
  return result;
}
