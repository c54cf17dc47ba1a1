import { backfillDone, bulkWriteInChunks, markBackfillDone } from '../../lib/backfill.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import { runWithLease } from '../files/lease.ts';
import { PositionModel } from '../org/org.model.ts';
import { addresseeStatusKeyOf, letterKeys } from './letters.keys.ts';
import { IncomingLetterModel, type IncomingLetter } from './letters.model.ts';
import { refreshLetterQueues } from './queue-state.ts';

const MARKER = 'incoming-letter-awaiting-key';
const VERSION = 1;
const REFRESH_EVERY_MS = 15 * 60_000;

/**
 * Gives the letters that wait for a disposition, written before `awaitingKey` existed, that
 * key; then builds every position's kept queues once. Only the waiting letters can lack it
 * (every other status has none), so the pass reads each position's waiting set by
 * `addresseeStatusKey`, not the collection: at 100,000 letters a few hundred letters.
 */
export async function backfillAwaitingKeys(
  options: { force?: boolean; logger?: Logger } = {},
): Promise<{ scanned: number; updated: number }> {
  if (!options.force && (await backfillDone(MARKER, VERSION))) return { scanned: 0, updated: 0 };
  const positions = await PositionModel.find({}, { _id: 1 }).lean<Array<{ _id: unknown }>>();
  let scanned = 0;
  let updated = 0;
  for (const position of positions) {
    const waiting = await IncomingLetterModel.find({
      addresseeStatusKey: addresseeStatusKeyOf(String(position._id), 'registered'),
    }).lean<IncomingLetter[]>();
    scanned += waiting.length;
    const ops = waiting
      .map((letter) => ({ letter, awaitingKey: letterKeys(letter).awaitingKey }))
      .filter(({ letter, awaitingKey }) => (letter.awaitingKey ?? null) !== awaitingKey)
      .map(({ letter, awaitingKey }) => ({
        updateOne: { filter: { _id: letter._id }, update: { $set: { awaitingKey } } },
      }));
    await bulkWriteInChunks(IncomingLetterModel, ops);
    updated += ops.length;
  }
  await refreshLetterQueues({ all: true, logger: options.logger });
  await markBackfillDone(MARKER, VERSION, updated);
  if (updated > 0) options.logger?.info({ scanned, updated }, 'incoming letters: awaiting keys');
  return { scanned, updated };
}

/** Start-up: the keys above (one process at a time), then the kept queues advanced every
 * few minutes and rebuilt from the letters once a day (queue-state.ts). */
export async function letterQueuesStartupTask(services: Services): Promise<void> {
  await runWithLease('backfill:incoming-letter-awaiting-keys', 30 * 60_000, async () => {
    await backfillAwaitingKeys({ logger: services.logger });
  });
  if (services.config.LONTAR_MODE === 'test') return;
  const refresh = () =>
    runWithLease('refresh:letter-queues', REFRESH_EVERY_MS, async () => {
      await refreshLetterQueues({ logger: services.logger });
    }).catch((error) => services.logger.error({ err: error }, 'letter queue refresh failed'));
  setInterval(refresh, REFRESH_EVERY_MS).unref();
}
