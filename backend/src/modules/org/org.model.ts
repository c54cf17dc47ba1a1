import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { bumpActorEpoch } from './actor-epoch.ts';

/** The organisation (domain.md §2): units form a tree, positions (jabatan) sit in units and
 * report to a parent position, users hold positions through assignments. Letters are
 * addressed to positions, so a change of holder never moves an inbox.
 *
 * Trees carry a materialised `ancestorIds` (root first, self excluded) so subtree queries are
 * one indexed `{ ancestorIds: id }` match, without $graphLookup (absent in FerretDB). */

export const UNIT_KINDS = ['setda', 'asisten', 'biro', 'bagian', 'lainnya'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const POSITION_KINDS = ['sekda', 'asisten', 'kepala_biro', 'kepala_bagian', 'staf'] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

export const ACTING_KINDS = ['plt', 'plh'] as const;
export type ActingKind = (typeof ACTING_KINDS)[number];

const unitSchema = new Schema(
  {
    /** Used in letter numbers (e.g. `SETDA`, `B.UM`); unique. */
    code: { type: String, required: true, unique: true, trim: true },
    name: { type: String, required: true, trim: true },
    kind: { type: String, required: true, enum: UNIT_KINDS },
    parentId: { type: Schema.Types.ObjectId, default: null },
    ancestorIds: { type: [Schema.Types.ObjectId], default: [] },
    order: { type: Number, default: 0 },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, collection: 'org_units' },
);
unitSchema.index({ parentId: 1, order: 1 });
unitSchema.index({ ancestorIds: 1 });

const positionSchema = new Schema(
  {
    /** Stable identifier for seeds, tests and integrations (e.g. `sekda`, `kabagtu`); unique. */
    key: { type: String, required: true, unique: true, trim: true },
    title: { type: String, required: true, trim: true },
    kind: { type: String, required: true, enum: POSITION_KINDS },
    unitId: { type: Schema.Types.ObjectId, required: true },
    /** The position this one reports to (reporting line, not the unit tree). */
    parentId: { type: Schema.Types.ObjectId, default: null },
    ancestorIds: { type: [Schema.Types.ObjectId], default: [] },
    order: { type: Number, default: 0 },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, collection: 'org_positions' },
);
positionSchema.index({ unitId: 1, order: 1 });
positionSchema.index({ parentId: 1 });
positionSchema.index({ ancestorIds: 1 });

const userSchema = new Schema(
  {
    username: { type: String, required: true, unique: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    /** Nomor Induk Pegawai, 18 digits; optional for non-civil-servant accounts. */
    nip: { type: String, default: null },
    /** Nomor Induk Kependudukan, 16 digits: how BSrE knows the signer (signing/bsre.signer.ts).
     * Personal data: only admins and the user themself read it. Unique when set (checked by
     * org.users.service.ts; no partial unique index on FerretDB). */
    nik: { type: String, default: null },
    email: { type: String, default: null },
    phone: { type: String, default: null },
    /** Pangkat and golongan for signature blocks, e.g. Pembina Utama Madya, IV/d. */
    rank: { type: String, default: null },
    grade: { type: String, default: null },
    roles: { type: [String], default: [] },
    clearance: { type: String, enum: ['B', 'T', 'R', 'SR'], default: 'B' },
    active: { type: Boolean, default: true },
    /** argon2id; null means the account cannot log in until a password is set. */
    // Never selected away with `select: false`: FerretDB rejects projections in findAndModify.
    // Presenters list their fields explicitly, so the hash never reaches an answer.
    passwordHash: { type: String, default: null },
    passwordChangedAt: { type: Date, default: null },
    /** Set while the password is a seeded demo password; production refuses to start then. */
    demoPassword: { type: Boolean, default: false },
    deactivatedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'users' },
);
userSchema.index({ nip: 1 });
userSchema.index({ nik: 1 });
userSchema.index({ active: 1, name: 1 });

const assignmentSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    positionId: { type: Schema.Types.ObjectId, required: true },
    /** Acting official (Plt/Plh) holding a second position for a date range. */
    acting: { type: Boolean, required: true, default: false },
    actingKind: { type: String, enum: [...ACTING_KINDS, null], default: null },
    startsAt: { type: Date, required: true },
    /** Exclusive end; null while the assignment is open-ended. */
    endsAt: { type: Date, default: null },
    note: { type: String, default: null },
    createdBy: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true, collection: 'org_assignments' },
);
assignmentSchema.index({ userId: 1, startsAt: 1 });
assignmentSchema.index({ positionId: 1, startsAt: 1 });

/** Every write to these collections can change an actor (roles, clearance, positions held,
 * titles, unit paths), so each one moves the actor epoch (actor-epoch.ts). Hooks rather than
 * calls in the services, so no write path (admin, seed, tests, repairs) can forget it. Writes
 * that bypass mongoose (raw driver, restore) are caught by the cache's few-second lifetime. */
const WRITE_QUERIES = [
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndReplace',
] as const;
function bumpActorEpochOnWrites(schema: Schema<any>): void {
  const bump = () => bumpActorEpoch();
  schema.post('save', bump);
  schema.post('insertMany', bump);
  schema.post('bulkWrite', bump);
  schema.post([...WRITE_QUERIES], bump);
  schema.post('deleteOne', { document: true, query: false }, bump);
}
bumpActorEpochOnWrites(unitSchema);
bumpActorEpochOnWrites(positionSchema);
bumpActorEpochOnWrites(userSchema);
bumpActorEpochOnWrites(assignmentSchema);

export type Unit = InferSchemaType<typeof unitSchema> & { _id: mongoose.Types.ObjectId };
export type Position = InferSchemaType<typeof positionSchema> & { _id: mongoose.Types.ObjectId };
export type User = InferSchemaType<typeof userSchema> & { _id: mongoose.Types.ObjectId };
export type Assignment = InferSchemaType<typeof assignmentSchema> & {
  _id: mongoose.Types.ObjectId;
};

export const UnitModel = mongoose.model('Unit', unitSchema);
export const PositionModel = mongoose.model('Position', positionSchema);
export const UserModel = mongoose.model('User', userSchema);
export const AssignmentModel = mongoose.model('Assignment', assignmentSchema);
