import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { ROLL_FORWARD_AFTER_MS, takeRollForward } from '../../lib/claims.ts';
import { now } from '../../lib/clock.ts';
import { nextStatus, refusalReason, type OutgoingAction } from './chain.ts';
import {
  OutgoingLetterModel,
  OutgoingTransitionModel,
  type OutgoingLetter,
  type OutgoingStatus,
  type OutgoingTransition,
} from './outgoing.model.ts';

/**
 * Changes of an outgoing letter, exactly once each, without transactions (the pattern of
 * dispositions/transitions.ts): read the letter at revision r, insert the claim
 * `<letterId>:<r>` holding the whole change (the unique `_id` lets one writer win; the
 * loser answers 409), then apply it where `revision` is still r. FerretDB runs a
 * conditional update as read-then-write, so the claim, not the condition, is what makes
 * two verifiers, or a PATCH racing the signature, unable to both win.
 *
 * A writer that dies between its claim and its update leaves the claim unapplied; a read
 * through `loadLetter` that finds it older than ROLL_FORWARD_AFTER_MS applies it (roll
 * forward). Only one reader does, the one that takes the claim's roll-forward marker
 * (lib/claims.ts `takeRollForward`); the others wait for it and read again. Several readers
 * applying it at once could each read revision r, and since FerretDB's guarded update is
 * read-then-write, a late one could land after the next change and put the letter back.
 */
export interface ChangeActor {
  userId: string | null;
  name: string | null;
  positionTitle: string | null;
}

export interface ChangeRequest {
  letter: OutgoingLetter;
  action: OutgoingAction;
  /** Top-level fields to set with the status. */
  set?: Record<string, unknown>;
  actor: ChangeActor;
  note?: string | null;
  /** For submit/approve: verifiers still to approve after this change. */
  verifiersLeft?: number;
}

/** Reads of the letter while pending claims are rolled forward (by this reader or another). */
const MAX_ROLL_FORWARD_ROUNDS = 200;

function claimId(letterId: mongoose.Types.ObjectId, revision: number): string {
  return `${String(letterId)}:${revision}`;
}

/** The change claimed from `revision`, applied or not; null when nobody claimed it. */
export async function claimFrom(
  letterId: mongoose.Types.ObjectId,
  revision: number,
): Promise<OutgoingTransition | null> {
  return OutgoingTransitionModel.findById(claimId(letterId, revision)).lean<OutgoingTransition>();
}

/** The letter with every abandoned change applied; null when it does not exist. */
export async function loadLetter(
  id: string | mongoose.Types.ObjectId,
): Promise<OutgoingLetter | null> {
  if (typeof id === 'string' && !/^[0-9a-f]{24}$/i.test(id)) return null;
  let letter = await OutgoingLetterModel.findById(id).lean<OutgoingLetter>();
  for (let round = 0; letter && round < MAX_ROLL_FORWARD_ROUNDS; round++) {
    const pendingId = claimId(letter._id, letter.revision);
    const pending = await OutgoingTransitionModel.findById(pendingId).lean<OutgoingTransition>();
    // A young claim's writer may still be applying it (its update would race ours).
    if (!pending || now().getTime() - pending.at.getTime() < ROLL_FORWARD_AFTER_MS) return letter;
    const release = await takeRollForward(`outgoing:${pendingId}`);
    if (release) {
      try {
        // Read again under the marker: a reader that held it before may have applied it.
        const current = await OutgoingLetterModel.findById(letter._id, {
          revision: 1,
        }).lean<Pick<OutgoingLetter, 'revision'>>();
        if (current?.revision === letter.revision) await applyClaim(pending);
      } finally {
        await release();
      }
    } else await sleep(2 + Math.random() * 8); // another reader rolls it forward
    letter = await OutgoingLetterModel.findById(letter._id).lean<OutgoingLetter>();
  }
  return letter;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function requireLetter(id: string): Promise<OutgoingLetter> {
  const letter = await loadLetter(id);
  if (!letter) throw notFound('Surat keluar');
  return letter;
}

/** Makes one change; 409 CONFLICT when the status forbids it or someone changed the
 * letter first. */
export async function commitChange(request: ChangeRequest): Promise<OutgoingLetter> {
  const { letter, action } = request;
  const status = letter.status as OutgoingStatus;
  const toStatus = nextStatus(status, action, { verifiersLeft: request.verifiersLeft });
  if (!toStatus) throw conflict(refusalReason(status, action), currentState(letter));
  const set: Record<string, unknown> = { ...(request.set ?? {}) };
  set.awaitingPositionId = awaitingPosition({
    ...letter,
    ...set,
    status: toStatus,
  } as OutgoingLetter);
  const claim = {
    _id: claimId(letter._id, letter.revision),
    letterId: letter._id,
    fromRevision: letter.revision,
    action,
    fromStatus: status,
    toStatus,
    set,
    version: typeof set.version === 'number' ? set.version : letter.version,
    note: request.note ?? null,
    actorUserId: request.actor.userId ? new mongoose.Types.ObjectId(request.actor.userId) : null,
    actorName: request.actor.name,
    actorPositionTitle: request.actor.positionTitle,
    at: now(),
  };
  try {
    await OutgoingTransitionModel.create(claim);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const current = (await loadLetter(letter._id)) ?? letter;
    throw conflict(
      'Surat ini baru saja diubah oleh pengguna lain. Muat ulang untuk melihat keadaan terbaru.',
      currentState(current),
    );
  }
  await applyClaim(claim as OutgoingTransition);
  const after = await OutgoingLetterModel.findById(letter._id).lean<OutgoingLetter>();
  if (!after) throw new Error(`outgoing letter ${String(letter._id)} vanished during a change`);
  return after;
}

async function applyClaim(claim: OutgoingTransition): Promise<void> {
  await OutgoingLetterModel.updateOne(
    { _id: claim.letterId, revision: claim.fromRevision },
    {
      $set: {
        ...(claim.set as Record<string, unknown>),
        status: claim.toStatus,
        revision: claim.fromRevision + 1,
      },
    },
  );
}

/** Whose move it is in a state (lists "menunggu paraf saya", "menunggu tanda tangan saya"). */
export function awaitingPosition(
  letter: Pick<OutgoingLetter, 'status' | 'drafter' | 'verifiers' | 'currentStep' | 'signer'>,
): mongoose.Types.ObjectId | null {
  switch (letter.status) {
    case 'draft':
    case 'returned':
      return letter.drafter.positionId;
    case 'in_review':
      return letter.verifiers[letter.currentStep]?.positionId ?? null;
    case 'awaiting_signature':
    case 'signing':
      return letter.signer.positionId;
    default:
      return null;
  }
}

export function currentState(letter: OutgoingLetter): {
  id: string;
  status: string;
  revision: number;
  version: number;
} {
  return {
    id: String(letter._id),
    status: letter.status,
    revision: letter.revision,
    version: letter.version,
  };
}

/** The letter's history in order. */
export async function historyOf(letterId: mongoose.Types.ObjectId): Promise<OutgoingTransition[]> {
  return OutgoingTransitionModel.find({ letterId })
    .sort({ fromRevision: 1 })
    .lean<OutgoingTransition[]>();
}
