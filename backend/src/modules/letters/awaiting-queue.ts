import {
  digestEntryOf,
  fold,
  loadAwaitingDigest,
  unpackRow,
  type AwaitingRow,
  type DigestEntry,
} from './awaiting-digest.ts';
import { senderKeyOf } from './letters.keys.ts';
import { URGENCIES, type IncomingLetter } from './letters.model.ts';

/**
 * The letters waiting for a position's disposition ("Perlu disposisi"), as an official
 * works through them: most urgent first (sifat, then the deadline the sifat gives counted
 * from the day of receipt, then age), or newest, or by agenda number; filtered by sifat,
 * sender, classification and words.
 *
 * Every page, filter and order is one read of the position's awaiting digest
 * (awaiting-digest.ts: per waiting letter the row the list shows, one document by `_id`)
 * and of the letters touched since it was kept (usually one hour), then filtered, sorted
 * and paged in memory: no letter is read by `_id`. Within one sifat the deadline is the day
 * of receipt plus the sifat's working days, so ordering by day of receipt is ordering by
 * deadline; age is the order of registration (the letter's id, made when its registration
 * began). `totalExact` is always true.
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

/** A page's letter: the fields of its row (awaiting-digest.ts `AwaitingRow`), shaped as
 * the letter they come from (`_id` a string). */
export type AwaitingLetter = Pick<
  IncomingLetter,
  | 'urgency'
  | 'receivedDate'
  | 'agendaYear'
  | 'register'
  | 'classificationCode'
  | 'securityClass'
  | 'letterDate'
  | 'senderKey'
  | 'letterNumberKey'
  | 'letterNumber'
  | 'senderName'
  | 'subject'
  | 'status'
> & {
  _id: string;
  agendaNumber: number | null;
  addresseePositionId: string;
  readPositionIds: string[];
  registeredAt: Date | null;
};

export interface AwaitingPage {
  items: AwaitingLetter[];
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

type Sortable = Pick<
  IncomingLetter,
  'urgency' | 'receivedDate' | 'agendaYear' | 'agendaNumber' | 'register'
> & { _id: unknown };

export const AWAITING_ORDER: Record<AwaitingSort, (a: Sortable, b: Sortable) => number> = {
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

/** The in-memory filter over search entries (none: null); `awaitingFilterOf` applies the
 * same to a letter. */
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
): ((letter: Parameters<typeof digestEntryOf>[0]) => boolean) | null {
  const test = awaitingEntryFilterOf(options);
  return test ? (l) => test(digestEntryOf(l)) : null;
}

/** The row as the letter it shows (a waiting letter: registered, for this position). */
function letterOf(row: AwaitingRow, positionId: string): AwaitingLetter {
  return {
    _id: row.id,
    urgency: row.urgency as AwaitingLetter['urgency'],
    receivedDate: row.receivedDate,
    agendaYear: row.agendaYear,
    agendaNumber: row.agendaNumber,
    register: row.register,
    classificationCode: row.classificationCode,
    securityClass: row.securityClass as AwaitingLetter['securityClass'],
    letterDate: row.letterDate,
    registeredAt: row.registeredAt ? new Date(row.registeredAt) : null,
    senderKey: row.senderKey,
    letterNumberKey: row.letterNumberKey,
    letterNumber: row.letterNumber,
    senderName: row.senderName,
    subject: row.subject,
    status: 'registered',
    addresseePositionId: positionId,
    readPositionIds: row.opened ? [positionId] : [],
  };
}

export async function awaitingQueue(
  positionId: string,
  options: AwaitingOptions,
): Promise<AwaitingPage> {
  const entries = await loadAwaitingDigest(positionId);
  const byUrgency = { sangat_segera: 0, segera: 0, biasa: 0 } as AwaitingPage['byUrgency'];
  const wanted = new Set<string>(options.urgencies?.length ? options.urgencies : URGENCIES);
  const filter = awaitingFilterOf(options);
  const matching: AwaitingLetter[] = [];
  let unfilteredTotal = 0;
  for (const [id, packed] of Object.entries(entries)) {
    unfilteredTotal += 1;
    // The sifat is the row's first field: counted without unpacking the rest.
    const urgency = packed.slice(0, packed.indexOf('\u001f'));
    if (urgency in byUrgency) byUrgency[urgency as keyof typeof byUrgency] += 1;
    if (!wanted.has(urgency)) continue;
    const letter = letterOf(unpackRow(id, packed), positionId);
    if (!filter || filter(letter)) matching.push(letter);
  }
  matching.sort(AWAITING_ORDER[options.sort]);
  const offset = (options.page - 1) * options.pageSize;
  return {
    items: matching.slice(offset, offset + options.pageSize),
    total: matching.length,
    totalExact: true,
    unfilteredTotal,
    byUrgency,
  };
}
