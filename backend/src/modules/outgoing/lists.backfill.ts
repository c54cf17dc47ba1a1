import type { AnyBulkWriteOperation } from 'mongoose';
import { backfillDone, inBatches, markBackfillDone } from '../../lib/backfill.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import {
  OUTGOING_KEY_FIELDS,
  OutgoingLetterModel,
  outgoingKeys,
  type OutgoingLetter,
} from './outgoing.model.ts';

/** Bump when `outgoingKeys` changes what it computes: the next start recomputes every letter. */
export const OUTGOING_KEYS_VERSION = 1;
const MARKER = 'outgoing-letter-keys';

/**
 * Gives outgoing letters written before the access keys existed their keys (the work lists
 * read by them), in batches with bulkWrite; letters already right are not written.
 * Idempotent, safe in several processes at once, and skipped once a pass has finished.
 */
export async function backfillOutgoingKeys(
  options: { force?: boolean; logger?: Logger; batchSize?: number } = {},
): Promise<{ scanned: number; updated: number }> {
  if (!options.force && (await backfillDone(MARKER, OUTGOING_KEYS_VERSION)))
    return { scanned: 0, updated: 0 };
  const cursor = OutgoingLetterModel.find(
    {},
    { drafter: 1, replyTo: 1, drafterUserId: 1, drafterPositionId: 1, replyToLetterId: 1 },
  )
    .lean<OutgoingLetter[]>()
    .cursor();
  const result = await inBatches<OutgoingLetter>(
    cursor,
    options.batchSize ?? 500,
    async (batch) => {
      const ops: AnyBulkWriteOperation[] = [];
      for (const letter of batch) {
        const keys = outgoingKeys(letter);
        const stale = OUTGOING_KEY_FIELDS.some(
          (f) => String((letter as Record<string, unknown>)[f] ?? null) !== String(keys[f] ?? null),
        );
        if (stale) ops.push({ updateOne: { filter: { _id: letter._id }, update: { $set: keys } } });
      }
      if (ops.length > 0) await OutgoingLetterModel.bulkWrite(ops, { ordered: false });
      return ops.length;
    },
  );
  await markBackfillDone(MARKER, OUTGOING_KEYS_VERSION, result.updated);
  if (result.updated > 0) options.logger?.info(result, 'outgoing letter access keys backfilled');
  return result;
}

export async function outgoingStartupTask(services: Services): Promise<void> {
  await backfillOutgoingKeys({ logger: services.logger });
}
