import { SECURITY_CLASSES, type Actor } from '../../http/actor.ts';
import { classesReached, classesReachedEverywhere, reach } from '../policy/policy.ts';
import type { SearchScope } from './engine.ts';

/**
 * A search hit shows a letter's content (subject, summary, OCR text), so it follows
 * `letter.view_content` (modules/policy/policy.ts), reduced to what the index filters on:
 * - openRank: the highest class the actor reads everywhere (an `any` grant: the desk for
 *   B/T, the archivists up to their clearance); imported letters have no chain, so only
 *   this opens them;
 * - principals + chainRank: the positions (acting ones too) through which a chain grant
 *   opens a letter, up to the highest class such a grant reaches (the clearance).
 */
export function searchScope(actor: Actor): SearchScope {
  const everywhere = classesReachedEverywhere(actor, 'letter.view_content');
  // A gap (e.g. B and R but not T) cannot be a rank; take the contiguous run from B.
  let openRank = -1;
  while (
    openRank + 1 < SECURITY_CLASSES.length &&
    everywhere.includes(SECURITY_CLASSES[openRank + 1]!)
  )
    openRank++;
  const chain = new Set(reach(actor, 'letter.view_content', 'B').chainPositionIds);
  const reached = classesReached(actor, 'letter.view_content');
  const chainRank = reached.length ? SECURITY_CLASSES.indexOf(reached[reached.length - 1]!) : -1;
  const principals = [...chain].map((id) => `p:${id}`);
  return { openRank, principals, chainRank, meeting: meetingScope(actor) };
}

/** The highest rank of a contiguous run of classes from B (-1 for none). */
function contiguousRank(classes: readonly string[]): number {
  let rank = -1;
  while (rank + 1 < SECURITY_CLASSES.length && classes.includes(SECURITY_CLASSES[rank + 1]!))
    rank++;
  return rank;
}

/**
 * A meeting hit shows its title, minutes and scans, so it follows `meeting.view`
 * (meetings.policy.ts): open everywhere up to the `any` grants' classes (the secretariat,
 * B/T), otherwise through the chair, invited or responsible positions (chain), the units on
 * their paths (unit) or as its creator (own), up to the clearance. The meeting's index
 * record carries the matching `p:`, `u:` and `o:` principals (meetings.search.ts).
 */
export function meetingScope(actor: Actor): NonNullable<SearchScope['meeting']> {
  const openRank = contiguousRank(classesReachedEverywhere(actor, 'meeting.view'));
  const reached = classesReached(actor, 'meeting.view');
  const chainRank = reached.length ? SECURITY_CLASSES.indexOf(reached[reached.length - 1]!) : -1;
  const principals = new Set<string>();
  for (const securityClass of reached) {
    const r = reach(actor, 'meeting.view', securityClass);
    for (const id of [...r.chainPositionIds, ...r.addresseePositionIds]) principals.add(`p:${id}`);
    for (const id of r.unitIds) principals.add(`u:${id}`);
    if (r.own) principals.add(`o:${actor.userId}`);
  }
  return { openRank, principals: [...principals], chainRank };
}
