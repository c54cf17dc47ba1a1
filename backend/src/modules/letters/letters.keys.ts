/** Folded forms used to compare what clerks type: case, accents, punctuation and spacing
 * do not make two senders (or two letter numbers) different. */
export function senderKeyOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** `B-99/IJ/KP.07.6/04/2020` and `b-99 / ij / kp.07.6/04/2020` are the same number. */
export function letterNumberKeyOf(number: string): string {
  return number.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

export function agendaKeyOf(register: string, year: number, number: number): string {
  return `${register}:${year}:${number}`;
}

export function pendingKeyOf(letterId: string): string {
  return `pending:${letterId}`;
}

/**
 * Access keys (docs/architecture.md, "access paths"): FerretDB serves only top-level
 * equality from an index, so every list a user pages through reads letters by one of
 * these denormalised strings and sorts the few it gets in memory. They are computed here
 * and nowhere else; the model's `pre('validate')` hook applies them to every inserted
 * document, and every update that changes an input sets them again.
 *
 * - `agendaBucket` `<register>:<year>:<floor(n/100)>`: the buku agenda, a hundred numbers
 *   a bucket, walked when the list filters in memory (and by maintenance).
 * - `agendaSlot` `<register>:<year>:<floor(n/25)>`: the same numbers 25 to a slot, for a page
 *   of the register in agenda order; agenda numbers are gap-free per (register, year) and the
 *   counter knows the latest, so a page of 25 is one or two equality reads of at most 25
 *   letters each. FerretDB decodes every document an equality selects (about 0.6 ms of CPU
 *   for a letter), ranges and projections only after: the slot, not the range, bounds it.
 * - `boxBuckets` `<role>:<positionId>:<register>:<year>:<floor(n/100)>` with role `a`
 *   (addressee), `c` (tembusan) and `r` (reader: chain, copies, dispositions): the same
 *   buckets per position, for the lists of officials; plus the whole series
 *   `<role>:<positionId>:<register>:<year>`, read at once where a position gets few letters.
 * - `unreadKeys` `a:<positionId>` / `c:<positionId>`: live letters the addressee or a
 *   tembusan position has not opened yet (counters and the "unread" filter).
 * - `addresseeStatusKey` `<positionId>:<status>`: e.g. letters waiting for the Sekda's
 *   disposition (`<sekda>:registered`).
 * - `urgencyBucket` `<register>:<year>:<urgency>:<floor(n/1000)>` for Sangat Segera and
 *   Segera letters (null for Biasa): the desk's register filtered by those sifat, or most
 *   urgent first, reads only the letters of that sifat, a thousand numbers at a time
 *   (letters.urgency.ts).
 * - `awaitingKey` `<positionId>:<urgency>:<receivedDate>`: the same waiting letters a sifat
 *   and a day of receipt at a time, so the awaiting queue pages in priority order reading
 *   only its page's days (queue.keys.ts, queue-state.ts); null once disposed.
 */
export const AGENDA_BUCKET_SIZE = 100;
/** Agenda numbers per `urgencyBucket`: a thousand numbers hold about 50 Sangat Segera and
 * 200 Segera letters (practice dataset: 5 % and 20 %). */
export const URGENCY_BUCKET_SIZE = 1_000;
/** The sifat that get an `urgencyBucket` (Biasa is most letters: its filter walks the
 * agenda buckets, where it is dense). */
export const KEYED_URGENCIES = ['sangat_segera', 'segera'] as const;

export function urgencyBucketOf(
  register: string,
  year: number,
  urgency: string,
  bucket: number,
): string {
  return `${register}:${year}:${urgency}:${bucket}`;
}
export const AGENDA_SLOT_SIZE = 25;
export type BoxRole = 'a' | 'c' | 'r';

export function bucketOfNumber(number: number): number {
  return Math.floor(number / AGENDA_BUCKET_SIZE);
}

export function agendaBucketOf(register: string, year: number, bucket: number): string {
  return `${register}:${year}:${bucket}`;
}

export function slotOfNumber(number: number): number {
  return Math.floor(number / AGENDA_SLOT_SIZE);
}

export function agendaSlotOf(register: string, year: number, slot: number): string {
  return `${register}:${year}:${slot}`;
}

export function boxBucketOf(
  role: BoxRole,
  positionId: string,
  register: string,
  year: number,
  bucket: number,
): string {
  return `${role}:${positionId}:${register}:${year}:${bucket}`;
}

export function boxSeriesOf(
  role: BoxRole,
  positionId: string,
  register: string,
  year: number,
): string {
  return `${role}:${positionId}:${register}:${year}`;
}

export function unreadKeyOf(role: 'a' | 'c', positionId: string): string {
  return `${role}:${positionId}`;
}

export function addresseeStatusKeyOf(positionId: string, status: string): string {
  return `${positionId}:${status}`;
}

/** A letter waiting for the addressee's disposition, by sifat and day of receipt. */
export function awaitingKeyOf(positionId: string, urgency: string, receivedDate: string): string {
  return `${positionId}:${urgency}:${receivedDate}`;
}

/** What the keys are computed from (ids may be ObjectIds or strings). */
export interface LetterKeyInputs {
  status: string;
  register: string;
  agendaYear: number;
  agendaNumber?: number | null;
  addresseePositionId: unknown;
  copyPositionIds?: unknown[] | null;
  readerPositionIds?: unknown[] | null;
  readPositionIds?: unknown[] | null;
  /** For `awaitingKey`; a letter without them (an old caller) has none. */
  urgency?: string | null;
  receivedDate?: string | null;
}

export interface LetterKeys {
  agendaBucket: string | null;
  agendaSlot: string | null;
  boxBuckets: string[];
  unreadKeys: string[];
  addresseeStatusKey: string;
  awaitingKey: string | null;
  urgencyBucket: string | null;
}

export const LETTER_KEY_FIELDS = [
  'agendaBucket',
  'agendaSlot',
  'boxBuckets',
  'unreadKeys',
  'addresseeStatusKey',
  'awaitingKey',
] as const;

/** The one function that derives every access key of a letter. */
export function letterKeys(letter: LetterKeyInputs): LetterKeys {
  const addressee = String(letter.addresseePositionId);
  const copies = [...new Set((letter.copyPositionIds ?? []).map(String))];
  const readers = [...new Set((letter.readerPositionIds ?? []).map(String))];
  const numbered =
    letter.status !== 'pending' &&
    letter.agendaNumber !== null &&
    letter.agendaNumber !== undefined;
  const keys: LetterKeys = {
    agendaBucket: null,
    agendaSlot: null,
    boxBuckets: [],
    unreadKeys: [],
    addresseeStatusKey: addresseeStatusKeyOf(addressee, letter.status),
    awaitingKey:
      letter.status === 'registered' && letter.urgency && letter.receivedDate
        ? awaitingKeyOf(addressee, letter.urgency, letter.receivedDate)
        : null,
    urgencyBucket: null,
  };
  if (!numbered) return keys;
  if ((KEYED_URGENCIES as readonly string[]).includes(letter.urgency ?? ''))
    keys.urgencyBucket = urgencyBucketOf(
      letter.register,
      letter.agendaYear,
      letter.urgency!,
      Math.floor(letter.agendaNumber! / URGENCY_BUCKET_SIZE),
    );
  const bucket = bucketOfNumber(letter.agendaNumber!);
  const box = (role: BoxRole, id: string) => [
    boxBucketOf(role, id, letter.register, letter.agendaYear, bucket),
    boxSeriesOf(role, id, letter.register, letter.agendaYear),
  ];
  keys.agendaBucket = agendaBucketOf(letter.register, letter.agendaYear, bucket);
  keys.agendaSlot = agendaSlotOf(
    letter.register,
    letter.agendaYear,
    slotOfNumber(letter.agendaNumber!),
  );
  keys.boxBuckets = [
    ...box('a', addressee),
    ...copies.flatMap((id) => box('c', id)),
    ...readers.flatMap((id) => box('r', id)),
  ];
  if (letter.status !== 'void') {
    const read = new Set((letter.readPositionIds ?? []).map(String));
    if (!read.has(addressee)) keys.unreadKeys.push(unreadKeyOf('a', addressee));
    for (const id of copies) if (!read.has(id)) keys.unreadKeys.push(unreadKeyOf('c', id));
  }
  return keys;
}

/** Word prefixes of a folded sender name (1 to 20 characters of each word): the address
 * book looks a typed word up by equality instead of matching every sender. */
export const SENDER_PREFIX_MAX = 20;
export function senderPrefixesOf(nameKey: string): string[] {
  const out = new Set<string>();
  for (const word of nameKey.split(' ').filter(Boolean))
    for (let n = 1; n <= Math.min(word.length, SENDER_PREFIX_MAX); n++) out.add(word.slice(0, n));
  return [...out];
}

/** The one prefix a typed text is looked up by: its longest word, cut to the maximum. */
export function senderLookupKey(text: string): string | null {
  const words = senderKeyOf(text).split(' ').filter(Boolean);
  if (words.length === 0) return null;
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  return longest.slice(0, SENDER_PREFIX_MAX);
}
