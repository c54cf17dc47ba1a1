import { digestEntryOf, fold, loadAwaitingDigest, type DigestEntry } from './awaiting-digest.ts';
import { awaitingKeyOf, senderKeyOf } from './letters.keys.ts';
import { IncomingLetterModel, URGENCIES, type IncomingLetter } from './letters.model.ts';
import { parseAwaitingCell } from './queue.keys.ts';
import { loadLetterQueue, queueCounts } from './queue-state.ts';

/**
 * The letters waiting for a position's disposition ("Perlu disposisi"), as an official
 * works through them: most urgent first (sifat, then the deadline the sifat gives counted
 * from the day of receipt, then age), or newest, or by agenda number; filtered by sifat,
 * sender, classification and words.
 *
 * Without text filters a page reads only its own letters: the kept queue state
 * (queue-state.ts) holds the ids of the waiting letters per (sifat, day of receipt), so the
 * page's ids are known before reading; a small cell is one `awaitingKey` equality (index
 * `awaitingKey, registeredAt`), a big one (a busy day) one `_id` read per letter of the page.
 * Within one sifat the deadline is the day of receipt plus the sifat's working days, so
 * ordering by day of receipt is ordering by deadline; age is the order of registration (the
 * letter's id, made when its registration began).
 *
 * Sender, classification and word filters, and the agenda order, have no key: they are
 * applied in memory to the position's awaiting digest (awaiting-digest.ts: per waiting
 * letter its folded text, sender key, classification and sort fields, one document read by
 * `_id`), and then only the page's letters are read as above; `totalExact` is always true.
 */
/** Most urgent first (domain.md §3: sangat segera the same day, segera about two days). */
export const URGENCY_PRIORITY = ['sangat_segera', 'segera', 'biasa'] as const;
export type AwaitingSort = 'priority' | 'newest' | 'agenda';

export interface AwaitingOptions {
  sort: AwaitingSort;
  urgencies?: string[];
  sender?: string;
  classificationCode?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface AwaitingPage {
  items: IncomingLetter[];
  total: number;
  totalExact: boolean;
  unfilteredTotal: number;
  byUrgency: Record<(typeof URGENCIES)[number], number>;
}

const rank = (urgency: string) => {
  const i = (URGENCY_PRIORITY as readonly string[]).indexOf(urgency);
  return i < 0 ? URGENCY_PRIORITY.length : i;
};
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

export const AWAITING_ORDER: Record<
  AwaitingSort,
  (a: IncomingLetter, b: IncomingLetter) => number
> = {
  priority: (a, b) =>
    rank(a.urgency) - rank(b.urgency) ||
    cmp(a.receivedDate, b.receivedDate) ||
    // Age: the order of registration (the id is made when it begins).
    cmp(String(a._id), String(b._id)),
  newest: (a, b) => cmp(b.receivedDate, a.receivedDate) || cmp(String(b._id), String(a._id)),
  agenda: (a, b) =>
    b.agendaYear - a.agendaYear ||
    (b.agendaNumber ?? 0) - (a.agendaNumber ?? 0) ||
    cmp(a.register, b.register) ||
    cmp(String(b._id), String(a._id)),
};

/** The in-memory filter over digest entries (none: null); the same words, sender and
 * classification rules as `awaitingFilterOf`, which applies it to a letter's own entry. */
export function awaitingEntryFilterOf(
  options: Pick<AwaitingOptions, 'sender' | 'classificationCode' | 'q'>,
): ((entry: DigestEntry) => boolean) | null {
  const tests: Array<(entry: DigestEntry) => boolean> = [];
  const sender = options.sender ? senderKeyOf(options.sender) : '';
  if (sender) tests.push((e) => e.s.includes(sender));
  const code = options.classificationCode?.trim().toLowerCase();
  if (code) tests.push((e) => e.c.startsWith(code));
  const words = fold(options.q ?? '')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length > 0) tests.push((e) => words.every((word) => e.h.includes(word)));
  return tests.length === 0 ? null : (e) => tests.every((test) => test(e));
}

/** The in-memory filters over letters (none: null). */
export function awaitingFilterOf(
  options: Pick<AwaitingOptions, 'sender' | 'classificationCode' | 'q'>,
): ((letter: IncomingLetter) => boolean) | null {
  const test = awaitingEntryFilterOf(options);
  return test ? (l) => test(digestEntryOf(l)) : null;
}

/** What `AWAITING_ORDER` reads of a letter, from its digest entry. */
function sortableOf(id: string, e: DigestEntry): IncomingLetter {
  return {
    _id: id,
    urgency: e.u,
    receivedDate: e.d,
    agendaYear: e.y,
    agendaNumber: e.n,
    register: e.r,
  } as unknown as IncomingLetter;
}

/** A cell this small is read whole by its key (one read); from a bigger one (a busy day)
 * only the page's letters, one `_id` read each (FerretDB reads a whole table for `$in`). */
const SMALL_CELL = 25;

