import type { LocationQuery, LocationQueryRaw, RouteLocationRaw } from 'vue-router';
import type { SearchDirection, SearchHit, SearchQuery } from '@/api/search.ts';
import { SECURITY_CLASSES, type SecurityClass } from '@/api/types.ts';

/**
 * The search screen's state lives in the URL, so a result list can be shared, bookmarked and
 * reached again with the back button. This module is the one translation between the three
 * shapes: the URL query (Indonesian keys), the screen state, and the API query.
 *
 *   /pencarian?q=rapat&dari=2026-01-01&sampai=2026-03-31&tanggal=diterima&jenis=masuk
 *             &buku=SETDA&klasifikasi=000.1&pengirim=dinas&keamanan=T&status=done&halaman=2&per=50
 */

export interface SearchState {
  q: string;
  from: string;
  to: string;
  /** Which date from/to bound: '' the letter's own, 'received' when it came in. */
  dateField: '' | 'received';
  direction: '' | SearchDirection;
  /** Buku agenda code ('' every register). */
  register: string;
  classification: string;
  sender: string;
  securityClass: '' | SecurityClass;
  status: string;
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [10, 20, 50] as const;
export const DEFAULT_PAGE_SIZE = 20;
/** The API pages up to 500 (deep pages of a relevance list are never useful). */
export const MAX_PAGE = 500;
const MAX_TEXT = 500;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const CLASSIFICATION_CODE = /^[0-9]{3}(\.[0-9]+)*$/;
const REGISTER_CODE = /^[A-Z0-9.-]{2,20}$/;
const DIRECTION_IN_URL: Record<SearchDirection, string> = {
  incoming: 'masuk',
  outgoing: 'keluar',
  meeting: 'rapat',
};

export function emptySearchState(): SearchState {
  return {
    q: '',
    from: '',
    to: '',
    dateField: '',
    direction: '',
    register: '',
    classification: '',
    sender: '',
    securityClass: '',
    status: '',
    page: 1,
    pageSize: DEFAULT_PAGE_SIZE,
  };
}

function first(value: LocationQuery[string] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  return typeof raw === 'string' ? raw.slice(0, MAX_TEXT) : '';
}

function validDate(value: string): string {
  if (!ISO_DATE.test(value)) return '';
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : '';
}

function positiveInt(value: string, fallback: number, max: number): number {
  if (!/^\d{1,6}$/.test(value)) return fallback;
  const number = Number(value);
  return number >= 1 ? Math.min(number, max) : fallback;
}

/** Reads a URL query; anything malformed (hand-edited or an old link) falls back to empty
 * rather than sending the server a request it will refuse. */
export function fromRouteQuery(query: LocationQuery): SearchState {
  const direction = first(query.jenis);
  const security = first(query.keamanan).toUpperCase();
  const pageSize = positiveInt(first(query.per), DEFAULT_PAGE_SIZE, 100);
  return {
    q: first(query.q).trim(),
    from: validDate(first(query.dari)),
    to: validDate(first(query.sampai)),
    dateField: first(query.tanggal) === 'diterima' ? 'received' : '',
    register: REGISTER_CODE.test(first(query.buku)) ? first(query.buku) : '',
    direction:
      direction === 'masuk'
        ? 'incoming'
        : direction === 'keluar'
          ? 'outgoing'
          : direction === 'rapat'
            ? 'meeting'
            : '',
    classification: first(query.klasifikasi).trim(),
    sender: first(query.pengirim).trim(),
    securityClass: (SECURITY_CLASSES as readonly string[]).includes(security)
      ? (security as SecurityClass)
      : '',
    status: first(query.status).trim().slice(0, 40),
    page: positiveInt(first(query.halaman), 1, MAX_PAGE),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** The URL query for a state: empty fields and defaults are left out, so links stay short
 * and two equal searches have equal URLs. */
export function toRouteQuery(state: SearchState): LocationQueryRaw {
  const query: Record<string, string> = {};
  const q = state.q.trim();
  if (q) query.q = q;
  if (state.from) query.dari = state.from;
  if (state.to) query.sampai = state.to;
  if (state.dateField && (state.from || state.to)) query.tanggal = 'diterima';
  if (state.direction) query.jenis = DIRECTION_IN_URL[state.direction];
  if (state.register) query.buku = state.register;
  if (state.classification.trim()) query.klasifikasi = state.classification.trim();
  if (state.sender.trim()) query.pengirim = state.sender.trim();
  if (state.securityClass) query.keamanan = state.securityClass;
  if (state.status) query.status = state.status;
  if (state.page > 1) query.halaman = String(state.page);
  if (state.pageSize !== DEFAULT_PAGE_SIZE) query.per = String(state.pageSize);
  return query;
}

/** A stable identity for a search (same criteria and page → same key). */
export function searchKey(state: SearchState): string {
  const query = toRouteQuery(state) as Record<string, string>;
  return Object.keys(query)
    .sort()
    .map((key) => `${key}=${query[key]}`)
    .join('&');
}

/** What the filters ask that the server would refuse; the screen shows these beside the
 * fields instead of sending the request. Keys are field names of SearchState. */
export function validateState(
  state: SearchState,
  messages: { classification: string; sender: string; dateOrder: string },
): Record<string, string> {
  const errors: Record<string, string> = {};
  const code = state.classification.trim();
  if (code && !CLASSIFICATION_CODE.test(code)) errors.classification = messages.classification;
  const sender = state.sender.trim();
  if (sender && sender.length < 2) errors.sender = messages.sender;
  if (state.from && state.to && state.from > state.to) errors.from = messages.dateOrder;
  return errors;
}

/** The API query: only valid, non-empty criteria (an invalid filter is dropped, not sent). */
export function toApiQuery(state: SearchState): SearchQuery {
  const query: SearchQuery = { page: state.page, pageSize: state.pageSize };
  const q = state.q.trim();
  if (q) query.q = q;
  if (state.from) query.from = state.from;
  if (state.to) query.to = state.to;
  if (state.from && state.to && state.from > state.to) {
    delete query.from;
    delete query.to;
  }
  if (state.dateField === 'received' && (query.from || query.to)) query.dateField = 'received';
  if (state.direction) query.direction = state.direction;
  if (state.register) query.register = state.register;
  const code = state.classification.trim();
  if (code && CLASSIFICATION_CODE.test(code)) query.classification = code;
  const sender = state.sender.trim();
  if (sender.length >= 2) query.sender = sender.slice(0, 200);
  if (state.securityClass) query.securityClass = state.securityClass;
  if (state.status) query.status = state.status;
  return query;
}

/** Filters in use (the query box not counted), for the "Saring (2)" badge. */
export function activeFilterCount(state: SearchState): number {
  return [
    state.from,
    state.to,
    state.direction,
    state.register,
    state.classification.trim(),
    state.sender.trim(),
    state.securityClass,
    state.status,
  ].filter(Boolean).length;
}

/** Whether there is anything to search for: an empty screen shows help, not every letter. */
export function hasCriteria(state: SearchState): boolean {
  return state.q.trim() !== '' || activeFilterCount(state) > 0;
}

/** Where a hit opens: the letter's page, at the scan and page where the words were found. */
export function hitLocation(
  hit: Pick<SearchHit, 'letterId' | 'direction' | 'fileId' | 'page'>,
  searched = '',
): RouteLocationRaw {
  // A meeting opens at the scan the words were found in (its page marks it).
  if (hit.direction === 'meeting') {
    const query: Record<string, string> = {};
    if (hit.fileId) {
      query.berkas = hit.fileId;
      if (hit.page) query.halaman = String(hit.page);
    }
    return { name: 'meeting-detail', params: { id: hit.letterId }, query };
  }
  if (hit.direction === 'outgoing')
    return { name: 'outgoing-detail', params: { id: hit.letterId } };
  const query: Record<string, string> = {};
  if (hit.fileId) {
    query.berkas = hit.fileId;
    if (hit.page) query.halaman = String(hit.page);
    // The words that found it, for the viewer's highlight on the page image.
    if (searched.trim()) query.q = searched.trim();
  }
  return { name: 'incoming-detail', params: { id: hit.letterId }, query };
}

/** Status choices: incoming letters carry their status code, signed outgoing letters the
 * label the outgoing module publishes. */
export const INCOMING_STATUS_VALUES = ['registered', 'in_progress', 'done', 'void'] as const;
export const OUTGOING_STATUS_VALUES = ['Ditandatangani', 'Terkirim'] as const;

export function statusValuesFor(direction: SearchState['direction']): string[] {
  if (direction === 'incoming') return [...INCOMING_STATUS_VALUES];
  if (direction === 'outgoing') return [...OUTGOING_STATUS_VALUES];
  // Meetings carry no letter status.
  if (direction === 'meeting') return [];
  return [...INCOMING_STATUS_VALUES, ...OUTGOING_STATUS_VALUES];
}
