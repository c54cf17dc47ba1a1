import mongoose, { Schema } from 'mongoose';
import { mapLimit, READS_AT_ONCE } from './reports.concurrency.ts';
import { retryUpsertOnDuplicate } from '../../lib/upsert.ts';

/**
 * The kept follow-up digest of a unit's subtree for one week (follow-up-weeks.ts): what the
 * reports and the monitoring screen need of each disposition node the subtree received that
 * week, packed in one string. `_id` is the week's `unitWeekKey` (`<unitId>:w<week>`,
 * disposition.keys.ts), the same key the nodes carry.
 *
 * `gen` counts the writes that changed a node of the week (an `$inc` on `_id`, pushed down
 * and atomic on FerretDB); `builtGen` is the `gen` the digest was built at. A digest is
 * used only while the two agree, so a write never has to rebuild it, only to bump `gen`.
 */
const followUpWeekSchema = new Schema(
  {
    _id: { type: String, required: true },
    gen: { type: Number, default: 0 },
    builtGen: { type: Number, default: -1 },
    /** FOLLOW_UP_DIGEST_VERSION it was built with: an older format is rebuilt. */
    version: { type: Number, default: 0 },
    /** The packed entries (follow-up-weeks.ts `packEntries`). */
    data: { type: String, default: '' },
  },
  { collection: 'follow_up_weeks', versionKey: false },
);
export const FollowUpWeekModel = mongoose.model('FollowUpWeek', followUpWeekSchema);

/**
 * Marks the weeks as changed: called after every write that inserts, deletes or changes
 * the status or dates of disposition nodes, with the nodes' `unitWeekKeys`. An upsert
 * racing another for a new key may fail on the duplicate `_id`: the second try is an
 * update of the document the other one made.
 */
export async function touchFollowUpWeeks(keys: Iterable<string>): Promise<void> {
  // A bulk insert (the practice seed) touches a few hundred weeks: a few at once.
  await mapLimit([...new Set(keys)], READS_AT_ONCE, async (key) => {
    await retryUpsertOnDuplicate(() =>
      FollowUpWeekModel.updateOne({ _id: key }, { $inc: { gen: 1 } }, { upsert: true }),
    );
  });
}
