import { z } from 'zod';
import type { Actor } from '../../http/actor.ts';
import { AuditEventModel, type AuditEvent } from '../audit/audit.model.ts';
import { NameBook } from '../audit/audit.names.ts';
import { mayReadAuditDetails, sentencesOf } from '../audit/audit.presenter.ts';
import { DispositionModel, type Disposition } from '../dispositions/disposition.model.ts';
import type { IncomingLetter } from './letters.model.ts';

/**
 * The letter's Riwayat (issue 15): everything that happened to the letter and its
 * dispositions, oldest first, each as a sentence with names (audit.sentences.ts), from
 * registration, first readings and corrections through every disposition, forward,
 * reading, report and completion to the letter being done.
 *
 * Reads: the events keyed to the letter (`letterId`, one equality) and the letter's nodes
 * (`letterId`, one equality; their titles name the dispositions). Nodes sent before events
 * carried `letterId` (no `historyKeyed`) have their older events read by the node, one
 * equality each; a letter has a handful of nodes. Names of positions and people in the
 * values come from audit.names.ts (cached, one `_id` read per id otherwise).
 *
 * Auditors (audit.browse) also get each event's technical details (the "Rincian").
 */
const detailsJson = z.object({
  action: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});

export const letterHistoryJson = z.object({
  items: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      action: z.string(),
      sentence: z.string(),
      actorName: z.string(),
      actorPositionTitle: z.string().nullable(),
      details: detailsJson.nullable(),
    }),
  ),
});

export type LetterHistory = z.infer<typeof letterHistoryJson>;

const LIMIT = 1_000;

const parse = (value: string | null | undefined): unknown => {
  if (value === null || value === undefined) return null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

export async function letterHistory(
  actor: Actor,
  letter: IncomingLetter,
  contentVisible: boolean,
): Promise<LetterHistory> {
  const id = String(letter._id);
  const [keyed, nodes] = await Promise.all([
    AuditEventModel.find({ letterId: id }).lean<AuditEvent[]>(),
    DispositionModel.find(
      { letterId: letter._id },
      { toPositionTitle: 1, role: 1, historyKeyed: 1 },
    ).lean<Disposition[]>(),
  ]);
  const older = await Promise.all(
    nodes
      .filter((n) => !n.historyKeyed)
      .map((n) =>
        AuditEventModel.find({ recordType: 'disposition', recordId: String(n._id) }).lean<
          AuditEvent[]
        >(),
      ),
  );
  const bySeq = new Map<number, AuditEvent>();
  for (const event of [...keyed, ...older.flat()]) bySeq.set(event.seq, event);
  const events = [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-LIMIT);

  const names = new NameBook();
  const sentences = await sentencesOf(events, {
    names,
    contentVisible,
    readerUserId: actor.userId,
    inLetter: true,
    nodes: new Map(nodes.map((n) => [String(n._id), { to: n.toPositionTitle, role: n.role }])),
  });
  const auditor = mayReadAuditDetails(actor);
  return {
    items: events.map((event, i) => ({
      seq: event.seq,
      at: new Date(event.at).toISOString(),
      action: event.action,
      sentence: sentences[i]!,
      actorName: event.actorName,
      actorPositionTitle: event.actorPositionTitle ?? null,
      details: auditor
        ? {
            action: event.action,
            recordType: event.recordType,
            recordId: event.recordId,
            changes: (event.changes ?? []).map((c) => ({
              field: c.field,
              before: parse(c.before),
              after: parse(c.after),
            })),
          }
        : null,
    })),
  };
}
