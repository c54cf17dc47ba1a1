import { backfillKeys, BACKFILL_LEASE_MS } from '../../lib/backfill.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import { runWithKeptLease } from '../files/lease.ts';
import { AUDIT_KEY_FIELDS, auditKeys, AuditEventModel, type AuditEvent } from './audit.model.ts';

/** Bump when `auditKeys` changes what it computes. */
export const AUDIT_KEYS_VERSION = 2;
// 2: `letterId` (a letter's events get their own id; older disposition events keep none and
// the letter's Riwayat reads them by their node, letters/letter-history.ts).

/**
 * Gives events appended by older versions their access keys (lib/backfill.ts,
 * `backfillKeys`); events already right are not written. The keys are outside the hash, so
 * the chain is unchanged.
 */
export async function backfillAuditKeys(
  options: { force?: boolean; logger?: Logger; batchSize?: number } = {},
): Promise<{ scanned: number; updated: number }> {
  return backfillKeys<AuditEvent>(
    {
      marker: 'audit-event-keys',
      version: AUDIT_KEYS_VERSION,
      model: AuditEventModel as never,
      fields: AUDIT_KEY_FIELDS,
      keys: (event) => auditKeys(event),
      batchSize: 1000,
      message: 'audit events: access keys backfilled',
    },
    options,
  );
}

/** Start-up: the backfill before serving, one process at a time. */
export async function auditStartupTask(services: Services): Promise<void> {
  await runWithKeptLease('backfill:audit-event-keys', BACKFILL_LEASE_MS, async () => {
    await backfillAuditKeys({ logger: services.logger });
  });
}
