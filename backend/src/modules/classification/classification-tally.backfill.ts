import {
  backfillDone,
  bulkWriteInChunks,
  inBatches,
  markBackfillDone,
} from '../../lib/backfill.ts';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import { IncomingLetterModel } from '../letters/letters.model.ts';
import { learnsFrom, tallyKeysOf } from './classification-suggestion.ts';
import { ClassificationTallyModel, encodeCode } from './classification-tally.model.ts';

/** Bump to count the letters into the tallies again (the counts are replaced, not added). */
export const TALLY_VERSION = 1;
const MARKER = 'classification-tallies';

/**
 * The tallies from the letters registered before they existed, so the suggestion knows what
 * clerks chose from the first day of an upgraded system, not only from then on. One pass over
 * the letters (a one-off read, ended by the marker), counted in memory (keys are senders and
 * subject words: thousands, not letters), then each tally written with its totals (`$set`,
 * so a second process doing the same at the same time writes the same values). A letter
 * registered while the pass runs may be counted twice or lost from a tally it shares with
 * the pass: the tallies are hints.
 */
export async function backfillClassificationTallies(
  options: { force?: boolean; logger?: Logger } = {},
): Promise<{ scanned: number; keys: number }> {
  if (!options.force && (await backfillDone(MARKER, TALLY_VERSION))) return { scanned: 0, keys: 0 };
  const tallies = new Map<string, Map<string, number>>();
  const cursor = IncomingLetterModel.find(
    {},
    { senderName: 1, subject: 1, classificationCode: 1, status: 1, securityClass: 1 },
  )
    .lean()
    .cursor();
  type Row = {
    senderName: string;
    subject: string;
    classificationCode: string;
    status: string;
    securityClass: string;
  };
  const { scanned } = await inBatches<Row>(cursor, 1000, async (batch) => {
    for (const letter of batch) {
      if (letter.status === 'pending' || letter.status === 'void') continue;
      if (!letter.classificationCode || !learnsFrom(letter)) continue;
      for (const key of tallyKeysOf(letter.senderName, letter.subject)) {
        const counts = tallies.get(key) ?? new Map<string, number>();
        counts.set(letter.classificationCode, (counts.get(letter.classificationCode) ?? 0) + 1);
        tallies.set(key, counts);
      }
    }
    return 0;
  });
  const at = now();
  const ops = [...tallies].map(([key, counts]) => ({
    updateOne: {
      filter: { _id: key },
      update: {
        $set: {
          counts: Object.fromEntries([...counts].map(([code, n]) => [encodeCode(code), n])),
          total: [...counts.values()].reduce((a, b) => a + b, 0),
          updatedAt: at,
        },
      },
      upsert: true,
    },
  }));
  await bulkWriteInChunks(ClassificationTallyModel, ops);
  await markBackfillDone(MARKER, TALLY_VERSION, ops.length);
  if (ops.length > 0)
    options.logger?.info({ scanned, keys: ops.length }, 'classification tallies built');
  return { scanned, keys: ops.length };
}

/** Runs beside serving: nothing waits for it (a suggestion without tallies uses the rules). */
export async function classificationTallyStartupTask(services: Services): Promise<void> {
  void backfillClassificationTallies({ logger: services.logger }).catch((error: unknown) =>
    services.logger.warn({ err: error }, 'classification tally backfill failed'),
  );
}
