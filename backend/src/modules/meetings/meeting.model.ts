import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * A coordination meeting (rapat): its invitation, invited positions and who came, the
 * minutes (notulen, drafted here or an uploaded scan) and the decisions. Each decision
 * becomes a disposition node whose source is the meeting once the minutes are final
 * (meetings.decisions.ts): the responsible position's inbox, its reports, deadlines and the
 * monitoring then treat it like any disposition. The decision's status is copied back here
 * (`syncMeetingDecisions`) so the meeting list and the reports read meetings only.
 *
 * Positions, titles and unit names are copied at the moment they are set, as on letters.
 */

export const MEETING_KINDS = [
  'rapat_koordinasi',
  'rapat_pimpinan',
  'rapat_teknis',
  'rapat_lainnya',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_STATUSES = ['dijadwalkan', 'selesai', 'batal'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const ATTENDANCE = ['belum', 'hadir', 'diwakili', 'tidak_hadir'] as const;
export type Attendance = (typeof ATTENDANCE)[number];

/** A decision before the minutes are final, then the status of its disposition node. */
export const DECISION_STATUSES = [
  'draf',
  'terkirim',
  'dibaca',
  'diproses',
  'selesai',
  'dibatalkan',
  'dikembalikan',
] as const;

const JAKARTA_MS = 7 * 3_600_000;

/** The Jakarta calendar month (`yyyy-mm`) of an instant. */
export function jakartaMonth(at: Date | string): string {
  return new Date(new Date(at).getTime() + JAKARTA_MS).toISOString().slice(0, 7);
}

/** The access key of a meeting (docs/architecture.md "access paths"), computed here only:
 * `monthKey` `m:<yyyy-mm>` of its start in Jakarta. A secretariat holds a few dozen
 * meetings a month, so the list, the Sekda's figures and the reports read the months they
 * show, one equality each, and filter and sort those few in memory. */
export function meetingKeys(meeting: { startAt: Date | string }): { monthKey: string } {
  return { monthKey: monthKeyOf(jakartaMonth(meeting.startAt)) };
}

export function monthKeyOf(month: string): string {
  return `m:${month}`;
}

const positionRef = {
  positionId: { type: Schema.Types.ObjectId, required: true },
  positionTitle: { type: String, required: true },
  unitId: { type: Schema.Types.ObjectId, required: true },
  unitName: { type: String, default: '' },
};

const invitedSchema = new Schema(
  {
    ...positionRef,
    attendance: { type: String, enum: ATTENDANCE, default: 'belum' },
    /** Who attended for the position (diwakili): a name and title as written on the sheet. */
    representedBy: { type: String, default: '' },
  },
  { _id: false },
);

const decisionSchema = new Schema({
  instruction: { type: String, required: true },
  ...positionRef,
  /** The responsible unit's path from the root (per-unit figures of a subtree). */
  unitPath: { type: [Schema.Types.ObjectId], default: [] },
  /** Batas waktu, a Jakarta calendar date. */
  dueDate: { type: String, required: true },
  dueAt: { type: Date, required: true },
  /** The disposition node made from it on finalising (id fixed when the decision is added,
   * so finalising twice makes it once). */
  dispositionId: { type: Schema.Types.ObjectId, required: true },
  status: { type: String, enum: DECISION_STATUSES, default: 'draf' },
  closedAt: { type: Date, default: null },
});

const meetingSchema = new Schema(
  {
    title: { type: String, required: true },
    kind: { type: String, required: true, enum: MEETING_KINDS },
    startAt: { type: Date, required: true },
    endAt: { type: Date, required: true },
    place: { type: String, default: '' },
    onlineLink: { type: String, default: '' },
    chair: { type: new Schema(positionRef, { _id: false }), required: true },
    securityClass: { type: String, required: true, enum: ['B', 'T', 'R', 'SR'], default: 'B' },
    /** The invitation: an incoming undangan or an outgoing one, either optional. */
    invitation: {
      type: new Schema(
        {
          kind: { type: String, required: true, enum: ['incoming', 'outgoing'] },
          letterId: { type: Schema.Types.ObjectId, required: true },
          label: { type: String, default: '' },
        },
        { _id: false },
      ),
      default: null,
    },
    /** The agenda entry of the chair it belongs to, when one exists (agenda module). */
    agendaEntryId: { type: Schema.Types.ObjectId, default: null },
    invited: { type: [invitedSchema], default: [] },
    extraAttendees: {
      type: [new Schema({ name: String, role: { type: String, default: '' } }, { _id: false })],
      default: [],
    },
    attendanceSheetFileId: { type: Schema.Types.ObjectId, default: null },
    minutes: {
      type: new Schema(
        {
          mode: { type: String, enum: ['draft', 'scan'], default: 'draft' },
          pembukaan: { type: String, default: '' },
          pembahasan: { type: String, default: '' },
          keputusan: { type: String, default: '' },
          penutup: { type: String, default: '' },
          scanFileId: { type: Schema.Types.ObjectId, default: null },
          finalizedAt: { type: Date, default: null },
          finalizedByName: { type: String, default: null },
        },
        { _id: false },
      ),
      default: () => ({}),
    },
    decisions: { type: [decisionSchema], default: [] },
    status: { type: String, required: true, enum: MEETING_STATUSES, default: 'dijadwalkan' },
    /** Positions that see the meeting through its chain (chair, invited, responsible) and
     * the units on their paths (their heads see it): the policy's resource. */
    positionIds: { type: [Schema.Types.ObjectId], default: [] },
    unitIds: { type: [Schema.Types.ObjectId], default: [] },
    createdBy: {
      userId: { type: Schema.Types.ObjectId, required: true },
      name: { type: String, required: true },
    },
    version: { type: Number, default: 0 },
    monthKey: { type: String },
    /** `invitation.letterId` at the top level: only top-level equality is served by an
     * index on FerretDB ("Rapat dari surat ini" on a letter's page). */
    invitationLetterId: { type: Schema.Types.ObjectId, default: null },
    /** The version of its search record (meetings.search.ts) last published; absent on
     * meetings from before they were searchable (the start-up backfill publishes those). */
    searchVersion: { type: Number },
  },
  { timestamps: true, collection: 'meetings' },
);
meetingSchema.pre('validate', function setAccessKeys() {
  if (this.startAt) this.set(meetingKeys({ startAt: this.startAt }));
  this.set('invitationLetterId', this.invitation?.letterId ?? null);
});
// The months a list or a report shows, newest first (sorted in memory).
meetingSchema.index({ monthKey: 1, startAt: -1 });
// "Rapat dari surat ini" on a letter.
meetingSchema.index({ invitationLetterId: 1 });

export type Meeting = InferSchemaType<typeof meetingSchema> & { _id: mongoose.Types.ObjectId };
export type MeetingDecision = Meeting['decisions'][number];
export const MeetingModel = mongoose.model('Meeting', meetingSchema);
