import { walkBuckets } from '../../lib/bucket-walk.ts';
import { awaitingKeyOf, letterNumberKeyOf, senderKeyOf } from './letters.keys.ts';
import { addresseeStatusKeyOf } from './letters.keys.ts';
import { IncomingLetterModel, URGENCIES, type IncomingLetter } from './letters.model.ts';
import { parseAwaitingCell } from './queue.keys.ts';
import { loadLetterQueue, queueCounts } from './queue-state.ts';

/**
 * The letters waiting for a position's disposition ("Perlu disposisi"), as an official
 * works through them: most urgent first (sifat, then the deadline the sifat gives counted
 * from the day of receipt, then age), or newest, or by agenda number; filtered by sifat,
 * sender, classification and words.
 *
 * Without text filters a page reads only its own days: the kept queue state (queue-state.ts)
 * knows how many waiting letters each (sifat, day of receipt) holds, so the days before the
 * page are skipped by their counts and each day of the page is one `awaitingKey` equality
 * (index `awaitingKey, registeredAt`). Within one sifat the deadline is the day of receipt
 * plus the sifat's working days, so ordering by day of receipt is ordering by deadline.
 *
 * Sender, classification and word filters, and the agenda order, have no key: they are
 * applied in memory over the (sifat-selected) waiting set, read whole by one key when it
 * holds at most `AWAITING_SCAN_LIMIT` letters (exact). Above that the most urgent
 * `AWAITING_SCAN_LIMIT` letters are scanned, a day at a time, and `totalExact` is false.
 */
export const AWAITING_SCAN_LIMIT = 2_000;
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
const time = (d: unknown) => (d ? new Date(d as Date).getTime() : 0);
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

export const AWAITING_ORDER: Record<
  AwaitingSort,
  (a: IncomingLetter, b: IncomingLetter) => number
> = {
  priority: (a, b) =>
    rank(a.urgency) - rank(b.urgency) ||
    cmp(a.receivedDate, b.receivedDate) ||
    time(a.registeredAt) - time(b.registeredAt) ||
    a.agendaYear - b.agendaYear ||
    (a.agendaNumber ?? 0) - (b.agendaNumber ?? 0) ||
    cmp(String(a._id), String(b._id)),
  newest: (a, b) =>
    cmp(b.receivedDate, a.receivedDate) ||
    time(b.registeredAt) - time(a.registeredAt) ||
    cmp(String(b._id), String(a._id)),
  agenda: (a, b) =>
    b.agendaYear - a.agendaYear ||
    (b.agendaNumber ?? 0) - (a.agendaNumber ?? 0) ||
    cmp(a.register, b.register) ||
    cmp(String(b._id), String(a._id)),
};

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The in-memory filters (none: null). */
export function awaitingFilterOf(
  options: Pick<AwaitingOptions, 'sender' | 'classificationCode' | 'q'>,
): ((letter: IncomingLetter) => boolean) | null {
  const tests: Array<(letter: IncomingLetter) => boolean> = [];
  const sender = options.sender ? senderKeyOf(options.sender) : '';
  if (sender) tests.push((l) => (l.senderKey ?? senderKeyOf(l.senderName)).includes(sender));
  const code = options.classificationCode?.trim().toLowerCase();
  if (code) tests.push((l) => l.classificationCode.toLowerCase().startsWith(code));
  const words = fold(options.q ?? '')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length > 0)
    tests.push((l) => {
      const haystack = [
        fold(l.subject),
        fold(l.senderName),
        fold(l.letterNumber),
        l.letterNumberKey ?? letterNumberKeyOf(l.letterNumber),
        l.agendaNumber === null || l.agendaNumber === undefined
          ? ''
          : `${l.agendaNumber}/${l.agendaYear}`,
      ].join('\n');
      return words.every((word) => haystack.includes(word));
    });
  return tests.length === 0 ? null : (l) => tests.every((test) => test(l));
}

interface Bucket {
  id: string;
  keys: string[];
  count: number;
}

