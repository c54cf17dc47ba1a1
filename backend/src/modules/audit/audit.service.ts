import { setTimeout as sleep } from 'node:timers/promises';
import type { Actor } from '../../http/actor.ts';
import { now } from '../../lib/clock.ts';
import { AuditEventModel, AuditHeadModel, type AuditEvent } from './audit.model.ts';
import { GENESIS_HASH, canonicalJson, eventHash, type HashedFields } from './audit.hash.ts';
import { isDuplicateKey } from '../../lib/upsert.ts';

/** The audit trail: every state change in the system appends one event here.
 *
 *   await recordAudit({ actor, action: 'letter.register', recordType: 'incoming-letter',
 *                       recordId, before, after, ip: ctx.ip });
 *
 * Append-only and hash-chained. Appends from several API replicas are serialised by the
 * unique index on `seq`: the loser of a race gets a duplicate-key error and retries on top
 * of the winner, so the chain never forks. The event is written after the change it
 * describes (no multi-document transactions in FerretDB); a crash in between loses the
 * event, never invents one. */

export interface AuditInput {
  /** The caller; null for the system itself (start-up tasks, workers, CLI). */
  actor: Actor | null;
  action: string;
  recordType: string;
  recordId: string;
  /** Field values before and after; only fields whose value changed are kept. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  ip?: string | null;
  /** The position the actor acted as; defaults to their own position (first non-acting). */
  positionId?: string | null;
  /** Name shown for a system actor (e.g. "Sistem", "pnpm admin:create"). */
  systemName?: string;
  /** The incoming letter whose Riwayat shows this event, for records that are not the
   * letter itself (a disposition node, its report). An access key, outside the hash. */
  letterId?: string | null;
}

const HEAD_ID = 'head';
const MAX_ATTEMPTS = 50;

export async function recordAudit(input: AuditInput): Promise<AuditEvent> {
  const base = describeActor(input);
  const changes = diffFields(input.before ?? null, input.after ?? null);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const head = await AuditHeadModel.findById(HEAD_ID).lean<{ seq: number; hash: string }>();
    const seq = (head?.seq ?? 0) + 1;
    const fields: HashedFields = {
      ...base,
      seq,
      at: now(),
      action: input.action,
      recordType: input.recordType,
      recordId: String(input.recordId),
      changes,
      ip: input.ip ?? null,
      prevHash: head?.hash ?? GENESIS_HASH,
    };
    const hash = eventHash(fields);
    try {
      const created = await AuditEventModel.create({
        ...fields,
        hash,
        letterId: input.letterId ?? null,
      });
      await advanceHead(seq, hash);
      return created.toObject() as AuditEvent;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Someone appended seq first. If the head lags (its writer died before moving it),
      // move it ourselves, then build on top of the newer event.
      const winner = await AuditEventModel.findOne({ seq }).lean<AuditEvent>();
      if (winner) await advanceHead(winner.seq, winner.hash);
      await sleep(Math.floor(Math.random() * 5 * (attempt + 1)));
    }
  }
  throw new Error('audit append kept losing races');
}

async function advanceHead(seq: number, hash: string): Promise<void> {
  const moved = await AuditHeadModel.updateOne(
    { _id: HEAD_ID, seq: seq - 1 },
    { $set: { seq, hash } },
  );
  if (moved.matchedCount === 1 || seq !== 1) return;
  try {
    await AuditHeadModel.create({ _id: HEAD_ID, seq, hash });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

function describeActor(input: AuditInput) {
  const actor = input.actor;
  if (!actor) {
    return {
      actorUserId: null,
      actorUsername: 'system',
      actorName: input.systemName ?? 'Sistem',
      actorPositionId: null,
      actorPositionTitle: null,
      acting: false,
      via: 'system',
    };
  }
  const position =
    (input.positionId ? actor.positions.find((p) => p.id === input.positionId) : undefined) ??
    actor.positions.find((p) => !p.acting) ??
    actor.positions[0];
  const prefix = position?.acting ? (position.actingKind === 'plt' ? 'Plt. ' : 'Plh. ') : '';
  return {
    actorUserId: actor.userId,
    actorUsername: actor.username,
    actorName: actor.name,
    actorPositionId: position?.id ?? null,
    actorPositionTitle: position ? `${prefix}${position.title}` : null,
    acting: position?.acting ?? false,
    via: actor.via,
  };
}

/** Secrets never enter the trail, even as "changed". */
const REDACTED_FIELDS = new Set(['passwordHash', 'password', 'tokenHash', 'token', 'csrfToken']);

/** The fields whose value differs, as canonical JSON strings (null when absent). */
export function diffFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Array<{ field: string; before: string | null; after: string | null }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Array<{ field: string; before: string | null; after: string | null }> = [];
  for (const field of [...keys].sort()) {
    if (field === '_id' || field === '__v' || field === 'updatedAt' || field === 'createdAt')
      continue;
    const b =
      before && field in before && before[field] !== undefined
        ? canonicalJson(before[field])
        : null;
    const a =
      after && field in after && after[field] !== undefined ? canonicalJson(after[field]) : null;
    if (b === a) continue;
    if (REDACTED_FIELDS.has(field)) {
      changes.push({
        field,
        before: b === null ? null : '"[disembunyikan]"',
        after: a === null ? null : '"[disembunyikan]"',
      });
    } else {
      changes.push({ field, before: b, after: a });
    }
  }
  return changes;
}

export { verifyAuditChain } from './audit.chain.ts';
