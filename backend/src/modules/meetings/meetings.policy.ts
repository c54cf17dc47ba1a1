import type { Actor, SecurityClass } from '../../http/actor.ts';
import { can, type Resource } from '../policy/policy.ts';
import type { Meeting } from './meeting.model.ts';

/**
 * A meeting as the policy sees it (policy.ts `meeting.*`): its addressee is the chair, its
 * chain the invited and responsible positions, its units the paths of all of them (their
 * heads see it), its owner the user who created it (the Bagian keeping the minutes).
 */
export function meetingResource(
  meeting: Pick<Meeting, 'securityClass' | 'chair' | 'positionIds' | 'unitIds' | 'createdBy'>,
): Resource {
  return {
    securityClass: meeting.securityClass as SecurityClass,
    addresseeIds: [String(meeting.chair.positionId)],
    chainIds: meeting.positionIds.map(String),
    unitPath: meeting.unitIds.map(String),
    ownerUserId: meeting.createdBy ? String(meeting.createdBy.userId) : undefined,
  };
}

export function canViewMeeting(actor: Actor, meeting: Parameters<typeof meetingResource>[0]) {
  return can(actor, 'meeting.view', meetingResource(meeting));
}

export function canManageMeeting(actor: Actor, meeting: Parameters<typeof meetingResource>[0]) {
  return can(actor, 'meeting.manage', meetingResource(meeting));
}
