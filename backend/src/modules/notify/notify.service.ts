import mongoose from 'mongoose';
import { now } from '../../lib/clock.ts';
import { isDuplicateKey } from '../numbering/numbering.service.ts';
import { UserModel, type User } from '../org/org.model.ts';
import { holdersOfPosition } from '../org/org.service.ts';
import { mailEnabled, sendMail, trackMail } from './mailer.ts';
import {
  notificationDay,
  notificationMonth,
  NotificationModel,
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

/**
 * A page of the user's notifications, newest first, and the totals. Equality reads only:
 * the totals count `userId` and `stateKey`; the page walks month buckets newest first,
 * counting each (pushed down) to skip whole months before the page, and reads the month
 * that holds the page (a day at a time when the month is busy), sorting it in memory.
 */
export async function listNotifications(
  userId: string,
  options: { unreadOnly: boolean; page: number; pageSize: number; monthReadLimit?: number },
): Promise<NotificationPage> {
  const monthReadLimit = options.monthReadLimit ?? MONTH_READ_LIMIT;
  const owner = new mongoose.Types.ObjectId(userId);
  const [all, unread] = await Promise.all([
    options.unreadOnly ? Promise.resolve(0) : NotificationModel.countDocuments({ userId: owner }),
    NotificationModel.countDocuments({ stateKey: `${userId}:unread` }),
  ]);
  const total = options.unreadOnly ? unread : all;
  const fields = options.unreadOnly
    ? ({ month: 'unreadMonthKey', day: 'unreadDayKey' } as const)
    : ({ month: 'monthKey', day: 'dayKey' } as const);
  let skip = (options.page - 1) * options.pageSize;
  const items: Notification[] = [];
  let seen = 0;
  // Start a month ahead of both clocks: a notification is stamped with the wall clock.
  const start = new Date(Math.max(Date.now(), now().getTime()));
  let month = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  for (
    let step = 0;
    step <= MAX_MONTHS && seen < total && items.length < options.pageSize;
    step++
  ) {
    const key = `${userId}:${notificationMonth(month)}`;
    const count = await NotificationModel.countDocuments({ [fields.month]: key });
    seen += count;
    if (count > 0 && skip >= count) skip -= count;
    else if (count > 0) {
      const found =
        count <= monthReadLimit
          ? await NotificationModel.find({ [fields.month]: key }).lean<Notification[]>()
          : await pageOfBusyMonth(
              userId,
              fields.day,
              month,
              skip + options.pageSize - items.length,
            );
      found.sort(byNewest);
      items.push(...found.slice(skip, skip + options.pageSize - items.length));
      skip = 0;
    }
    month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() - 1, 1));
  }
  return { items, total, unread };
}

/** The newest `needed` notifications of a busy month, read a day at a time from its end. */
async function pageOfBusyMonth(
  userId: string,
  dayField: 'dayKey' | 'unreadDayKey',
  month: Date,
  needed: number,
): Promise<Notification[]> {
  const found: Notification[] = [];
  const last = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0));
  for (let day = last.getUTCDate(); day >= 1 && found.length < needed; day--) {
    const at = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), day));
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
