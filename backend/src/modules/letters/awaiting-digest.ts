import mongoose, { Schema } from 'mongoose';
import { now } from '../../lib/clock.ts';
import { addresseeStatusKeyOf, letterNumberKeyOf, senderKeyOf } from './letters.keys.ts';
import { IncomingLetterModel, type IncomingLetter } from './letters.model.ts';
import { queueHourOf, queueTouchKeyOf } from './queue.keys.ts';
import { settledQueueHour, type LetterQueue } from './queue-state.ts';

/**
 * What searching within a position's awaiting queue ("Perlu disposisi": `q`, `sender`,
 * `classificationCode`, the agenda order) needs of each waiting letter, kept in one document
 * per position (`letter_awaiting_digests`, `_id` = position): per letter id the folded text
 * the words are matched against, the sender key, the classification and the sort fields
 * (about 200 bytes a letter, packed in one string). A search reads this one document, filters and sorts in memory,
 * and then reads only the page's letters; before it read the whole waiting set (FerretDB
 * decodes each letter, about 0.3 ms; 1.2 s for the Sekda's 430 at 10,000 letters).
 *
 * Kept like the queue state (queue-state.ts), by the same touch keys, so no write path
 * writes it: every write that can change a waiting letter (registration, correction, read
 * marks, status changes, voiding) adds `<position>:q:<hour>` to the letter, and a search
 * re-reads the letters touched after the hour the digest is kept to (`throughHour`, one
 * equality read per hour, usually one or two) and replaces their entries. Membership comes
 * from the queue state, not the digest: an entry for a letter no longer waiting is ignored
 * (and pruned), a waiting letter without an entry is read by `_id`. Crash-safe and
 * self-repairing because the digest is only ever derived from the letters: it is rebuilt
 * from the waiting set (one read by `addresseeStatusKey`) when missing, of an older
 * `DIGEST_VERSION`, more than two weeks behind, or built on an earlier day (so a change no
 * touch key describes lasts a day at most; the start-up task rebuilds the day's digests
 * in the background, see awaiting-digest.startup.ts), and a page's letters are checked
 * again against the filter after they are read (no stale entry puts a wrong letter on a
 * page).
 */
export const DIGEST_VERSION = 3;
// 2: an entry is one packed string (`packEntry`), not an object of eight fields.
// 3: all entries in one string (`storeEntries`). FerretDB stores a type schema beside every
// field and decodes field by field: the Sekda's digest as 480 objects of eight fields was
// 261 KB of jsonb and 70-120 ms to read at load 25; as one string it is one value.

export interface DigestEntry {
  /** Folded perihal, pengirim, nomor surat (as written and as key) and `n/year`. */
  h: string;
  /** senderKey */
  s: string;
  /** classificationCode, lower case */
  c: string;
  u: string;
  d: string;
  y: number;
  n: number | null;
  r: string;
}

