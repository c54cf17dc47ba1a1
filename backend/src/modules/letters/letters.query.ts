import type { Actor } from '../../http/actor.ts';
import { walkBuckets } from '../../lib/bucket-walk.ts';
import { now } from '../../lib/clock.ts';
import { jakartaDateString } from '../documents/format-id.ts';
import { CounterModel } from '../numbering/counter.model.ts';
import {
  AGENDA_BUCKET_SIZE,
  AGENDA_SLOT_SIZE,
  agendaBucketOf,
  agendaSlotOf,
  boxBucketOf,
  boxSeriesOf,
  bucketOfNumber,
  senderKeyOf,
  slotOfNumber,
  unreadKeyOf,
  type BoxRole,
} from './letters.keys.ts';
import {
  IncomingLetterModel,
  IncomingRegisterModel,
  type IncomingLetter,
} from './letters.model.ts';
import {
  canReadLetterContent,
  canSeeLetter,
  hasRegisterAccess,
  heldPositionIds,
} from './letters.policy.ts';
import type { ListQuery } from './letters.schema.ts';
import { fetchUrgencyBucket, urgencyBucketsReady, urgencyWalkBuckets } from './letters.urgency.ts';
import { KEYED_URGENCIES } from './letters.keys.ts';

/**
 * The buku agenda and the officials' letter lists, read a bucket at a time
 * (letters.keys.ts): no request sorts a year of letters or reads the collection.
 *
 * - Agenda order (the default), no filter besides register and year: the counters give
 *   each (register, year)'s latest number and the numbers are gap-free, so the page's
 *   numbers are known before reading; one or two `agendaSlot` reads serve it and the
 *   total is exact.
 * - Lists by position (inbox, tembusan, what an official may read): `boxBuckets` walked
 *   newest first until the page is full.
 * - Unread letters of my positions: `unreadKeys` (a small set: what is not opened yet).
 * - A date range of at most `DAY_RANGE_LIMIT` days: `receivedDate`, one day at a time.
 * - Filters no key serves (text, sender, classification, urgency, ...) are applied in
 *   memory to the buckets walked, reading at most `SCAN_LIMIT` letters; the total is then
 *   exact once every bucket was read and estimated from what was read otherwise.
 * - Newest received first, unfiltered: `receivedDate` a day at a time from today back.
 * - Sorts other than agenda order sort the newest `SORT_WINDOW` matching letters.
 */
export const SCAN_LIMIT = 3_000;
export const SORT_WINDOW = 2_000;
export const DAY_RANGE_LIMIT = 31;

type Filters = Omit<ListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;
type Order = Pick<ListQuery, 'sort' | 'order'>;

export interface CollectOptions {
  offset: number;
  limit: number;
  /** Bound on the letters read for filters no key serves; none for exports. */
  maxScanned?: number;
  /** How many matching letters a non-agenda sort orders. */
  sortWindow?: number;
  /** Fields to read (a projection); every field when absent. */
  fields?: LetterFields;
}

export type LetterFields = Partial<Record<keyof IncomingLetter, 1>>;

/**
 * What the register list needs of a letter: the row it shows (letters.presenter.ts), who may
 * see and read it (letters.policy.ts), the list's filters and orders (letterMatcher,
 * compareLetters). FerretDB decodes the stored jsonb and the API the BSON of every letter a
 * page reads, so the list leaves out the rest (the reads log, the key arrays, the summary).
 */
export const LIST_FIELDS: LetterFields = {
  _id: 1,
  status: 1,
  register: 1,
  agendaYear: 1,
  agendaNumber: 1,
  registeredAt: 1,
  senderName: 1,
  senderKey: 1,
  letterNumber: 1,
  letterDate: 1,
  receivedDate: 1,
  subject: 1,
  classificationCode: 1,
  securityClass: 1,
  urgency: 1,
  addresseePositionId: 1,
  copyPositionIds: 1,
  readerPositionIds: 1,
  readPositionIds: 1,
  registeredBy: 1,
  fileCount: 1,
};

