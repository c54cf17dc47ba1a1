import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { now } from '../../lib/clock.ts';
import { UserModel, type User } from '../org/org.model.ts';
import { holdersOfPosition } from '../org/org.service.ts';
import { mailEnabled, sendMail, trackMail } from './mailer.ts';
import {
  notificationDay,
  notificationMonth,
  MONTHS_FLOOR,
  NotificationModel,
  NotificationMonthsModel,
  previousMonth,
  readKeys,
  type Notification,
  type NotificationKind,
} from './notification.model.ts';

type Id = string | mongoose.Types.ObjectId;

export interface NotificationInput {
  kind: NotificationKind;
  title: string;
  body?: string;
  link?: string | null;
  letterId?: Id | null;
  dispositionId?: Id | null;
  /** Unique per event; the user id is appended per recipient. */
  dedupeKey: string;
}

/** Notifies everyone holding the position today (its holder and any Plt/Plh). Returns
 * how many notifications were new. */
export async function notifyPosition(positionId: Id, input: NotificationInput): Promise<number> {
  const holders = await holdersOfPosition(positionId);
  let created = 0;
  for (const holder of holders) {
    if (await notifyUser(holder.userId, input, positionId)) created++;
  }
  return created;
}

/** Inserts the notification unless its dedupe key exists; the inserter alone e-mails it. */
export async function notifyUser(
  userId: Id,
  input: NotificationInput,
  positionId: Id | null = null,
): Promise<boolean> {
  const user = await UserModel.findById(userId).lean<User>();
  if (!user || !user.active) return false;
  const emailStatus = !mailEnabled() ? 'disabled' : user.email ? 'pending' : 'no_address';
  let notification: Notification;
  try {
    const created = await NotificationModel.create({
      userId: user._id,
      positionId: positionId ? new mongoose.Types.ObjectId(String(positionId)) : null,
      kind: input.kind,
      title: input.title,
      body: input.body ?? '',
      link: input.link ?? null,
      letterId: input.letterId ? new mongoose.Types.ObjectId(String(input.letterId)) : null,
      dispositionId: input.dispositionId
        ? new mongoose.Types.ObjectId(String(input.dispositionId))
        : null,
      dedupeKey: `${input.dedupeKey}:${String(user._id)}`,
      emailStatus,
    });
    notification = created.toObject() as Notification;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
  if (emailStatus === 'pending' && user.email) trackMail(deliverEmail(notification, user.email));
  return true;
}

async function deliverEmail(notification: Notification, to: string): Promise<void> {
  const body = [
    notification.body,
    notification.link ? `Buka di Lontar: ${notification.link}` : '',
    '',
    '— Lontar, Sekretariat Daerah Provinsi Lampung',
  ]
    .filter((line, index) => line || index > 0)
    .join('\n');
  const outcome = await sendMail({ to, subject: `[Lontar] ${notification.title}`, text: body });
  await NotificationModel.updateOne(
    { _id: notification._id },
    outcome.ok
      ? { $set: { emailStatus: 'sent', emailedAt: now(), emailError: null } }
      : { $set: { emailStatus: 'failed', emailError: outcome.error } },
  ).catch(() => undefined);
}

export interface NotificationPage {
  items: Notification[];
  total: number;
  unread: number;
}

/** A month bucket with more notifications than this is read a day at a time. */
const MONTH_READ_LIMIT = 400;
/** How far back the walk goes at most (ten years of months). */
const MAX_MONTHS = 120;

const byNewest = (a: Notification, b: Notification) =>
  new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime() ||
  String(b._id).localeCompare(String(a._id));

const monthBefore = previousMonth;

/** The user's closed months and their counts (newest first), counting once, and storing,
 * each month that ended since the last time. */
async function closedMonths(
  userId: string,
  current: string,
): Promise<Array<{ m: string; n: number }>> {
  const stored = await NotificationMonthsModel.findById(userId).lean<{
    through: string;
    counts: Array<{ m: string; n: number }>;
  }>();
  const last = monthBefore(current);
  if (stored && stored.through >= last)
    return [...stored.counts].sort((a, b) => (a.m < b.m ? 1 : -1));
  const floor =
    stored?.through ??
    (await NotificationMonthsModel.findById(MONTHS_FLOOR).lean<{ through: string }>())?.through ??
    monthBefore(current, MAX_MONTHS + 1);
  const counts = [...(stored?.counts ?? [])];
  for (let month = last; month > floor; month = monthBefore(month)) {
    const n = await NotificationModel.countDocuments({ monthKey: `${userId}:${month}` });
    if (n > 0) counts.push({ m: month, n });
  }
  await NotificationMonthsModel.updateOne(
    { _id: userId },
    { $set: { through: last, counts } },
    { upsert: true },
  ).catch((error: unknown) => {
    if (!isDuplicateKey(error)) throw error; // another process stored the same counts
  });
  return counts.sort((a, b) => (a.m < b.m ? 1 : -1));
}

/**
 * A page of the user's notifications, newest first, and the totals, by equality reads only.
 * All: the months that are over come with their counts (`notification_months`), so the
 * total and the months before the page cost nothing; only the current month is read (or
 * counted, when last month was busy). Unread: the unread count by `stateKey`, then unread
 * month buckets newest first, each counted to skip it or read. A busy month is read a day
 * at a time. Sorting happens in memory over one month (or a few days).
 */
export async function listNotifications(
  userId: string,
  options: { unreadOnly: boolean; page: number; pageSize: number; monthReadLimit?: number },
): Promise<NotificationPage> {
  const limit = options.monthReadLimit ?? MONTH_READ_LIMIT;
  // Notifications are stamped with the wall clock; a test may move lib/clock ahead of it.
  const current = notificationMonth(new Date(Math.max(Date.now(), now().getTime())));
  const [unread, closed] = await Promise.all([
    NotificationModel.countDocuments({ stateKey: `${userId}:unread` }),
    options.unreadOnly ? Promise.resolve(null) : closedMonths(userId, current),
  ]);
  const fields = options.unreadOnly
    ? ({ month: 'unreadMonthKey', day: 'unreadDayKey' } as const)
    : ({ month: 'monthKey', day: 'dayKey' } as const);
  const want = (options.page - 1) * options.pageSize;
  let skip = want;
  const items: Notification[] = [];
  /** Reads the part of one month's bucket the page needs. */
  const take = async (month: string, count: number | null): Promise<number> => {
    const key = `${userId}:${month}`;
    let found: Notification[];
    if (count !== null && count > limit) {
      found = await pageOfBusyMonth(
        userId,
        fields.day,
        month,
        skip + options.pageSize - items.length,
      );
    } else {
      found = await NotificationModel.find({ [fields.month]: key }).lean<Notification[]>();
      count = found.length;
    }
    if (skip >= count) {
      skip -= count;
      return count;
    }
    found.sort(byNewest);
    items.push(...found.slice(skip, skip + options.pageSize - items.length));
    skip = 0;
    return count;
  };

  if (closed) {
    // The current month: read whole unless last month was busy (then counted first).
    const lastMonth = closed.find((c) => c.m === monthBefore(current))?.n ?? 0;
    const currentCount =
      lastMonth > limit
        ? await NotificationModel.countDocuments({ monthKey: `${userId}:${current}` })
        : null;
    const seenNow = currentCount !== null && currentCount <= want ? currentCount : null;
    const inCurrent = seenNow ?? (await take(current, currentCount));
    if (seenNow !== null) skip -= seenNow;
    for (const { m, n } of closed) {
      if (items.length >= options.pageSize) break;
      if (skip >= n) skip -= n;
      else await take(m, n);
    }
    const total = inCurrent + closed.reduce((sum, c) => sum + c.n, 0);
    return { items, total, unread };
  }

  let seen = 0;
  let month = notificationMonth(
    new Date(Date.UTC(Number(current.slice(0, 4)), Number(current.slice(5)), 1)),
  );
  for (
    let step = 0;
    step <= MAX_MONTHS && seen < unread && items.length < options.pageSize;
    step++
  ) {
    const count = await NotificationModel.countDocuments({
      [fields.month]: `${userId}:${month}`,
    });
    seen += count;
    if (count > 0 && skip >= count) skip -= count;
    else if (count > 0) await take(month, count);
    month = monthBefore(month);
  }
  return { items, total: unread, unread };
}

/** The newest `needed` notifications of a busy month, read a day at a time from its end. */
async function pageOfBusyMonth(
  userId: string,
  dayField: 'dayKey' | 'unreadDayKey',
  monthKey: string,
  needed: number,
): Promise<Notification[]> {
  const found: Notification[] = [];
  const [y, m] = monthKey.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0));
  for (let day = last.getUTCDate(); day >= 1 && found.length < needed; day--) {
    const at = new Date(Date.UTC(y, m - 1, day));
    found.push(
      ...(await NotificationModel.find({
        [dayField]: `${userId}:${notificationDay(at)}`,
      }).lean<Notification[]>()),
    );
  }
  return found;
}

