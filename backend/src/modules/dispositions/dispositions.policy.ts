import mongoose from 'mongoose';
import type { Actor, Role, SecurityClass } from '../../http/actor.ts';
import { canReadLetterContent } from '../letters/letters.policy.ts';
import { UserModel } from '../org/org.model.ts';
import { holdersOfPosition } from '../org/org.service.ts';
import { can } from '../policy/policy.ts';
import type { Disposition } from './disposition.model.ts';
import type { LetterForDisposition } from './letter-link.ts';
import { canViewMeetingSource, isMeetingSource } from './meeting-source.ts';
import type { DispositionReport } from './report.model.ts';

/**
 * Who may do what with dispositions. The rule of thumb: the holder of the recipient
 * position (its own holder or a Plt/Plh) acts on a node; the sender may only take it back
 * while unread; everyone who may read the letter's content sees the journey (tembusan
 * included, read-only); reports stay within their branch.
 */

/** Positions of the branch that leads to the node (the addressee down to the recipient). */
export function branchPositionIds(
  node: Pick<Disposition, 'abovePositionIds' | 'toPositionId'>,
): string[] {
  return [...node.abovePositionIds.map(String), String(node.toPositionId)];
}

export function canViewJourney(actor: Actor, letter: LetterForDisposition): boolean {
  // A meeting's decisions: whoever may see the meeting (policy.ts `meeting.view`).
  if (isMeetingSource(letter as { source?: string })) return canViewMeetingSource(actor, letter);
  return canReadLetterContent(actor, letter);
}

/** A node is read by its branch (the recipient and the positions above it in the tree),
 * with the letter's content rule, or by whoever reads the whole journey. */
export function canViewNode(
  actor: Actor,
  node: Disposition,
  letter: LetterForDisposition,
): boolean {
  return (
    can(actor, 'letter.view_content', {
      securityClass: letter.securityClass as SecurityClass,
      addresseeIds: [String(node.toPositionId)],
      chainIds: node.abovePositionIds.map(String),
    }) || canViewJourney(actor, letter)
  );
}

/** The shared rule (policy.ts `letter.dispose`): a pejabat holding the position the letter
 * or node is addressed to, cleared for its class. Disposing the letter, forwarding,
 * reporting, completing and returning a node, and the sender cancelling, all ask this. */
export function mayActAs(
  actor: Actor,
  positionId: string | mongoose.Types.ObjectId,
  securityClass: string,
): boolean {
  return can(actor, 'letter.dispose', {
    securityClass: securityClass as SecurityClass,
    addresseeIds: [String(positionId)],
  });
}

/** A disposition must not land where nobody may act on it: a position whose current
 * holders all fail `letter.dispose` for this class is refused (a vacant one is accepted;
 * positions, not people, receive letters). Returns the titles refused. */
export async function recipientsNobodyMayActOn(
  recipients: Array<{ positionId: mongoose.Types.ObjectId; title: string }>,
  securityClass: string,
): Promise<string[]> {
  const refused: string[] = [];
  for (const recipient of recipients) {
    const holders = await holdersOfPosition(recipient.positionId);
    if (holders.length === 0) continue;
    const users = await UserModel.find(
      { _id: { $in: holders.map((h) => new mongoose.Types.ObjectId(h.userId)) } },
      { roles: 1, clearance: 1 },
    ).lean();
    const someoneMay = users.some((user) =>
      mayActAs(
        {
          userId: String(user._id),
          username: '',
          name: '',
          roles: (user.roles ?? []) as Role[],
          clearance: (user.clearance ?? 'B') as SecurityClass,
          positions: [
            { id: String(recipient.positionId), title: recipient.title, unitId: '', acting: false },
          ],
          via: 'session',
        },
        recipient.positionId,
        securityClass,
      ),
    );
    if (!someoneMay) refused.push(recipient.title);
  }
  return refused;
}

/** A report is read by its author's position and every position above it in its branch. */
export function canSeeReport(
  actor: Actor,
  report: Pick<DispositionReport, 'visibleToPositionIds' | 'authorPositionId'>,
): boolean {
  return can(actor, 'report.view', {
    chainIds: [...report.visibleToPositionIds, report.authorPositionId].map(String),
  });
}
