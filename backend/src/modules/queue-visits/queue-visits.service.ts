import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { forbidden } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { retryUpsertOnDuplicate } from '../../lib/upsert.ts';
import { actorHoldsPosition, can } from '../policy/policy.ts';
import { QueueVisitModel, type QueueVisit } from './queue-visits.model.ts';

/**
 * "New since my last visit" for the work queues. The rule, kept here and nowhere else:
 *
 * - a queue remembers `newSince`; an item (a letter by when it was registered, a
 *   disposition by when it was sent) that arrived after `newSince` is new ("Baru");
 * - a visit is recorded when the queue's screen opens (PUT), not when a page of it is read:
 *   paging, filtering and searching within the queue are not visits;
 * - visits closer than `SITTING_GAP_MS` to the one before belong to one sitting and keep
 *   `newSince`: reloading the page, opening a letter and coming back, or opening the queue in
 *   a second tab does not make the marks vanish. A visit after a longer break starts a new
 *   sitting: what arrived before the previous sitting's last visit is no longer new
 *   (`newSince` = that visit);
 * - the first visit ever starts the queue's memory: nothing older is marked, but what
 *   arrives while the user works is;
 * - "Tandai sudah dilihat" (`seen: true`) makes everything that arrived so far not new.
 */
export const SITTING_GAP_MS = 30 * 60_000;

/** A queue's name: `register` (the buku agenda), or `awaiting-<positionId>` ("Perlu
 * disposisi") and `inbox-<positionId>` (the disposition inbox) of a position held. */
export const QUEUE_PATTERN = /^(register|(awaiting|inbox)-[0-9a-f]{24})$/;

export interface QueueVisitView {
  queue: string;
  newSince: Date;
  previousVisitAt: Date | null;
  lastVisitAt: Date;
}

function mayUse(actor: Actor, queue: string): void {
  if (!can(actor, 'queue.visit', { ownerUserId: actor.userId })) throw forbidden();
  const positionId = queue.split('-')[1];
  if (positionId && !actorHoldsPosition(actor, positionId))
    throw forbidden('Anda tidak memegang jabatan tersebut.');
}

const view = (
  visit: Pick<QueueVisit, 'queue' | 'newSince' | 'previousVisitAt' | 'lastVisitAt'>,
) => ({
  queue: visit.queue,
  newSince: visit.newSince,
  previousVisitAt: visit.previousVisitAt ?? null,
  lastVisitAt: visit.lastVisitAt,
});

/** The visit that follows `before` at `at` (pure: the rule above). */
export function nextVisit(
  before: Pick<QueueVisit, 'newSince' | 'previousVisitAt' | 'lastVisitAt'> | null,
  at: Date,
  seen = false,
): Pick<QueueVisit, 'newSince' | 'previousVisitAt' | 'lastVisitAt'> {
  if (!before) return { newSince: at, previousVisitAt: null, lastVisitAt: at };
  const last = new Date(before.lastVisitAt);
  if (seen) return { newSince: at, previousVisitAt: last, lastVisitAt: at };
  if (at.getTime() - last.getTime() > SITTING_GAP_MS)
    return { newSince: last, previousVisitAt: last, lastVisitAt: at };
  return {
    newSince: new Date(before.newSince),
    previousVisitAt: before.previousVisitAt ? new Date(before.previousVisitAt) : null,
    lastVisitAt: at,
  };
}

/** Records a visit of the actor to a queue and answers what is new in it. */
export async function recordVisit(
  actor: Actor,
  queue: string,
  options: { seen?: boolean } = {},
): Promise<QueueVisitView> {
  mayUse(actor, queue);
  const _id = `${actor.userId}:${queue}`;
  // Two screens opening the queue at once write nearly the same values; the last one wins.
  // Two FIRST visits race to insert the document: the loser reads the winner's visit again
  // and, being in the same sitting, keeps its boundary (lib/upsert.ts).
  const next = await retryUpsertOnDuplicate(async () => {
    const before = await QueueVisitModel.findById(_id).lean<QueueVisit>();
    const visit = nextVisit(before, now(), options.seen);
    await QueueVisitModel.updateOne(
      { _id },
      { $set: { userId: new mongoose.Types.ObjectId(actor.userId), queue, ...visit } },
      { upsert: true },
    );
    return visit;
  });
  return view({ queue, ...next });
}

/** Every queue the actor has visited, without recording a visit. */
export async function listVisits(actor: Actor): Promise<QueueVisitView[]> {
  if (!can(actor, 'queue.visit', { ownerUserId: actor.userId })) throw forbidden();
  const visits = await QueueVisitModel.find({
    userId: new mongoose.Types.ObjectId(actor.userId),
  }).lean<QueueVisit[]>();
  return visits.map(view).sort((a, b) => a.queue.localeCompare(b.queue));
}