export async function awaitingQueue(
  positionId: string,
  options: AwaitingOptions,
): Promise<AwaitingPage> {
  const queue = await loadLetterQueue(positionId);
  const byUrgency = { sangat_segera: 0, segera: 0, biasa: 0 } as AwaitingPage['byUrgency'];
  const wanted = new Set(options.urgencies?.length ? options.urgencies : URGENCIES);
  const cells: Array<{ urgency: string; day: string; count: number }> = [];
  for (const [cell, ids] of Object.entries(queue.cells)) {
    const parsed = parseAwaitingCell(cell);
    if (!parsed) continue;
    if (parsed.urgency in byUrgency)
      byUrgency[parsed.urgency as keyof typeof byUrgency] += ids.length;
    if (wanted.has(parsed.urgency as never)) cells.push({ ...parsed, count: ids.length });
  }
  const unfilteredTotal = queueCounts(queue).awaiting;
  const selected = cells.reduce((sum, c) => sum + c.count, 0);
  const key = (c: { urgency: string; day: string }) => awaitingKeyOf(positionId, c.urgency, c.day);
  // Priority order of the cells: sifat, then day of receipt (= deadline), oldest first.
  const priorityCells = [...cells].sort(
    (a, b) => rank(a.urgency) - rank(b.urgency) || cmp(a.day, b.day),
  );
  const stillWaiting = (l: IncomingLetter) =>
    l.status === 'registered' && String(l.addresseePositionId) === positionId;
  const offset = (options.page - 1) * options.pageSize;
  const filter = awaitingFilterOf(options);
  const base = { unfilteredTotal, byUrgency };

  if (!filter && options.sort !== 'agenda') {
    let buckets: Bucket[];
    if (options.sort === 'priority') {
      buckets = priorityCells.map((c) => ({ id: key(c), keys: [key(c)], count: c.count }));
    } else {
      const days = new Map<string, Bucket>();
      for (const c of cells) {
        const bucket = days.get(c.day) ?? { id: c.day, keys: [], count: 0 };
        bucket.keys.push(key(c));
        bucket.count += c.count;
        days.set(c.day, bucket);
      }
      buckets = [...days.values()].sort((a, b) => cmp(b.id, a.id));
    }
    // Skip the buckets before the page by their counts; read only the page's.
    let skipped = 0;
    let first = 0;
    while (first < buckets.length && skipped + buckets[first]!.count <= offset)
      skipped += buckets[first++]!.count;
    let last = first;
    let covered = skipped;
    while (last < buckets.length && covered < offset + options.pageSize)
      covered += buckets[last++]!.count;
    const page = buckets.slice(first, last);
    const byId = new Map(page.map((b) => [b.id, b]));
    const result = await walkBuckets<IncomingLetter>({
      buckets: page.map((b) => b.id),
      fetch: async (id) =>
        (
          await Promise.all(
            byId
              .get(id)!
              .keys.map((k) =>
                IncomingLetterModel.find({ awaitingKey: k }).lean<IncomingLetter[]>(),
              ),
          )
        ).flat(),
      keep: stillWaiting,
      compare: AWAITING_ORDER[options.sort],
      offset: offset - skipped,
      limit: options.pageSize,
      firstRound: page.length,
      parallel: Math.max(1, Math.min(page.length, 16)),
    });
    return { ...base, items: result.items, total: selected, totalExact: true };
  }

  // Filters or the agenda order: the (sifat-selected) set in memory, bounded.
  let letters: IncomingLetter[];
  let exhausted = true;
  if (
    selected <= AWAITING_SCAN_LIMIT &&
    unfilteredTotal <= AWAITING_SCAN_LIMIT &&
    (wanted.size === URGENCIES.length || priorityCells.length > 24)
  ) {
    letters = await IncomingLetterModel.find({
      addresseeStatusKey: addresseeStatusKeyOf(positionId, 'registered'),
    }).lean<IncomingLetter[]>();
  } else {
    const walk = await walkBuckets<IncomingLetter>({
      buckets: priorityCells.map(key),
      fetch: (k) => IncomingLetterModel.find({ awaitingKey: k }).lean<IncomingLetter[]>(),
      compare: AWAITING_ORDER.priority,
      offset: 0,
      limit: AWAITING_SCAN_LIMIT,
      maxScanned: AWAITING_SCAN_LIMIT,
      parallel: 8,
    });
    letters = walk.items;
    exhausted = walk.exhausted;
  }
  const matching = letters
    .filter((l) => stillWaiting(l) && wanted.has(l.urgency as never) && (!filter || filter(l)))
    .sort(AWAITING_ORDER[options.sort]);
  return {
    ...base,
    items: matching.slice(offset, offset + options.pageSize),
    total: matching.length,
    totalExact: exhausted,
  };
}
