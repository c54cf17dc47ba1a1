import { hasRole, SECURITY_CLASSES, type Actor } from '../../http/actor.ts';
import type { SearchScope } from './engine.ts';

const TERBATAS = SECURITY_CLASSES.indexOf('T');

/**
 * Who may open (and so find) a letter, reduced to what the index can filter on. The same
 * rule as the letter's content rule (letters.policy.ts canReadLetterContent):
 * - Biasa and Terbatas letters: everyone with register access (agendaris, admin, arsiparis);
 * - Rahasia and Sangat Rahasia: arsiparis cleared for the class;
 * - any class: the positions (acting ones too) and units the publisher listed in the ACL
 *   (addressee, superiors, tembusan, disposition recipients).
 */
export function searchScope(actor: Actor): SearchScope {
  const clearanceRank = SECURITY_CLASSES.indexOf(actor.clearance);
  let openRank = -1;
  if (hasRole(actor, 'agendaris', 'admin', 'arsiparis')) openRank = TERBATAS;
  if (hasRole(actor, 'arsiparis')) openRank = Math.max(openRank, clearanceRank);
  const principals = new Set<string>();
  for (const position of actor.positions) {
    principals.add(`p:${position.id}`);
    principals.add(`u:${position.unitId}`);
  }
  return { openRank, principals: [...principals] };
}
