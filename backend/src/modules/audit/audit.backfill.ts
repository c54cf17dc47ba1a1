import type { AnyBulkWriteOperation } from 'mongoose';
import {
  backfillDone,
  bulkWriteInChunks,
  inBatches,
  markBackfillDone,
} from '../../lib/backfill.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import { runWithLease } from '../files/lease.ts';
import { AUDIT_KEY_FIELDS, auditKeys, AuditEventModel, type AuditEvent } from './audit.model.ts';

/** Bump when `auditKeys` changes what it computes. */
export const AUDIT_KEYS_VERSION = 1;
const MARKER = 'audit-event-keys';

/**
 * Gives events appended by older versions their access keys (batches, bulkWrite); events
 * already right are not written. The keys are outside the hash, so the chain is unchanged.
 * Idempotent, and skipped once a pass of this version has finished.
 */
export async function backfillAuditKeys(
  options: { force?: boolean; logger?: Logger; batchSize?: number } = {},
): Promise<{ scanned: number; updated: number }> {
  if (!options.force && (await backfillDone(MARKER, AUDIT_KEYS_VERSION)))
    return { scanned: 0, updated: 0 };
  const cursor = AuditEventModel.find({}).lean<AuditEvent[]>().cursor();
  const result = await inBatches<AuditEvent>(cursor, options.batchSize ?? 1000, async (batch) => {
    const ops: AnyBulkWriteOperation[] = [];
    for (const event of batch) {
      const keys = auditKeys(event);
      const stale = AUDIT_KEY_FIELDS.some(
        (field) => (event as Record<string, unknown>)[field] !== keys[field],
      );
      if (stale) ops.push({ updateOne: { filter: { _id: event._id }, update: { $set: keys } } });
    }
    await bulkWriteInChunks(AuditEventModel, ops);
    return ops.length;
  });
  await markBackfillDone(MARKER, AUDIT_KEYS_VERSION, result.updated);
  if (result.updated > 0) options.logger?.info(result, 'audit events: access keys backfilled');
  return result;
}

/** Start-up: the backfill before serving, one process at a time. */
export async function auditStartupTask(services: Services): Promise<void> {
  await runWithLease('backfill:audit-event-keys', 30 * 60 * 1000, async () => {
    await backfillAuditKeys({ logger: services.logger });
  });
}