/** Marks the user's own notifications read (given ids, or all); returns how many changed.
 * Ids one `_id` equality each ($in is not pushed down); all: one `stateKey` equality. */
export async function markNotificationsRead(
  userId: string,
  ids: string[] | 'all',
): Promise<number> {
  const owner = new mongoose.Types.ObjectId(userId);
  const unread = `${userId}:unread`;
  const set = { $set: readKeys(owner, now()) };
  if (ids === 'all') {
    return (await NotificationModel.updateMany({ stateKey: unread }, set)).modifiedCount;
  }
  let changed = 0;
  for (const id of new Set(ids)) {
    const result = await NotificationModel.updateOne(
      { _id: new mongoose.Types.ObjectId(id), userId: owner, stateKey: unread },
      set,
    );
    changed += result.modifiedCount;
  }
  return changed;
}

/** Marks read the notifications about a disposition once its recipient opened it. */
export async function markDispositionNotificationsRead(
  userId: string,
  dispositionId: Id,
): Promise<void> {
  await NotificationModel.updateMany(
    {
      dispositionId: new mongoose.Types.ObjectId(String(dispositionId)),
      userId: new mongoose.Types.ObjectId(userId),
      stateKey: `${userId}:unread`,
    },
    { $set: readKeys(userId, now()) },
  );
}
