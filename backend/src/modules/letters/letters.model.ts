import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { incomingDayKey, touchLetterTallies } from '../reports/letter-tallies.model.ts';
import { letterKeys, senderPrefixesOf, type LetterKeyInputs } from './letters.keys.ts';
import { CHANNEL_KEYS, SENDER_CATEGORY_KEYS } from './sender-category.ts';

export const LETTER_STATUSES = ['pending', 'registered', 'in_progress', 'done', 'void'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];
export const URGENCIES = ['biasa', 'segera', 'sangat_segera'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Jenis naskah (domain.md §3). */
export const LETTER_KINDS = [
  'Surat Dinas',
  'Nota Dinas',
  'Memo',
  'Surat Undangan',
  'Surat Edaran',
  'Surat Perintah',
  'Surat Tugas',
  'Keputusan',
  'Instruksi',
  'Berita Acara',
  'Surat Keterangan',
  'Surat Pengantar',
  'Pengumuman',
  'Laporan',
  'Telaahan Staf',
  'Notula',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

const readSchema = new Schema(
  {
    positionId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * A letter in the buku agenda (domain.md §3). Life: `pending` while its files are stored
 * and before it holds a number (never shown, swept when abandoned) → `registered` →
 * `in_progress` / `done` (dispositions) or `void`. Never deleted once registered.
 *
 * `agendaKey` is the one unique key: `{register}:{year}:{number}` once numbered, and
 * `pending:{id}` before. Its unique index is what makes a number "taken" (numbering).
 */
const incomingLetterSchema = new Schema(
  {
    status: { type: String, required: true, enum: LETTER_STATUSES },
    register: { type: String, required: true },
    agendaYear: { type: Number, required: true },
    agendaNumber: { type: Number, default: null },
    agendaKey: { type: String, required: true, unique: true },
    registeredAt: { type: Date, default: null },

    senderName: { type: String, required: true },
    /** Folded sender name and letter number, for the duplicate check and filters. */
    senderKey: { type: String, required: true },
    letterNumber: { type: String, required: true },
    letterNumberKey: { type: String, required: true },
    /** Calendar dates as `YYYY-MM-DD`: no time zone can move them. */
    letterDate: { type: String, required: true },
    receivedDate: { type: String, required: true },
    /** Asal pengirim and saluran penerimaan (sender-category.ts), chosen by the clerk at
     * registration; letters of older versions get them from the start-up backfill. */
    senderCategory: { type: String, enum: SENDER_CATEGORY_KEYS },
    channel: { type: String, enum: CHANNEL_KEYS },
    subject: { type: String, required: true },
    summary: { type: String, default: '' },
    attachmentCount: { type: Number, default: 0 },
    attachmentDescription: { type: String, default: '' },
    classificationCode: { type: String, required: true },
    securityClass: { type: String, required: true, enum: ['B', 'T', 'R', 'SR'] },
    urgency: { type: String, required: true, enum: URGENCIES },
    kind: { type: String, default: null },
    notes: { type: String, default: '' },
    /** A Surat Undangan's event as the clerk confirmed it (agenda/agenda.schema.ts), kept so
     * the agenda entries can be made again if the step after registration was cut off. */
    invitationEvent: { type: Schema.Types.Mixed, default: null },
    /** 'due' while the invitation's agenda entries are not yet made (agenda/agenda-sync.ts
     * reads it by equality and removes it once they are); absent otherwise. */
    agendaSyncKey: { type: String, default: undefined },

    addresseePositionId: { type: Schema.Types.ObjectId, required: true },
    copyPositionIds: { type: [Schema.Types.ObjectId], default: [] },
    /** The addressee and its superiors at registration (refreshed on correction). */
    chainPositionIds: { type: [Schema.Types.ObjectId], default: [] },
    /** Added by dispositions (grantLetterAccess). */
    disposedPositionIds: { type: [Schema.Types.ObjectId], default: [] },
    /** Union of chain, copies and dispositions: who may open the letter by position. */
    readerPositionIds: { type: [Schema.Types.ObjectId], default: [] },
    /** Per-position read state: `readPositionIds` for queries, `reads` for who and when. */
    readPositionIds: { type: [Schema.Types.ObjectId], default: [] },
    reads: { type: [readSchema], default: [] },

    registeredBy: { type: Schema.Types.ObjectId, required: true },
    registeredByName: { type: String, required: true },
    correctionCount: { type: Number, default: 0 },
    lastCorrectedAt: { type: Date, default: null },
    voidReason: { type: String, default: null },
    voidedAt: { type: Date, default: null },
    voidedBy: { type: Schema.Types.ObjectId, default: null },
    voidedByName: { type: String, default: null },

    /** Access keys (letters.keys.ts `letterKeys`): derived, never edited on their own. */
    agendaBucket: { type: String, default: null },
    agendaSlot: { type: String, default: null },
    boxBuckets: { type: [String], default: undefined },
    unreadKeys: { type: [String], default: undefined },
    addresseeStatusKey: { type: String },
    awaitingKey: { type: String, default: null },
    urgencyBucket: { type: String, default: null },
    /** Hours in which a write may have moved the letter in a position's queues
     * (queue.keys.ts): the kept queue counts re-read only these letters. */
    queueTouchKeys: { type: [String], default: undefined },
    /** Files registered with the letter (they never change afterwards), for the list. */
    fileCount: { type: Number },
  },
  { timestamps: true, collection: 'incoming_letters' },
);
// insertMany, create and save (registration, the seed) get the keys without knowing them.
incomingLetterSchema.pre('validate', function setAccessKeys() {
  this.set(letterKeys(this.toObject() as unknown as LetterKeyInputs));
});
// The reports' kept day digests (reports/letter-tallies.ts) learn of every write that may
// change what they count: the days of the letters inserted, deleted or updated in a field
// the reports count by (before and after a change of the day of receipt).
const TALLIED_FIELDS = [
  'status',
  'register',
  'receivedDate',
  'senderName',
  'notes',
  'senderCategory',
  'channel',
  'classificationCode',
  'securityClass',
  'addresseePositionId',
];
type TallyContext = { tallyKeys?: string[] };
const dayKeysOf = (letters: Array<{ receivedDate?: unknown }>) =>
  letters.map((l) => (typeof l.receivedDate === 'string' ? incomingDayKey(l.receivedDate) : null));
incomingLetterSchema.post('save', async function touchTallyAfterSave() {
  await touchLetterTallies(dayKeysOf([this]));
});
incomingLetterSchema.post('insertMany', async function touchTalliesAfterInsert(docs: unknown) {
  await touchLetterTallies(dayKeysOf(docs as Array<{ receivedDate?: unknown }>));
});
incomingLetterSchema.pre(
  ['updateOne', 'findOneAndUpdate', 'updateMany', 'deleteOne', 'deleteMany', 'findOneAndDelete'],
  async function findTallyDaysBefore() {
    const op = String((this as unknown as { op?: string }).op ?? '');
    const update = (this.getUpdate() ?? {}) as Record<string, Record<string, unknown> | undefined>;
    // Fields under each operator, and a plain `{ field: value }` update (mongoose's `$set`).
    const changed = Object.entries(update).flatMap(([key, part]) =>
      !key.startsWith('$') ? [key] : part && typeof part === 'object' ? Object.keys(part) : [],
    );
    if (!op.toLowerCase().includes('delete') && !changed.some((f) => TALLIED_FIELDS.includes(f)))
      return;
    const stored = await this.model
      .find(this.getFilter(), { receivedDate: 1 })
      .lean<Array<{ receivedDate?: string }>>();
    if (stored.length === 0) return;
    const after = update.$set?.receivedDate ?? (update as Record<string, unknown>).receivedDate;
    (this as unknown as TallyContext).tallyKeys = [
      ...dayKeysOf(stored),
      ...dayKeysOf([{ receivedDate: after }]),
    ].filter((k): k is string => k !== null);
  },
);
incomingLetterSchema.post(
  ['updateOne', 'findOneAndUpdate', 'updateMany', 'deleteOne', 'deleteMany', 'findOneAndDelete'],
  async function touchTalliesAfter() {
    await touchLetterTallies((this as unknown as TallyContext).tallyKeys ?? []);
  },
);
// One index per access path: equality fields first, then the sort (docs/architecture.md).
// The buku agenda, a bucket at a time, by number.
incomingLetterSchema.index({ agendaBucket: 1, agendaNumber: -1 });
// Invitations whose agenda entries are still to be made (agenda/agenda-sync.ts).
incomingLetterSchema.index({ agendaSyncKey: 1 });
// A page of the buku agenda in agenda order, 25 numbers a slot.
incomingLetterSchema.index({ agendaSlot: 1, agendaNumber: -1 });
// Lists of officials (inbox, tembusan, letters they may read), a bucket at a time.
incomingLetterSchema.index({ boxBuckets: 1, agendaNumber: -1 });
// Unread letters and tembusan of a position (counters, the "unread" filter).
incomingLetterSchema.index({ unreadKeys: 1, agendaNumber: -1 });
// Letters waiting for the addressee's disposition, newest first.
incomingLetterSchema.index({ addresseeStatusKey: 1, registeredAt: -1 });
// The same waiting letters a sifat and a day of receipt at a time: the awaiting queue in
// priority order, oldest first within a day (queue.keys.ts).
incomingLetterSchema.index({ awaitingKey: 1, registeredAt: 1 });
// Letters touched in an hour, per position: the kept queue counts' changes (queue-state.ts).
incomingLetterSchema.index({ queueTouchKeys: 1 });
// The desk's register by sifat (Sangat Segera, Segera), a thousand numbers at a time.
incomingLetterSchema.index({ urgencyBucket: 1, agendaNumber: -1 });
// A date range of the register (exports by month), a day at a time.
incomingLetterSchema.index({ receivedDate: 1, agendaNumber: 1 });
// Duplicate check at registration.
incomingLetterSchema.index({ senderKey: 1, letterNumberKey: 1, registeredAt: 1 });
// Maintenance: abandoned registrations and follow-up repair (not user requests).
incomingLetterSchema.index({ status: 1, createdAt: 1 });
// Still read by other modules until they move to the keys above: the dispositions inbox's
// text filter (readerPositionIds), its counters (addressee + status), and the archive's
// unfiled letters of a year.
incomingLetterSchema.index({ readerPositionIds: 1 });
incomingLetterSchema.index({ addresseePositionId: 1, status: 1 });
incomingLetterSchema.index({ agendaYear: 1, agendaNumber: 1 });

export type IncomingLetter = InferSchemaType<typeof incomingLetterSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const IncomingLetterModel = mongoose.model('IncomingLetter', incomingLetterSchema);

/** The address book of senders: every name registered once, most used first. */
const senderSchema = new Schema(
  {
    name: { type: String, required: true },
    nameKey: { type: String, required: true, unique: true },
    useCount: { type: Number, default: 0 },
    lastUsedAt: { type: Date, default: null },
    /** Word prefixes of `nameKey` (letters.keys.ts `senderPrefixesOf`) for the lookup. */
    prefixes: { type: [String], default: undefined },
    /** The category clerks chose for this sender last (sender-category.ts): the next
     * registration's pre-filled choice. */
    category: { type: String, enum: SENDER_CATEGORY_KEYS, default: undefined },
  },
  { timestamps: true, collection: 'incoming_senders' },
);
senderSchema.pre('validate', function setPrefixes() {
  this.set('prefixes', senderPrefixesOf(this.get('nameKey') as string));
});
senderSchema.index({ prefixes: 1, useCount: -1 });
export type Sender = InferSchemaType<typeof senderSchema> & { _id: mongoose.Types.ObjectId };
export const SenderModel = mongoose.model('IncomingSender', senderSchema);

/** Buku agenda: one central register by default; more (e.g. per desk) can be added. */
const registerSchema = new Schema(
  {
    code: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    isDefault: { type: Boolean, default: false },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, collection: 'incoming_registers' },
);
export type IncomingRegister = InferSchemaType<typeof registerSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const IncomingRegisterModel = mongoose.model('IncomingRegister', registerSchema);
