import mongoose from 'mongoose';
import type { Actor, HeldPosition } from '../../http/actor.ts';
import type { ActorSnapshot } from './disposition.model.ts';

/** The position the actor holds (own or acting) with this id, if any. */
export function heldPosition(
  actor: Actor,
  positionId: string | mongoose.Types.ObjectId | null | undefined,
): HeldPosition | undefined {
  if (!positionId) return undefined;
  return actor.positions.find((p) => String(p.id) === String(positionId));
}

export function holdsAny(
  actor: Actor,
  positionIds: Array<string | mongoose.Types.ObjectId>,
): boolean {
  const mine = new Set(actor.positions.map((p) => String(p.id)));
  return positionIds.some((id) => mine.has(String(id)));
}

/** Who acted, as the record keeps it: the position's plain title plus Plt/Plh when acting. */
export function snapshotOf(actor: Actor, held: HeldPosition): ActorSnapshot {
  return {
    positionId: new mongoose.Types.ObjectId(held.id),
    positionTitle: held.title,
    unitId: new mongoose.Types.ObjectId(held.unitId),
    userId: mongoose.isValidObjectId(actor.userId)
      ? new mongoose.Types.ObjectId(actor.userId)
      : null,
    userName: actor.name,
    acting: held.acting ? (held.actingKind ?? 'plh') : null,
  };
}

/** "Plh. Kepala Biro Umum" while acting, the title otherwise. */
export function signedTitle(snapshot: { positionTitle: string; acting?: string | null }): string {
  if (!snapshot.acting) return snapshot.positionTitle;
  return `${snapshot.acting === 'plt' ? 'Plt.' : 'Plh.'} ${snapshot.positionTitle}`;
}

export function transitionActor(
  actor: Actor,
  held: HeldPosition,
): { userId: string; name: string; positionTitle: string } {
  return {
    userId: actor.userId,
    name: actor.name,
    positionTitle: signedTitle({
      positionTitle: held.title,
      acting: held.acting ? (held.actingKind ?? 'plh') : null,
    }),
  };
}
