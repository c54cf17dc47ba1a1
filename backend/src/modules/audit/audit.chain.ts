import {
  AUDIT_SEQ_BUCKET,
  AuditEventModel,
  AuditHeadModel,
  type AuditEvent,
} from './audit.model.ts';
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

/** Every event in `seq` order, a `seqBucket` at a time (the next one read while this one is
 * checked): no sort of the whole trail by the engine. Past the head's bucket the walk goes
 * on until an empty bucket, so events appended after a head that lags are checked too. */
async function* eventsInOrder(headSeq: number): AsyncGenerator<AuditEvent> {
  const read = (bucket: number) =>
    AuditEventModel.find({ seqBucket: bucket })
      .lean<AuditEvent[]>()
      .then((events) => events.sort((a, b) => a.seq - b.seq));
  const headBucket = Math.floor(headSeq / AUDIT_SEQ_BUCKET);
  let next = read(0);
  for (let bucket = 0; ; bucket++) {
    const events = await next;
    if (events.length === 0 && bucket > headBucket) return;
    next = read(bucket + 1);
    yield* events;
  }
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
  const head = await AuditHeadModel.findById('head').lean<{ seq: number; hash: string }>();
  for await (const event of eventsInOrder(head?.seq ?? 0)) {
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
