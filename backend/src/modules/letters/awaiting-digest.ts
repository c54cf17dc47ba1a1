import mongoose, { Schema } from 'mongoose';
import { now } from '../../lib/clock.ts';
import { addresseeStatusKeyOf, letterNumberKeyOf, senderKeyOf } from './letters.keys.ts';
import { IncomingLetterModel, type IncomingLetter } from './letters.model.ts';
import { queueCellsOf, queueHourOf, queueTouchKeyOf } from './queue.keys.ts';
import { settledQueueHour } from './queue-state.ts';
import { retryUpsertOnDuplicate } from '../../lib/upsert.ts';

/**
 * A position's awaiting queue ("Perlu disposisi") as the list shows it, kept in one
 * document per position (`letter_awaiting_digests`, `_id` = position): per waiting letter
 * its row (the fields the list shows, sorts by and searches in, about 300 bytes, packed in
 * one string with the others). A page, a sifat, a search within and every order read this
 * one document (and the letters touched since it was kept): no letter by `_id`. Before, a
 * page read its letters one by one (FerretDB reads a whole table for `$in`): 20 reads, about
 * 54 ms of CPU, for a busy day's page at 10,000 letters.
 *
 * Kept like the queue state (queue-state.ts), by the same touch keys and the same
 * membership rule (`queueCellsOf`), so no write path writes it: every write that can change
 * a waiting letter or its row (registration, correction, read marks, status changes from
 * the dispositions, voiding) adds `<position>:q:<hour>` to the letter, and a read re-reads
 * the letters touched after the hour the digest is kept to (`throughHour`, one equality read
 * per hour, usually one) and puts each where it is now: its row replaced while it waits,
 * removed once it does not. Idempotent, so two processes advancing it, or a letter read
 * twice, give the same rows, and a rebuild from the letters gives the same answer.
 * Crash-safe and self-repairing because it is only ever derived from the letters: rebuilt
 * from the waiting set (one read by `addresseeStatusKey`) when missing, of an older
 * `DIGEST_VERSION`, marked stale (`markLetterQueuesStale`), more than two weeks behind, or
 * built on an earlier day, so a change no touch key describes lasts a day at most; the
 * start-up task (awaiting-digest.startup.ts) builds them before serving, rebuilds each once
 * a day and advances them every 15 minutes, so a request rarely writes one.
 */
export const DIGEST_VERSION = 4;
// 2: an entry is one packed string (`packEntry`), not an object of eight fields.
// 3: all entries in one string (`storeEntries`). FerretDB stores a type schema beside every
// field and decodes field by field: the Sekda's digest as 480 objects of eight fields was
// 261 KB of jsonb and 70-120 ms to read at load 25; as one string it is one value.
// 4: an entry is the list's whole row (`AwaitingRow`) and the digest holds the membership
// itself: the list no longer reads the queue state nor its page's letters.

/** What the list shows, sorts by and searches in, of one waiting letter. */
export interface AwaitingRow {
  id: string;
  urgency: string;
  receivedDate: string;
  agendaYear: number;
  agendaNumber: number | null;
  register: string;
  classificationCode: string;
  securityClass: string;
  /** The position has opened the letter. */
  opened: boolean;
  letterDate: string;
  /** ISO date-time, or '' */
  registeredAt: string;
  senderKey: string;
  letterNumberKey: string;
  letterNumber: string;
  senderName: string;
  subject: string;
}

/** What a search within the queue matches a letter against (`digestEntryOf`). */
export interface DigestEntry {
  /** Folded perihal, pengirim, nomor surat (as written and as key) and `n/year`. */
  h: string;
  /** senderKey */
  s: string;
  /** classificationCode, lower case */
  c: string;
}

const digestSchema = new Schema(
  {
    _id: { type: String, required: true },
    throughHour: { type: Number, required: true },
    /** The position's waiting letters' rows, as one string (`storeRows`). */
    entries: { type: String, default: '' },
    stale: { type: Boolean, default: false },
    builtDay: { type: String, required: true },
    version: { type: Number, required: true },
  },
  { collection: 'letter_awaiting_digests', versionKey: false, minimize: false },
);
export const AwaitingDigestModel = mongoose.model('LetterAwaitingDigest', digestSchema);

interface DigestDoc {
  _id: string;
  throughHour: number;
  entries: string;
  stale?: boolean;
  builtDay: string;
  version: number;
}

/** The letter fields a row and its membership are made of. */
const ROW_FIELDS = {
  // Membership (queue.keys.ts `queueCellsOf`).
  status: 1,
  register: 1,
  agendaYear: 1,
  agendaNumber: 1,
  addresseePositionId: 1,
  copyPositionIds: 1,
  readPositionIds: 1,
  urgency: 1,
  receivedDate: 1,
  // The row.
  subject: 1,
  senderName: 1,
  senderKey: 1,
  letterNumber: 1,
  letterNumberKey: 1,
  letterDate: 1,
  classificationCode: 1,
  securityClass: 1,
  registeredAt: 1,
} as const;
type RowLetter = Pick<IncomingLetter, '_id' | keyof typeof ROW_FIELDS>;

