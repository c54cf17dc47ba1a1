import { can } from '../policy/policy.ts';
import type { Actor } from '../../http/actor.ts';
import type { AuditEvent } from './audit.model.ts';
import { NameBook } from './audit.names.ts';
import { auditSentence, type AuditFacts, type SentenceOptions } from './audit.sentences.ts';
import { wantIds } from './audit.values.ts';

const parse = (value: string | null | undefined): unknown => {
  if (value === null || value === undefined) return null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

export function factsOf(event: AuditEvent): AuditFacts {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const change of event.changes ?? []) {
    const b = parse(change.before);
    const a = parse(change.after);
    if (b !== null) before[change.field] = b;
    if (a !== null) after[change.field] = a;
  }
  return {
    action: event.action,
    recordType: event.recordType,
    recordId: event.recordId,
    letterId: event.letterId ?? (event.recordType === 'incoming-letter' ? event.recordId : null),
    actorName: event.actorName,
    actorPositionTitle: event.actorPositionTitle ?? null,
    actorUserId: event.actorUserId ?? null,
    before,
    after,
  };
}

/**
 * The sentences of a page of events, with every id they name resolved first in one go
 * (audit.names.ts: one `_id` read per distinct id not cached, never one per row).
 */
export async function sentencesOf(
  events: AuditEvent[],
  options: Omit<SentenceOptions, 'names'> & { names?: NameBook },
): Promise<string[]> {
  const names = options.names ?? new NameBook();
  const facts = events.map(factsOf);
  for (const f of facts) {
    if (f.recordType === 'user' || f.recordType === 'api-token') names.want('user', f.recordId);
    if (f.recordType === 'position') names.want('position', f.recordId);
    if (f.recordType === 'unit') names.want('unit', f.recordId);
    wantIds(names, f.recordType, [f.before, f.after]);
    // The audit log names a letter by its agenda number (the Riwayat says "surat ini").
    if (!options.inLetter) names.want('letter', f.letterId);
    // ... and an outgoing letter by its number and perihal.
    if (!options.inLetter && f.recordType === 'outgoing-letter') names.want('outgoing', f.recordId);
  }
  await names.resolve();
  return facts.map((f) => auditSentence(f, { ...options, names }));
}

export function presentAuditEvent(event: AuditEvent, sentence: string) {
  return {
    id: String(event._id),
    seq: event.seq,
    at: new Date(event.at).toISOString(),
    sentence,
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
    /** The letter whose Riwayat shows the event, if any. */
    letterId: event.letterId ?? null,
    changes: (event.changes ?? []).map((c) => ({
      field: c.field,
      before: parse(c.before),
      after: parse(c.after),
    })),
    ip: event.ip ?? null,
    hash: event.hash,
  };
}

/** The admin's audit pages (and a record's history): every event with its sentence. */
export async function presentAuditEvents(events: AuditEvent[]) {
  const sentences = await sentencesOf(events, { contentVisible: true, inLetter: false });
  return events.map((event, i) => presentAuditEvent(event, sentences[i]!));
}

/** Whether the reader may see the technical details (Rincian): auditors only. */
export function mayReadAuditDetails(actor: Actor): boolean {
  return can(actor, 'audit.browse');
}
