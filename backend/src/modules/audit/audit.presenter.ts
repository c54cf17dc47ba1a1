import type { AuditEvent } from './audit.model.ts';

const parse = (value: string | null | undefined): unknown => {
  if (value === null || value === undefined) return null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

export function presentAuditEvent(event: AuditEvent) {
  return {
    id: String(event._id),
    seq: event.seq,
    at: new Date(event.at).toISOString(),
    actor: {
      userId: event.actorUserId ?? null,
      username: event.actorUsername,
      name: event.actorName,
      positionId: event.actorPositionId ?? null,
      /** "Plh. Kepala Biro Umum" when the actor was acting. */
      positionTitle: event.actorPositionTitle ?? null,
      acting: Boolean(event.acting),
      via: event.via,
    },
    action: event.action,
    recordType: event.recordType,
    recordId: event.recordId,
    changes: (event.changes ?? []).map((c) => ({
      field: c.field,
      before: parse(c.before),
      after: parse(c.after),
    })),
    ip: event.ip ?? null,
    hash: event.hash,
  };
}
