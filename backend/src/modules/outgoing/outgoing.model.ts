import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { jakartaDate } from '../calendar/dates.ts';
import { letterScopes, periodKeys, SIGNED_STATUSES, type ScopeInputs } from './list-keys.ts';
import { OUTGOING_KINDS } from './templates/kinds.ts';
import { retryUpsertOnDuplicate } from '../../lib/upsert.ts';
import { outgoingKeyOfSigning, touchLetterTallies } from '../reports/letter-tallies.model.ts';

/**
 * An outgoing letter (naskah dinas keluar) from the first draft to its dispatch.
 *
 * Every change goes through a claim in `outgoing_transitions` (see transitions.ts): the
 * letter's `revision` orders the changes and only the writer that won the claim for the
 * current revision may apply one. `version` is the content version the verifiers see:
 * a new version starts when the drafter edits after a submission, and each submitted
 * version is kept in `outgoing_letter_versions`.
 */
export const OUTGOING_STATUSES = [
  'draft',
  'in_review',
  'returned',
  'awaiting_signature',
  'signing',
  'signed',
  'sent',
] as const;
export type OutgoingStatus = (typeof OUTGOING_STATUSES)[number];
export const URGENCIES = ['biasa', 'segera', 'sangat_segera'] as const;
export const SIGN_MODES = ['direct', 'an', 'ub'] as const;
export const DISPATCH_METHODS = ['internal', 'kurir', 'pos', 'email', 'langsung'] as const;

const recipientSchema = new Schema(
  {
    type: { type: String, required: true, enum: ['internal', 'external'] },
    positionId: { type: Schema.Types.ObjectId, default: null },
    label: { type: String, required: true },
    address: { type: String, default: null },
    email: { type: String, default: null },
  },
  { _id: false },
);

const copySchema = new Schema(
  {
    positionId: { type: Schema.Types.ObjectId, default: null },
    label: { type: String, required: true },
  },
  { _id: false },
);

const verifierSchema = new Schema(
  {
    positionId: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true },
    decision: {
      type: String,
      required: true,
      enum: ['pending', 'approved', 'returned'],
      default: 'pending',
    },
    decidedAt: { type: Date, default: null },
    decidedByUserId: { type: Schema.Types.ObjectId, default: null },
    decidedByName: { type: String, default: null },
    note: { type: String, default: null },
  },
  { _id: false },
);

const signerSchema = new Schema(
  {
    positionId: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true },
    mode: { type: String, required: true, enum: SIGN_MODES, default: 'direct' },
    onBehalfOfPositionId: { type: Schema.Types.ObjectId, default: null },
    onBehalfOfTitle: { type: String, default: null },
    throughPositionId: { type: Schema.Types.ObjectId, default: null },
    throughTitle: { type: String, default: null },
  },
  { _id: false },
);

const dispatchSchema = new Schema(
  {
    recipientIndex: { type: Number, default: null },
    type: { type: String, required: true, enum: ['internal', 'external', 'copy'] },
    label: { type: String, required: true },
    positionId: { type: Schema.Types.ObjectId, default: null },
    method: { type: String, required: true, enum: DISPATCH_METHODS },
    sentAt: { type: Date, required: true },
    /** The calendar day (YYYY-MM-DD, Jakarta) the clerk recorded for an external dispatch:
     * the hour is not known then, so only the day is shown (`sentAt` holds that day's
     * midnight, or the moment of recording when it is today). Null when Lontar sent it. */
    sentDate: { type: String, default: null },
    /** Bukti kirim: receipt number, courier name, e-mail message id. */
    proof: { type: String, default: null },
    email: { type: String, default: null },
    /** The internal incoming letter created in the recipient's inbox. */
    incomingLetterId: { type: Schema.Types.ObjectId, default: null },
    status: { type: String, required: true, enum: ['sent', 'failed'], default: 'sent' },
    error: { type: String, default: null },
    recordedByUserId: { type: Schema.Types.ObjectId, default: null },
    recordedByName: { type: String, default: null },
  },
  { _id: true },
);

