import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** A peminjaman (domain.md §5): who borrowed which berkas, when, until when, and when
 * they came back. `numberKey` holds the gap-free number of the bukti peminjaman. */
const loanItemSchema = new Schema(
  {
    berkasId: { type: Schema.Types.ObjectId, required: true },
    label: { type: String, required: true },
    classificationCode: { type: String, required: true },
    title: { type: String, required: true },
    securityClass: { type: String, required: true },
    location: { type: String, default: '' },
  },
  { _id: false },
);

const loanSchema = new Schema(
  {
    number: { type: Number, default: null },
    year: { type: Number, required: true },
    numberKey: { type: String, required: true, unique: true },
    status: {
      type: String,
      required: true,
      enum: ['pending', 'out', 'returned'],
      default: 'pending',
    },
    borrowerName: { type: String, required: true },
    borrowerNip: { type: String, default: '' },
    borrowerUnit: { type: String, default: '' },
    borrowerPhone: { type: String, default: '' },
    /** When the borrower is a Lontar user, they get the overdue reminders too. */
    borrowerUserId: { type: Schema.Types.ObjectId, default: null },
    purpose: { type: String, required: true },
    items: { type: [loanItemSchema], default: [] },
    berkasIds: { type: [Schema.Types.ObjectId], default: [] },
    outDate: { type: String, required: true },
    dueDate: { type: String, required: true },
    lentBy: { type: Schema.Types.ObjectId, required: true },
    lentByName: { type: String, required: true },
    returnedOn: { type: String, default: null },
    returnedAt: { type: Date, default: null },
    returnedByName: { type: String, default: null },
    returnNote: { type: String, default: '' },
    lastReminderOn: { type: String, default: null },
    reminderCount: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'archive_loans' },
);
loanSchema.index({ status: 1, dueDate: 1 });
loanSchema.index({ berkasIds: 1 });
loanSchema.index({ createdAt: -1 });

export type Loan = InferSchemaType<typeof loanSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
};
export const LoanModel = mongoose.model('ArchiveLoan', loanSchema);

/** One overdue reminder per loan per day: inserting it is what lets exactly one replica
 * send that day's reminder. */
const reminderSchema = new Schema(
  {
    _id: { type: String, required: true },
    loanId: { type: Schema.Types.ObjectId, required: true },
    day: { type: String, required: true },
    daysOverdue: { type: Number, required: true },
    notified: { type: Number, default: 0 },
    at: { type: Date, required: true },
  },
  { collection: 'archive_loan_reminders', versionKey: false },
);
reminderSchema.index({ loanId: 1, day: -1 });
export const LoanReminderModel = mongoose.model('ArchiveLoanReminder', reminderSchema);
