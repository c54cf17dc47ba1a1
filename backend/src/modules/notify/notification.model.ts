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
  },
  { timestamps: true, collection: 'notifications' },
);
notificationSchema.index({ userId: 1, createdAt: -1 });
notificationSchema.index({ userId: 1, readAt: 1 });
notificationSchema.index({ emailStatus: 1, createdAt: 1 });

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