export interface LetterPage {
  items: IncomingLetter[];
  total: number;
  /** False when the total is an estimate (a bounded scan stopped before the end). */
  exact: boolean;
}

/** Everything the list offers, applied to one letter: the same rules the register used to
 * send to the database, including what the actor may see. Text does not look into the
 * subject of letters whose content the actor may not read (the list shows "RAHASIA"). */
export function letterMatcher(actor: Actor, query: Filters): (letter: IncomingLetter) => boolean {
  const mine = new Set(heldPositionIds(actor));
  const held = (ids: unknown[] | null | undefined) =>
    (ids ?? []).some((id) => mine.has(String(id)));
  const sender = query.sender ? senderKeyOf(query.sender) : '';
  const classification = query.classification?.replace(/\.$/, '');
  const text = query.q?.trim().toLowerCase() ?? '';
  const agendaNumber = /^\d+$/.test(text) ? Number(text) : null;
  return (letter) => {
    if (!canSeeLetter(actor, letter)) return false;
    if (query.from && letter.receivedDate < query.from) return false;
    if (query.to && letter.receivedDate > query.to) return false;
    if (query.year && letter.agendaYear !== query.year) return false;
    if (query.register && letter.register !== query.register) return false;
    if (sender && !letter.senderKey.includes(sender)) return false;
    if (
      classification &&
      letter.classificationCode !== classification &&
      !letter.classificationCode.startsWith(`${classification}.`)
    )
      return false;
    if (query.urgency?.length && !query.urgency.includes(letter.urgency)) return false;
    if (query.securityClass?.length && !query.securityClass.includes(letter.securityClass as 'B'))
      return false;
    if (query.status?.length && !query.status.includes(letter.status as 'registered')) return false;
    if (query.box === 'inbox' && !mine.has(String(letter.addresseePositionId))) return false;
    if (query.box === 'tembusan' && !held(letter.copyPositionIds)) return false;
    if (query.unread === 'true' && held(letter.readPositionIds)) return false;
    if (text) {
      const hit =
        letter.agendaNumber === agendaNumber ||
        letter.letterNumber.toLowerCase().includes(text) ||
        letter.senderName.toLowerCase().includes(text) ||
        (letter.subject.toLowerCase().includes(text) && canReadLetterContent(actor, letter));
      if (!hit) return false;
    }
    return true;
  };
}

const URGENCY_WEIGHT: Record<string, number> = { biasa: 0, segera: 1, sangat_segera: 2 };

/** The list's order; agenda order is year, then register, then number. */
export function compareLetters(query: Order): (a: IncomingLetter, b: IncomingLetter) => number {
  const dir = query.order === 'asc' ? 1 : -1;
  const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  const agenda = (a: IncomingLetter, b: IncomingLetter, d: number) =>
    d * cmp(a.agendaYear, b.agendaYear) ||
    cmp(a.register, b.register) ||
    d * cmp(a.agendaNumber ?? 0, b.agendaNumber ?? 0);
  switch (query.sort) {
    case 'receivedDate':
      return (a, b) => dir * cmp(a.receivedDate, b.receivedDate) || agenda(a, b, dir);
    case 'letterDate':
      return (a, b) => dir * cmp(a.letterDate, b.letterDate) || agenda(a, b, dir);
    case 'sender':
      return (a, b) => dir * cmp(a.senderKey, b.senderKey) || agenda(a, b, -1);
    case 'urgency':
      // By weight, not by name: descending is the most urgent first ("Paling mendesak").
      return (a, b) =>
        dir * cmp(URGENCY_WEIGHT[a.urgency] ?? 0, URGENCY_WEIGHT[b.urgency] ?? 0) ||
        agenda(a, b, -1);
    default:
      return (a, b) => agenda(a, b, dir);
  }
}

export interface AgendaSeries {
  register: string;
  year: number;
  /** Latest agenda number (the counter; numbers 1..last are all taken). */
  last: number;
}

