import { createHash } from 'node:crypto';

/** Canonical JSON: object keys sorted, Dates as ISO strings, ObjectIds as hex, undefined
 * dropped. Two equal values always serialise to the same string, so hashes are stable. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null && '_bsontype' in value) return String(value);
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = normalise(item);
    }
    return out;
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorUsername: string;
  actorName: string;
  actorPositionId: string | null;
  actorPositionTitle: string | null;
  acting: boolean;
  via: string;
  action: string;
  recordType: string;
  recordId: string;
  changes: Array<{ field: string; before: string | null; after: string | null }>;
  ip: string | null;
  prevHash: string;
}

/** The hash of one event. Reads missing optional fields as null, because a stored null and an
 * absent field are the same fact (and FerretDB may drop nulls). */
export function eventHash(event: HashedFields): string {
  const fields = {
    seq: event.seq,
    at: new Date(event.at).toISOString(),
    actorUserId: event.actorUserId ?? null,
    actorUsername: event.actorUsername,
    actorName: event.actorName,
    actorPositionId: event.actorPositionId ?? null,
    actorPositionTitle: event.actorPositionTitle ?? null,
    acting: Boolean(event.acting),
    via: event.via,
    action: event.action,
    recordType: event.recordType,
    recordId: event.recordId,
    changes: (event.changes ?? []).map((c) => ({
      field: c.field,
      before: c.before ?? null,
      after: c.after ?? null,
    })),
    ip: event.ip ?? null,
    prevHash: event.prevHash,
  };
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}
