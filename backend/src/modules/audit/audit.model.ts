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
  },
  { collection: 'audit_events', versionKey: false },
);
auditEventSchema.index({ recordType: 1, recordId: 1, seq: 1 });
auditEventSchema.index({ actorUserId: 1, seq: -1 });
auditEventSchema.index({ action: 1, seq: -1 });
auditEventSchema.index({ at: -1 });

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
