import mongoose, { Schema } from 'mongoose';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { PositionModel } from '../org/org.model.ts';
import { addresseeStatusKeyOf, unreadKeyOf } from './letters.keys.ts';
import { IncomingLetterModel, type IncomingLetter } from './letters.model.ts';
import { queueCellsOf, queueHourOf, queueTouchKeyOf } from './queue.keys.ts';
import { retryUpsertOnDuplicate } from '../../lib/upsert.ts';

/**
 * A position's letter queues in numbers, without reading them: the letters waiting for its
 * disposition per sifat and day of receipt, its unread letters and its unread tembusan
 * (queue.keys.ts). FerretDB decodes every letter a count touches (about 0.3 ms each), and
 * the Sekda's waiting and unread sets run into the hundreds, so no request may count them.
 *
 * Kept like the dispositions' open state (dispositions/open-state.ts), with one difference
 * that makes it exact without an atomic increment and without timestamps for every change:
 * the kept document holds the *ids* of the letters in each cell (a few hundred short
 * strings for the Sekda), not only their number. It is kept as of the end of an hour
 * (`throughHour`); a request reads the letters touched after it (`queueTouchKeys`, one
 * equality read per hour, usually one or two) and puts each where it is now. Moving a
 * letter is idempotent (remove it from every cell, add it to its cells), so two processes
 * advancing the same document, or a write seen twice, give the same sets, and a rebuild
 * from the letters gives the same answer. Self-repairing:
 *
 * - an hour is kept ten minutes after it ended, so a write that lands a little after its
 *   touch hour is still seen;
 * - the document is rebuilt from the letters once a day (`refreshLetterQueues`, a
 *   background pass), after a bulk load (`afterBulkLoad`, the seed), when it is missing, of
 *   an older `QUEUE_STATE_VERSION`, marked stale (`markLetterQueuesStale`) or more than two
 *   weeks behind. A rebuild reads the position's three sets by their keys: a start-up or
 *   night-time cost, not a request's.
 *
 * Bound: the document grows with the sets (26 bytes a letter): 2,000 waiting and unread
 * letters make 52 KB, one read of a few milliseconds.
 */
export const QUEUE_STATE_VERSION = 1;

const queueStateSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** The cells hold the letters as they were at the end of this hour (or later). */
    throughHour: { type: Number, required: true },
    /** Cell (`aw:<urgency>:<day>`, `ua`, `uc`) → letter ids; empty cells left out. */
    cells: { type: Schema.Types.Mixed, default: {} },
    stale: { type: Boolean, default: false },
    /** Jakarta day (YYYY-MM-DD) of the last rebuild from the letters. */
    builtDay: { type: String, required: true },
    version: { type: Number, required: true },
  },
  { collection: 'letter_queue_states', versionKey: false, minimize: false },
);
export const LetterQueueStateModel = mongoose.model('LetterQueueState', queueStateSchema);

interface QueueStateDoc {
  _id: string;
  throughHour: number;
  cells: Record<string, string[]>;
  stale?: boolean;
  builtDay: string;
  version: number;
}

const SETTLE_MS = 10 * 60_000;
const MAX_GAP_HOURS = 14 * 24;
const PARALLEL_HOURS = 24;

/** What membership is computed from (letterKeys' inputs). */
const MEMBER_FIELDS = {
  status: 1,
  register: 1,
  agendaYear: 1,
  agendaNumber: 1,
  addresseePositionId: 1,
  copyPositionIds: 1,
  readPositionIds: 1,
  urgency: 1,
  receivedDate: 1,
} as const;
type MemberLetter = Pick<
  IncomingLetter,
  | '_id'
  | 'status'
  | 'register'
  | 'agendaYear'
  | 'agendaNumber'
  | 'addresseePositionId'
  | 'copyPositionIds'
  | 'readPositionIds'
  | 'urgency'
  | 'receivedDate'
>;

const jakartaDay = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The last hour whose writes are final at `at`. */
export function settledQueueHour(at: Date): number {
  return queueHourOf(new Date(at.getTime() - SETTLE_MS)) - 1;
}

const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Puts each letter where it is now: out of every cell, into its own. */
function place(cells: Record<string, string[]>, letters: MemberLetter[], positionId: string): void {
  if (letters.length === 0) return;
  const moved = new Set(letters.map((l) => String(l._id)));
  for (const [cell, ids] of Object.entries(cells)) {
    const kept = ids.filter((id) => !moved.has(id));
    if (kept.length === 0) delete cells[cell];
    else if (kept.length !== ids.length) cells[cell] = kept;
  }
  for (const letter of letters)
    for (const cell of queueCellsOf(letter, positionId))
      (cells[cell] ??= []).push(String(letter._id));
}

/** The letters of the position touched in the given hours (each once). */
async function touchedIn(positionId: string, hours: number[]): Promise<MemberLetter[]> {
  const seen = new Map<string, MemberLetter>();
  for (let i = 0; i < hours.length; i += PARALLEL_HOURS) {
    const batch = await Promise.all(
      hours
        .slice(i, i + PARALLEL_HOURS)
        .map((hour) =>
          IncomingLetterModel.find(
            { queueTouchKeys: queueTouchKeyOf(positionId, hour) },
            MEMBER_FIELDS,
          ).lean<MemberLetter[]>(),
        ),
    );
    for (const letter of batch.flat()) seen.set(String(letter._id), letter);
  }
  return [...seen.values()];
}

/** The position's cells from its letters: the waiting set and the two unread sets, by
 * their access keys. */
