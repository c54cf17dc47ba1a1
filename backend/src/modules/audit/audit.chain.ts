import { AuditEventModel, AuditHeadModel, type AuditEvent } from './audit.model.ts';
import { GENESIS_HASH, eventHash, type HashedFields } from './audit.hash.ts';

export interface ChainProblem {
  seq: number;
  kind: 'edited' | 'removed' | 'relinked' | 'tail_removed';
  message: string;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  lastSeq: number;
  lastHash: string;
  problems: ChainProblem[];
}

/** Walks the whole trail in order and reports every event whose content no longer matches
 * its hash (edited), every gap in `seq` (removed), every broken link, and a tail shorter
 * than the head records (removed at the end). Streams, so memory stays flat. */
export async function verifyAuditChain(
  options: { maxProblems?: number } = {},
): Promise<ChainReport> {
  const maxProblems = options.maxProblems ?? 100;
  const problems: ChainProblem[] = [];
  const add = (problem: ChainProblem) => {
    if (problems.length < maxProblems) problems.push(problem);
  };
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const cursor = AuditEventModel.find().sort({ seq: 1 }).lean<AuditEvent[]>().cursor();
  for await (const raw of cursor) {
    const event = raw as unknown as AuditEvent;
    checked += 1;
    if (event.seq !== expectedSeq) {
      add({
        seq: expectedSeq,
        kind: 'removed',
        message: `Kejadian nomor ${expectedSeq} sampai ${event.seq - 1} hilang dari jejak audit.`,
      });
    } else if (event.prevHash !== prevHash) {
      add({
        seq: event.seq,
        kind: 'relinked',
        message: `Kejadian nomor ${event.seq} tidak tersambung ke kejadian sebelumnya.`,
      });
    }
    if (eventHash(event as unknown as HashedFields) !== event.hash) {
      add({
        seq: event.seq,
        kind: 'edited',
        message: `Isi kejadian nomor ${event.seq} telah diubah.`,
      });
    }
    expectedSeq = event.seq + 1;
    prevHash = event.hash;
  }
  const head = await AuditHeadModel.findById('head').lean<{ seq: number; hash: string }>();
  const lastSeq = expectedSeq - 1;
  if (head && (head.seq > lastSeq || (head.seq === lastSeq && head.hash !== prevHash))) {
    add({
      seq: head.seq,
      kind: 'tail_removed',
      message: `Jejak audit berakhir di nomor ${lastSeq}, padahal tercatat sampai nomor ${head.seq}.`,
    });
  }
  return { ok: problems.length === 0, checked, lastSeq, lastHash: prevHash, problems };
}