const MAX_GAP_HOURS = 14 * 24;
const PARALLEL = 24;

export const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const jakartaDay = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

type EntryInputs = Pick<
  IncomingLetter,
  'subject' | 'senderName' | 'letterNumber' | 'classificationCode' | 'agendaYear'
> & {
  senderKey?: string | null;
  letterNumberKey?: string | null;
  agendaNumber?: number | null;
};

/** The one definition of what a search within the queue matches a letter against. */
export function digestEntryOf(letter: EntryInputs): DigestEntry {
  const agenda =
    letter.agendaNumber === null || letter.agendaNumber === undefined
      ? ''
      : `${letter.agendaNumber}/${letter.agendaYear}`;
  return {
    h: [
      fold(letter.subject),
      fold(letter.senderName),
      fold(letter.letterNumber),
      letter.letterNumberKey || letterNumberKeyOf(letter.letterNumber),
      agenda,
    ].join('\n'),
    s: letter.senderKey || senderKeyOf(letter.senderName),
    c: letter.classificationCode.toLowerCase(),
  };
}

/** The row of a letter, as the position sees it. */
export function rowOf(letter: RowLetter, positionId: string): AwaitingRow {
  return {
    id: String(letter._id),
    urgency: letter.urgency,
    receivedDate: letter.receivedDate,
    agendaYear: letter.agendaYear,
    agendaNumber: letter.agendaNumber ?? null,
    register: letter.register,
    classificationCode: letter.classificationCode ?? '',
    securityClass: letter.securityClass,
    opened: (letter.readPositionIds ?? []).some((id) => String(id) === positionId),
    letterDate: letter.letterDate ?? '',
    registeredAt: letter.registeredAt ? new Date(letter.registeredAt).toISOString() : '',
    senderKey: letter.senderKey ?? '',
    letterNumberKey: letter.letterNumberKey ?? '',
    letterNumber: letter.letterNumber ?? '',
    senderName: letter.senderName ?? '',
    subject: letter.subject ?? '',
  };
}

const SEP = '\u001f';
const ENTRY_SEP = '\u001e';
const ID_SEP = '\u001d';
const clean = (v: string) =>
  v.replaceAll(ID_SEP, ' ').replaceAll(ENTRY_SEP, ' ').replaceAll(SEP, ' ');

/** A row as stored: its fields (the id aside) in one string, split by the unit separator
 * (replaced by a space inside the fields, so it never splits one). */
export function packRow(r: AwaitingRow): string {
  return [
    r.urgency,
    r.receivedDate,
    String(r.agendaYear),
    r.agendaNumber === null ? '' : String(r.agendaNumber),
    r.register,
    r.classificationCode,
    r.securityClass,
    r.opened ? '1' : '',
    r.letterDate,
    r.registeredAt,
    r.senderKey,
    r.letterNumberKey,
    r.letterNumber,
    r.senderName,
    r.subject,
  ]
    .map(clean)
    .join(SEP);
}

export function unpackRow(id: string, packed: string): AwaitingRow {
  const [
    u = '',
    d = '',
    y = '0',
    n = '',
    r = '',
    c = '',
    sc = '',
    o = '',
    ld = '',
    ra = '',
    sk = '',
    nk = '',
    ln = '',
    sn = '',
    ...sj
  ] = packed.split(SEP);
  return {
    id,
    urgency: u,
    receivedDate: d,
    agendaYear: Number(y),
    agendaNumber: n === '' ? null : Number(n),
    register: r,
    classificationCode: c,
    securityClass: sc,
    opened: o === '1',
    letterDate: ld,
    registeredAt: ra,
    senderKey: sk,
    letterNumberKey: nk,
    letterNumber: ln,
    senderName: sn,
    subject: sj.join(' '),
  };
}

/** Letter id → packed row, as stored: one string (ids are hex, rows hold no record or group
 * separator: `packRow` replaces them). */
export function storeEntries(entries: Record<string, string>): string {
  return Object.entries(entries)
    .map(([id, packed]) => `${id}${ID_SEP}${packed}`)
    .join(ENTRY_SEP);
}

export function readEntries(stored: string | undefined): Record<string, string> {
  const entries: Record<string, string> = {};
  if (!stored) return entries;
  for (const record of stored.split(ENTRY_SEP)) {
    const at = record.indexOf(ID_SEP);
    if (at > 0) entries[record.slice(0, at)] = record.slice(at + 1);
  }
  return entries;
}

/** Puts each letter where it is now: its row while it waits for the position's
 * disposition, none once it does not (the queue state's rule, queue.keys.ts). */
