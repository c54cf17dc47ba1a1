import mongoose, { Schema } from 'mongoose';
import { jakartaDate } from '../calendar/dates.ts';
import { mapLimit, READS_AT_ONCE } from './reports.concurrency.ts';
import { retryUpsertOnDuplicate } from '../../lib/upsert.ts';

/**
 * The kept letter digests of the reports (letter-tallies.ts): per day of receipt, what the
 * letters section needs of each incoming letter received that day (`in:<YYYY-MM-DD>`), and
 * per Jakarta month of signing, the same of each signed outgoing letter (`out:<YYYY-MM>`),
 * packed in one string. Kept like the follow-up weeks (follow-up-weeks.model.ts): `gen`
 * counts the writes that may have changed a letter of the day or month (an `$inc` on `_id`,
 * pushed down and atomic on FerretDB); `builtGen` is the `gen` the digest was built at, and
 * a digest is used only while the two agree, so a write never rebuilds one, it only bumps
 * `gen` (the letters' schema hooks do, on every write path: letters.model.ts,
 * outgoing.model.ts).
 */
const letterTallySchema = new Schema(
  {
    _id: { type: String, required: true },
    gen: { type: Number, default: 0 },
    builtGen: { type: Number, default: -1 },
    /** LETTER_TALLY_VERSION it was built with: an older format is rebuilt. */
    version: { type: Number, default: 0 },
    /** The packed rows (letter-tallies.ts). */
    data: { type: String, default: '' },
  },
  { collection: 'letter_tallies', versionKey: false },
);
export const LetterTallyModel = mongoose.model('LetterTally', letterTallySchema);

/** The digest of the incoming letters received on a Jakarta day (`YYYY-MM-DD`). */
export const incomingDayKey = (day: string) => `in:${day}`;
/** The digest of the outgoing letters signed in a Jakarta month (`YYYY-MM`). */
export const outgoingMonthKey = (month: string) => `out:${month}`;
/** The month digest an outgoing letter signed at `at` falls in (none before signing). */
export function outgoingKeyOfSigning(at: Date | string | null | undefined): string | null {
  return at ? outgoingMonthKey(jakartaDate(new Date(at)).slice(0, 7)) : null;
}

/** Marks the digests as changed, after the write. An upsert racing another for a new key
 * may fail on the duplicate `_id`: the second try is an update of the other one's document. */
export async function touchLetterTallies(keys: Iterable<string | null | undefined>): Promise<void> {
  const unique = [...new Set([...keys].filter((k): k is string => typeof k === 'string'))];
  await mapLimit(unique, READS_AT_ONCE, async (key) => {
    await retryUpsertOnDuplicate(() =>
      LetterTallyModel.updateOne({ _id: key }, { $inc: { gen: 1 } }, { upsert: true }),
    );
  });
}