async function readPage(
  page: Array<{ id: string; key: string; cellSize: number }>,
): Promise<Map<string, IncomingLetter>> {
  const keys = [...new Set(page.filter((e) => e.cellSize <= SMALL_CELL).map((e) => e.key))];
  const ids = page.filter((e) => e.cellSize > SMALL_CELL).map((e) => e.id);
  const read = await Promise.all([
    ...keys.map((k) => IncomingLetterModel.find({ awaitingKey: k }).lean<IncomingLetter[]>()),
    ...ids.map(async (id) => {
      const letter = await IncomingLetterModel.findById(id).lean<IncomingLetter>();
      return letter ? [letter] : [];
    }),
  ]);
  return new Map(read.flat().map((l) => [String(l._id), l]));
}

export async function awaitingQueue(
  positionId: string,
  options: AwaitingOptions,
): Promise<AwaitingPage> {
  const queue = await loadLetterQueue(positionId);
  const byUrgency = { sangat_segera: 0, segera: 0, biasa: 0 } as AwaitingPage['byUrgency'];
  const wanted = new Set(options.urgencies?.length ? options.urgencies : URGENCIES);
  const cells: Array<{ urgency: string; day: string; count: number; ids: string[] }> = [];
  for (const [cell, ids] of Object.entries(queue.cells)) {
    const parsed = parseAwaitingCell(cell);
    if (!parsed) continue;
    if (parsed.urgency in byUrgency)
      byUrgency[parsed.urgency as keyof typeof byUrgency] += ids.length;
    if (wanted.has(parsed.urgency as never)) cells.push({ ...parsed, count: ids.length, ids });
  }
  const unfilteredTotal = queueCounts(queue).awaiting;
  const selected = cells.reduce((sum, c) => sum + c.count, 0);
  const key = (c: { urgency: string; day: string }) => awaitingKeyOf(positionId, c.urgency, c.day);
  // Priority order of the cells: sifat, then day of receipt (= deadline), oldest first.
  const priorityCells = [...cells].sort(
    (a, b) => rank(a.urgency) - rank(b.urgency) || cmp(a.day, b.day),
  );
  const idsOf = (c: { ids: string[] }) => c.ids;
  const stillWaiting = (l: IncomingLetter) =>
    l.status === 'registered' && String(l.addresseePositionId) === positionId;
  const offset = (options.page - 1) * options.pageSize;
  const filter = awaitingFilterOf(options);
  const base = { unfilteredTotal, byUrgency };

  if (!filter && options.sort !== 'agenda') {
    // The page's ids straight from the kept cells, in order; only those letters are read.
    const entries: Array<{ id: string; key: string; cellSize: number }> = [];
    const cellsInOrder =
      options.sort === 'priority'
        ? priorityCells
        : [...cells].sort((a, b) => cmp(b.day, a.day) || rank(a.urgency) - rank(b.urgency));
    if (options.sort === 'priority') {
      for (const c of cellsInOrder)
        for (const id of [...idsOf(c)].sort()) entries.push({ id, key: key(c), cellSize: c.count });
    } else {
      // Newest: a day at a time, its letters (every selected sifat) newest first.
      for (let i = 0; i < cellsInOrder.length;) {
        const day = cellsInOrder[i]!.day;
        const ofDay: typeof entries = [];
        for (; i < cellsInOrder.length && cellsInOrder[i]!.day === day; i++) {
          const c = cellsInOrder[i]!;
          for (const id of idsOf(c)) ofDay.push({ id, key: key(c), cellSize: c.count });
        }
        entries.push(...ofDay.sort((a, b) => cmp(b.id, a.id)));
      }
    }
    const page = entries.slice(offset, offset + options.pageSize);
    const letters = await readPage(page);
    const items = page
      .map((e) => letters.get(e.id))
      .filter((l): l is IncomingLetter => !!l && stillWaiting(l));
    return { ...base, items, total: selected, totalExact: true };
  }

  // Filters or the agenda order: the position's digest (awaiting-digest.ts, one read by
  // `_id`) is filtered and sorted in memory, then only the page's letters are read.
  const digest = await loadAwaitingDigest(queue);
  const cellOf = new Map<string, { key: string; cellSize: number }>();
  for (const c of cells) for (const id of c.ids) cellOf.set(id, { key: key(c), cellSize: c.count });
  const entryFilter = awaitingEntryFilterOf(options);
  const matching = [...cellOf.keys()]
    .map((id) => ({ id, entry: digest.get(id) }))
    .filter(
      (m): m is { id: string; entry: DigestEntry } =>
        !!m.entry && (!entryFilter || entryFilter(m.entry)),
    )
    .map(({ id, entry }) => ({ id, sortable: sortableOf(id, entry) }))
    .sort((a, b) => AWAITING_ORDER[options.sort](a.sortable, b.sortable));
  const page = matching
    .slice(offset, offset + options.pageSize)
    .map(({ id }) => ({ id, ...cellOf.get(id)! }));
  const letters = await readPage(page);
  // Checked again on the letters themselves: an entry a day stale puts no wrong letter here.
  const items = page
    .map((e) => letters.get(e.id))
    .filter((l): l is IncomingLetter => !!l && stillWaiting(l) && (!filter || filter(l)));
  return { ...base, items, total: matching.length, totalExact: true };
}
