import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { touchFollowUpWeeks } from '../reports/follow-up-weeks.model.ts';
import { markKeptOpenStale } from '../reports/open-items.model.ts';
import { dispositionKeys, type DispositionKeyInputs } from './disposition.keys.ts';
import {
  DISPOSITION_STATUSES,
  RECIPIENT_ROLES,
  TRANSITION_ACTIONS,
  URGENCIES,
} from './state-machine.ts';

/**
 * One node of a letter's disposition tree: one recipient position of one dispatch (a
 * "hop": the sender, its instructions, note and deadline, sent to one or more positions).
 * Names and titles are copied at the moment of sending, because the paper trail must show
 * who signed as what even after people and titles change.
 *
 * `version` orders every change of the node. A change is only ever made by the process
 * that won the unique claim `<nodeId>:<version>` in `disposition_transitions` (see
 * transitions.ts): FerretDB 1.x runs a conditional update as read-then-write, so the
 * version condition alone would let two officials both win.
 */
const actorSnapshot = {
  positionId: { type: Schema.Types.ObjectId, required: true },
  positionTitle: { type: String, required: true },
  unitId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, default: null },
  userName: { type: String, default: null },
  /** 'plt' / 'plh' when the sender acted for the position; null for its own holder. */
  acting: { type: String, enum: ['plt', 'plh', null], default: null },
};

/** What lists show of the letter, copied onto its nodes (letter-link.ts `letterSummaryOf`)
 * so that a page of an inbox needs no read per row; refreshed on every change of the
 * letter (`refreshDispositionLetters`). */
const letterSummary = {
  agendaNumber: { type: Number, default: null },
  letterNumber: { type: String, required: true },
  subject: { type: String, required: true },
  senderName: { type: String, required: true },
  letterDate: { type: String, required: true },
  receivedDate: { type: String, required: true },
  urgency: { type: String, required: true },
  securityClass: { type: String, required: true },
  status: { type: String, required: true },
  addresseePositionId: { type: Schema.Types.ObjectId, required: true },
  /** Absent on summaries copied by older versions (the inbox reads the letter then). */
  classificationCode: { type: String },
  /** 'meeting' for a decision of a meeting's minutes (meeting-source.ts); absent: a letter. */
  source: { type: String, default: undefined },
};

