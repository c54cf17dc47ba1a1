import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { conflict } from '../../http/errors.ts';
import { ROLL_FORWARD_AFTER_MS, takeRollForward } from '../../lib/claims.ts';
import { now } from '../../lib/clock.ts';
import { dayOf, dispositionKeys, hourOf } from './disposition.keys.ts';
import { settledHour, touchOpenState } from './open-state.ts';
import { touchFollowUpWeeks } from '../reports/follow-up-weeks.model.ts';
import { touchSeries } from './series.ts';
import {
  DispositionModel,
  DispositionTransitionModel,
  type Disposition,
  type DispositionTransition,
} from './disposition.model.ts';
import {
  nextStatus,
  refusalReason,
  type DispositionStatus,
  type TransitionAction,
} from './state-machine.ts';

/**
 * Changes of one disposition node, exactly once each, without transactions.
 *
 *   1. read the node at version v and decide the change (status by the state machine, plus
 *      the fields the caller sets);
 *   2. insert the claim `<nodeId>:<v>` holding the whole change: the unique `_id` lets one
 *      writer win; a loser learns the node moved and answers 409 with the current state;
 *   3. apply the claim: `$set` the change and `version: v + 1` where `version` is still v.
 *
 * A writer that dies between 2 and 3 leaves a claim that is not applied yet; a read through
 * `loadDisposition` that finds it older than ROLL_FORWARD_AFTER_MS applies it (roll
 * forward). Only one reader does, the one that takes the claim's roll-forward marker
 * (lib/claims.ts `takeRollForward`); the others wait for it and read again. Several readers
 * applying it at once could each read version v, and since FerretDB's guarded update is
 * read-then-write, a late one could land after the next change and put the node back.
 */

export interface TransitionActor {
  userId: string | null;
  name: string | null;
  positionTitle: string | null;
}

export interface TransitionRequest {
  node: Disposition;
  action: TransitionAction;
  /** Extra fields to set with the status (e.g. readAt, closedAt). */
  set?: Record<string, unknown>;
  actor: TransitionActor;
}

/** Reads of the node while pending claims are rolled forward (by this reader or another). */
const MAX_ROLL_FORWARD_ROUNDS = 200;

/** The node with every pending change applied; null when it does not exist. */
export async function loadDisposition(
  id: string | mongoose.Types.ObjectId,
): Promise<Disposition | null> {
  if (typeof id === 'string' && !/^[0-9a-f]{24}$/i.test(id)) return null;
  let node = await DispositionModel.findById(id).lean<Disposition>();
  for (let round = 0; node && round < MAX_ROLL_FORWARD_ROUNDS; round++) {
    const pendingId = claimId(node._id, node.version);
    const pending =
      await DispositionTransitionModel.findById(pendingId).lean<DispositionTransition>();
    // A young claim's writer may still be applying it (its update would race ours).
    if (!pending || now().getTime() - pending.at.getTime() < ROLL_FORWARD_AFTER_MS) return node;
    const release = await takeRollForward(`disposition:${pendingId}`);
    if (release) {
      try {
        // Read again under the marker: a reader that held it before may have applied it.
        const current = await DispositionModel.findById(node._id).lean<Disposition>();
        if (current?.version === node.version) await applyClaim(pending, current);
      } finally {
        await release();
      }
    } else await sleep(2 + Math.random() * 8); // another reader rolls it forward
    node = await DispositionModel.findById(node._id).lean<Disposition>();
  }
  return node;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Makes one change; throws 409 CONFLICT (with the current state) when the action is not
 * allowed in the node's status or another official changed the node first. */
export async function commitTransition(request: TransitionRequest): Promise<Disposition> {
  const { node, action } = request;
  const toStatus = nextStatus(node.status as DispositionStatus, action);
  if (!toStatus)
    throw conflict(refusalReason(node.status as DispositionStatus, action), currentState(node));
  const at = now();
  const claim: DispositionTransition = {
    _id: claimId(node._id, node.version),
    dispositionId: node._id,
    letterId: node.letterId,
    fromVersion: node.version,
    action,
    fromStatus: node.status,
    toStatus,
    set: request.set ?? {},
    actorUserId: request.actor.userId ? new mongoose.Types.ObjectId(request.actor.userId) : null,
    actorName: request.actor.name,
    actorPositionTitle: request.actor.positionTitle,
    at,
    atDay: dayOf(at),
  };
  try {
    await DispositionTransitionModel.create(claim);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const current = (await loadDisposition(node._id)) ?? node;
    throw conflict(
      'Disposisi ini baru saja diubah oleh pengguna lain. Muat ulang untuk melihat keadaan terbaru.',
      currentState(current),
    );
  }
  await applyClaim(claim, node);
  const after = await DispositionModel.findById(node._id).lean<Disposition>();
  if (!after) throw new Error(`disposition ${String(node._id)} vanished during a transition`);
  return after;
}

/** Applies a claim to the node it was made on (at `claim.fromVersion`). The access keys
 * follow the status (disposition.keys.ts), so they are set in the same update: a node is
 * never listed under a status it left. */
async function applyClaim(claim: DispositionTransition, node: Disposition): Promise<void> {
  const keys = dispositionKeys({
    ...node,
    ...(claim.set as Record<string, unknown>),
    status: claim.toStatus,
  });
  await DispositionModel.updateOne(
    { _id: claim.dispositionId, version: claim.fromVersion },
    {
      $set: {
        ...(claim.set as Record<string, unknown>),
        ...keys,
        status: claim.toStatus,
        version: claim.fromVersion + 1,
      },
    },
  );
  // The reports' week digests of the node's subtree count its status and dates.
  await touchFollowUpWeeks(keys.unitWeekKeys ?? []);
  // A closing change adds the node to a day of its closed history (received and sent days
  // were set when it was inserted).
  const closedDay = keys.dayKeys.slice(2);
  if (closedDay.length > 0) await touchSeries(closedDay);
  // A claim applied late (rolled forward after its writer died) changes an hour the
  // position's kept open state may count already.
  if (hourOf(claim.at) <= settledHour(now())) await touchOpenState(node.toPositionId, claim.at);
}

function claimId(nodeId: mongoose.Types.ObjectId, version: number): string {
  return `${String(nodeId)}:${version}`;
}

/** What a 409 carries so the client can refresh without another request. */
export function currentState(node: Disposition): { id: string; status: string; version: number } {
  return { id: String(node._id), status: node.status, version: node.version };
}
