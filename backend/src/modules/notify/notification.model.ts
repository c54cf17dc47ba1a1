import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** An in-app notification for one user. `dedupeKey` is unique: whoever inserts it first
 * is the one sender, so two API replicas scanning at once, or a retried request, never
 * notify (or e-mail) anyone twice. */
export const NOTIFICATION_KINDS = [
  'disposition.new',
  'disposition.report',
  'disposition.completed',
  'disposition.returned',
  'disposition.cancelled',
  'disposition.due_tomorrow',
  'disposition.overdue',
  'digest',
  'agenda.reminder',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

const notificationSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    /** The position the notification concerns (acting officials get their Plh inbox's). */
    positionId: { type: Schema.Types.ObjectId, default: null },
    kind: { type: String, required: true, enum: NOTIFICATION_KINDS },
    title: { type: String, required: true },
    body: { type: String, default: '' },
    /** An in-app path to open, e.g. `/disposisi/<id>`. */
    link: { type: String, default: null },
    letterId: { type: Schema.Types.ObjectId, default: null },
    dispositionId: { type: Schema.Types.ObjectId, default: null },
    dedupeKey: { type: String, required: true, unique: true },
    readAt: { type: Date, default: null },
    emailStatus: {
      type: String,
      enum: ['disabled', 'no_address', 'pending', 'sent', 'failed'],
      default: 'disabled',
    },
    emailError: { type: String, default: null },
    emailedAt: { type: Date, default: null },
    // Access keys (notificationKeys below): the bell and the list read by equality only.
    stateKey: { type: String },
    monthKey: { type: String },
    dayKey: { type: String },
    unreadMonthKey: { type: String, default: null },
    unreadDayKey: { type: String, default: null },
  },
  { timestamps: true, collection: 'notifications' },
);
// Totals: `{ userId }` and `{ stateKey: '<user>:unread' }` counted (countDocuments is pushed).
notificationSchema.index({ userId: 1 });
notificationSchema.index({ stateKey: 1 });
// The list, newest first, walked a month (or, in a busy month, a day) at a time.
notificationSchema.index({ monthKey: 1, createdAt: -1 });
notificationSchema.index({ dayKey: 1, createdAt: -1 });
notificationSchema.index({ unreadMonthKey: 1, createdAt: -1 });
notificationSchema.index({ unreadDayKey: 1, createdAt: -1 });
// Read when the recipient opens the disposition.
notificationSchema.index({ dispositionId: 1, userId: 1 });
notificationSchema.index({ emailStatus: 1, createdAt: 1 });
notificationSchema.pre('validate', function setNotificationKeys() {
  this.createdAt ??= new Date();
  Object.assign(this, notificationKeys(this));
});

export const NOTIFICATION_KEY_FIELDS = [
  'stateKey',
  'monthKey',
  'dayKey',
  'unreadMonthKey',
  'unreadDayKey',
] as const;
export type NotificationKeys = {
  stateKey: string;
  monthKey: string;
  dayKey: string;
  unreadMonthKey: string | null;
  unreadDayKey: string | null;
};

/** `YYYY-MM` and `YYYY-MM-DD` of an instant (UTC: buckets only need to be consistent). */
export function notificationMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}
export function notificationDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The access keys of a notification, from its user, creation time and read state. Set on
 * every write path: `pre('validate')` (create, insertMany), the mark-read updates
 * (`readKeys`), and the start-up backfill for older documents. */
export function notificationKeys(n: {
  userId: unknown;
  createdAt?: Date | null;
  readAt?: Date | null;
}): NotificationKeys {
  const user = String(n.userId);
  const at = new Date(n.createdAt ?? Date.now());
  const month = `${user}:${notificationMonth(at)}`;
  const day = `${user}:${notificationDay(at)}`;
  const unread = !n.readAt;
  return {
    stateKey: `${user}:${unread ? 'unread' : 'read'}`,
    monthKey: month,
    dayKey: day,
    unreadMonthKey: unread ? month : null,
    unreadDayKey: unread ? day : null,
  };
}

/** The $set that marks a user's notifications read: the same for every one of them. */
export function readKeys(userId: unknown, readAt: Date) {
  return {
    readAt,
    stateKey: `${String(userId)}:read`,
    unreadMonthKey: null,
    unreadDayKey: null,
  };
}

/** Per user, how many notifications each month that is over holds (months with none left
 * out), up to `through`. A month's set never changes once it is over (notifications are never
 * deleted and keep their creation month), so each is counted once; the list then knows its
 * total and which months to skip without counting a user's whole history (FerretDB decodes
 * every document a count matches). */
const notificationMonthsSchema = new Schema(
  {
    _id: { type: String, required: true },
    through: { type: String, required: true },
    counts: { type: [{ m: String, n: Number, _id: false }], default: [] },
  },
  { collection: 'notification_months', versionKey: false },
);
/** The document whose `through` says up to which month every user's counts were taken by
 * the start-up pass: a user without a document had no notification before it. */
export const MONTHS_FLOOR = '*';

/** `YYYY-MM` of the month before `month` (`steps` months before). */
export function previousMonth(month: string, steps = 1): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return notificationMonth(new Date(Date.UTC(y, m - 1 - steps, 1)));
}

export const NotificationMonthsModel = mongoose.model(
  'NotificationMonths',
  notificationMonthsSchema,
);

/** One document per scan window: inserting it is the lease to run that window's scan. */
const leaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    at: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    result: { type: Schema.Types.Mixed, default: null },
  },
  { collection: 'notify_leases', versionKey: false },
);
leaseSchema.index({ at: 1 });

export type Notification = InferSchemaType<typeof notificationSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
};
export type NotifyLease = InferSchemaType<typeof leaseSchema>;
export const NotificationModel = mongoose.model('Notification', notificationSchema);
export const NotifyLeaseModel = mongoose.model('NotifyLease', leaseSchema);
