import type { Actor } from '../../http/actor.ts';
import { can } from '../policy/policy.ts';

/** Who may read a record's own history (GET /api/audit/records/:recordType/:recordId).
 * Admins always may. The module that owns a record type registers who else may, usually
 * "whoever may see the record":
 *
 *   registerRecordHistoryAccess('incoming-letter', async (actor, id) =>
 *     can(actor, 'letter.view', await letterResource(id)));
 */
export type RecordHistoryCheck = (actor: Actor, recordId: string) => Promise<boolean> | boolean;

const checks = new Map<string, RecordHistoryCheck>();

export function registerRecordHistoryAccess(recordType: string, check: RecordHistoryCheck): void {
  checks.set(recordType, check);
}

// A user sees the history of their own account and their own API tokens.
registerRecordHistoryAccess('user', (actor, recordId) => actor.userId === recordId);

export async function mayReadRecordHistory(
  actor: Actor,
  recordType: string,
  recordId: string,
): Promise<boolean> {
  if (can(actor, 'audit.browse')) return true;
  const check = checks.get(recordType);
  return check ? Boolean(await check(actor, recordId)) : false;
}
