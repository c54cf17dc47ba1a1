import type { AnyBulkWriteOperation } from 'mongoose';
import { backfillKeys, bulkWriteInChunks } from '../../lib/backfill.ts';
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

/**
 * Gives notifications written before the access keys existed their keys (lib/backfill.ts,
 * `backfillKeys`), and from the same pass every user's counts of the months that are over,
 * so the list's totals never count a user's history on a request (notification_months).
 */
export async function backfillNotificationKeys(
  options: { force?: boolean; logger?: Logger; batchSize?: number } = {},
): Promise<{ scanned: number; updated: number }> {
  const current = notificationMonth(new Date());
  const months = new Map<string, Map<string, number>>();
  return backfillKeys<Notification>(
    {
      marker: 'notification-keys',
      version: NOTIFICATION_KEYS_VERSION,
      model: NotificationModel as never,
      fields: NOTIFICATION_KEY_FIELDS,
      inputs: ['userId', 'createdAt', 'readAt'],
      keys: (n) => notificationKeys(n),
      batchSize: 500,
      visit: (n, keys) => {
        const monthKey = String(keys.monthKey);
        const month = monthKey.slice(monthKey.lastIndexOf(':') + 1);
        if (month >= current) return;
        const user = months.get(String(n.userId)) ?? new Map<string, number>();
        user.set(month, (user.get(month) ?? 0) + 1);
        months.set(String(n.userId), user);
      },
      finish: () => writeMonthCounts(months, previousMonth(current)),
      message: 'notification access keys backfilled',
    },
    options,
  );
}

async function writeMonthCounts(
  months: Map<string, Map<string, number>>,
  through: string,
): Promise<void> {
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
  // Upserts, in the small commands FerretDB takes (lib/backfill.ts).
  await bulkWriteInChunks(NotificationMonthsModel, monthOps);
}
