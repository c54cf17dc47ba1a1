import { hasRole, SECURITY_CLASSES, type Actor } from '../../http/actor.ts';
import type { SearchScope } from './engine.ts';

/**
 * Who may open (and so find) a letter, reduced to what the index can filter on:
 * - never above the user's clearance;
 * - arsiparis: every letter up to their clearance (they keep the whole archive);
 * - agendaris: every Biasa and Terbatas letter (the desk registers them all); Rahasia and
 *   Sangat Rahasia only through their own positions, as the content of those is for the
 *   addressee's chain;
 * - everyone: letters whose chain includes one of their positions (acting ones too) or whose
 *   units include one of their units (the publisher decides which units see a letter).
 * The letters module publishes unitIds/positionIds in the same terms (publish.ts SearchAcl).
 */
export function searchScope(actor: Actor): SearchScope {
  const clearanceRank = SECURITY_CLASSES.indexOf(actor.clearance);
  let openRank = -1;
  if (hasRole(actor, 'arsiparis')) openRank = clearanceRank;
  else if (hasRole(actor, 'agendaris')) openRank = Math.min(clearanceRank, SECURITY_CLASSES.indexOf('T'));
  const principals = new Set<string>();
  for (const position of actor.positions) {
    principals.add(`p:${position.id}`);
    principals.add(`u:${position.unitId}`);
  }
  return { clearanceRank, openRank, principals: [...principals] };
}
