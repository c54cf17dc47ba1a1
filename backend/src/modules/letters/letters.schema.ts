import { z } from 'zod';
import { invitationEventSchema } from '../agenda/agenda.schema.ts';
import { LETTER_KINDS, URGENCIES } from './letters.model.ts';
import { CLERK_CHANNELS, SENDER_CATEGORY_KEYS } from './sender-category.ts';

const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'ID tidak valid');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus berformat TTTT-BB-HH')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'Tanggal tidak valid',
  );
const text = (max: number) => z.string().trim().max(max, `Paling banyak ${max} karakter`);
const required = (max: number, label: string) => text(max).min(1, `${label} wajib diisi`);

export const securityClassSchema = z.enum(['B', 'T', 'R', 'SR']);
export const urgencySchema = z.enum(URGENCIES);
export const senderCategorySchema = z.enum(SENDER_CATEGORY_KEYS, {
  error: 'Asal pengirim tidak dikenal. Pilih dari daftar asal pengirim.',
});
/** What a clerk may choose; `lontar` and `tidak-tercatat` are set by the system only. */
export const channelSchema = z.enum(CLERK_CHANNELS, {
  error: 'Saluran penerimaan tidak dikenal. Pilih dari daftar saluran penerimaan.',
});

/** The `data` part of POST /api/incoming-letters (and the body of a correction). */
const registrationFields = z
  .object({
    senderName: required(300, 'Pengirim'),
    /** Omitted (API clients, imports): the address book's category, else the name's guess. */
    senderCategory: senderCategorySchema.optional(),
    /** Omitted: recorded as 'tidak-tercatat' (the desk's form always sends it). */
    channel: channelSchema.optional(),
    letterNumber: required(150, 'Nomor surat'),
    letterDate: isoDate,
    receivedDate: isoDate.optional(),
    subject: required(1000, 'Perihal'),
    summary: text(5000).optional(),
    attachmentCount: z.number().int().min(0).max(10_000).optional(),
    attachmentDescription: text(300).optional(),
    classificationCode: required(40, 'Kode klasifikasi'),
    securityClass: securityClassSchema,
    urgency: urgencySchema,
    kind: z.enum(LETTER_KINDS).optional(),
    register: text(40).optional(),
    addresseePositionId: objectId.optional(),
    copyPositionIds: z.array(objectId).max(50).optional(),
    notes: text(1000).optional(),
    confirmDuplicate: z.boolean().optional(),
    /** The event of a Surat Undangan, as the clerk confirmed it: it becomes an entry on the
     * addressee's agenda (modules/agenda). */
    event: invitationEventSchema.optional(),
  })
  .strict();
export const registrationDataSchema = registrationFields.refine(
  (data) => !data.event || data.kind === 'Surat Undangan',
  {
    message: 'Acara undangan hanya untuk jenis naskah Surat Undangan.',
    path: ['event'],
  },
);
export type RegistrationData = z.infer<typeof registrationDataSchema>;

export const correctionSchema = registrationFields
  .omit({ register: true, event: true })
  .partial()
  .extend({ reason: required(500, 'Alasan koreksi') })
  .strict();
export type CorrectionData = z.infer<typeof correctionSchema>;

export const voidSchema = z.object({ reason: required(500, 'Alasan pembatalan') }).strict();

export const letterIdParams = z.object({ id: objectId });

/** `a,b` or repeated `?x=a&x=b` into a validated list. */
function csvList<T extends string>(values: readonly [T, ...T[]]) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) =>
      value === undefined
        ? undefined
        : (Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).optional());
}

export const listQuerySchema = z.object({
  q: text(200).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  sender: text(300).optional(),
  classification: z
    .string()
    .regex(/^[\d.]{1,40}$/, 'Awal kode klasifikasi tidak valid')
    .optional(),
  urgency: csvList(URGENCIES),
  securityClass: csvList(['B', 'T', 'R', 'SR']),
  status: csvList(['registered', 'in_progress', 'done', 'void']),
  register: text(40).optional(),
  year: z.coerce.number().int().min(1900).max(3000).optional(),
  /** Position-based boxes: letters addressed to me, or copied to me. */
  box: z.enum(['inbox', 'tembusan']).optional(),
  unread: z.enum(['true', 'false']).optional(),
  sort: z.enum(['agenda', 'receivedDate', 'letterDate', 'sender', 'urgency']).default('agenda'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const exportQuerySchema = listQuerySchema.omit({ page: true, pageSize: true }).extend({
  format: z.enum(['pdf', 'xlsx', 'csv']),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'Bulan harus berformat TTTT-BB')
    .optional(),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

export const duplicateCheckSchema = z
  .object({
    senderName: text(300).optional(),
    letterNumber: text(150).optional(),
    sha256: z
      .array(z.string().regex(/^[0-9a-f]{64}$/))
      .max(20)
      .optional(),
  })
  .strict();
