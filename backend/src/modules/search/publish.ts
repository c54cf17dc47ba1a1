import type { SecurityClass } from '../../http/actor.ts';
import { now } from '../../lib/clock.ts';
import { SearchCounterModel, SearchEventModel, seqBucketOf } from './search-event.model.ts';
import { isDuplicateKey } from '../../lib/upsert.ts';

/**
 * The one way other modules feed the search index. Each call appends an event to
 * `search_events`; every API replica replays the log into its own local index (see
 * indexer.ts), and the calling process applies it at once so its own writes are
 * searchable immediately. Calls are idempotent: publishing the same state twice is harmless,
 * and the latest event for a letter, page or note wins.
 */

/** Who may open the record. Mirrors the letter's own access rule (search.policy.ts). */
export interface SearchAcl {
  securityClass: SecurityClass;
  /** Units the letter is addressed to or disposed to (their members may open it). */
  unitIds: string[];
  /** Positions in the letter's chain (addressee, disposition recipients, tembusan). */
  positionIds: string[];
  /** Users who may open the record as its owner (a meeting's creator: `meeting.view` own). */
  ownerUserIds?: string[];
}

/** What a search record is: a letter (by direction) or a coordination meeting, whose
 * `letterId` is the meeting's id (pages of its scans are indexed under it too). */
export type SearchKind = 'incoming' | 'outgoing' | 'meeting';

export interface SearchDocumentInput {
  kind: SearchKind;
  letterId: string;
  agendaNumber?: string | number | null;
  letterNumber?: string | null;
  subject?: string | null;
  /** Pengirim (incoming). */
  senderName?: string | null;
  /** Tujuan (outgoing) or the addressee (incoming). */
  recipientName?: string | null;
  /** Isi ringkas. */
  summary?: string | null;
  /** Tanggal surat: YYYY-MM-DD or a Date (read as its Asia/Jakarta calendar day). */
  date?: Date | string | null;
  /** Tanggal diterima (incoming), same forms as `date`. */
  receivedDate?: Date | string | null;
  /** Buku agenda code (incoming letters registered in a register). */
  register?: string | null;
  /** Kode klasifikasi arsip, e.g. 800.1.11.1. */
  classificationCode?: string | null;
  /** The letter's workflow status, for the status filter. */
  status?: string | null;
  acl: SearchAcl;
}

export type SearchEventInput =
  | { type: 'doc'; letterId: string; doc: StoredSearchDocument }
  | { type: 'doc-remove'; letterId: string }
  | { type: 'page'; letterId: string; fileId: string; page: number; text: string }
  | { type: 'file-truncate'; fileId: string; page: number }
  | { type: 'file-remove'; fileId: string }
  | { type: 'note'; letterId: string; noteId: string; text: string }
  | { type: 'note-remove'; noteId: string };

export type AppliedSearchEvent = SearchEventInput & { seq: number };

/** The document as stored in the event (dates as ISO strings, numbers as strings). */
export interface StoredSearchDocument {
  kind: SearchKind;
  agendaNumber: string | null;
  letterNumber: string | null;
  subject: string | null;
  senderName: string | null;
  recipientName: string | null;
  summary: string | null;
  date: string | null;
  /** Absent in events written before 2026-12-07: the engine falls back to `date`. */
  receivedDate?: string | null;
  /** Absent in older events: the engine counts them in the default register. */
  register?: string | null;
  classificationCode: string | null;
  status: string | null;
  securityClass: SecurityClass;
  unitIds: string[];
  positionIds: string[];
  /** Meetings only: their creator (principal `o:<userId>`). */
  ownerUserIds?: string[];
}

type Listener = (event: AppliedSearchEvent) => Promise<void>;
const listeners = new Set<Listener>();

/** Used by the local index of this process to catch up at once after its own writes. */
export function onLocalSearchEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const SEARCH_SEQUENCE = 'search_events';

/** The highest committed seq the hint knows (0 for an empty log). */
export async function searchSequenceHint(): Promise<number> {
  const counter = await SearchCounterModel.findById(SEARCH_SEQUENCE).lean<{ value: number }>();
  return counter?.value ?? 0;
}

/** Raises the hint to `seq` (never lowers it). A hint: a crash before it is raised only makes
 * the next writer try a taken seq first. */
