import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { TIME_ZONES, ZONE_INFO, type TimeZoneCode } from './invitation.ts';

export const ENTRY_STATUSES = ['pending', 'accepted', 'declined', 'delegated'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** Local calendar date and hour of an instant in an Indonesian zone (fixed offsets). */
export function localParts(at: Date, zone: TimeZoneCode): { date: string; hour: string } {
  const local = new Date(at.getTime() + ZONE_INFO[zone].hours * 3_600_000).toISOString();
  return { date: local.slice(0, 10), hour: local.slice(11, 13) };
}

/** The UTC date (`YYYY-MM-DD`) an entry starts on: the reminder pass reads the entries of
 * the days its lead times reach (reminder-times.ts). */
export function remindDayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export interface EntryKeyInputs {
  positionId: unknown;
  start: Date;
  timeZone: string;
  status: string;
}

/**
 * The access keys of an entry, computed here only and set on every write (pre-validate):
 * `dayKey` `<positionId>:<yyyy-mm-dd>` (the daily agenda and its PDF), `monthKey`
 * `<positionId>:<yyyy-mm>` (week and month views read the one or two months they show),
 * `remindDayKey` (the UTC date of the start: the reminder pass reads the days its longest
 * lead time reaches; null when nothing is to be reminded: declined or handed on). Dates of
 * the first two are the entry's own local date.
 */
export function entryKeys(entry: EntryKeyInputs): {
  dayKey: string;
  monthKey: string;
  remindDayKey: string | null;
} {
  const { date } = localParts(entry.start, entry.timeZone as TimeZoneCode);
  const position = String(entry.positionId);
  const reminded = entry.status === 'pending' || entry.status === 'accepted';
  return {
    dayKey: `${position}:${date}`,
    monthKey: `${position}:${date.slice(0, 7)}`,
    remindDayKey: reminded ? remindDayOf(entry.start) : null,
  };
}

const entrySchema = new Schema(
  {
    positionId: { type: Schema.Types.ObjectId, required: true },
    positionTitle: { type: String, required: true },
    letterId: { type: Schema.Types.ObjectId, default: null },
    /** Which register `letterId` is in: an incoming undangan (the default), or the outgoing
     * undangan its inviter signed (agenda-sync.ts). */
    letterType: { type: String, enum: ['incoming', 'outgoing'], default: 'incoming' },
    /** The letter's agenda number and sender, so the views need not read the letter. */
    letterLabel: { type: String, default: '' },
    /** The letter's security class: an R/SR invitation's details are shown to the holder of
     * the position and to keepers cleared for the class only (`maskedFor`). */
    securityClass: { type: String, default: 'B' },
    title: { type: String, required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    /** The invitation said "s.d. selesai": `end` is an assumed two hours. */
    endOpen: { type: Boolean, default: false },
    timeZone: { type: String, required: true, enum: TIME_ZONES },
    place: { type: String, default: '' },
    onlineLink: { type: String, default: '' },
    dressCode: { type: String, default: '' },
    notes: { type: String, default: '' },
    status: { type: String, required: true, enum: ENTRY_STATUSES },
    /** Set on a delegated entry: who attends instead, and the entry made on their agenda. */
    delegatedTo: {
      type: new Schema(
        {
          positionId: { type: Schema.Types.ObjectId, required: true },
          positionTitle: { type: String, required: true },
          entryId: { type: Schema.Types.ObjectId, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    /** Set on the delegate's entry: whose invitation it was, and the disposition. */
    representing: {
      type: new Schema(
        {
          positionId: { type: Schema.Types.ObjectId, required: true },
          positionTitle: { type: String, required: true },
          entryId: { type: Schema.Types.ObjectId, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    dispositionId: { type: Schema.Types.ObjectId, default: null },
    /** Unique per letter and position: a retried registration step adds no second entry. */
    sourceKey: { type: String, required: true, unique: true },
    decidedAt: { type: Date, default: null },
    decidedByName: { type: String, default: null },
    dayKey: { type: String },
    monthKey: { type: String },
    remindDayKey: { type: String, default: null },
    /** Minutes before the start at which to remind, chosen for this entry; null follows the
     * position's default (reminder-settings.ts), [] reminds not at all. */
    remindBefore: { type: [Number], default: null },
  },
  { timestamps: true, collection: 'agenda_entries' },
);
entrySchema.pre('validate', function setAccessKeys() {
  this.set(entryKeys(this.toObject() as unknown as EntryKeyInputs));
});
// One index per access path: equality first, then the sort (docs/architecture.md).
entrySchema.index({ dayKey: 1, start: 1 });
entrySchema.index({ monthKey: 1, start: 1 });
entrySchema.index({ remindDayKey: 1, start: 1 });

export type AgendaEntry = InferSchemaType<typeof entrySchema> & { _id: mongoose.Types.ObjectId };
export const AgendaEntryModel = mongoose.model('AgendaEntry', entrySchema);

/**
 * A private iCalendar feed of one position's agenda. The token itself is shown once; only
 * its SHA-256 is kept (`tokenHash`, unique: the feed reads by it). Revoking sets
 * `revokedAt`; a revoked feed answers 404.
 */
const feedSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    positionId: { type: Schema.Types.ObjectId, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    revokedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'agenda_feeds' },
);
feedSchema.index({ positionId: 1 });
export type AgendaFeed = InferSchemaType<typeof feedSchema> & { _id: mongoose.Types.ObjectId };
export const AgendaFeedModel = mongoose.model('AgendaFeed', feedSchema);

/**
 * Staff who keep an official's agenda (set by the admin): the keeper position may read the
 * official's agenda and accept or decline for them; handing an invitation on stays with the
 * official (it is a disposition). Read by `positionId` (who keeps mine) and by
 * `keeperPositionId` (whose agendas do I keep).
 */
const keeperSchema = new Schema(
  {
    positionId: { type: Schema.Types.ObjectId, required: true },
    keeperPositionId: { type: Schema.Types.ObjectId, required: true },
    pairKey: { type: String, required: true, unique: true },
  },
  { timestamps: true, collection: 'agenda_keepers' },
);
keeperSchema.index({ positionId: 1 });
keeperSchema.index({ keeperPositionId: 1 });
export type AgendaKeeper = InferSchemaType<typeof keeperSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const AgendaKeeperModel = mongoose.model('AgendaKeeper', keeperSchema);
