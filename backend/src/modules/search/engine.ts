import type { SecurityClass } from '../../http/actor.ts';
import type { ParsedQuery } from './analysis.ts';
import type { AppliedSearchEvent } from './publish.ts';

/** What the search service needs from an index. The SQLite FTS5 engine implements it; a
 * dedicated search cluster (OpenSearch, Meilisearch) could replace it behind the same shape. */
export interface SearchEngine {
  /** Applies events in sequence order; idempotent (an event at or below a record's seq is ignored). */
  applyBatch(events: AppliedSearchEvent[]): void;
  search(query: SearchQuery, scope: SearchScope): SearchPage;
  /** The parsed query with its prefixes expanded as search() expands them (for highlights). */
  parse(text: string): ParsedQuery;
  /** The highest event seq applied (the replay cursor). */
  cursor(): number;
  setCursor(seq: number): void;
  meta(key: string): string | null;
  setMeta(key: string, value: string): void;
  /** Compacts the index after a bulk load. */
  optimize(): void;
  /** Drops everything (before a rebuild). */
  reset(): void;
  stats(): { documents: number; segments: number };
  close(): void;
}

export interface SearchQuery {
  text?: string;
  /** Inclusive ISO dates, of the letter (tanggal surat) or of its receipt (`dateField`). */
  from?: string;
  to?: string;
  /** Which date from/to bound: the letter's own (default) or when it was received (a letter
   * indexed without one falls back to its letter date). */
  dateField?: 'letter' | 'received';
  /** Buku agenda code. */
  register?: string;
  /** The register filtered on is the default one: letters indexed without a register
   * (published before registers were indexed) count as in it. */
  registerIsDefault?: boolean;
  direction?: 'incoming' | 'outgoing' | 'meeting';
  /** Classification code prefix in the hierarchical sense: 800 matches 800.1.11.1. */
  classification?: string;
  sender?: string;
  unitId?: string;
  securityClass?: SecurityClass;
  status?: string;
  page: number;
  pageSize: number;
}

/** Who is searching, reduced to what the index filters on (search.policy.ts builds it). */
export interface SearchScope {
  /** Records at or below this security rank (B=0 … SR=3) are open to the user without being in
   * their chain (desk, archive); -1 for none. Records in their chain are open up to chainRank. */
  openRank: number;
  /** `p:<positionId>` and `u:<unitId>` the user holds. */
  principals: string[];
  /** Records of the user's chain are open up to this rank (their clearance); 3 when absent. */
  chainRank?: number;
  /** Who may find meetings (`meeting.view`), in the same terms: principals are `p:` (chair,
   * invited, responsible), `u:` (the units on their paths) and `o:` (the creator). Absent:
   * no meeting is found. */
  meeting?: { openRank: number; principals: string[]; chainRank: number };
}

export interface SearchHit {
  /** The letter's id, or the meeting's for `direction: 'meeting'`. */
  letterId: string;
  direction: 'incoming' | 'outgoing' | 'meeting';
  agendaNumber: string | null;
  letterNumber: string | null;
  subject: string | null;
  senderName: string | null;
  recipientName: string | null;
  date: string | null;
  classificationCode: string | null;
  securityClass: SecurityClass;
  status: string | null;
  /** HTML: escaped text with <mark> around the matched words. */
  snippet: string;
  /** 1-based page of the best matching OCR page, when the hit is in a scan. */
  page: number | null;
  fileId: string | null;
  /** Where the snippet comes from: the record's own fields, a note (a disposition note, a
   * meeting's drafted minutes) or a page of a scan; null without a text query. */
  matched: 'record' | 'note' | 'page' | null;
  /** The note's id when `matched` is 'note'. */
  noteId: string | null;
  score: number;
}

export interface SearchPage {
  total: number;
  items: SearchHit[];
  /** "Maksud Anda": a corrected query that finds more letters the user may open. */
  suggestion?: { text: string; total: number; capped: boolean };
  /** The typed query found nothing and these are the results of `to` instead. */
  corrected?: { from: string; to: string };
}