/** The (register, year) series that hold letters, in agenda order, from the counters. */
export async function agendaSeries(
  query: Pick<Filters, 'register' | 'year'>,
  order: 'asc' | 'desc',
): Promise<AgendaSeries[]> {
  const codes = query.register
    ? [query.register]
    : (await IncomingRegisterModel.find({}, { code: 1 }).lean()).map((r) => r.code);
  const counters = await Promise.all(
    codes.map((code) =>
      CounterModel.find(
        query.year
          ? { series: `incoming:${code}`, year: query.year }
          : { series: `incoming:${code}` },
      ).lean(),
    ),
  );
  const series = counters
    .flat()
    .filter((c) => c.last > 0)
    .map((c) => ({ register: c.series.slice('incoming:'.length), year: c.year, last: c.last }));
  const dir = order === 'asc' ? 1 : -1;
  return series.sort(
    (a, b) =>
      dir * (a.year - b.year) || (a.register < b.register ? -1 : a.register > b.register ? 1 : 0),
  );
}

interface SeriesBucket {
  series: AgendaSeries;
  bucket: number;
}

function seriesBuckets(series: AgendaSeries[], order: 'asc' | 'desc'): SeriesBucket[] {
  const out: SeriesBucket[] = [];
  for (const s of series) {
    const top = bucketOfNumber(s.last);
    if (order === 'asc') for (let b = 0; b <= top; b++) out.push({ series: s, bucket: b });
    else for (let b = top; b >= 0; b--) out.push({ series: s, bucket: b });
  }
  return out;
}

/** Reads each of the keys by equality and merges them (a letter appears once). */
async function readKeys(
  field: string,
  keys: string[],
  fields?: LetterFields,
): Promise<IncomingLetter[]> {
  const found = await Promise.all(
    keys.map((key) =>
      IncomingLetterModel.find({ [field]: key }, fields ?? null).lean<IncomingLetter[]>(),
    ),
  );
  const byId = new Map<string, IncomingLetter>();
  for (const letter of found.flat()) byId.set(String(letter._id), letter);
  return [...byId.values()];
}

function hasUnkeyedFilters(query: Filters): boolean {
  return Boolean(
    query.q ||
    query.from ||
    query.to ||
    query.sender ||
    query.classification ||
    query.urgency?.length ||
    query.securityClass?.length ||
    query.status?.length ||
    query.unread === 'true' ||
    query.box,
  );
}

function daysBetween(from: string, to: string): string[] | null {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (!(end >= start)) return [];
  const count = Math.round((end - start) / 86_400_000) + 1;
  if (count > DAY_RANGE_LIMIT) return null;
  return Array.from({ length: count }, (_, i) =>
    new Date(start + i * 86_400_000).toISOString().slice(0, 10),
  );
}

interface SlotRead {
  register: string;
  year: number;
  slot: number;
  from: number;
  to: number;
}

/** The letters numbered `from`..`to` of one slot: one equality on `agendaSlot` (index
 * `agendaSlot, agendaNumber`), the numbers ANDed as a range. Numbers are gap-free, so a
 * short answer means letters without the slot key (written by an older version, before the
 * start-up backfill reached them) or a number lost to a crash: the slot's part of its
 * `agendaBucket` is read instead, which every numbered letter has. */
async function readSlot(read: SlotRead, fields?: LetterFields): Promise<IncomingLetter[]> {
  const numbers = { $gte: read.from, $lte: read.to };
  const found = await IncomingLetterModel.find(
    { agendaSlot: agendaSlotOf(read.register, read.year, read.slot), agendaNumber: numbers },
    fields ?? null,
  ).lean<IncomingLetter[]>();
  if (found.length >= read.to - read.from + 1) return found;
  return IncomingLetterModel.find(
    {
      agendaBucket: agendaBucketOf(read.register, read.year, bucketOfNumber(read.from)),
      agendaNumber: numbers,
    },
    fields ?? null,
  ).lean<IncomingLetter[]>();
}

/** Page of the buku agenda in agenda order without filters: the page's agenda numbers
 * follow from the counters, so exactly the slots that hold them are read (in parallel; one
 * or two for a page of 25), each for the page's numbers only. */
