import type { AnyBulkWriteOperation } from 'mongoose';
import { backfillDone, inBatches, markBackfillDone } from '../../lib/backfill.ts';
import type { Logger } from '../../lib/logger.ts';
import {
  MONTHS_FLOOR,
  NOTIFICATION_KEY_FIELDS,
  NotificationModel,
  NotificationMonthsModel,
  notificationKeys,
  notificationMonth,
  previousMonth,
  type Notification,
} from './notification.model.ts';

/** Bump when `notificationKeys` changes what it computes: the next start recomputes all. */
export const NOTIFICATION_KEYS_VERSION = 2;
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
  // Counts of the months that are over, per user, from the same pass: the list's totals
  // never have to count a user's history on a request (notification_months).
  const current = notificationMonth(new Date());
  const months = new Map<string, Map<string, number>>();
  const result = await inBatches<Notification>(cursor, options.batchSize ?? 500, async (batch) => {
    const ops: AnyBulkWriteOperation[] = [];
    for (const n of batch) {
      const keys = notificationKeys(n);
      const month = keys.monthKey.slice(keys.monthKey.lastIndexOf(':') + 1);
      if (month < current) {
        const user = months.get(String(n.userId)) ?? new Map<string, number>();
        user.set(month, (user.get(month) ?? 0) + 1);
        months.set(String(n.userId), user);
      }
      const stale = NOTIFICATION_KEY_FIELDS.some(
        (f) => ((n as Record<string, unknown>)[f] ?? null) !== keys[f],
      );
      if (stale) ops.push({ updateOne: { filter: { _id: n._id }, update: { $set: keys } } });
    }
    if (ops.length > 0) await NotificationModel.bulkWrite(ops, { ordered: false });
    return ops.length;
  });
  const through = previousMonth(current);
  const monthOps: AnyBulkWriteOperation[] = [...months].map(([userId, counts]) => ({
    updateOne: {
      filter: { _id: userId },
      update: { $set: { through, counts: [...counts].map(([m, n]) => ({ m, n })) } },
      upsert: true,
    },
  }));
  // Users with no document had no notification before this month.
  monthOps.push({
    updateOne: {
      filter: { _id: MONTHS_FLOOR },
      update: { $set: { through, counts: [] } },
      upsert: true,
    },
  });
  for (let i = 0; i < monthOps.length; i += 500) {
    await NotificationMonthsModel.bulkWrite(monthOps.slice(i, i + 500), { ordered: false });
  }
  await markBackfillDone(MARKER, NOTIFICATION_KEYS_VERSION, result.updated);
  if (result.updated > 0) options.logger?.info(result, 'notification access keys backfilled');
  return result;
}
