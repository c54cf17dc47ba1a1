import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** A user's signing PIN (reauth.service.ts): argon2id like passwords, one document per user
 * keyed by the user's id, so it is read by `_id` equality and never travels with the user
 * record (the actor cache, /api/auth/me and every presenter of users stay without it). */
const signingPinSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    pinHash: { type: String, required: true },
    setAt: { type: Date, required: true },
  },
  { collection: 'auth_signing_pins', versionKey: false },
);

export type SigningPin = InferSchemaType<typeof signingPinSchema>;
export const SigningPinModel = mongoose.model('SigningPin', signingPinSchema);
