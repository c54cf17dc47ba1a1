import { z } from 'zod';
import { letterSummaryJson, objectId } from './dispositions.schema.ts';
import { URGENCIES } from './state-machine.ts';

/** `GET /api/dispositions/awaiting` (contract: docs/architecture.md, "The awaiting queue"). */
export const AWAITING_SORTS = ['priority', 'newest', 'agenda'] as const;

/** Optional text of a query string: blank means absent. */
const queryText = (max: number, label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(max, `${label} paling banyak ${max} karakter.`).optional(),
  );

export const awaitingQuery = z.object({
  positionId: objectId.optional(),
  /** priority: sifat, then the deadline the sifat gives, then age (oldest first); newest:
   * day of receipt, newest first; agenda: agenda number, highest first. */
  sort: z
    .enum(AWAITING_SORTS, { message: 'Urutan harus priority, newest atau agenda.' })
    .default('priority'),
  /** One sifat or several, comma-separated: `segera,sangat_segera`. */
  urgency: z
    .string()
    .trim()
    .max(100)
    .transform((value) => [...new Set(value.split(',').map((v) => v.trim()))].filter(Boolean))
    .pipe(z.array(z.enum(URGENCIES, { message: 'Sifat harus biasa, segera atau sangat_segera.' })))
    .optional(),
  /** Part of the sender's name (case, accents and punctuation ignored). */
  sender: queryText(200, 'Pengirim'),
  /** Prefix of the kode klasifikasi: `000.1` matches `000.1` and `000.1.2`. */
  classificationCode: queryText(50, 'Kode klasifikasi'),
  /** Words within perihal, pengirim, nomor surat and nomor agenda (each must match). */
  q: queryText(200, 'Kata pencarian'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const awaitingItemJson = letterSummaryJson.extend({
  /** The position has not opened the letter yet. */
  unread: z.boolean(),
  register: z.string(),
  agendaYear: z.number().int(),
  classificationCode: z.string(),
  /** When it entered the buku agenda (ISO date-time). */
  registeredAt: z.string().nullable(),
  /** Disposition due by the sifat's default working days from the day of receipt. */
  dueDate: z.string(),
  /** `dueDate` is before today (Jakarta). */
  overdue: z.boolean(),
});

export const awaitingJson = z.object({
  items: z.array(awaitingItemJson),
  /** Letters matching the filters; exact unless `totalExact` is false. */
  total: z.number().int(),
  /** False when a text filter or the agenda order met the scan bound (2,000 letters). */
  totalExact: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  positionId: z.string(),
  sort: z.enum(AWAITING_SORTS),
  /** The whole queue per sifat, unfiltered. */
  byUrgency: z.object({
    sangat_segera: z.number().int(),
    segera: z.number().int(),
    biasa: z.number().int(),
  }),
  /** The whole queue, unfiltered (= counters.awaitingDisposition). */
  unfilteredTotal: z.number().int(),
});