export async function raiseSequenceHint(seq: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await SearchCounterModel.updateOne(
        { _id: SEARCH_SEQUENCE },
        { $max: { value: seq } },
        { upsert: true },
      );
      return;
    } catch (error) {
      // Two processes creating the hint at the same moment: the loser raises it again.
      if (!isDuplicateKey(error) || attempt >= 3) throw error;
    }
  }
}

/**
 * Appends an event under the next free seq. The insert itself is the claim: a writer tries
 * hint+1, hint+2, … until the unique index on `seq` accepts its event. A seq refused by the
 * index belongs to an event already committed, and the hint only ever holds committed seqs,
 * so when seq n is committed every seq below it is committed too: the log has no holes for
 * a reader to wait on or skip (a counter taken before the insert left one whenever its
 * writer was slow or died in between).
 */
async function append(event: SearchEventInput): Promise<void> {
  let seq = (await searchSequenceHint()) + 1;
  for (let attempt = 0; ; attempt++) {
    try {
      await SearchEventModel.create({
        ...event,
        seq,
        seqBucket: seqBucketOf(seq),
        createdAt: now(),
      });
      break;
    } catch (error) {
      if (!isDuplicateKey(error) || attempt >= 10_000) throw error;
      seq += 1;
    }
  }
  await raiseSequenceHint(seq);
  await Promise.all([...listeners].map((listener) => listener({ ...event, seq })));
}

function toText(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/** Letter dates are calendar dates: kept as YYYY-MM-DD in Asia/Jakarta, so a Date stored at
 * local midnight (17.00 UTC the day before) still files under the right day. */
function toCalendarDate(value: Date | string | null | undefined): string | null {
  if (!value) return null;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Jakarta',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** Creates or replaces the searchable metadata of a letter (and its access rule). */
export async function publishSearchDocument(input: SearchDocumentInput): Promise<void> {
  const doc: StoredSearchDocument = {
    kind: input.kind,
    agendaNumber: toText(input.agendaNumber),
    letterNumber: toText(input.letterNumber),
    subject: toText(input.subject),
    senderName: toText(input.senderName),
    recipientName: toText(input.recipientName),
    summary: toText(input.summary),
    date: toCalendarDate(input.date),
    receivedDate: toCalendarDate(input.receivedDate),
    register: toText(input.register),
    classificationCode: toText(input.classificationCode),
    status: toText(input.status),
    securityClass: input.acl.securityClass,
    unitIds: [...new Set(input.acl.unitIds.map(String))],
    positionIds: [...new Set(input.acl.positionIds.map(String))],
    ...(input.acl.ownerUserIds?.length
      ? { ownerUserIds: [...new Set(input.acl.ownerUserIds.map(String))] }
      : {}),
  };
  await append({ type: 'doc', letterId: String(input.letterId), doc });
}

/** Removes a letter and everything indexed under it (pages, notes). */
export async function removeSearchDocument(letterId: string): Promise<void> {
  await append({ type: 'doc-remove', letterId: String(letterId) });
}

/** The recognised (or corrected) text of one page (1-based) of a letter's file. */
export async function publishPageText(
  fileId: string,
  letterId: string,
  page: number,
  text: string,
): Promise<void> {
  await append({ type: 'page', letterId: String(letterId), fileId: String(fileId), page, text });
}

/** Drops pages after `pageCount` of a file (a re-OCR found fewer pages). */
export async function truncateFilePages(fileId: string, pageCount: number): Promise<void> {
  await append({ type: 'file-truncate', fileId: String(fileId), page: pageCount });
}

/** Drops every page of a file (the file was removed from its letter). */
export async function removeFileText(fileId: string): Promise<void> {
  await append({ type: 'file-remove', fileId: String(fileId) });
}

/** A disposition note (catatan) or a follow-up report (laporan tindak lanjut) of a letter. */
export async function publishNoteText(
  letterId: string,
  noteId: string,
  text: string,
): Promise<void> {
  await append({ type: 'note', letterId: String(letterId), noteId: String(noteId), text });
}

export async function removeNoteText(noteId: string): Promise<void> {
  await append({ type: 'note-remove', noteId: String(noteId) });
}
