import { z } from 'zod';
import { itemsOf } from '../../http/responses.ts';
import { NameBook } from '../audit/audit.names.ts';
import { auditSentence, type AuditFacts } from '../audit/audit.sentences.ts';
import type { OutgoingAction } from './chain.ts';
import type { OutgoingTransition } from './outgoing.model.ts';

/**
 * The outgoing letter's own history (its Riwayat tab, issue 15 point 3): every change
 * (transitions.ts, read by `letterId` in revision order) as a sentence of the same
 * presenter as the incoming letter's Riwayat and the audit log (audit.sentences.ts), so
 * the three say the same thing the same way: "Budi (Kepala Biro Umum) mengembalikan surat
 * ini kepada pembuatnya dengan catatan “Perbaiki lampiran.”"
 *
 * Outgoing letters have one level of access (whoever sees the letter sees its content,
 * outgoing.policy.ts), so notes are quoted for every reader.
 */

/** The phrase (audit.sentences.ts PHRASES) of each change of an outgoing letter. */
export const TRANSITION_PHRASE: Record<Exclude<OutgoingAction, 'create'>, string> = {
  edit: 'outgoing.edit',
  submit: 'outgoing.submit',
  approve: 'outgoing.approve',
  return: 'outgoing.return',
  sign_start: 'outgoing.sign_start',
  sign_finish: 'outgoing.sign',
  dispatch: 'outgoing.dispatch',
  disposition_completed: 'outgoing.disposition_completed',
};

export const outgoingHistoryJson = itemsOf(
  z
    .object({
      action: z.string(),
      /** What happened, in Bahasa Indonesia with names (audit.sentences.ts). */
      sentence: z.string(),
      version: z.number().int(),
      note: z.string().nullable(),
      actorName: z.string().nullable(),
      actorPositionTitle: z.string().nullable(),
      at: z.string().nullable(),
    })
    .meta({ id: 'OutgoingHistoryItem' }),
  'OutgoingHistoryItems',
);

interface DispatchRecord {
  label?: string;
  method?: string;
}

/** The facts of one change as the sentence presenter reads an audit event. */
function factsOf(t: OutgoingTransition, dispatchedBefore: number): AuditFacts {
  const set = (t.set ?? {}) as Record<string, unknown>;
  // The status only when it changed (an edit keeps it; its sentence lists what changed).
  const moved = t.fromStatus !== t.toStatus;
  const after: Record<string, unknown> = moved ? { status: t.toStatus } : {};
  if (t.note) after.note = t.note;
  if (typeof set.number === 'string') after.number = set.number;
  if (Array.isArray(set.dispatches))
    after.dispatched = (set.dispatches as DispatchRecord[])
      .slice(dispatchedBefore)
      .map((d) => `${d.label ?? ''}${d.method ? ` (${d.method})` : ''}`)
      .join('; ');
  return {
    action: TRANSITION_PHRASE[t.action as keyof typeof TRANSITION_PHRASE] ?? `outgoing.${t.action}`,
    recordType: 'outgoing-letter',
    recordId: String(t.letterId),
    actorName: t.actorName ?? 'Sistem',
    actorPositionTitle: t.actorPositionTitle ?? null,
    before: moved ? { status: t.fromStatus } : {},
    after,
  };
}

export function presentOutgoingHistory(transitions: OutgoingTransition[]) {
  const names = new NameBook();
  let dispatched = 0;
  return transitions.map((t) => {
    const facts = factsOf(t, dispatched);
    const set = (t.set ?? {}) as Record<string, unknown>;
    if (Array.isArray(set.dispatches)) dispatched = set.dispatches.length;
    return {
      action: t.action,
      sentence: auditSentence(facts, { names, contentVisible: true, inLetter: true }),
      version: t.version,
      note: t.note ?? null,
      actorName: t.actorName ?? null,
      actorPositionTitle: t.actorPositionTitle ?? null,
      at: t.at ? new Date(t.at).toISOString() : null,
    };
  });
}