const digestSchema = new Schema(
  {
    _id: { type: String, required: true },
    throughHour: { type: Number, required: true },
    /** The position's waiting letters' entries, as one string (`storeEntries`). */
    entries: { type: String, default: '' },
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
  builtDay: string;
  version: number;
}

/** The letter fields an entry is made of. */
const DIGEST_FIELDS = {
  subject: 1,
  senderName: 1,
  senderKey: 1,
  letterNumber: 1,
  letterNumberKey: 1,
  classificationCode: 1,
  urgency: 1,
  receivedDate: 1,
  agendaYear: 1,
  agendaNumber: 1,
  register: 1,
} as const;
type DigestLetter = Pick<
  IncomingLetter,
  | '_id'
  | 'subject'
  | 'senderName'
  | 'senderKey'
  | 'letterNumber'
  | 'letterNumberKey'
  | 'classificationCode'
  | 'urgency'
  | 'receivedDate'
  | 'agendaYear'
  | 'agendaNumber'
  | 'register'
>;

const MAX_GAP_HOURS = 14 * 24;
const PARALLEL = 24;
/** Waiting letters without an entry read one by one (`_id`); more than this: a rebuild. */
const MAX_MISSING = 25;

export const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const jakartaDay = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The one definition of what a search within the queue matches a letter against. */
export function digestEntryOf(letter: DigestLetter): DigestEntry {
  const agenda =
    letter.agendaNumber === null || letter.agendaNumber === undefined
      ? ''
      : `${letter.agendaNumber}/${letter.agendaYear}`;
  return {
    h: [
      fold(letter.subject),
      fold(letter.senderName),
      fold(letter.letterNumber),
      letter.letterNumberKey ?? letterNumberKeyOf(letter.letterNumber),
      agenda,
    ].join('\n'),
    s: letter.senderKey ?? senderKeyOf(letter.senderName),
    c: letter.classificationCode.toLowerCase(),
    u: letter.urgency,
    d: letter.receivedDate,
    y: letter.agendaYear,
    n: letter.agendaNumber ?? null,
    r: letter.register,
  };
}

const SEP = '\u001f';

/** An entry as stored: its fields in one string, split by the unit separator (replaced by
 * a space inside the fields, so it never splits one). */
export function packEntry(e: DigestEntry): string {
  const clean = (v: string) =>
    v.replaceAll('\u001d', ' ').replaceAll('\u001e', ' ').replaceAll(SEP, ' ');
  return [e.u, e.d, String(e.y), e.n === null ? '' : String(e.n), e.r, e.s, e.c, e.h]
    .map(clean)
    .join(SEP);
}

export function unpackEntry(packed: string): DigestEntry {
  const [u = '', d = '', y = '0', n = '', r = '', s = '', c = '', ...h] = packed.split(SEP);
  return { u, d, y: Number(y), n: n === '' ? null : Number(n), r, s, c, h: h.join(' ') };
}

const ENTRY_SEP = '\u001e';
const ID_SEP = '\u001d';

/** Letter id → packed entry, as stored: one string (ids are hex, entries hold no record or
 * group separator: `packEntry` keeps only text with those replaced). */
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

/** The ids of the letters waiting for the position's disposition, from its kept queue. */
export function waitingIdsOf(queue: LetterQueue): Set<string> {
  const ids = new Set<string>();
  for (const [cell, cellIds] of Object.entries(queue.cells))
    if (cell.startsWith('aw:')) for (const id of cellIds) ids.add(id);
  return ids;
}

async function rebuild(
  positionId: string,
  at: Date,
  waiting: Set<string>,
): Promise<Record<string, string>> {
  const throughHour = settledQueueHour(at);
  const letters = await IncomingLetterModel.find(
    { addresseeStatusKey: addresseeStatusKeyOf(positionId, 'registered') },
    DIGEST_FIELDS,
  ).lean<DigestLetter[]>();
  const entries: Record<string, string> = {};
  for (const letter of letters) entries[String(letter._id)] = packEntry(digestEntryOf(letter));
  await readMissing(entries, waiting);
  const doc: DigestDoc = {
    _id: positionId,
    throughHour,
    entries: storeEntries(entries),
    builtDay: jakartaDay(at),
    version: DIGEST_VERSION,
  };
  await AwaitingDigestModel.replaceOne({ _id: positionId }, doc, { upsert: true });
  return entries;
}

/** Waiting letters the entries lack (moved by a write the touch hours did not show yet). */
async function readMissing(entries: Record<string, string>, waiting: Set<string>): Promise<void> {
  const missing = [...waiting].filter((id) => !entries[id]);
  for (let i = 0; i < missing.length; i += PARALLEL) {
    const read = await Promise.all(
      missing
        .slice(i, i + PARALLEL)
        .map((id) => IncomingLetterModel.findById(id, DIGEST_FIELDS).lean<DigestLetter>()),
    );
    for (const letter of read)
      if (letter) entries[String(letter._id)] = packEntry(digestEntryOf(letter));
  }
}

async function touchedIn(positionId: string, hours: number[]): Promise<DigestLetter[]> {
  const read: DigestLetter[] = [];
  for (let i = 0; i < hours.length; i += PARALLEL) {
    const batch = await Promise.all(
      hours
        .slice(i, i + PARALLEL)
        .map((hour) =>
          IncomingLetterModel.find(
            { queueTouchKeys: queueTouchKeyOf(positionId, hour) },
            DIGEST_FIELDS,
          ).lean<DigestLetter[]>(),
        ),
    );
    read.push(...batch.flat());
  }
  return read;
}

const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/**
 * The entries of the position's waiting letters (every letter of `waitingIdsOf(queue)`
 * has one, unless it was deleted), current as of `at`.
 */
export async function loadAwaitingDigest(
  queue: LetterQueue,
  at: Date = now(),
): Promise<Map<string, DigestEntry>> {
  const positionId = queue.positionId;
  const waiting = waitingIdsOf(queue);
  const doc = await AwaitingDigestModel.findById(positionId).lean<DigestDoc>();
  const settled = settledQueueHour(at);
  let entries = doc?.version === DIGEST_VERSION ? readEntries(doc.entries) : {};
  if (
    !doc ||
    doc.version !== DIGEST_VERSION ||
    doc.builtDay < jakartaDay(at) ||
    settled - doc.throughHour > MAX_GAP_HOURS ||
    [...waiting].filter((id) => !entries[id]).length > MAX_MISSING
  ) {
    entries = await rebuild(positionId, at, waiting);
  } else {
    const touched = await touchedIn(positionId, range(doc.throughHour + 1, queueHourOf(at)));
    for (const letter of touched) entries[String(letter._id)] = packEntry(digestEntryOf(letter));
    await readMissing(entries, waiting);
    if (settled > doc.throughHour) {
      // Kept as of the settled hour (later hours are read again next time: a letter's entry
      // is replaced, never merged, so reading it twice is harmless); letters no longer
      // waiting are pruned. Conditional, so of two searches advancing it one writes.
      for (const id of Object.keys(entries)) if (!waiting.has(id)) delete entries[id];
      await AwaitingDigestModel.updateOne(
        { _id: positionId, throughHour: doc.throughHour },
        { $set: { throughHour: settled, entries: storeEntries(entries) } },
      );
    }
  }
  const out = new Map<string, DigestEntry>();
  for (const id of waiting) {
    const entry = entries[id];
    if (entry) out.set(id, unpackEntry(entry));
  }
  return out;
}

/** Digests built on an earlier day rebuilt (background, once a day), and the positions
 * whose queues have waiting letters given one (start-up), so a search finds it current. */
export async function refreshAwaitingDigests(
  queues: LetterQueue[],
  at: Date = now(),
): Promise<{ rebuilt: number }> {
  const kept = await AwaitingDigestModel.find({}, { entries: 0 }).lean<DigestDoc[]>();
  const byId = new Map(kept.map((d) => [d._id, d]));
  let rebuilt = 0;
  for (const queue of queues) {
    const waiting = waitingIdsOf(queue);
    const doc = byId.get(queue.positionId);
    if (waiting.size === 0 && !doc) continue;
    if (doc && doc.version === DIGEST_VERSION && doc.builtDay >= jakartaDay(at)) continue;
    await rebuild(queue.positionId, at, waiting);
    rebuilt += 1;
  }
  return { rebuilt };
}
