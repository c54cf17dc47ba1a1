import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** A login session. The cookie carries a random secret; only its SHA-256 is stored, so a
 * leaked database copy cannot be replayed. Expiry is checked on every read (no TTL index:
 * FerretDB has none); expired sessions are deleted when met and swept at login. */
const sessionSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    /** Sent back by the client in X-CSRF-Token on every state-changing cookie request. */
    csrfToken: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    idleExpiresAt: { type: Date, required: true },
    absoluteExpiresAt: { type: Date, required: true },
    ip: { type: String, default: null },
    userAgent: { type: String, default: null },
  },
  { collection: 'auth_sessions', versionKey: false },
);
sessionSchema.index({ userId: 1 });
sessionSchema.index({ idleExpiresAt: 1 });
sessionSchema.index({ absoluteExpiresAt: 1 });

/** A personal API token for integrations (`Authorization: Bearer lontar_…`). Stored hashed,
 * shown once; it acts with its owner's rights, so deactivating the owner stops it too. */
const apiTokenSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true, trim: true },
    tokenHash: { type: String, required: true, unique: true },
    /** The first characters, so owners can tell their tokens apart. */
    prefix: { type: String, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, default: null },
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
    revokedBy: { type: Schema.Types.ObjectId, default: null },
  },
  { collection: 'auth_api_tokens', versionKey: false },
);
apiTokenSchema.index({ userId: 1, createdAt: -1 });

/** Failed-login counters per username and per client address (`user:<name>`, `ip:<addr>`),
 * in the database so every API replica sees the same count. */
const loginThrottleSchema = new Schema(
  {
    _id: { type: String, required: true },
    failures: { type: Number, required: true, default: 0 },
    lastFailureAt: { type: Date, required: true },
    lockedUntil: { type: Date, default: null },
    /** Every change is a claimed transition (lib/claims.ts, throttle.service.ts). */
    version: { type: Number },
    recentClaims: { type: [String], default: undefined },
  },
  { collection: 'auth_login_throttle', versionKey: false },
);

export type Session = InferSchemaType<typeof sessionSchema> & { _id: mongoose.Types.ObjectId };
export type ApiToken = InferSchemaType<typeof apiTokenSchema> & { _id: mongoose.Types.ObjectId };
export type LoginThrottle = InferSchemaType<typeof loginThrottleSchema>;

export const SessionModel = mongoose.model('Session', sessionSchema);
export const ApiTokenModel = mongoose.model('ApiToken', apiTokenSchema);
export const LoginThrottleModel = mongoose.model('LoginThrottle', loginThrottleSchema);
