import mongoose from 'mongoose';
import type { Actor, Role, SecurityClass } from '../../http/actor.ts';
import { ROLES, SECURITY_CLASSES } from '../../http/actor.ts';
import { now } from '../../lib/clock.ts';
import { UserModel, type User } from '../org/org.model.ts';
import { heldPositionsOfUser } from '../org/org.service.ts';
import type { ActorBase } from './actor-cache.ts';

type Ids = { sessionId?: string; tokenId?: string };

/** Builds the Actor for a user: roles, clearance and the positions held right now,
 * including acting (Plt/Plh) ones within their dates. Null when the user is missing or
 * deactivated, so a deactivated user's sessions and tokens stop at once. */
export async function buildActor(
  userId: string | mongoose.Types.ObjectId,
  via: Actor['via'],
  ids: Ids = {},
): Promise<Actor | null> {
  const assembled = await assembleActor(userId, now());
  return assembled ? withVia(assembled.base, via, ids) : null;
}

export async function actorFromUser(user: User, via: Actor['via'], ids: Ids = {}): Promise<Actor> {
  const { positions } = await heldPositionsOfUser(user._id, now());
  return withVia(baseFromUser(user, positions), via, ids);
}

/** The actor of a user at `at` (equality reads only: the user by `_id`, the user's
 * assignments by `userId`, each held position and its unit by `_id`), the user record
 * without its password hash, and when the positions held next change (an assignment
 * starting or ending). Null for a missing or deactivated user. */
export async function assembleActor(
  userId: string | mongoose.Types.ObjectId,
  at: Date,
): Promise<{ base: ActorBase; user: User; changesAt: Date | null } | null> {
  if (!mongoose.isValidObjectId(userId)) return null;
  const user = await UserModel.findById(userId).lean<User>();
  if (!user || !user.active) return null;
  const { positions, changesAt } = await heldPositionsOfUser(user._id, at);
  const { passwordHash: _hash, ...rest } = user;
  return { base: baseFromUser(user, positions), user: { ...rest, passwordHash: null }, changesAt };
}

export function withVia(base: ActorBase, via: Actor['via'], ids: Ids = {}): Actor {
  // Copies, so a request that changes its actor can never change a cached one.
  return {
    ...base,
    roles: [...base.roles],
    positions: base.positions.map((p) => ({
      ...p,
      ...(p.unitPath ? { unitPath: [...p.unitPath] } : {}),
    })),
    via,
    ...(ids.sessionId ? { sessionId: ids.sessionId } : {}),
    ...(ids.tokenId ? { tokenId: ids.tokenId } : {}),
  };
}

function baseFromUser(user: User, positions: ActorBase['positions']): ActorBase {
  return {
    userId: String(user._id),
    username: user.username,
    name: user.name,
    roles: (user.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    clearance: (SECURITY_CLASSES as readonly string[]).includes(user.clearance ?? '')
      ? (user.clearance as SecurityClass)
      : 'B',
    positions,
  };
}
