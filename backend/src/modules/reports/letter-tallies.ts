import { IncomingLetterModel } from '../letters/letters.model.ts';
import {
  guessSenderCategory,
  INTERNAL_NOTE,
  UNRECORDED_CHANNEL,
} from '../letters/sender-category.ts';
import { deskScope } from '../outgoing/list-keys.ts';
import { OutgoingLetterModel } from '../outgoing/outgoing.model.ts';
import { storeBuiltDigest } from './kept-digest.ts';
import { incomingDayKey, LetterTallyModel, outgoingMonthKey } from './letter-tallies.model.ts';
import { mapLimit, READS_AT_ONCE } from './reports.concurrency.ts';

/**
 * The letters the reports count, read from kept digests (letter-tallies.model.ts) instead
 * of the letters themselves. FerretDB decodes every document a read returns (a letter is a
 * few kilobytes of keys, readers and text); a year of the Sekda's letters is ~10,000 of
 * them at 10,000 letters, tens of seconds. A digest is one document whose rows are packed
 * in one string (a few dozen bytes a letter, one value to decode), so a day of incoming
 * letters or a month of outgoing ones costs one `_id` read once built.
 *
 * Exact, not estimated: a row holds what reports.letters.ts counts by, computed the way it
 * counted from the letters (the same fallbacks for letters the start-up backfills have not
 * reached), and everything the period decides (signed within it) is still checked at read
 * time. A digest is built from its letters (one equality read, as before) the first time
 * it is needed and again after any write to one of them (`gen` moved on): past days are
 * built once, so data of older versions gets its digests on first use.
 */
export const LETTER_TALLY_VERSION = 1;

export interface IncomingTallyRow {
  register: string;
  senderCategory: string;
  /** Top code of the classification (reports.letters.ts `topCodeOf`). */
  classTop: string;
  securityClass: string;
  channel: string;
  addresseePositionId: string;
}

export interface OutgoingTallyRow {
  signedAt: Date;
  classTop: string;
  securityClass: string;
  drafterUnitId: string;
  /** The recipients' categories, each once. */
  recipientKinds: string[];
  /** The ways it was sent (sent, not copies), each once; empty: not sent yet. */
  methods: string[];
}

/** The top code of a classification (`000.1.2.3` → `000`, `KP.07.6` → `KP`). */
export function topCodeOf(code: string): string {
  return (code.split('.')[0] ?? code).trim() || '-';
}

interface IncomingLetterFields {
  register: string;
  status: string;
  senderName: string;
  notes?: string;
  senderCategory?: string | null;
  channel?: string | null;
  classificationCode: string;
  securityClass: string;
  addresseePositionId: unknown;
}

interface OutgoingLetterFields {
  signedAt: Date | null;
  securityClass: string;
  classificationCode: string;
  drafter: { unitId: unknown };
  recipients?: Array<{ type: string; label: string }>;
  dispatches?: Array<{ method: string; type: string; status: string }>;
}

type InPacked = [string, string, string, string, string, string];
type OutPacked = [number, string, string, string, string[], string[]];

function incomingRowOf(letter: IncomingLetterFields): InPacked {
  return [
    letter.register,
    // Stored at registration; a letter the start-up backfill has not reached yet counts
    // by the same guess the backfill will store.
    letter.senderCategory ?? guessSenderCategory(letter.senderName, letter.notes),
    topCodeOf(letter.classificationCode),
    letter.securityClass,
    letter.channel ??
      ((letter.notes ?? '').startsWith(INTERNAL_NOTE) ? 'lontar' : UNRECORDED_CHANNEL),
    String(letter.addresseePositionId),
  ];
}

function outgoingRowOf(letter: OutgoingLetterFields): OutPacked {
  // Internal recipients are this government's own units; external ones by their name
  // (outgoing letters keep no category of their own).
  const kinds = new Set(
    (letter.recipients ?? []).map((r) =>
      r.type === 'internal' ? 'perangkat-daerah' : guessSenderCategory(r.label),
    ),
  );
  // A letter sent several ways counts once per way (a letter to three recipients by
  // courier counts once for Kurir).
  const methods = new Set(
    (letter.dispatches ?? [])
      .filter((d) => d.status === 'sent' && d.type !== 'copy')
      .map((d) => d.method),
  );
  return [
    letter.signedAt ? new Date(letter.signedAt).getTime() : 0,
    topCodeOf(letter.classificationCode),
    letter.securityClass,
    String(letter.drafter.unitId),
    [...kinds],
    [...methods],
  ];
}

interface DigestDoc {
  _id: string;
  gen?: number;
  builtGen?: number;
  version?: number;
  data?: string;
}

/** One digest's packed rows: kept when current, else built from its letters and kept. */
async function digestRows<T>(key: string, build: () => Promise<T[]>): Promise<T[]> {
  const digest = await LetterTallyModel.findById(key).lean<DigestDoc>();
  const gen = digest?.gen ?? 0;
  if (
    digest &&
    digest.version === LETTER_TALLY_VERSION &&
    digest.builtGen === gen &&
    typeof digest.data === 'string' &&
    digest.data !== ''
  )
    return JSON.parse(digest.data) as T[];
  // `gen` was read before the letters: a write after this point moves it past `builtGen`,
  // so a digest missing that write is never used.
  const rows = await build();
  const data = JSON.stringify(rows);
  await storeBuiltDigest(LetterTallyModel, key, {
    builtGen: gen,
    version: LETTER_TALLY_VERSION,
    data,
  });
  return rows;
}

/** The incoming letters received on the days (registered, not void), a few days at once. */
export async function incomingTallyRows(days: string[]): Promise<IncomingTallyRow[]> {
  const perDay = await mapLimit(days, READS_AT_ONCE, (day) =>
    digestRows<InPacked>(incomingDayKey(day), async () =>
      (
        await IncomingLetterModel.find(
          { receivedDate: day },
          {
            register: 1,
            status: 1,
            senderName: 1,
            notes: 1,
            senderCategory: 1,
            channel: 1,
            classificationCode: 1,
            securityClass: 1,
            addresseePositionId: 1,
          },
        ).lean<IncomingLetterFields[]>()
      )
        .filter((l) => l.status !== 'pending' && l.status !== 'void')
        .map(incomingRowOf),
    ),
  );
  return perDay.flat().map(([register, senderCategory, classTop, securityClass, channel, pos]) => ({
    register,
    senderCategory,
    classTop,
    securityClass,
    channel,
    addresseePositionId: pos,
  }));
}

/** The outgoing letters signed in the Jakarta months (`YYYY-MM`), by the outgoing
 * register's `d:SR:<month>` key: every signed letter carries it, whatever its class. */
export async function outgoingTallyRows(months: string[]): Promise<OutgoingTallyRow[]> {
  const perMonth = await mapLimit(months, READS_AT_ONCE, (month) =>
    digestRows<OutPacked>(outgoingMonthKey(month), async () =>
      (
        await OutgoingLetterModel.find(
          { registerKeys: `${deskScope('SR')}:${month}` },
          {
            signedAt: 1,
            securityClass: 1,
            classificationCode: 1,
            drafter: 1,
            recipients: 1,
            dispatches: 1,
          },
        ).lean<OutgoingLetterFields[]>()
      ).map(outgoingRowOf),
    ),
  );
  return perMonth
    .flat()
    .map(([signedAt, classTop, securityClass, drafterUnitId, recipientKinds, methods]) => ({
      signedAt: new Date(signedAt),
      classTop,
      securityClass,
      drafterUnitId,
      recipientKinds,
      methods,
    }));
}