function place(entries: Record<string, string>, letters: RowLetter[], positionId: string): void {
  for (const letter of letters) {
    const id = String(letter._id);
    if (queueCellsOf(letter, positionId).some((cell) => cell.startsWith('aw:')))
      entries[id] = packRow(rowOf(letter, positionId));
    else delete entries[id];
  }
}

async function rebuild(positionId: string, at: Date): Promise<Record<string, string>> {
  // The letters are read after the hour it is kept to has ended; a write after that read
  // touches a later hour, so nothing falls between the two.
  const throughHour = settledQueueHour(at);
  const letters = await IncomingLetterModel.find(
    { addresseeStatusKey: addresseeStatusKeyOf(positionId, 'registered') },
    ROW_FIELDS,
  ).lean<RowLetter[]>();
  const entries: Record<string, string> = {};
  place(entries, letters, positionId);
  const doc: DigestDoc = {
    _id: positionId,
    throughHour,
    entries: storeEntries(entries),
    stale: false,
    builtDay: jakartaDay(at),
    version: DIGEST_VERSION,
  };
  // Two requests finding no digest at once both rebuild it; the second insert retries as a
  // replace (lib/upsert.ts).
  await retryUpsertOnDuplicate(() =>
    AwaitingDigestModel.replaceOne({ _id: positionId }, doc, { upsert: true }),
  );
  return entries;
}

/** The letters of the position touched in the given hours. */
async function touchedIn(positionId: string, hours: number[]): Promise<RowLetter[]> {
  const read: RowLetter[] = [];
  for (let i = 0; i < hours.length; i += PARALLEL) {
    const batch = await Promise.all(
      hours
        .slice(i, i + PARALLEL)
        .map((hour) =>
          IncomingLetterModel.find(
            { queueTouchKeys: queueTouchKeyOf(positionId, hour) },
            ROW_FIELDS,
          ).lean<RowLetter[]>(),
        ),
    );
    read.push(...batch.flat());
  }
  return read;
}

const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/**
 * The rows of the letters waiting for the position's disposition, current as of `at`
 * (letter id → packed row; `unpackRow` for the fields).
 */
export async function loadAwaitingDigest(
  positionId: string,
  at: Date = now(),
): Promise<Record<string, string>> {
  const doc = await AwaitingDigestModel.findById(positionId).lean<DigestDoc>();
  const settled = settledQueueHour(at);
  if (
    !doc ||
    doc.version !== DIGEST_VERSION ||
    doc.stale ||
    doc.builtDay < jakartaDay(at) ||
    settled - doc.throughHour > MAX_GAP_HOURS
  )
    return rebuild(positionId, at);
  const entries = readEntries(doc.entries);
  const touched = await touchedIn(positionId, range(doc.throughHour + 1, queueHourOf(at)));
  place(entries, touched, positionId);
  if (settled > doc.throughHour) {
    // Kept as of the settled hour (later hours are read again next time: a letter is
    // placed, never merged, so reading it twice is harmless). Conditional, so of two reads
    // advancing it one writes, and one marked stale meanwhile is not marked fresh.
    await AwaitingDigestModel.updateOne(
      { _id: positionId, throughHour: doc.throughHour, stale: false },
      { $set: { throughHour: settled, entries: storeEntries(entries) } },
    );
  }
  return entries;
}

/** A change no touch key describes: the positions' digests are rebuilt on their next read. */
export async function markAwaitingDigestsStale(positionIds: string[]): Promise<void> {
  await Promise.all(
    [...new Set(positionIds)].map((id) =>
      AwaitingDigestModel.updateOne({ _id: id }, { $set: { stale: true } }),
    ),
  );
}

/** After a bulk load (no touch keys): every digest is rebuilt on its next read. */
export async function markAllAwaitingDigestsStale(): Promise<void> {
  await AwaitingDigestModel.updateMany({}, { $set: { stale: true } });
}

/** Each position's digest built if it has none, an older one or one of an earlier day, and
 * advanced to the settled hour otherwise (background: start-up, then every 15 minutes), so
 * a request finds it current and rarely writes it. */
export async function refreshAwaitingDigests(
  positionIds: string[],
  at: Date = now(),
): Promise<{ rebuilt: number; advanced: number }> {
  const kept = await AwaitingDigestModel.find({}, { entries: 0 }).lean<DigestDoc[]>();
  const byId = new Map(kept.map((d) => [d._id, d]));
  let rebuilt = 0;
  let advanced = 0;
  for (const positionId of new Set(positionIds)) {
    const doc = byId.get(positionId);
    if (
      doc &&
      doc.version === DIGEST_VERSION &&
      !doc.stale &&
      doc.builtDay >= jakartaDay(at) &&
      settledQueueHour(at) - doc.throughHour <= MAX_GAP_HOURS
    ) {
      if (doc.throughHour < settledQueueHour(at)) {
        await loadAwaitingDigest(positionId, at);
        advanced += 1;
      }
      continue;
    }
    await rebuild(positionId, at);
    rebuilt += 1;
  }
  return { rebuilt, advanced };
}
