import { z } from 'zod';
import { isCalendarDate } from '../calendar/dates.ts';
import { storedFileSchema } from '../files/files.presenter.ts';
import { LETTER_STATUSES } from '../letters/letters.model.ts';
import { DISPOSITION_STATUSES, RECIPIENT_ROLES, URGENCIES } from './state-machine.ts';

export const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'ID tidak valid');
export const idParams = z.object({ id: objectId });

/** Body of POST /api/incoming-letters/:id/dispositions and POST /api/dispositions/:id/forward. */
export const dispatchBody = z
  .object({
    recipients: z
      .array(z.object({ positionId: objectId, role: z.enum(RECIPIENT_ROLES) }).strict())
      .min(1, 'Pilih sedikitnya satu penerima disposisi.')
      .max(30, 'Paling banyak 30 penerima sekali kirim.'),
    instructions: z
      .array(z.string().trim().min(1).max(200))
      .min(1, 'Pilih sedikitnya satu instruksi.')
      .max(20),
    note: z.string().trim().max(2000, 'Catatan paling banyak 2.000 karakter.').nullish(),
    dueDate: z.string().refine(isCalendarDate, 'Batas waktu harus berformat TTTT-BB-HH.').nullish(),
    urgency: z.enum(URGENCIES).nullish(),
  })
  .strict();

export const returnBody = z
  .object({
    reason: z
      .string()
      .trim()
      .min(5, 'Tuliskan alasan pengembalian (minimal 5 karakter).')
      .max(1000),
  })
  .strict();

/** The `data` part of POST /api/dispositions/:id/reports (multipart). */
export const reportData = z
  .object({
    text: z
      .string()
      .trim()
      .min(3, 'Isi laporan tindak lanjut minimal 3 karakter.')
      .max(10_000, 'Laporan paling banyak 10.000 karakter.'),
    forwardReportIds: z.array(objectId).max(50).optional(),
  })
  .strict();

export const INBOX_FILTERS = [
  'all',
  'unread',
  'not_followed_up',
  'in_progress',
  'overdue',
  'done',
  'sent',
  'closed',
] as const;
/** A list of values in one query parameter: `segera,sangat_segera`. */
const csvOf = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(200)
    .transform((value) => [...new Set(value.split(',').map((v) => v.trim()))])
    .pipe(z.array(z.enum(values, { message })).min(1));

export const INBOX_SORTS = ['priority', 'deadline', 'newest'] as const;
export const inboxQuery = z.object({
  positionId: objectId.optional(),
  status: z.enum(INBOX_FILTERS).default('all'),
  /** Open tabs: `priority` (default: sifat, deadline, age) or `deadline`; the histories are
   * newest first (`newest`, their only order). */
  sort: z.enum(INBOX_SORTS, { message: 'Urutan tidak dikenal.' }).optional(),
  q: z.string().trim().max(200).optional(),
  urgency: csvOf(URGENCIES, 'Sifat tidak dikenal.').optional(),
  /** Part of the sender's name (case, accents and punctuation ignored). */
  sender: z.string().trim().min(1).max(200).optional(),
  /** Prefix of the kode klasifikasi: `000.1` matches `000.1` and `000.1.2`. */
  classificationCode: z.string().trim().min(1).max(50).optional(),
  /** Disposition statuses within the tab. */
  dispositionStatus: csvOf(DISPOSITION_STATUSES, 'Status tidak dikenal.').optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type InboxQuery = z.infer<typeof inboxQuery>;

const actorJson = z.object({
  positionId: z.string(),
  positionTitle: z.string(),
  /** "Plh. Kepala Biro Umum" while acting. */
  signedTitle: z.string(),
  unitId: z.string(),
  userName: z.string().nullable(),
  acting: z.enum(['plt', 'plh']).nullable(),
});

export const dispositionJson = z.object({
  id: z.string(),
  letterId: z.string(),
  parentId: z.string().nullable(),
  batchId: z.string(),
  depth: z.number().int(),
  from: actorJson,
  to: z.object({
    positionId: z.string(),
    positionTitle: z.string(),
    unitId: z.string(),
    unitName: z.string(),
  }),
  role: z.enum(RECIPIENT_ROLES),
  instructions: z.array(z.string()),
  note: z.string().nullable(),
  urgency: z.enum(URGENCIES),
  dueDate: z.string(),
  status: z.enum(DISPOSITION_STATUSES),
  version: z.number().int(),
  sentAt: z.string(),
  readAt: z.string().nullable(),
  readByName: z.string().nullable(),
  processingAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: actorJson.nullable(),
  reason: z.string().nullable(),
  reportCount: z.number().int(),
  childCount: z.number().int(),
  overdue: z.boolean(),
  /** Calendar days past the deadline while open (0 otherwise). */
  daysLate: z.number().int(),
});
export type DispositionJson = z.infer<typeof dispositionJson>;

export const letterSummaryJson = z.object({
  id: z.string(),
  agendaNumber: z.number().int().nullable(),
  letterNumber: z.string(),
  subject: z.string(),
  senderName: z.string(),
  letterDate: z.string(),
  receivedDate: z.string(),
  urgency: z.enum(URGENCIES),
  securityClass: z.enum(['B', 'T', 'R', 'SR']),
  status: z.enum(LETTER_STATUSES),
  addresseePositionId: z.string(),
  /** 'meeting': the node is a decision of a meeting's minutes and `id` is the meeting's. */
  source: z.enum(['letter', 'meeting']),
});
export type LetterSummaryJson = z.infer<typeof letterSummaryJson>;

export const reportJson = z.object({
  id: z.string(),
  dispositionId: z.string(),
  author: z.object({
    positionId: z.string(),
    positionTitle: z.string(),
    signedTitle: z.string(),
    name: z.string(),
    acting: z.enum(['plt', 'plh']).nullable(),
  }),
  text: z.string(),
  files: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      size: z.number(),
      mimeType: z.string(),
      contentUrl: z.string(),
    }),
  ),
  forwardedReportIds: z.array(z.string()),
  createdAt: z.string(),
});
export type ReportJson = z.infer<typeof reportJson>;

export const countersJson = z.object({
  /** Letters addressed to the position still waiting for its disposition. */
  awaitingDisposition: z.number().int(),
  unreadLetters: z.number().int(),
  unreadDispositions: z.number().int(),
  notFollowedUp: z.number().int(),
  inProgress: z.number().int(),
  overdue: z.number().int(),
  done: z.number().int(),
  tembusan: z.number().int(),
});
export type CountersJson = z.infer<typeof countersJson>;

export const inboxJson = z.object({
  items: z.array(dispositionJson.extend({ letter: letterSummaryJson.nullable() })),
  total: z.number().int(),
  /** False when a filter no key serves stopped at its scan bound: `total` is an estimate. */
  totalExact: z.boolean(),
  sort: z.enum(INBOX_SORTS),
  page: z.number().int(),
  pageSize: z.number().int(),
  positionId: z.string(),
  counters: countersJson,
});

export const permissionsJson = z.object({
  canForward: z.boolean(),
  canReport: z.boolean(),
  canComplete: z.boolean(),
  canCancel: z.boolean(),
  canReturn: z.boolean(),
});

export const detailJson = z.object({
  disposition: dispositionJson,
  letter: letterSummaryJson.extend({ files: z.array(storedFileSchema) }),
  reports: z.array(reportJson),
  /** Reports from this node's children the recipient may carry up with their own. */
  childReports: z.array(reportJson),
  children: z.array(dispositionJson),
  parent: dispositionJson.nullable(),
  permissions: permissionsJson,
});
