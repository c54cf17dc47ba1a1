import mongoose from 'mongoose';
import type { HeldPosition } from '../../http/actor.ts';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { AuditEventModel } from '../audit/audit.model.ts';
import { buildActor } from '../auth/actor.service.ts';
import { dayOf } from './disposition.keys.ts';
import {
  DispositionModel,
  DispositionTransitionModel,
  type Disposition,
  type DispositionTransition,
} from './disposition.model.ts';
import { afterDispatch } from './effects.ts';
import { loadSource } from './letter-link.ts';

/** A dispatch's follow-up steps take well under a second; older than this, their process died. */
export const DISPATCH_GRACE_MS = 60_000;
/** How far back to look: the repair runs every few minutes, so a day is ample. */
const WINDOW_MS = 24 * 60 * 60 * 1000;
const DISPATCH_ACTIONS = ['disposition.create', 'disposition.forward'];

/**
 * Finishes dispatches whose process died after the nodes were written but before their
 * follow-up steps ran (effects.ts `afterDispatch`: letter access for the recipients, the
 * letter's status, notifications, search text, then the audit event). Without them the
 * recipients hold a disposition for a letter they cannot open, and the letter still waits
 * for a disposition in the clerk's lists. The audit event is the last step, so a batch
 * without one is unfinished; every earlier step is idempotent and simply runs again.
 * Found by the fault suite (backend/test/faults/crash.test.ts).
 */
export async function repairDispatchFollowUps(
  options: { graceMs?: number; logger?: Logger } = {},
): Promise<number> {
  const at = now().getTime();
  const from = at - WINDOW_MS;
  const to = at - (options.graceMs ?? DISPATCH_GRACE_MS);
  // The window's days, one `sentDay` equality each; the exact window in memory.
  const nodes = (
    await Promise.all(
      daysBetween(from, to).map((day) =>
        DispositionModel.find({ sentDay: day }).lean<Disposition[]>(),
      ),
    )
  )
    .flat()
    .filter((n) => {
      const sent = new Date(n.sentAt).getTime();
      return sent >= from && sent <= to;
    });
  if (nodes.length === 0) return 0;

  const batches = new Map<string, Disposition[]>();
  for (const node of nodes) {
    const key = String(node.batchId);
    batches.set(key, [...(batches.get(key) ?? []), node]);
  }
  const audited = await auditedBatches([...new Set(nodes.map((n) => String(n.letterId)))]);
  let repaired = 0;
  for (const [batchId, batch] of batches) {
    if (audited.has(batchId)) continue;
    batch.sort((a, b) =>
      a.role === b.role
        ? String(a._id).localeCompare(String(b._id))
        : a.role === 'primary'
          ? -1
          : 1,
    );
    try {
      await finishBatch(batch);
      repaired += 1;
    } catch (error) {
      // One batch that cannot be finished (its letter gone, say) must not hold up the rest.
      options.logger?.error({ err: error, batchId }, 'dispatch follow-up repair of a batch failed');
    }
  }
  if (repaired > 0)
    options.logger?.warn({ repaired }, 'dispositions cut off by a crash were completed');
  return repaired;
}

/** Batch ids named by the dispatch audit events of these letters. */
async function auditedBatches(letterIds: string[]): Promise<Set<string>> {
  // One `recordId` equality per letter (a day's letters, a few dozen events each): `$in`
  // on the record ids would read every audit event of every letter.
  const events = (
    await Promise.all(
      letterIds.map((recordId) =>
        AuditEventModel.find(
          { recordType: 'incoming-letter', recordId },
          { action: 1, changes: 1 },
        ).lean(),
      ),
    )
  )
    .flat()
    .filter((event) => DISPATCH_ACTIONS.includes(event.action));
  const ids = new Set<string>();
  for (const event of events) {
    const change = event.changes.find((c) => c.field === 'batchId');
    if (change?.after) ids.add(JSON.parse(change.after) as string);
  }
  return ids;
}

/** The Jakarta days from one instant to another (two for the repair's day-long window). */
function daysBetween(from: number, to: number): number[] {
  const days: number[] = [];
  for (let day = dayOf(new Date(from)); day <= dayOf(new Date(to)); day++) days.push(day);
  return days;
}

async function finishBatch(batch: Disposition[]): Promise<void> {
  const first = batch[0]!;
  const letter = await loadSource(first);
  const parent = first.parentId
    ? await DispositionModel.findById(first.parentId).lean<Disposition>()
    : null;
  const actor = first.from.userId
    ? await buildActor(new mongoose.Types.ObjectId(String(first.from.userId)), 'session').catch(
        () => null,
      )
    : null;
  const held: HeldPosition = {
    id: String(first.from.positionId),
    title: first.from.positionTitle,
    unitId: String(first.from.unitId),
    acting: Boolean(first.from.acting),
    actingKind:
      first.from.acting === 'plt' || first.from.acting === 'plh' ? first.from.acting : null,
  };
  await afterDispatch({ actor, held, letter, parent, nodes: batch });
}

/**
 * A forward moves the parent first (its claim counts the children to come), then inserts
 * the children. A crash in between, or an insert that fails, leaves the parent counting
 * children it does not have. Recounts the parents forwarded in the window (after the
 * grace period) and sets what is really there.
 */
export async function repairChildCounts(
  options: { graceMs?: number; logger?: Logger } = {},
): Promise<number> {
  const at = now().getTime();
  const from = at - WINDOW_MS;
  const to = at - (options.graceMs ?? DISPATCH_GRACE_MS);
  const claims = (
    await Promise.all(
      daysBetween(from, to).map((day) =>
        DispositionTransitionModel.find(
          { atDay: day },
          { dispositionId: 1, action: 1, at: 1 },
        ).lean<DispositionTransition[]>(),
      ),
    )
  ).flat();
  const forwarded = [
    ...new Map(
      claims
        .filter((c) => c.action === 'forward' && c.at.getTime() >= from && c.at.getTime() <= to)
        .map((c) => [String(c.dispositionId), c.dispositionId]),
    ).values(),
  ];
  let repaired = 0;
  for (const parentId of forwarded) {
    if (await recountChildren(parentId)) repaired += 1;
  }
  if (repaired > 0)
    options.logger?.warn(
      { repaired },
      'disposition child counts left by a failed forward were set right',
    );
  return repaired;
}

/** Sets a node's `childCount` to the children that exist; true when it was wrong. A derived
 * counter, so it is set outside the claimed transitions (transitions.ts) that change state. */
export async function recountChildren(parentId: mongoose.Types.ObjectId): Promise<boolean> {
  const children = await DispositionModel.countDocuments({ parentId });
  const result = await DispositionModel.updateOne(
    { _id: parentId, childCount: { $ne: children } },
    { $set: { childCount: children } },
  );
  return result.modifiedCount > 0;
}
