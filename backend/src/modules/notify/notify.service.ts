import mongoose from 'mongoose';
import { now } from '../../lib/clock.ts';
import { isDuplicateKey } from '../numbering/numbering.service.ts';
import { UserModel, type User } from '../org/org.model.ts';
import { holdersOfPosition } from '../org/org.service.ts';
import { mailEnabled, sendMail, trackMail } from './mailer.ts';
import {
  NotificationModel,
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

export async function listNotifications(
  userId: string,
  options: { unreadOnly: boolean; page: number; pageSize: number },
): Promise<NotificationPage> {
  const owner = new mongoose.Types.ObjectId(userId);
  const filter: Record<string, unknown> = {
    userId: owner,
    ...(options.unreadOnly ? { readAt: null } : {}),
  };
  const [items, total, unread] = await Promise.all([
    NotificationModel.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip((options.page - 1) * options.pageSize)
      .limit(options.pageSize)
      .lean<Notification[]>(),
    NotificationModel.countDocuments(filter),
    NotificationModel.countDocuments({ userId: owner, readAt: null }),
  ]);
  return { items, total, unread };
}

/** Marks the user's own notifications read (given ids, or all); returns how many changed. */
export async function markNotificationsRead(
  userId: string,
  ids: string[] | 'all',
): Promise<number> {
  const filter: Record<string, unknown> = {
    userId: new mongoose.Types.ObjectId(userId),
    readAt: null,
  };
  if (ids !== 'all') filter._id = { $in: ids.map((id) => new mongoose.Types.ObjectId(id)) };
  const result = await NotificationModel.updateMany(filter, { $set: { readAt: now() } });
  return result.modifiedCount;
}

/** Marks read the notifications about a disposition once its recipient opened it. */
export async function markDispositionNotificationsRead(
  userId: string,
  dispositionId: Id,
): Promise<void> {
  await NotificationModel.updateMany(
    {
      userId: new mongoose.Types.ObjectId(userId),
      dispositionId: new mongoose.Types.ObjectId(String(dispositionId)),
      readAt: null,
    },
    { $set: { readAt: now() } },
  );
}
