import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { can } from '../policy/policy.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { UserModel } from '../org/org.model.ts';
import { ApiTokenModel, type ApiToken } from './auth.model.ts';
import { randomToken, sha256 } from './session.service.ts';

/** Personal API tokens. The secret is `lontar_` + 32 random bytes, shown once at creation;
 * only its SHA-256 is stored (the secret has 256 bits of entropy, so a fast hash is enough
 * and lookups stay one indexed match). */

export const TOKEN_PREFIX = 'lontar_';
const MAX_TOKENS_PER_USER = 20;

export function mayManageTokensOf(actor: Actor, userId: string): boolean {
  return can(actor, 'token.manage', { ownerUserId: userId });
}

export async function createApiToken(
  actor: Actor,
  input: { userId: string; name: string; expiresAt: Date | null },
  ip: string,
): Promise<{ token: string; record: ApiToken }> {
  if (!mayManageTokensOf(actor, input.userId)) throw forbidden();
  const owner = await UserModel.findById(input.userId).lean();
  if (!owner || !owner.active) throw notFound('Pengguna');
  const live = await ApiTokenModel.countDocuments({ userId: owner._id, revokedAt: null });
  if (live >= MAX_TOKENS_PER_USER) {
    throw forbidden(
      `Satu pengguna paling banyak memiliki ${MAX_TOKENS_PER_USER} token aktif. Cabut token yang tidak dipakai.`,
    );
  }
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  const created = await ApiTokenModel.create({
    userId: owner._id,
    name: input.name,
    tokenHash: sha256(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    createdAt: now(),
    createdBy: new mongoose.Types.ObjectId(actor.userId),
    expiresAt: input.expiresAt,
    lastUsedAt: null,
    revokedAt: null,
    revokedBy: null,
  });
  const record = created.toObject() as ApiToken;
  await recordAudit({
    actor,
    action: 'token.create',
    recordType: 'api-token',
    recordId: String(record._id),
    after: {
      userId: String(owner._id),
      name: record.name,
      prefix: record.prefix,
      expiresAt: record.expiresAt,
    },
    ip,
  });
  return { token, record };
}

export async function listApiTokens(actor: Actor, userId: string): Promise<ApiToken[]> {
  if (!mayManageTokensOf(actor, userId)) throw forbidden();
  if (!mongoose.isValidObjectId(userId)) return [];
  return ApiTokenModel.find({ userId }).sort({ createdAt: -1 }).lean<ApiToken[]>();
}

export async function revokeApiToken(actor: Actor, tokenId: string, ip: string): Promise<ApiToken> {
  const token = mongoose.isValidObjectId(tokenId)
    ? await ApiTokenModel.findById(tokenId).lean<ApiToken>()
    : null;
  // A token of someone else reads as missing, so ids of others' tokens leak nothing.
  if (!token || !mayManageTokensOf(actor, String(token.userId))) throw notFound('Token');
  if (token.revokedAt) return token;
  const revokedAt = now();
  await ApiTokenModel.updateOne(
    { _id: token._id, revokedAt: null },
    { $set: { revokedAt, revokedBy: new mongoose.Types.ObjectId(actor.userId) } },
  );
  await recordAudit({
    actor,
    action: 'token.revoke',
    recordType: 'api-token',
    recordId: String(token._id),
    before: { revokedAt: null },
    after: { revokedAt },
    ip,
  });
  return { ...token, revokedAt };
}

/** The live token for a bearer secret, or null (unknown, revoked, expired). */
export async function resolveApiToken(secret: string): Promise<ApiToken | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const token = await ApiTokenModel.findOne({ tokenHash: sha256(secret) }).lean<ApiToken>();
  const at = now();
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= at)) return null;
  // lastUsedAt at minute precision: enough for owners, spares a write per request.
  if (!token.lastUsedAt || at.getTime() - token.lastUsedAt.getTime() > 60_000) {
    await ApiTokenModel.updateOne({ _id: token._id }, { $set: { lastUsedAt: at } });
  }
  return token;
}

/** Revokes every token of a user (deactivation). */
export async function revokeUserTokens(userId: string, by: string): Promise<number> {
  const result = await ApiTokenModel.updateMany(
    { userId, revokedAt: null },
    { $set: { revokedAt: now(), revokedBy: new mongoose.Types.ObjectId(by) } },
  );
  return result.modifiedCount;
}
