import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { PROPOSAL_KINDS } from './settings.model.ts';

/**
 * A proposal to move records through their life (domain.md §5): pemindahan (transfer to
 * the records centre), pemusnahan (disposal) or penyerahan (handover of static records).
 *
 *   proposed ──approve (each configured official, in order)──► approved ──execute──► executing ──► executed
 *      │  └──reject──► rejected                                   │
 *      └──cancel──► cancelled ◄───────────────────────────────────┘
 *
 * Every change is claimed in `archive_proposal_transitions` (`<id>:<revision>`, unique)
 * and then applied where `revision` still matches (the pattern of outgoing/transitions.ts).
 * Execution is resumable: each berkas is finished on its own and recorded in `doneBerkasIds`.
 * The berita acara number is claimed on `baKey` (unique) with the gap-free counters.
 */
export const PROPOSAL_STATUSES = [
  'proposed',
  'approved',
  'rejected',
  'cancelled',
  'executing',
  'executed',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

const approvalSchema = new Schema(
  {
    positionId: { type: Schema.Types.ObjectId, required: true },
    positionTitle: { type: String, required: true },
    decision: {
      type: String,
      required: true,
      enum: ['pending', 'approved', 'rejected'],
      default: 'pending',
    },
    decidedAt: { type: Date, default: null },
    decidedByName: { type: String, default: null },
    decidedByNip: { type: String, default: null },
    acting: { type: String, default: null },
    note: { type: String, default: '' },
  },
  { _id: false },
);

/** The berkas as proposed: what the list and the berita acara print for ever. */
const entrySchema = new Schema(
  {
    berkasId: { type: Schema.Types.ObjectId, required: true },
    label: { type: String, required: true },
    unitName: { type: String, required: true },
    classificationCode: { type: String, required: true },
    title: { type: String, required: true },
    periodStart: { type: String, default: null },
    periodEnd: { type: String, default: null },
    itemCount: { type: Number, default: 0 },
    securityClass: { type: String, required: true },
    media: { type: String, default: 'campuran' },
    retention: { type: String, default: '' },
    finalDisposition: { type: String, default: null },
    activeUntil: { type: String, default: null },
    inactiveUntil: { type: String, default: null },
    location: { type: String, default: '' },
  },
  { _id: false },
);

const documentSchema = new Schema(
  {
    key: { type: String, required: true },
    sha256: { type: String, required: true },
    size: { type: Number, required: true },
  },
  { _id: false },
);

const proposalSchema = new Schema(
  {
    kind: { type: String, required: true, enum: PROPOSAL_KINDS },
    status: { type: String, required: true, enum: PROPOSAL_STATUSES, default: 'proposed' },
    revision: { type: Number, required: true, default: 0 },
    note: { type: String, default: '' },
    /** Records centre (transfer) or archive institution (handover) receiving the records. */
    receiverName: { type: String, default: '' },
    /** Transfer: the box at the records centre the berkas go to (optional). */
    destinationBoxId: { type: Schema.Types.ObjectId, default: null },
    entries: { type: [entrySchema], default: [] },
    berkasIds: { type: [Schema.Types.ObjectId], default: [] },
    securityClass: { type: String, required: true, default: 'B' },
    approvals: { type: [approvalSchema], default: [] },
    currentStep: { type: Number, default: 0 },
    proposedBy: { type: Schema.Types.ObjectId, required: true },
    proposedByName: { type: String, required: true },
    proposedByNip: { type: String, default: null },
    proposedByPosition: { type: String, default: null },
    closedReason: { type: String, default: '' },
    baYear: { type: Number, default: null },
    baNumber: { type: Number, default: null },
    baKey: { type: String, required: true, unique: true },
    executedOn: { type: String, default: null },
    executedAt: { type: Date, default: null },
    executedBy: { type: Schema.Types.ObjectId, default: null },
    executedByName: { type: String, default: null },
    executedByNip: { type: String, default: null },
    doneBerkasIds: { type: [Schema.Types.ObjectId], default: [] },
    /** Files removed from storage by a disposal (their metadata is in archive_disposed_files). */
    disposedFileCount: { type: Number, default: 0 },
    beritaAcara: { type: documentSchema, default: null },
    list: { type: documentSchema, default: null },
    package: { type: documentSchema, default: null },
    /** Top-level copy of `approvals.positionId` (proposalKeys): an approver's proposals by
     * one equality per position held (a dotted path is not pushed down on FerretDB). */
    approverPositionIds: { type: [Schema.Types.ObjectId], default: [] },
  },
  { timestamps: true, collection: 'archive_proposals' },
);
proposalSchema.index({ status: 1, kind: 1, createdAt: -1 });
proposalSchema.index({ approverPositionIds: 1, createdAt: -1 });

/** The access keys of a proposal; set by `pre('validate')` (create), by the update hook
 * when a `$set` carries `approvals`, and by the start-up backfill (proposals.backfill.ts). */
export function proposalKeys(proposal: { approvals?: { positionId?: unknown }[] | null }): {
  approverPositionIds: mongoose.Types.ObjectId[];
} {
  return {
    approverPositionIds: (proposal.approvals ?? [])
      .filter((a) => !!a.positionId)
      .map((a) => new mongoose.Types.ObjectId(String(a.positionId))),
  };
}
proposalSchema.pre('validate', function setProposalKeys() {
  Object.assign(this, proposalKeys(this as never));
});
proposalSchema.pre(['updateOne', 'updateMany', 'findOneAndUpdate'], function setKeys() {
  const set = (this.getUpdate() as { $set?: Record<string, unknown> } | null)?.$set;
  if (set && 'approvals' in set) Object.assign(set, proposalKeys(set as never));
});

export type Proposal = InferSchemaType<typeof proposalSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const ProposalModel = mongoose.model('ArchiveProposal', proposalSchema);

const transitionSchema = new Schema(
  {
    _id: { type: String, required: true },
    proposalId: { type: Schema.Types.ObjectId, required: true },
    fromRevision: { type: Number, required: true },
    action: { type: String, required: true },
    fromStatus: { type: String, required: true },
    toStatus: { type: String, required: true },
    set: { type: Schema.Types.Mixed, default: {} },
    actorName: { type: String, default: null },
    note: { type: String, default: '' },
    at: { type: Date, required: true },
  },
  { collection: 'archive_proposal_transitions', versionKey: false },
);
transitionSchema.index({ proposalId: 1, fromRevision: 1 });
export type ProposalTransition = InferSchemaType<typeof transitionSchema>;
export const ProposalTransitionModel = mongoose.model(
  'ArchiveProposalTransition',
  transitionSchema,
);

/**
 * What a disposal removed from object storage, kept for ever with the paperwork: the name,
 * size, type and hash of each file, whose letter it belonged to and which berkas and
 * berita acara destroyed it. `objectsRemoved` tracks the resumable removal.
 */
const disposedFileSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    fileId: { type: Schema.Types.ObjectId, default: null },
    kind: { type: String, required: true, enum: ['file', 'final'] },
    ownerType: { type: String, required: true },
    ownerId: { type: Schema.Types.ObjectId, required: true },
    letterType: { type: String, required: true },
    letterId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    size: { type: Number, required: true },
    mimeType: { type: String, required: true },
    sha256: { type: String, required: true },
    berkasId: { type: Schema.Types.ObjectId, required: true },
    proposalId: { type: Schema.Types.ObjectId, required: true },
    objectsRemoved: { type: Boolean, default: false },
    disposedAt: { type: Date, required: true },
  },
  { timestamps: true, collection: 'archive_disposed_files' },
);
disposedFileSchema.index({ berkasId: 1, objectsRemoved: 1 });
disposedFileSchema.index({ letterId: 1 });
export type DisposedFile = InferSchemaType<typeof disposedFileSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const DisposedFileModel = mongoose.model('ArchiveDisposedFile', disposedFileSchema);
