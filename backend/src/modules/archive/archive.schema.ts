import { z } from 'zod';
import { SECURITY_CLASSES } from '../../http/actor.ts';
import { ITEM_TYPES } from './berkas.model.ts';
import { isValidCalendarDate } from './dates.ts';
import { DUE_CATEGORIES } from './dashboard.service.ts';
import { FINAL_DISPOSITIONS } from './retention.model.ts';
import { PROPOSAL_KINDS } from './settings.model.ts';
import { PROPOSAL_STATUSES } from './proposals.model.ts';

const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'ID tidak valid.');
export const calendarDate = z
  .string()
  .refine(isValidCalendarDate, 'Gunakan tanggal yang valid dengan format TTTT-BB-HH.');
const code = z
  .string()
  .trim()
  .regex(/^\d{3}(\.\d{1,3}){0,5}$/, 'Kode klasifikasi tidak valid (contoh: 100.3.3.1).');
const text = (max: number) => z.string().trim().max(max, `Paling banyak ${max} karakter.`);
const required = (max: number, message: string) =>
  z.string().trim().min(1, message).max(max, `Paling banyak ${max} karakter.`);
const page = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const idParams = z.object({ id: objectId });
export const codeParams = z.object({ code });
export const itemParams = z.object({ id: objectId, itemId: objectId });

export const retentionInputSchema = z.object({
  activeYears: z.number().int().min(0, 'Tidak boleh negatif.').max(100),
  inactiveYears: z.number().int().min(0, 'Tidak boleh negatif.').max(100),
  finalDisposition: z.enum(FINAL_DISPOSITIONS),
  note: text(300).optional(),
});
export const retentionListQuery = z.object({
  q: text(100).optional(),
  scheme: z.enum(['2022', 'legacy']).optional(),
  ...page,
});

export const codeCreateSchema = z.object({
  code,
  title: required(200, 'Uraian kode wajib diisi.'),
  scheme: z.enum(['2022', 'legacy']).default('2022'),
  mapsTo: z.array(code).max(5).optional(),
});
export const codeUpdateSchema = z.object({
  title: required(200, 'Uraian kode wajib diisi.').optional(),
  active: z.boolean().optional(),
  mapsTo: z.array(code).max(5).optional(),
});

export const berkasCreateSchema = z.object({
  unitId: objectId.optional(),
  classificationCode: code,
  title: required(300, 'Uraian (judul) berkas wajib diisi.'),
  description: text(2000).optional(),
  securityClass: z.enum(SECURITY_CLASSES).optional(),
  media: z.enum(['kertas', 'elektronik', 'campuran']).optional(),
});
export const berkasUpdateSchema = berkasCreateSchema.omit({ unitId: true }).partial();
export const berkasListQuery = z.object({
  status: z.enum(['open', 'closed', 'inactive', 'disposed', 'handed_over', 'active']).optional(),
  unitId: objectId.optional(),
  code: code.optional(),
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  q: text(100).optional(),
  hold: flag.optional(),
  boxId: objectId.optional(),
  ...page,
});
export const fileLettersSchema = z.object({
  letters: z
    .array(z.object({ type: z.enum(ITEM_TYPES), id: objectId }))
    .min(1, 'Pilih paling sedikit satu surat.')
    .max(200, 'Paling banyak 200 surat sekali simpan.'),
});
export const closeSchema = z.object({ closedOn: calendarDate.optional() });
export const reasonSchema = z.object({ reason: required(500, 'Alasan wajib diisi.') });
export const reappraiseSchema = z.object({
  decision: z.enum(['musnah', 'permanen']),
  note: required(1000, 'Catatan penilaian wajib diisi.'),
});
export const locationSchema = z.object({
  boxId: objectId.nullable(),
  folder: text(40).nullable().optional(),
});
export const exportQuery = z.object({ format: z.enum(['pdf', 'xlsx']).default('pdf') });
export const daftarBerkasQuery = z.object({
  format: z.enum(['pdf', 'xlsx']).default('pdf'),
  unitId: objectId.optional(),
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  status: z.enum(['open', 'closed', 'inactive', 'disposed', 'handed_over', 'active']).optional(),
});
export const unfiledQuery = z.object({
  type: z.enum(ITEM_TYPES).default('incoming'),
  year: z.coerce.number().int().min(1900).max(2200),
  code: code.optional(),
  q: text(100).optional(),
  ...page,
});

export const dashboardQuery = z.object({
  asOf: calendarDate.optional(),
  unitId: objectId.optional(),
});
export const dueQuery = z.object({
  category: z.enum(DUE_CATEGORIES),
  asOf: calendarDate.optional(),
  unitId: objectId.optional(),
  ...page,
});

export const boxInputSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$/,
      'Kode boks: huruf, angka, titik, garis miring, atau tanda hubung.',
    )
    .optional(),
  building: required(100, 'Gedung wajib diisi.'),
  room: required(100, 'Ruang wajib diisi.'),
  cabinet: text(60).optional(),
  shelf: text(60).optional(),
  holder: z.enum(['unit', 'pusat']).optional(),
  unitName: text(150).optional(),
  notes: text(500).optional(),
});
export const boxUpdateSchema = boxInputSchema
  .omit({ code: true })
  .partial()
  .extend({ active: z.boolean().optional() });
export const boxListQuery = z.object({
  q: text(100).optional(),
  includeInactive: flag.optional(),
  ...page,
});

export const loanCreateSchema = z.object({
  berkasIds: z.array(objectId).min(1, 'Pilih paling sedikit satu berkas.').max(50),
  borrowerName: required(150, 'Nama peminjam wajib diisi.'),
  borrowerNip: z
    .string()
    .trim()
    .regex(/^(\d{18})?$/, 'NIP terdiri atas 18 angka.')
    .optional(),
  borrowerUnit: text(150).optional(),
  borrowerPhone: text(30).optional(),
  borrowerUserId: objectId.optional(),
  purpose: required(500, 'Keperluan peminjaman wajib diisi.'),
  outDate: calendarDate.optional(),
  dueDate: calendarDate,
});
export const loanReturnSchema = z.object({
  returnedOn: calendarDate.optional(),
  note: text(500).optional(),
});
export const loanListQuery = z.object({
  status: z.enum(['out', 'returned', 'overdue']).optional(),
  q: text(100).optional(),
  ...page,
});

export const proposalCreateSchema = z.object({
  kind: z.enum(PROPOSAL_KINDS),
  berkasIds: z.array(objectId).min(1, 'Pilih paling sedikit satu berkas.').max(500),
  note: text(1000).optional(),
  destinationBoxId: objectId.optional(),
});
export const decisionSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  note: text(1000).optional(),
});
export const proposalListQuery = z.object({
  kind: z.enum(PROPOSAL_KINDS).optional(),
  status: z.enum(PROPOSAL_STATUSES).optional(),
  awaitingMe: flag.optional(),
  ...page,
});
export const proposalDocParams = z.object({
  id: objectId,
  doc: z.enum(['berita-acara', 'daftar', 'paket']),
});

export const settingsSchema = z.object({
  transferApprovers: z.array(objectId).max(10).optional(),
  disposalApprovers: z.array(objectId).max(10).optional(),
  handoverApprovers: z.array(objectId).max(10).optional(),
  recordsCentreName: required(200, 'Nama pusat arsip wajib diisi.').optional(),
  archiveInstitutionName: required(200, 'Nama lembaga kearsipan wajib diisi.').optional(),
});
