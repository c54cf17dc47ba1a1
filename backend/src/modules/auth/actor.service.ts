import mongoose from 'mongoose';
import type { Actor, Role, SecurityClass } from '../../http/actor.ts';
import { ROLES, SECURITY_CLASSES } from '../../http/actor.ts';
import { now } from '../../lib/clock.ts';
import { UserModel, type User } from '../org/org.model.ts';
import { activePositionsOfUser } from '../org/org.service.ts';

/** Builds the Actor for a user: roles, clearance and the positions held right now,
 * including acting (Plt/Plh) ones within their dates. Null when the user is missing or
 * deactivated, so a deactivated user's sessions and tokens stop at once. */
export async function buildActor(
  userId: string | mongoose.Types.ObjectId,
  via: Actor['via'],
  ids: { sessionId?: string; tokenId?: string } = {},
): Promise<Actor | null> {
  const user = await UserModel.findById(userId).lean<User>();
  if (!user || !user.active) return null;
  return actorFromUser(user, via, ids);
}

export async function actorFromUser(
  user: User,
  via: Actor['via'],
  ids: { sessionId?: string; tokenId?: string } = {},
): Promise<Actor> {
  const positions = await activePositionsOfUser(user._id, now());
  return {
    userId: String(user._id),
    username: user.username,
    name: user.name,
    roles: (user.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    clearance: (SECURITY_CLASSES as readonly string[]).includes(user.clearance ?? '')
      ? (user.clearance as SecurityClass)
      : 'B',
    positions,
    via,
    ...(ids.sessionId ? { sessionId: ids.sessionId } : {}),
    ...(ids.tokenId ? { tokenId: ids.tokenId } : {}),
  };
}