async function agendaPage(query: Filters & Order, options: CollectOptions): Promise<LetterPage> {
  const order = query.order === 'asc' ? 'asc' : 'desc';
  const series = await agendaSeries(query, order);
  const total = series.reduce((sum, s) => sum + s.last, 0);
  const reads: SlotRead[] = [];
  let skip = options.offset;
  let remaining = options.limit;
  for (const s of series) {
    if (remaining <= 0) break;
    if (skip >= s.last) {
      skip -= s.last;
      continue;
    }
    const take = Math.min(s.last - skip, remaining);
    const from = order === 'desc' ? s.last - skip - take + 1 : skip + 1;
    const to = from + take - 1;
    for (let slot = slotOfNumber(from); slot <= slotOfNumber(to); slot++)
      reads.push({
        register: s.register,
        year: s.year,
        slot,
        from: Math.max(from, slot * AGENDA_SLOT_SIZE),
        to: Math.min(to, (slot + 1) * AGENDA_SLOT_SIZE - 1),
      });
    skip = 0;
    remaining -= take;
  }
  const found = await Promise.all(reads.map((read) => readSlot(read, options.fields)));
  const items = found.flat().sort(compareLetters(query)).slice(0, options.limit);
  return { items, total, exact: true };
}

/** Newest received first with no filter besides register and year (a click on the "Tanggal
 * terima" header): the days walked back from today, one `receivedDate` equality each (index
 * `receivedDate, agendaNumber`), until the page is full; the total from the counters. Days
 * do not overlap in this order, so pages never repeat or skip a letter. The walk ends a year
 * before the oldest agenda year (a letter received in December may open January's numbers). */