const outgoingLetterSchema = new Schema(
  {
    /** Short public verification code (GET /v/:code); valid only once signed. */
    code: { type: String, required: true, unique: true },
    kind: { type: String, required: true, enum: OUTGOING_KINDS },
    status: { type: String, required: true, enum: OUTGOING_STATUSES, default: 'draft' },
    revision: { type: Number, required: true, default: 0 },
    version: { type: Number, required: true, default: 1 },
    /** The last version sent to the chain; an edit after it starts version + 1. */
    submittedVersion: { type: Number, default: null },
    securityClass: { type: String, required: true, enum: ['B', 'T', 'R', 'SR'], default: 'B' },
    urgency: { type: String, required: true, enum: URGENCIES, default: 'biasa' },
    classificationCode: { type: String, required: true },
    subject: { type: String, required: true },
    attachmentLabel: { type: String, default: null },
    recipients: { type: [recipientSchema], default: [] },
    recipientPlace: { type: String, default: null },
    carbonCopies: { type: [copySchema], default: [] },
    /** Rich-text blocks (templates/body-model.ts). */
    body: { type: Schema.Types.Mixed, default: [] },
    place: { type: String, required: true, default: 'Bandar Lampung' },
    /** A surat undangan's event (agenda/agenda.schema.ts `invitationEventSchema`): fills the
     * body's Hari/tanggal, Pukul, Tempat and Acara and, once signed, the agenda entries. */
    event: { type: Schema.Types.Mixed, default: null },
    /** 'due' from the signature until the undangan's agenda entries are made
     * (agenda/agenda-sync.ts reads it by equality and removes it); absent otherwise. */
    agendaSyncKey: { type: String, default: undefined },
    drafter: {
      type: new Schema(
        {
          userId: { type: Schema.Types.ObjectId, required: true },
          name: { type: String, required: true },
          positionId: { type: Schema.Types.ObjectId, required: true },
          positionTitle: { type: String, required: true },
          unitId: { type: Schema.Types.ObjectId, required: true },
        },
        { _id: false },
      ),
      required: true,
    },
    verifiers: { type: [verifierSchema], default: [] },
    /** Index of the verifier whose paraf is awaited; verifiers.length at the signer. */
    currentStep: { type: Number, default: 0 },
    signer: { type: signerSchema, required: true },
    replyTo: {
      type: new Schema(
        {
          incomingLetterId: { type: Schema.Types.ObjectId, required: true },
          dispositionId: { type: Schema.Types.ObjectId, default: null },
          label: { type: String, default: null },
        },
        { _id: false },
      ),
      default: null,
    },
    /** Whose move it is: the drafter, the current verifier or the signer (null once signed). */
    awaitingPositionId: { type: Schema.Types.ObjectId, default: null },
    /** Positions that see the letter in their lists (drafter, chain, then recipients). */
    participantPositionIds: { type: [Schema.Types.ObjectId], default: [] },
    number: { type: String, default: null },
    numberSeries: { type: String, default: null },
    /** The pattern in force when signing started (kind settings may change later). */
    numberPattern: { type: String, default: null },
    numberYear: { type: Number, default: null },
    sequence: { type: Number, default: null },
    issuingUnitCode: { type: String, default: null },
    signedAt: { type: Date, default: null },
    signature: {
      type: new Schema(
        {
          userId: { type: Schema.Types.ObjectId, required: true },
          name: { type: String, required: true },
          nip: { type: String, default: null },
          rank: { type: String, default: null },
          positionTitle: { type: String, required: true },
          acting: { type: String, default: null },
          headingLines: { type: [String], default: [] },
          signer: { type: String, required: true, default: 'builtin' },
        },
        { _id: false },
      ),
      default: null,
    },
    final: {
      type: new Schema(
        {
          key: { type: String, required: true },
          sha256: { type: String, required: true },
          size: { type: Number, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    dispatches: { type: [dispatchSchema], default: [] },
    sentAt: { type: Date, default: null },
    dispositionCompleted: { type: Boolean, default: false },
    createdByUserId: { type: Schema.Types.ObjectId, required: true },
    // Access keys (outgoingKeys below): top-level copies of nested fields the lists match on,
    // since dotted paths are not pushed down on FerretDB.
    drafterUserId: { type: Schema.Types.ObjectId, default: null },
    drafterPositionId: { type: Schema.Types.ObjectId, default: null },
    replyToLetterId: { type: Schema.Types.ObjectId, default: null },
    /** `<scope>:<period>` of the last change (list-keys.ts): the "all" box. */
    listKeys: { type: [String], default: [] },
    /** `<scope>:<period>` of the signing, once signed or sent: the outgoing register. */
    registerKeys: { type: [String], default: [] },
  },
  { timestamps: true, collection: 'outgoing_letters' },
);
outgoingLetterSchema.index({ participantPositionIds: 1, updatedAt: -1 });
outgoingLetterSchema.index({ 'drafter.userId': 1, updatedAt: -1 });
outgoingLetterSchema.index({ status: 1, updatedAt: -1 });
outgoingLetterSchema.index({ awaitingPositionId: 1, status: 1 });
outgoingLetterSchema.index({ signedAt: -1 });
outgoingLetterSchema.index({ 'replyTo.incomingLetterId': 1 });
// The work lists (lists.service.ts): one equality each, sorted in memory.
outgoingLetterSchema.index({ drafterUserId: 1, updatedAt: -1 });
outgoingLetterSchema.index({ drafterPositionId: 1, updatedAt: -1 });
outgoingLetterSchema.index({ awaitingPositionId: 1, updatedAt: -1 });
outgoingLetterSchema.index({ replyToLetterId: 1, createdAt: 1 });
// The "all" box and the register (list-walk.ts): one `<scope>:<period>` equality per read.
outgoingLetterSchema.index({ listKeys: 1, updatedAt: -1 });
outgoingLetterSchema.index({ registerKeys: 1, signedAt: -1 });
// Signed undangan whose agenda entries are still to be made (agenda/agenda-sync.ts).
outgoingLetterSchema.index({ agendaSyncKey: 1 });

export const OUTGOING_KEY_FIELDS = [
  'drafterUserId',
  'drafterPositionId',
  'replyToLetterId',
  'listKeys',
  'registerKeys',
] as const;

type Keyed = ScopeInputs & {
  drafter?: { userId?: unknown; positionId?: unknown } | null;
  replyTo?: { incomingLetterId?: unknown } | null;
  updatedAt?: Date | null;
  signedAt?: Date | null;
};
/** The fields `outgoingKeys` reads. */
const KEY_INPUTS = [
  'drafter',
  'replyTo',
  'status',
  'securityClass',
  'participantPositionIds',
  'updatedAt',
  'signedAt',
] as const;
const asId = (value: unknown) => (value ? new mongoose.Types.ObjectId(String(value)) : null);

/** The access keys of an outgoing letter: copies of its drafter and reply target, and the
 * list keys of who sees it when (list-keys.ts). Set on every write path: `pre('save')`
 * (create), the update hook below (every update: the last change moves the letter in the
 * "all" box), and the start-up backfill (lists.backfill.ts) for older letters. */
export function outgoingKeys(letter: Keyed): {
  drafterUserId: mongoose.Types.ObjectId | null;
  drafterPositionId: mongoose.Types.ObjectId | null;
  replyToLetterId: mongoose.Types.ObjectId | null;
  listKeys: string[];
  registerKeys: string[];
} {
  const scopes = letterScopes(letter);
  const signed = SIGNED_STATUSES.includes(String(letter.status));
  return {
    drafterUserId: asId(letter.drafter?.userId),
    drafterPositionId: asId(letter.drafter?.positionId),
    replyToLetterId: asId(letter.replyTo?.incomingLetterId),
    listKeys: periodKeys(scopes, letter.updatedAt),
    registerKeys: signed ? periodKeys(scopes, letter.signedAt) : [],
  };
}

// After the timestamps' own pre('save') (registered with the schema), so `updatedAt` is set.
outgoingLetterSchema.pre('save', async function setOutgoingKeys() {
  Object.assign(this, outgoingKeys(this as unknown as Keyed));
  const updatedAt = (this as unknown as { updatedAt?: Date }).updatedAt;
  if (this.isNew && updatedAt) await lowerListFloor(jakartaDate(updatedAt));
});
// Every update of a letter changes `updatedAt` (timestamps, set by a hook registered before
// this one), so the keys are recomputed from the stored letter with the update applied. All
// changes go through one `updateOne` per claim (transitions.ts); an update that matches no
// letter (a lost claim) computes nothing.
outgoingLetterSchema.pre(['updateOne', 'findOneAndUpdate'], async function setKeys() {
  const update = this.getUpdate() as { $set?: Record<string, unknown> } | null;
  const set = update?.$set;
  if (!set) return;
  const stored = await OutgoingLetterModel.findOne(this.getFilter(), {
    ...Object.fromEntries(KEY_INPUTS.map((field) => [field, 1])),
  }).lean<Keyed>();
  if (!stored) return;
  Object.assign(set, outgoingKeys({ ...stored, ...(set as Keyed) }));
  // The reports' month digests of signing before and after (reports/letter-tallies.ts).
  (this as unknown as TallyContext).tallyKeys = [
    outgoingKeyOfSigning(stored.signedAt),
    outgoingKeyOfSigning(('signedAt' in set ? set.signedAt : stored.signedAt) as Date | null),
  ];
});
outgoingLetterSchema.post(['updateOne', 'findOneAndUpdate'], async function touchTallies() {
  await touchLetterTallies((this as unknown as TallyContext).tallyKeys ?? []);
});
// Letters created or removed whole (tests, tools) reach the digests too.
outgoingLetterSchema.post('save', async function touchTallyAfterSave() {
  await touchLetterTallies([outgoingKeyOfSigning((this as unknown as Keyed).signedAt)]);
});
outgoingLetterSchema.post('insertMany', async function touchTalliesAfterInsert(docs: unknown) {
  await touchLetterTallies((docs as Keyed[]).map((d) => outgoingKeyOfSigning(d.signedAt)));
});
outgoingLetterSchema.pre(['deleteOne', 'deleteMany'], async function findTallyMonths() {
  const stored = await this.model.find(this.getFilter(), { signedAt: 1 }).lean<Keyed[]>();
  (this as unknown as TallyContext).tallyKeys = stored.map((d) => outgoingKeyOfSigning(d.signedAt));
});
outgoingLetterSchema.post(['deleteOne', 'deleteMany'], async function touchTalliesAfterDelete() {
  await touchLetterTallies((this as unknown as TallyContext).tallyKeys ?? []);
});
type TallyContext = { tallyKeys?: Array<string | null> };
outgoingLetterSchema.pre('updateMany', function refuseKeyedUpdateMany() {
  // Keys depend on each letter; an updateMany would leave them stale.
  throw new Error('outgoing letters are updated one at a time (their list keys)');
});

/** The Jakarta day of the oldest letter's creation: where the lists' walks stop. Every list
 * key's date (last change, signing) is on or after it. */
const listFloorSchema = new Schema(
  { _id: { type: String, required: true }, day: { type: String, required: true } },
  { collection: 'outgoing_list_floor', versionKey: false },
);
export const OutgoingListFloorModel = mongoose.model('OutgoingListFloor', listFloorSchema);
const FLOOR_ID = 'floor';

export async function lowerListFloor(day: string): Promise<void> {
  // The first two letters created at once race to insert the floor (lib/upsert.ts).
  await retryUpsertOnDuplicate(() =>
    OutgoingListFloorModel.updateOne({ _id: FLOOR_ID }, { $min: { day } }, { upsert: true }),
  );
}

export async function listFloor(): Promise<string | null> {
  const floor = await OutgoingListFloorModel.findById(FLOOR_ID).lean<{ day: string }>();
  return floor?.day ?? null;
}

/** One claimed change of a letter; `_id` is `<letterId>:<fromRevision>`. Read back in
 * order, these are the letter's history (who submitted, approved, returned, signed). */
const transitionSchema = new Schema(
  {
    _id: { type: String, required: true },
    letterId: { type: Schema.Types.ObjectId, required: true },
    fromRevision: { type: Number, required: true },
    action: { type: String, required: true },
    fromStatus: { type: String, required: true },
    toStatus: { type: String, required: true },
    /** Top-level fields the change sets (never dotted paths: FerretDB keys). */
    set: { type: Schema.Types.Mixed, default: {} },
    version: { type: Number, required: true },
    note: { type: String, default: null },
    actorUserId: { type: Schema.Types.ObjectId, default: null },
    actorName: { type: String, default: null },
    actorPositionTitle: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { collection: 'outgoing_transitions', versionKey: false },
);
transitionSchema.index({ letterId: 1, fromRevision: 1 });

/** Content of each submitted version, for comparison. */
const versionSchema = new Schema(
  {
    letterId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    content: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    createdByUserId: { type: Schema.Types.ObjectId, default: null },
    createdByName: { type: String, default: null },
  },
  { collection: 'outgoing_letter_versions', versionKey: false },
);
versionSchema.index({ letterId: 1, version: 1 }, { unique: true });

/** The owner of an outgoing number: one per (series, year, sequence) and one per letter. */
const numberClaimSchema = new Schema(
  {
    series: { type: String, required: true },
    year: { type: Number, required: true },
    sequence: { type: Number, required: true },
    letterId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
    /** Set when the letter's signature failed and it was signed later in another series or
     * year: the number stays taken (never released), `letterId` becomes a fresh id so the
     * letter can own its new number, and this names the letter that held it. */
    voidedLetterId: { type: Schema.Types.ObjectId, default: null },
  },
  { collection: 'outgoing_numbers', versionKey: false },
);
numberClaimSchema.index({ series: 1, year: 1, sequence: 1 }, { unique: true });
numberClaimSchema.index({ letterId: 1 }, { unique: true });

export type OutgoingLetter = InferSchemaType<typeof outgoingLetterSchema> & {
  _id: mongoose.Types.ObjectId;
};
export type OutgoingTransition = InferSchemaType<typeof transitionSchema>;
export type OutgoingVersion = InferSchemaType<typeof versionSchema> & {
  _id: mongoose.Types.ObjectId;
};
export type Dispatch = OutgoingLetter['dispatches'][number];

export const OutgoingLetterModel = mongoose.model('OutgoingLetter', outgoingLetterSchema);
export const OutgoingTransitionModel = mongoose.model('OutgoingTransition', transitionSchema);
export const OutgoingVersionModel = mongoose.model('OutgoingVersion', versionSchema);
export const OutgoingNumberModel = mongoose.model('OutgoingNumber', numberClaimSchema);