export async function buildQueueCells(positionId: string): Promise<Record<string, string[]>> {
  const sets = await Promise.all([
    IncomingLetterModel.find(
      { addresseeStatusKey: addresseeStatusKeyOf(positionId, 'registered') },
      MEMBER_FIELDS,
    ).lean<MemberLetter[]>(),
    IncomingLetterModel.find({ unreadKeys: unreadKeyOf('a', positionId) }, MEMBER_FIELDS).lean<
      MemberLetter[]
    >(),
    IncomingLetterModel.find({ unreadKeys: unreadKeyOf('c', positionId) }, MEMBER_FIELDS).lean<
      MemberLetter[]
    >(),
  ]);
  const letters = new Map<string, MemberLetter>();
  for (const letter of sets.flat()) letters.set(String(letter._id), letter);
  const cells: Record<string, string[]> = {};
  place(cells, [...letters.values()], positionId);
  return cells;
}

/** Rebuilds the kept queues of one position from its letters. The letters are read after
 * the hour it is kept to has ended, and a write after that read touches a later hour, so
 * nothing falls between the two. */
export async function rebuildLetterQueue(
  positionId: string,
  at: Date = now(),
): Promise<QueueStateDoc> {
  const doc: QueueStateDoc = {
    _id: positionId,
    throughHour: settledQueueHour(at),
    cells: await buildQueueCells(positionId),
    stale: false,
    builtDay: jakartaDay(at),
    version: QUEUE_STATE_VERSION,
  };
  // Two requests finding no queue at once both rebuild it; the second insert retries as a
  // replace (lib/upsert.ts).
  await retryUpsertOnDuplicate(() =>
    LetterQueueStateModel.replaceOne({ _id: positionId }, doc, { upsert: true }),
  );
  return doc;
}

async function advance(doc: QueueStateDoc, hour: number): Promise<QueueStateDoc> {
  const touched = await touchedIn(doc._id, range(doc.throughHour + 1, hour));
  const cells = structuredClone(doc.cells);
  place(cells, touched, doc._id);
  // Conditional, so a document marked stale meanwhile is not marked fresh (narrowly: the
  // engine reads then writes; the daily rebuild catches what slips through).
  await LetterQueueStateModel.updateOne(
    { _id: doc._id, throughHour: doc.throughHour, stale: false },
    { $set: { throughHour: hour, cells } },
  );
  return { ...doc, throughHour: hour, cells };
}

/** A position's queues right now: cell → letter ids. */
export interface LetterQueue {
  positionId: string;
  cells: Record<string, string[]>;
}

export async function loadLetterQueue(positionId: string, at: Date = now()): Promise<LetterQueue> {
  const hour = settledQueueHour(at);
  let doc = await LetterQueueStateModel.findById(positionId).lean<QueueStateDoc>();
  if (
    !doc ||
    doc.stale ||
    doc.version !== QUEUE_STATE_VERSION ||
    hour - doc.throughHour > MAX_GAP_HOURS
  )
    doc = await rebuildLetterQueue(positionId, at);
  else if (doc.throughHour < hour) doc = await advance(doc, hour);
  // Writes since the kept hour: usually one or two hours, a few letters.
  const live = await touchedIn(positionId, range(doc.throughHour + 1, queueHourOf(at)));
  const cells = live.length > 0 ? structuredClone(doc.cells) : doc.cells;
  place(cells, live, positionId);
  return { positionId, cells };
}

/** The three counters of a position's letters. */
export function queueCounts(queue: LetterQueue): {
  awaiting: number;
  unreadLetters: number;
  unreadCopies: number;
} {
  let awaiting = 0;
  for (const [cell, ids] of Object.entries(queue.cells))
    if (cell.startsWith('aw:')) awaiting += ids.length;
  return {
    awaiting,
    unreadLetters: queue.cells.ua?.length ?? 0,
    unreadCopies: queue.cells.uc?.length ?? 0,
  };
}

/** A change no touch key describes (a repair, a bulk rewrite of letters): the positions'
 * queues are rebuilt on their next read. */
export async function markLetterQueuesStale(positionIds: string[]): Promise<void> {
  await Promise.all(
    [...new Set(positionIds)].map((id) =>
      LetterQueueStateModel.updateOne({ _id: id }, { $set: { stale: true } }),
    ),
  );
}

/**
 * Every kept queue advanced to the last settled hour, and rebuilt from the letters once a
 * day (background, one replica at a time), so requests find it current and a drift lasts
 * a day at most. `all` rebuilds every position of the organisation (after a bulk load).
 */
export async function refreshLetterQueues(
  options: { all?: boolean; logger?: Logger; at?: Date } = {},
): Promise<{ rebuilt: number; advanced: number }> {
  const at = options.at ?? now();
  const today = jakartaDay(at);
  const docs = await LetterQueueStateModel.find({}, { cells: 0 }).lean<QueueStateDoc[]>();
  const kept = new Map(docs.map((d) => [d._id, d]));
  const positions = new Set(kept.keys());
  if (options.all) {
    const all = await PositionModel.find({}, { _id: 1 }).lean<Array<{ _id: unknown }>>();
    for (const p of all) positions.add(String(p._id));
  }
  let rebuilt = 0;
  let advanced = 0;
  for (const positionId of positions) {
    const doc = kept.get(positionId);
    if (options.all || !doc || doc.stale || doc.builtDay < today) {
      await rebuildLetterQueue(positionId, at);
      rebuilt += 1;
    } else {
      await loadLetterQueue(positionId, at);
      advanced += 1;
    }
  }
  options.logger?.info({ rebuilt, advanced }, 'letter queues refreshed');
  return { rebuilt, advanced };
}