async function receivedDatePage(
  actor: Actor,
  query: Filters & Order,
  options: CollectOptions,
): Promise<LetterPage> {
  const series = await agendaSeries(query, 'desc');
  const total = series.reduce((sum, s) => sum + s.last, 0);
  if (series.length === 0) return { items: [], total: 0, exact: true };
  const floor = Date.parse(`${Math.min(...series.map((s) => s.year)) - 1}-01-01T00:00:00Z`);
  const days: string[] = [];
  for (let t = Date.parse(`${jakartaDateString(now())}T00:00:00Z`); t >= floor; t -= 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  const page = await walkBuckets({
    buckets: days,
    fetch: (day) =>
      IncomingLetterModel.find({ receivedDate: day }, options.fields ?? null).lean<
        IncomingLetter[]
      >(),
    keep: letterMatcher(actor, query),
    compare: compareLetters(query),
    offset: options.offset,
    limit: options.limit,
  });
  return { items: page.items, total, exact: true };
}

/**
 * The letters of the list (or an export) for this actor and query: one page of them, in
 * order, and the total.
 */
export async function collectLetters(
  actor: Actor,
  query: Filters & Order,
  options: CollectOptions,
): Promise<LetterPage> {
  const desk = hasRegisterAccess(actor);
  const order = query.order === 'asc' ? 'asc' : 'desc';
  const agendaSort = query.sort === 'agenda' || !query.sort;
  if (desk && agendaSort && !hasUnkeyedFilters(query)) return agendaPage(query, options);
  if (desk && query.sort === 'receivedDate' && order === 'desc' && !hasUnkeyedFilters(query))
    return receivedDatePage(actor, query, options);

  const keep = letterMatcher(actor, query);
  const compare = compareLetters(query);
  const mine = heldPositionIds(actor);

  // Small sets read whole, then sorted: a short date range, or what is still unread.
  const days = query.from && query.to ? daysBetween(query.from, query.to) : null;
  let whole: string[] | null = null;
  let field = '';
  if (days) {
    whole = days;
    field = 'receivedDate';
  } else if (query.unread === 'true' && mine.length > 0) {
    const roles: Array<'a' | 'c'> =
      query.box === 'inbox' ? ['a'] : query.box === 'tembusan' ? ['c'] : ['a', 'c'];
    whole = roles.flatMap((role) => mine.map((id) => unreadKeyOf(role, id)));
    field = 'unreadKeys';
  }
  if (whole) {
    const letters = (await readKeys(field, whole, options.fields)).filter(keep).sort(compare);
    return {
      items: letters.slice(options.offset, options.offset + options.limit),
      total: letters.length,
      exact: true,
    };
  }
  if (!desk && mine.length === 0) return { items: [], total: 0, exact: true };

  // Otherwise the agenda buckets (the desk) or the position's buckets, newest first.
  const role: BoxRole | null =
    query.box === 'inbox' ? 'a' : query.box === 'tembusan' ? 'c' : desk ? null : 'r';
  if (role && mine.length === 0) return { items: [], total: 0, exact: true };
  const walkOrder = agendaSort ? order : 'desc';
  const series = await agendaSeries(query, walkOrder);
  if (!role) {
    const bySifat = await urgencyWalk(query, series, walkOrder, agendaSort, options);
    if (bySifat) {
      const page = await walkBuckets({
        buckets: bySifat.buckets,
        fetch: (bucket) => fetchUrgencyBucket(bucket, options.fields ?? null),
        keep,
        compare: bySifat.compare,
        offset: options.offset,
        limit: options.limit,
        maxScanned: bySifat.bounded ? options.maxScanned : undefined,
      });
      if (bySifat.total !== null) return { items: page.items, total: bySifat.total, exact: true };
      return { items: page.items, total: page.total, exact: page.exhausted };
    }
  }
  const source = role
    ? positionSource(series, walkOrder, role, mine, options.fields)
    : deskSource(series, walkOrder, options.fields);
  const bounded = hasUnkeyedFilters({ ...query, box: undefined }) ? options.maxScanned : undefined;
  if (agendaSort) {
    const page = await walkBuckets({
      buckets: source.buckets,
      fetch: source.fetch,
      keep,
      compare,
      offset: options.offset,
      limit: options.limit,
      maxScanned: bounded,
    });
    return { items: page.items, total: page.total, exact: page.exhausted };
  }
  // Another order: sort the newest matching letters, a bounded window of them.
  const window = options.sortWindow ?? SORT_WINDOW;
  const page = await walkBuckets({
    buckets: source.buckets,
    fetch: source.fetch,
    keep,
    compare: compareLetters({ sort: 'agenda', order: 'desc' }),
    offset: 0,
    limit: window,
    maxScanned: bounded,
  });
  const sorted = page.items.sort(compare);
  return {
    items: sorted.slice(options.offset, options.offset + options.limit),
    total: page.exhausted ? page.matched : page.total,
    exact: page.exhausted,
  };
}

/**
 * The desk's register by sifat through `urgencyBucket` (letters.urgency.ts), when the keys
 * are complete: a filter on Sangat Segera and/or Segera in agenda order, or the most urgent
 * first ("Paling mendesak": `sort=urgency`, descending). Null when neither applies.
 */
async function urgencyWalk(
  query: Filters & Order,
  series: AgendaSeries[],
  order: 'asc' | 'desc',
  agendaSort: boolean,
  options: CollectOptions,
): Promise<{
  buckets: string[];
  compare: (a: IncomingLetter, b: IncomingLetter) => number;
  bounded: boolean;
  total: number | null;
} | null> {
  const asked = query.urgency ?? [];
  const keyedOnly =
    asked.length > 0 && asked.every((u) => (KEYED_URGENCIES as readonly string[]).includes(u));
  const mostUrgentFirst = query.sort === 'urgency' && query.order !== 'asc';
  if (!(agendaSort && keyedOnly) && !mostUrgentFirst) return null;
  if (options.maxScanned === undefined && !keyedOnly) return null; // exports keep their walk
  if (!(await urgencyBucketsReady())) return null;
  const sifat = ['sangat_segera', 'segera', 'biasa'].filter(
    (u) => asked.length === 0 || asked.includes(u as never),
  );
  const others = hasUnkeyedFilters({ ...query, urgency: undefined, box: undefined });
  return {
    buckets: urgencyWalkBuckets(series, sifat, mostUrgentFirst ? 'desc' : order, mostUrgentFirst),
    compare: compareLetters(
      mostUrgentFirst ? { sort: 'urgency', order: 'desc' } : { sort: 'agenda', order },
    ),
    bounded: others,
    // Most urgent first over the whole register: every letter, counted by the counters.
    total:
      mostUrgentFirst && asked.length === 0 && !others
        ? series.reduce((sum, s) => sum + s.last, 0)
        : null,
  };
}

interface LetterSource {
  buckets: readonly string[] | AsyncIterable<string>;
  fetch: (bucket: string) => Promise<IncomingLetter[]>;
}

/** The whole buku agenda, `agendaBucket` by `agendaBucket`. */
function deskSource(
  series: AgendaSeries[],
  order: 'asc' | 'desc',
  fields?: LetterFields,
): LetterSource {
  return {
    buckets: seriesBuckets(series, order).map((b) =>
      agendaBucketOf(b.series.register, b.series.year, b.bucket),
    ),
    fetch: (key) =>
      IncomingLetterModel.find({ agendaBucket: key }, fields ?? null).lean<IncomingLetter[]>(),
  };
}

/** Up to this many letters of a position in one (register, year) are read at once. */
export const SPARSE_SERIES = 300;

/**
 * The letters of my positions in one role, series by series in agenda order. A series
 * where my positions got few letters (most positions, most years) is read whole with one
 * equality on `boxSeriesOf`; a busy one (the Sekda's inbox) a bucket of a hundred numbers
 * at a time. Which one is decided when the walk reaches the series, from the first bucket
 * (read anyway for a busy series): its share of my letters times the series' length.
 */
function positionSource(
  series: AgendaSeries[],
  order: 'asc' | 'desc',
  role: BoxRole,
  mine: string[],
  fields?: LetterFields,
): LetterSource {
  const cached = new Map<string, IncomingLetter[]>();
  const units = new Map<string, SeriesBucket>();
  let unitCount = 0;
  const bucketRead = (b: SeriesBucket) =>
    readKeys(
      'boxBuckets',
      mine.map((p) => boxBucketOf(role, p, b.series.register, b.series.year, b.bucket)),
      fields,
    );
  const seriesRead = async (s: AgendaSeries): Promise<IncomingLetter[] | null> => {
    const found = await Promise.all(
      mine.map((p) =>
        IncomingLetterModel.find(
          { boxBuckets: boxSeriesOf(role, p, s.register, s.year) },
          fields ?? null,
        )
          .limit(SPARSE_SERIES + 1)
          .lean<IncomingLetter[]>(),
      ),
    );
    if (found.some((letters) => letters.length > SPARSE_SERIES)) return null;
    return [...new Map(found.flat().map((l) => [String(l._id), l])).values()];
  };
  const unit = (b: SeriesBucket, letters?: IncomingLetter[]) => {
    const id = `u${(unitCount += 1)}`;
    units.set(id, b);
    if (letters) cached.set(id, letters);
    return id;
  };
  async function* buckets(): AsyncGenerator<string> {
    for (const s of series) {
      const fine = seriesBuckets([s], order);
      let first: IncomingLetter[] | undefined;
      if (s.last > SPARSE_SERIES) {
        first = await bucketRead(fine[0]!);
        const top = bucketOfNumber(s.last);
        const span =
          fine[0]!.bucket === top
            ? s.last - top * AGENDA_BUCKET_SIZE + 1
            : AGENDA_BUCKET_SIZE - (fine[0]!.bucket === 0 ? 1 : 0);
        const expected = (first.length / Math.max(span, 1)) * s.last;
        if (expected > SPARSE_SERIES) {
          for (const [i, b] of fine.entries()) yield unit(b, i === 0 ? first : undefined);
          continue;
        }
      }
      const whole = await seriesRead(s);
      if (whole) {
        yield unit({ series: s, bucket: -1 }, whole);
        continue;
      }
      for (const [i, b] of fine.entries()) yield unit(b, i === 0 ? first : undefined);
    }
  }
  return {
    buckets: { [Symbol.asyncIterator]: buckets },
    fetch: async (id) => {
      const letters = cached.get(id);
      if (letters) {
        cached.delete(id);
        return letters;
      }
      return bucketRead(units.get(id)!);
    },
  };
}
