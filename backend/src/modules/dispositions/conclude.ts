import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { backfillDone, markBackfillDone } from '../../lib/backfill.ts';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { notifyPosition } from '../notify/notify.service.ts';
import { PositionModel } from '../org/org.model.ts';
import { signedTitle } from './acting.ts';
import { inboxKeyOf } from './disposition.keys.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import { isOpen, type DispositionStatus } from './state-machine.ts';
import { commitTransition, loadDisposition } from './transitions.ts';

/**
 * What happens to the open coordination items when the letter is done (issue 15, point 6).
 *
 * domain.md §4: "the others coordinate" and "a letter is done when its main handler's
 * branch is done". A coordination recipient supports the penanggung jawab; once every live
 * penanggung jawab has finished, there is nothing left to support. So the letter's being
 * done is the one truth, and the nodes still open elsewhere in its tree (coordination items
 * and anything forwarded below them) are closed with it: status `selesai` (action
 * `conclude`, state-machine.ts), `closedBy` the official whose completion finished the
 * letter, and a `reason` that says why. They leave every open list, counter and
 * "Sedang menunggu" through the same transition as any other closing (keys, kept open
 * states and day counts follow it), their recipients are told, and the letter's Riwayat
 * says so. Reports already made stay; a report after the close is refused like on any
 * closed node.
 *
 * Idempotent: it looks at the live nodes each time, so a retry, or the repair when a
 * recipient opens a node of a done letter (lifecycle.service.ts), closes what is left.
 */
export const CONCLUDED_REASON = 'Ditutup bersama surat: penanggung jawab telah menyelesaikannya.';

/** The letter is done by its nodes: some live penanggung jawab at the top, all finished. */
export function letterDoneByNodes(nodes: Disposition[]): boolean {
  const top = nodes.filter(
    (n) => n.parentId === null && n.status !== 'dibatalkan' && n.status !== 'dikembalikan',
  );
  const primaries = top.filter((n) => n.role === 'primary');
  return primaries.length > 0 && primaries.every((n) => n.status === 'selesai');
}

export async function concludeOpenItems(
  letterId: mongoose.Types.ObjectId,
  actor: Actor | null,
): Promise<number> {
  // One equality read by `letterId`: a letter's tree is a handful of nodes.
  const nodes = await DispositionModel.find({ letterId }).lean<Disposition[]>();
  if (!letterDoneByNodes(nodes)) return 0;
  const open = nodes
    .filter((n) => isOpen(n.status as DispositionStatus))
    // Deepest first, so no closed node is ever left with an open child.
    .sort((a, b) => b.depth - a.depth);
  if (open.length === 0) return 0;
  // The penanggung jawab who finished last closes them (as recorded on its node).
  const finisher = nodes
    .filter((n) => n.parentId === null && n.role === 'primary' && n.closedBy)
    .sort((a, b) => new Date(b.closedAt ?? 0).getTime() - new Date(a.closedAt ?? 0).getTime())[0];
  if (!finisher?.closedBy) return 0;
  const by = finisher.closedBy;
  const byTitle = signedTitle(by);
  let closed = 0;
  for (const stale of open) {
    const node = await loadDisposition(stale._id);
    if (!node || !isOpen(node.status as DispositionStatus)) continue;
    try {
      await commitTransition({
        node,
        action: 'conclude',
        set: { closedAt: now(), closedBy: by, reason: CONCLUDED_REASON },
        actor: { userId: actor?.userId ?? null, name: actor?.name ?? null, positionTitle: byTitle },
      });
    } catch (error) {
      // Its recipient moved it at the same moment: the next pass looks again.
      if ((error as { code?: string }).code === 'CONFLICT') continue;
      throw error;
    }
    closed += 1;
    await recordAudit({
      actor,
      ...(actor ? {} : { systemName: 'Sistem' }),
      action: 'disposition.conclude',
      recordType: 'disposition',
      recordId: String(node._id),
      letterId: String(node.letterId),
      positionId: actor ? String(by.positionId) : null,
      before: { status: node.status },
      after: { status: 'selesai', to: node.toPositionTitle, role: node.role, primary: byTitle },
    });
    await notifyPosition(node.toPositionId, {
      kind: 'disposition.completed',
      title: 'Disposisi ditutup: surat telah selesai',
      body: `${byTitle} selaku penanggung jawab telah menyelesaikan tindak lanjut surat ini; disposisi kepada ${node.toPositionTitle} ikut ditutup.`,
      link: `/disposisi/${String(node._id)}`,
      letterId: node.letterId,
      dispositionId: node._id,
      dedupeKey: `concluded:${String(node._id)}`,
    });
  }
  return closed;
}

/**
 * Letters done under an older version kept their coordination items open. Once per version
 * (a marker in `backfill_markers`), each position's open set is read by `inboxKey` and the
 * letters among them that are done (the summary copied on the node) are settled as above.
 * Background work at start-up, never a request; a node missed here is settled when its
 * recipient opens it (lifecycle.service.ts).
 */
export const CONCLUDE_MARKER = 'dispositions-concluded-with-letter';
export async function concludeItemsOfDoneLetters(
  options: { force?: boolean; logger?: Logger } = {},
): Promise<{ letters: number; closed: number }> {
  if (!options.force && (await backfillDone(CONCLUDE_MARKER, 1))) return { letters: 0, closed: 0 };
  const positions = await PositionModel.find({}, { _id: 1 }).lean<Array<{ _id: unknown }>>();
  const letters = new Set<string>();
  for (const position of positions) {
    const open = await DispositionModel.find(
      { inboxKey: inboxKeyOf(position._id, 'open') },
      { letterId: 1, letterSummary: 1 },
    ).lean<Disposition[]>();
    for (const node of open)
      if (node.letterSummary?.status === 'done') letters.add(String(node.letterId));
  }
  let closed = 0;
  for (const letterId of letters)
    closed += await concludeOpenItems(new mongoose.Types.ObjectId(letterId), null);
  await markBackfillDone(CONCLUDE_MARKER, 1, closed);
  if (closed > 0)
    options.logger?.info(
      { letters: letters.size, closed },
      'open items of letters already done were closed with them',
    );
  return { letters: letters.size, closed };
}
