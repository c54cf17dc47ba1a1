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
  return { openRank, principals, chainRank };
}
