import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { FINAL_DISPOSITIONS } from './retention.model.ts';

/**
 * A berkas (file of records): letters of one matter grouped under one classification code
 * (domain.md §5). Life:
 *
 *   open ──close──► closed ──pemindahan──► inactive ──pemusnahan──► disposed
 *     ▲               │  (arsip aktif)       (arsip inaktif) └──penyerahan──► handed_over
 *     └───reopen──────┘                  closed ──pemusnahan/penyerahan──► (also allowed)
 *
 * Closing starts the retention clock: the JRA row in force gives `activeUntil` and
 * `inactiveUntil` (calendar dates, Asia/Jakarta). They are stored so the retention
 * dashboard is a plain indexed query, and recomputed when the JRA changes.
 *
 * `numberKey` is the claim of the berkas number (`{unitId}:{year}:{n}`, unique), given by
 * the gap-free counters of modules/numbering; `pending:{id}` until then.
 */
export const BERKAS_STATUSES = ['open', 'closed', 'inactive', 'disposed', 'handed_over'] as const;
export type BerkasStatus = (typeof BERKAS_STATUSES)[number];

const holdSchema = new Schema(
  {
    reason: { type: String, required: true },
    setAt: { type: Date, required: true },
    setByName: { type: String, required: true },
  },
  { _id: false },
);

const retentionSchema = new Schema(
  {
    /** The JRA row the values came from (the berkas code itself or an ancestor). */
    sourceCode: { type: String, required: true },
    activeYears: { type: Number, required: true },
    inactiveYears: { type: Number, required: true },
    finalDisposition: { type: String, required: true, enum: FINAL_DISPOSITIONS },
  },
  { _id: false },
);

const berkasSchema = new Schema(
  {
    unitId: { type: Schema.Types.ObjectId, required: true },
    /** The unit's ancestors and itself, root first: unit-scope queries in one match. */
    unitPath: { type: [Schema.Types.ObjectId], default: [] },
    unitCode: { type: String, required: true },
    unitName: { type: String, required: true },
    year: { type: Number, required: true },
    number: { type: Number, default: null },
    numberKey: { type: String, required: true, unique: true },
    classificationCode: { type: String, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    /** Highest class among its letters (and what the creator declared). */
    securityClass: { type: String, required: true, enum: ['B', 'T', 'R', 'SR'], default: 'B' },
    declaredClass: { type: String, required: true, enum: ['B', 'T', 'R', 'SR'], default: 'B' },
    status: { type: String, required: true, enum: BERKAS_STATUSES, default: 'open' },
    itemCount: { type: Number, default: 0 },
    /** Kurun waktu: earliest and latest letter dates (YYYY-MM-DD). */
    periodStart: { type: String, default: null },
    periodEnd: { type: String, default: null },
    /** Tingkat perkembangan and media, as the daftar berkas shows them. */
    media: { type: String, enum: ['kertas', 'elektronik', 'campuran'], default: 'campuran' },

    closedOn: { type: String, default: null },
    closedAt: { type: Date, default: null },
    closedByName: { type: String, default: null },
    retention: { type: retentionSchema, default: null },
    activeUntil: { type: String, default: null },
    inactiveUntil: { type: String, default: null },
    /** What happens at the end: the JRA's, or the re-appraisal's decision (top level so the
     * dashboard filters on one field). */
    finalDisposition: { type: String, enum: [...FINAL_DISPOSITIONS, null], default: null },
    /** Set when a Dinilai Kembali berkas was re-appraised. */
    appraisal: {
      type: new Schema(
        {
          decision: { type: String, enum: ['musnah', 'permanen'], required: true },
          note: { type: String, default: '' },
          at: { type: Date, required: true },
          byName: { type: String, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    legalHold: { type: holdSchema, default: null },
    /** Physical location: a box (archive_boxes) and the folder inside it. */
    boxId: { type: Schema.Types.ObjectId, default: null },
    folder: { type: String, default: null },
    /** The pending proposal (pemindahan/pemusnahan/penyerahan) holding this berkas. */
    proposalId: { type: Schema.Types.ObjectId, default: null },
    /** The loan the berkas is out on. */
    loanId: { type: Schema.Types.ObjectId, default: null },
    transferredAt: { type: Date, default: null },
    disposedAt: { type: Date, default: null },
    handedOverAt: { type: Date, default: null },
    /** The executed proposals that moved it (for the record's history). */
    transferProposalId: { type: Schema.Types.ObjectId, default: null },
    finalProposalId: { type: Schema.Types.ObjectId, default: null },

    createdBy: { type: Schema.Types.ObjectId, required: true },
    createdByName: { type: String, required: true },
  },
  { timestamps: true, collection: 'archive_berkas' },
);
berkasSchema.index({ status: 1, activeUntil: 1 });
berkasSchema.index({ status: 1, inactiveUntil: 1, finalDisposition: 1 });
berkasSchema.index({ unitPath: 1, status: 1 });
berkasSchema.index({ classificationCode: 1 });
berkasSchema.index({ boxId: 1 });
berkasSchema.index({ year: 1, unitId: 1, number: 1 });

export type Berkas = InferSchemaType<typeof berkasSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const BerkasModel = mongoose.model('ArchiveBerkas', berkasSchema);

/** Where a filed record comes from. `imported` letters are the old scans (modules/import). */
export const ITEM_TYPES = ['incoming', 'outgoing', 'imported'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/**
 * One letter filed in a berkas. `letterKey` (`{type}:{letterId}`) is unique: a letter sits
 * in at most one berkas, whoever files it first. The letter's metadata is copied so the
 * daftar isi berkas and the paperwork of a disposal stay readable for ever.
 */
const berkasItemSchema = new Schema(
  {
    berkasId: { type: Schema.Types.ObjectId, required: true },
    letterType: { type: String, required: true, enum: ITEM_TYPES },
    letterId: { type: Schema.Types.ObjectId, required: true },
    letterKey: { type: String, required: true, unique: true },
    letterNumber: { type: String, default: '' },
    letterDate: { type: String, default: null },
    /** Pengirim (incoming) or tujuan (outgoing). */
    party: { type: String, default: '' },
    subject: { type: String, default: '' },
    classificationCode: { type: String, default: '' },
    securityClass: { type: String, required: true, enum: ['B', 'T', 'R', 'SR'] },
    /** Year of the letter, so the "not yet filed" list can exclude filed letters per year. */
    letterYear: { type: Number, required: true },
    fileCount: { type: Number, default: 0 },
    filedAt: { type: Date, required: true },
    filedByName: { type: String, required: true },
  },
  { timestamps: true, collection: 'archive_berkas_items' },
);
berkasItemSchema.index({ berkasId: 1, letterDate: 1 });
berkasItemSchema.index({ letterType: 1, letterYear: 1 });

export type BerkasItem = InferSchemaType<typeof berkasItemSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const BerkasItemModel = mongoose.model('ArchiveBerkasItem', berkasItemSchema);