const dispositionSchema = new Schema(
  {
    /** The letter disposed, or the meeting whose decision this is (`source: 'meeting'`). */
    letterId: { type: Schema.Types.ObjectId, required: true },
    /** 'meeting' for a decision of a meeting's minutes (meeting-source.ts); absent: a letter. */
    source: { type: String, enum: ['letter', 'meeting'], default: undefined },
    /** The node this one was forwarded from; null for a disposition by the addressee. */
    parentId: { type: Schema.Types.ObjectId, default: null },
    /** Node ids from the top-level disposition down to the parent. */
    ancestorIds: { type: [Schema.Types.ObjectId], default: [] },
    depth: { type: Number, required: true, default: 0 },
    /** Every node sent together (one sender, one set of instructions) shares a batch. */
    batchId: { type: Schema.Types.ObjectId, required: true },
    from: { type: new Schema(actorSnapshot, { _id: false }), required: true },
    toPositionId: { type: Schema.Types.ObjectId, required: true },
    toPositionTitle: { type: String, required: true },
    toUnitId: { type: Schema.Types.ObjectId, required: true },
    toUnitName: { type: String, default: '' },
    /** The recipient unit's path from the root, for per-unit monitoring. */
    toUnitPath: { type: [Schema.Types.ObjectId], default: [] },
    role: { type: String, required: true, enum: RECIPIENT_ROLES },
    /** Positions above this node in its branch (the addressee, then each ancestor's
     * recipient): they see the reports made here. */
    abovePositionIds: { type: [Schema.Types.ObjectId], default: [] },
    instructions: { type: [String], default: [] },
    note: { type: String, default: null },
    urgency: { type: String, required: true, enum: URGENCIES },
    /** Batas waktu as a Jakarta calendar date, and the instant it is missed (end of that day). */
    dueDate: { type: String, required: true },
    dueAt: { type: Date, required: true },
    /** Copied from the letter so lists can hide R/SR content without reading the letter. */
    securityClass: { type: String, required: true, enum: ['B', 'T', 'R', 'SR'], default: 'B' },
    status: { type: String, required: true, enum: DISPOSITION_STATUSES, default: 'terkirim' },
    version: { type: Number, required: true, default: 0 },
    sentAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
    readByName: { type: String, default: null },
    /** First follow-up: the first report or the first forward (the "time to follow-up"). */
    processingAt: { type: Date, default: null },
    reportCount: { type: Number, default: 0 },
    lastReportAt: { type: Date, default: null },
    childCount: { type: Number, default: 0 },
    closedAt: { type: Date, default: null },
    closedBy: { type: new Schema(actorSnapshot, { _id: false }), default: null },
    /** Why it was returned (dikembalikan), or closed with its letter (conclude.ts). */
    reason: { type: String, default: null },
    /** Set on nodes sent since audit events carry `letterId`: the letter's Riwayat finds all
     * of their events by the letter; older nodes' events are read by the node. */
    historyKeyed: { type: Boolean, default: undefined },
    letterSummary: { type: new Schema(letterSummary, { _id: false }), default: undefined },

    /** Access keys (disposition.keys.ts `dispositionKeys`): derived, never edited on their own. */
    inboxKey: { type: String },
    sentDay: { type: Number },
    dayKeys: { type: [String], default: undefined },
    openUnitPath: { type: [Schema.Types.ObjectId], default: undefined },
    unitWeekKeys: { type: [String], default: undefined },
    openKey: { type: String, default: null },
    hourKeys: { type: [String], default: undefined },
  },
  { timestamps: true, collection: 'dispositions' },
);
// Every inserted node gets its access keys, insertMany included (the practice seed).
dispositionSchema.pre('validate', function setAccessKeys() {
  this.set(dispositionKeys(this.toObject() as unknown as DispositionKeyInputs));
});
// The reports' kept week digests (reports/follow-up-weeks.ts) learn of every node inserted
// or deleted; transitions.ts touches them after each status change.
dispositionSchema.post('insertMany', async function touchWeeksAfterInsert(inserted: unknown) {
  const docs = inserted as Array<{ unitWeekKeys?: string[] }>;
  await touchFollowUpWeeks(docs.flatMap((d) => d.unitWeekKeys ?? []));
});
dispositionSchema.post('save', async function touchWeeksAfterSave() {
  await touchFollowUpWeeks(this.unitWeekKeys ?? []);
});
// Deleted nodes (a practice seed removal, a dispatch rollback) also leave their positions'
// kept open state and open items, which no later `hourKeys` read would tell: marked stale.
type DeleteContext = { weekKeys?: string[]; positionIds?: string[] };
dispositionSchema.pre('deleteMany', async function findKeptBeforeDelete() {
  const nodes = await this.model
    .find(this.getFilter(), { unitWeekKeys: 1, toPositionId: 1 })
    .lean<Array<{ unitWeekKeys?: string[]; toPositionId?: unknown }>>();
  const context = this as unknown as DeleteContext;
  context.weekKeys = nodes.flatMap((n) => n.unitWeekKeys ?? []);
  context.positionIds = nodes.filter((n) => n.toPositionId).map((n) => String(n.toPositionId));
});
dispositionSchema.post('deleteMany', async function touchKeptAfterDelete() {
  const context = this as unknown as DeleteContext;
  await touchFollowUpWeeks(context.weekKeys ?? []);
  await markKeptOpenStale(context.positionIds ?? []);
});
// One index per access path: equality fields first, then the sort (docs/architecture.md).
// Open set of a position (its kept open state is rebuilt from it, once a day at most).
dispositionSchema.index({ inboxKey: 1, sentAt: -1 });
// A page of an open tab: one (status, deadline day) bucket per read (open-state.ts).
dispositionSchema.index({ openKey: 1, sentAt: -1 });
// The changes of a position's open set since its kept state, one hour per read.
dispositionSchema.index({ hourKeys: 1 });
// Received, sent and closed histories, day by day newest first (series.ts).
dispositionSchema.index({ dayKeys: 1, sentAt: -1 });
// Monitoring: open items of a unit subtree, and its recent weeks.
dispositionSchema.index({ openUnitPath: 1, sentAt: 1 });
dispositionSchema.index({ unitWeekKeys: 1, sentAt: -1 });
// A letter's tree (journey, sheet, letter status), a node's children, a dispatch's batch.
dispositionSchema.index({ letterId: 1, sentAt: 1 });
dispositionSchema.index({ parentId: 1 });
dispositionSchema.index({ batchId: 1 });
// Background: the crash repair reads the last day's dispatches (dispatch.repair.ts), the
// reminder scan open deadlines (notify/reminders.ts).
dispositionSchema.index({ sentDay: 1, sentAt: 1 });
dispositionSchema.index({ status: 1, dueAt: 1 });

/** The claim (and the record) of one change of one node: `_id` is `<nodeId>:<fromVersion>`,
 * so of two officials acting on the same version exactly one insert succeeds. The claim
 * carries the complete change, so any process can finish a change whose author died
 * between winning the claim and applying it. Read back, these are the node's history. */
const transitionSchema = new Schema(
  {
    _id: { type: String, required: true },
    dispositionId: { type: Schema.Types.ObjectId, required: true },
    letterId: { type: Schema.Types.ObjectId, required: true },
    fromVersion: { type: Number, required: true },
    action: { type: String, required: true, enum: TRANSITION_ACTIONS },
    fromStatus: { type: String, required: true, enum: DISPOSITION_STATUSES },
    toStatus: { type: String, required: true, enum: DISPOSITION_STATUSES },
    /** The fields the change sets on the node (besides status and version). */
    set: { type: Schema.Types.Mixed, default: {} },
    actorUserId: { type: Schema.Types.ObjectId, default: null },
    actorName: { type: String, default: null },
    actorPositionTitle: { type: String, default: null },
    at: { type: Date, required: true },
    /** Jakarta day of `at` (disposition.keys.ts `dayOf`): the repair reads the last day's. */
    atDay: { type: Number },
  },
  { collection: 'disposition_transitions', versionKey: false },
);
transitionSchema.index({ dispositionId: 1, fromVersion: 1 });
transitionSchema.index({ letterId: 1, at: 1 });
transitionSchema.index({ atDay: 1, at: 1 });

export type Disposition = InferSchemaType<typeof dispositionSchema> & {
  _id: mongoose.Types.ObjectId;
};
export type DispositionTransition = InferSchemaType<typeof transitionSchema>;
export type ActorSnapshot = Disposition['from'];

export const DispositionModel = mongoose.model('Disposition', dispositionSchema);
export const DispositionTransitionModel = mongoose.model('DispositionTransition', transitionSchema);
