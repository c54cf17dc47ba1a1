import type { Actor, HeldPosition } from '../../http/actor.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { markDispositionNotificationsRead } from '../notify/notify.service.ts';
import { heldPosition, snapshotOf, transitionActor } from './acting.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import { canViewNode, mayActAs } from './dispositions.policy.ts';
import { afterLifecycle } from './effects.ts';
import { grantAccess, loadSource, type LetterForDisposition } from './letter-link.ts';
import { grantMeetingAccess, isMeetingSource } from './meeting-source.ts';
import { DispositionReportModel } from './report.model.ts';
import { concludeOpenItems } from './conclude.ts';
import { isOpen, OPEN_STATUSES, type DispositionStatus } from './state-machine.ts';
import { commitTransition, currentState, loadDisposition } from './transitions.ts';

/** The node and its letter, when the actor may see the node (404 otherwise, so ids cannot
 * be probed). */
export async function visibleNode(
  actor: Actor,
  id: string,
): Promise<{ node: Disposition; letter: LetterForDisposition }> {
  const node = await loadDisposition(id);
  if (!node) throw notFound('Disposisi');
  const letter = await loadSource(node);
  if (!canViewNode(actor, node, letter)) throw notFound('Disposisi');
  return { node, letter };
}

/** The node for its recipient to act on (403 for anyone else who can see it). */
export async function nodeForRecipient(
  actor: Actor,
  id: string,
  verb: string,
): Promise<{ node: Disposition; letter: LetterForDisposition; held: HeldPosition }> {
  const { node, letter } = await visibleNode(actor, id);
  const held = heldPosition(actor, node.toPositionId);
  if (!held || !mayActAs(actor, held.id, node.securityClass))
    throw forbidden(`Hanya pejabat penerima disposisi ini (atau Plt/Plh-nya) yang dapat ${verb}.`);
  return { node, letter, held };
}

/** Opens a node; the first opening by its recipient marks it read (dibaca). */
export async function openDisposition(
  actor: Actor,
  id: string,
): Promise<{ node: Disposition; letter: LetterForDisposition }> {
  const { node, letter } = await visibleNode(actor, id);
  const held = heldPosition(actor, node.toPositionId);
  if (!held) return { node, letter };
  await markDispositionNotificationsRead(actor.userId, node._id);
  // Repairs a grant lost to a crash right after the disposition was stored (idempotent).
  if (!(letter.readerPositionIds ?? []).some((id) => String(id) === String(node.toPositionId))) {
    if (isMeetingSource(node)) await grantMeetingAccess(letter._id, [node]);
    else await grantAccess(letter._id, [node.toPositionId]);
  }
  // A node left open on a letter already done (its close cut off by a crash) closes now,
  // so the recipient never sees work on a finished letter (conclude.ts).
  if (letter.status === 'done' && isOpen(node.status as DispositionStatus)) {
    await concludeOpenItems(letter._id, null);
    return { node: (await loadDisposition(node._id)) ?? node, letter };
  }
  if (node.status !== 'terkirim') return { node, letter };
  try {
    const read = await commitTransition({
      node,
      action: 'read',
      set: { readAt: now(), readByName: actor.name },
      actor: transitionActor(actor, held),
    });
    await afterLifecycle({ actor, held, before: node, node: read, action: 'read' });
    return { node: read, letter };
  } catch (error) {
    // Someone else (a Plh, or the sender cancelling) moved it first: show what is there now.
    if ((error as { code?: string }).code !== 'CONFLICT') throw error;
    return { node: (await loadDisposition(node._id)) ?? node, letter };
  }
}

/**
 * Completes the recipient's own node: it needs a report of its own, and every child
 * finished, cancelled or returned. The parent is untouched: each holder completes their own.
 */
export async function completeDisposition(actor: Actor, id: string): Promise<Disposition> {
  const { node, held } = await nodeForRecipient(actor, id, 'menyelesaikannya');
  if (node.status === 'diproses' || node.status === 'dibaca' || node.status === 'terkirim') {
    const reports = await DispositionReportModel.countDocuments({ dispositionId: node._id });
    if (reports === 0) {
      throw conflict(
        'Buat laporan tindak lanjut terlebih dahulu sebelum menyelesaikan disposisi ini.',
        currentState(node),
      );
    }
    const open = await DispositionModel.find(
      { parentId: node._id, status: { $in: OPEN_STATUSES } },
      { toPositionTitle: 1, status: 1 },
    ).lean<Disposition[]>();
    if (open.length > 0) {
      throw conflict(
        `Disposisi ini belum dapat diselesaikan: masih menunggu ${open.map((c) => c.toPositionTitle).join(', ')}.`,
        {
          ...currentState(node),
          waitingOn: open.map((c) => ({
            id: String(c._id),
            positionTitle: c.toPositionTitle,
            status: c.status,
          })),
        },
      );
    }
  }
  const done = await commitTransition({
    node,
    action: 'complete',
    set: { closedAt: now(), closedBy: snapshotOf(actor, held) },
    actor: transitionActor(actor, held),
  });
  await afterLifecycle({ actor, held, before: node, node: done, action: 'complete' });
  return done;
}

/** The sender takes a disposition back, only while its recipient has not read it. */
export async function cancelDisposition(actor: Actor, id: string): Promise<Disposition> {
  const { node } = await visibleNode(actor, id);
  const held = heldPosition(actor, node.from.positionId);
  if (!held || !mayActAs(actor, held.id, node.securityClass))
    throw forbidden('Hanya pengirim disposisi ini yang dapat membatalkannya.');
  const cancelled = await commitTransition({
    node,
    action: 'cancel',
    set: { closedAt: now(), closedBy: snapshotOf(actor, held) },
    actor: transitionActor(actor, held),
  });
  await afterLifecycle({ actor, held, before: node, node: cancelled, action: 'cancel' });
  return cancelled;
}

/** The recipient sends a wrongly addressed disposition back, with the reason. */
export async function returnDisposition(
  actor: Actor,
  id: string,
  reason: string,
): Promise<Disposition> {
  const { node, held } = await nodeForRecipient(actor, id, 'mengembalikannya');
  const returned = await commitTransition({
    node,
    action: 'return',
    set: {
      closedAt: now(),
      closedBy: snapshotOf(actor, held),
      reason: reason.trim(),
      readAt: node.readAt ?? now(),
      readByName: node.readByName ?? actor.name,
    },
    actor: transitionActor(actor, held),
  });
  await afterLifecycle({ actor, held, before: node, node: returned, action: 'return' });
  return returned;
}
