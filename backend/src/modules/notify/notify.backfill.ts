import type { AnyBulkWriteOperation } from 'mongoose';
import { backfillDone, inBatches, markBackfillDone } from '../../lib/backfill.ts';
import type { Logger } from '../../lib/logger.ts';
import {
  NOTIFICATION_KEY_FIELDS,
  NotificationModel,
  notificationKeys,
  type Notification,
} from './notification.model.ts';

/** Bump when `notificationKeys` changes what it computes: the next start recomputes all. */
export const NOTIFICATION_KEYS_VERSION = 1;
const MARKER = 'notification-keys';

/**
 * Gives notifications written before the access keys existed their keys, in batches with
 * bulkWrite; notifications already right are not written. Idempotent (several processes may
 * run it at once: each writes the same values), and skipped once a pass has finished.
 */
export async function backfillNotificationKeys(
  options: { force?: boolean; logger?: Logger; batchSize?: number } = {},
): Promise<{ scanned: number; updated: number }> {
  if (!options.force && (await backfillDone(MARKER, NOTIFICATION_KEYS_VERSION)))
    return { scanned: 0, updated: 0 };
  const cursor = NotificationModel.find(
    {},
    {
      userId: 1,
      createdAt: 1,
      readAt: 1,
      ...Object.fromEntries(NOTIFICATION_KEY_FIELDS.map((f) => [f, 1])),
    },
  )
    .lean<Notification[]>()
    .cursor();
  const result = await inBatches<Notification>(cursor, options.batchSize ?? 500, async (batch) => {
    const ops: AnyBulkWriteOperation[] = [];
    for (const n of batch) {
      const keys = notificationKeys(n);
      const stale = NOTIFICATION_KEY_FIELDS.some(
        (f) => ((n as Record<string, unknown>)[f] ?? null) !== keys[f],
      );
      if (stale) ops.push({ updateOne: { filter: { _id: n._id }, update: { $set: keys } } });
    }
    if (ops.length > 0) await NotificationModel.bulkWrite(ops, { ordered: false });
    return ops.length;
  });
  await markBackfillDone(MARKER, NOTIFICATION_KEYS_VERSION, result.updated);
  if (result.updated > 0) options.logger?.info(result, 'notification access keys backfilled');
  return result;
}
