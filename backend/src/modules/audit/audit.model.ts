import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** One append-only audit event (design.md §5). `seq` is unique and gap-free, `prevHash` is the
 * previous event's `hash`, and `hash` covers every field below, so editing or removing an
 * event breaks the chain (audit.chain.ts). Values of changed fields are stored as canonical
 * JSON strings: what was hashed is exactly what is stored, whatever shape the record had. */
const changeSchema = new Schema(
  {
    field: { type: String, required: true },
    before: { type: String, default: null },
    after: { type: String, default: null },
  },
  { _id: false },
);

const auditEventSchema = new Schema(
  {
    seq: { type: Number, required: true, unique: true },
    at: { type: Date, required: true },
    actorUserId: { type: String, default: null },
    actorUsername: { type: String, required: true },
    actorName: { type: String, required: true },
    actorPositionId: { type: String, default: null },
    /** As the actor signed: "Plh. Kepala Biro Umum" while acting. */
    actorPositionTitle: { type: String, default: null },
    acting: { type: Boolean, required: true, default: false },
    via: { type: String, required: true },
    action: { type: String, required: true },
    recordType: { type: String, required: true },
    recordId: { type: String, required: true },
    changes: { type: [changeSchema], default: [] },
    ip: { type: String, default: null },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },

    /** Access keys (`auditKeys` below): derived from the fields above, outside the hash. */
    seqBucket: { type: Number },
    actorMonth: { type: String },
    actorDay: { type: String },
    actionMonth: { type: String },
    actionDay: { type: String },
    groupMonth: { type: String },
    groupDay: { type: String },
    /** The incoming letter whose Riwayat shows the event: the record itself for a letter's
     * events, the node's letter for a disposition's (given at append). */
    letterId: { type: String, default: null },
  },
  { collection: 'audit_events', versionKey: false },
);
// Every append (recordAudit's create, the seed's insertMany) gets its keys here.
auditEventSchema.pre('validate', function setAccessKeys() {
  this.set(auditKeys(this.toObject() as unknown as AuditKeyInputs));
});
// One index per access path (docs/architecture.md): equality key first, then the order.
// A record's history, oldest first.
auditEventSchema.index({ recordType: 1, recordId: 1, seq: 1 });
// The whole trail newest first (and the chain check oldest first), a hundred at a time.
auditEventSchema.index({ seqBucket: 1, seq: -1 });
// The admin's audit screen by actor, by action and by action group: a month, or a day of
// a busy month, at a time.
auditEventSchema.index({ actorMonth: 1, seq: -1 });
auditEventSchema.index({ actorDay: 1, seq: -1 });
auditEventSchema.index({ actionMonth: 1, seq: -1 });
auditEventSchema.index({ actionDay: 1, seq: -1 });
auditEventSchema.index({ groupMonth: 1, seq: -1 });
auditEventSchema.index({ groupDay: 1, seq: -1 });
// A letter's Riwayat: its own events and its dispositions', one equality read.
auditEventSchema.index({ letterId: 1, seq: 1 });

export const AUDIT_SEQ_BUCKET = 100;
export const SYSTEM_ACTOR_KEY = 'system';

export interface AuditKeyInputs {
  seq: number;
  at: Date | string;
  actorUserId?: string | null;
  action: string;
  recordType?: string;
  recordId?: string;
  letterId?: string | null;
}

export const AUDIT_KEY_FIELDS = [
  'seqBucket',
  'actorMonth',
  'actorDay',
  'actionMonth',
  'actionDay',
  'groupMonth',
  'groupDay',
  'letterId',
] as const;

/** `org.user.update` belongs to the group `org.` (the screen's prefix filters). */
export function actionGroupOf(action: string): string {
  return `${action.split('.')[0]}.`;
}

/** The one function that derives an event's access keys: `seqBucket` = floor(seq/100);
 * `<actorUserId|system>`, `<action>` and `<group>` each with `:<yyyy-mm>` (UTC month of
 * `at`) and `:<yyyy-mm-dd>` (UTC day); `letterId`, the letter whose Riwayat shows it (the
 * record of a letter's event; for other records given at append, else kept as stored). */
export function auditKeys(event: AuditKeyInputs) {
  const iso = new Date(event.at).toISOString();
  const month = iso.slice(0, 7);
  const day = iso.slice(0, 10);
  const actor = event.actorUserId ?? SYSTEM_ACTOR_KEY;
  const group = actionGroupOf(event.action);
  return {
    seqBucket: Math.floor(event.seq / AUDIT_SEQ_BUCKET),
    actorMonth: `${actor}:${month}`,
    actorDay: `${actor}:${day}`,
    actionMonth: `${event.action}:${month}`,
    actionDay: `${event.action}:${day}`,
    groupMonth: `${group}:${month}`,
    groupDay: `${group}:${day}`,
    letterId:
      event.recordType === 'incoming-letter' ? (event.recordId ?? null) : (event.letterId ?? null),
  };
}

/** The last appended event, kept beside the chain so a removed tail is detected too. */
const auditHeadSchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
    hash: { type: String, required: true },
  },
  { collection: 'audit_head', versionKey: false },
);

export type AuditEvent = InferSchemaType<typeof auditEventSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const AuditEventModel = mongoose.model('AuditEvent', auditEventSchema);
export const AuditHeadModel = mongoose.model('AuditHead', auditHeadSchema);
