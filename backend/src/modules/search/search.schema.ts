import { z } from 'zod';
import { SECURITY_CLASSES } from '../../http/actor.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Gunakan format tanggal TTTT-BB-HH.');

export const searchQuerySchema = z
  .object({
    q: z.string().trim().max(500, 'Kata kunci terlalu panjang (maksimal 500 karakter).').optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    dateField: z
      .enum(['letter', 'received'])
      .optional()
      .describe('Tanggal yang dibatasi dari/sampai: tanggal surat (bawaan) atau tanggal diterima'),
    register: z
      .string()
      .trim()
      .regex(/^[A-Z0-9.-]{2,20}$/, 'Kode buku agenda tidak valid.')
      .optional(),
    direction: z
      .enum(['incoming', 'outgoing', 'meeting'])
      .optional()
      .describe('Jenis hasil: surat masuk, surat keluar, atau rapat'),
    classification: z
      .string()
      .trim()
      .regex(/^[0-9]{3}(\.[0-9]+)*$/, 'Kode klasifikasi tidak valid.')
      .optional(),
    sender: z.string().trim().min(2).max(200).optional(),
    unitId: z.string().trim().min(1).max(64).optional(),
    securityClass: z.enum(SECURITY_CLASSES).optional(),
    status: z.string().trim().min(1).max(40).optional(),
    page: z.coerce.number().int().min(1).max(500).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'Tanggal awal harus sebelum tanggal akhir.',
    path: ['from'],
  });

/** Where a meeting hit was found: its title, place or chair; its drafted minutes; its
 * decisions (the follow-up items); the minutes scan; the signed attendance sheet scan. */
export const MEETING_MATCHES = [
  'rapat',
  'notulen',
  'tindak_lanjut',
  'pindaian_notulen',
  'daftar_hadir',
] as const;

export const searchItemSchema = z.object({
  letterId: z
    .string()
    .describe(
      'Id surat; untuk hasil rapat (`direction: meeting`) id rapat, sama dengan meeting.id',
    ),
  direction: z.enum(['incoming', 'outgoing', 'meeting']),
  agendaNumber: z.string().optional(),
  letterNumber: z.string().nullable(),
  subject: z.string().nullable(),
  senderName: z.string().optional(),
  recipientName: z.string().optional(),
  date: z.string().nullable(),
  classificationCode: z.string().optional(),
  securityClass: z.enum(SECURITY_CLASSES),
  status: z.string().optional(),
  snippet: z
    .string()
    .describe('HTML: teks yang sudah di-escape dengan <mark> pada kata yang cocok'),
  page: z.number().int().optional().describe('Halaman pindaian (mulai 1) tempat kecocokan terbaik'),
  fileId: z.string().optional(),
  meeting: z
    .object({
      id: z.string(),
      title: z.string(),
      startAt: z.string().describe('Waktu mulai rapat (ISO)'),
      matchedIn: z.enum(MEETING_MATCHES),
    })
    .optional()
    .describe('Hasil berupa rapat koordinasi: judul, waktu, dan dokumen tempat kata ditemukan'),
});

export const searchResponseSchema = z.object({
  total: z.number().int(),
  items: z.array(searchItemSchema),
  suggestion: z
    .object({
      q: z.string(),
      total: z.number().int(),
      more: z.boolean().optional().describe('Lebih banyak surat dari `total` yang cocok'),
    })
    .optional()
    .describe('"Maksud Anda": ejaan lain yang menemukan lebih banyak surat yang boleh dibuka'),
  corrected: z
    .object({ from: z.string(), to: z.string() })
    .optional()
    .describe('Kata yang diketik tidak menemukan apa pun; hasil ini untuk ejaan `to`'),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

export const searchOptionsSchema = z.object({
  securityClasses: z
    .array(z.enum(SECURITY_CLASSES))
    .describe('Sifat keamanan surat yang boleh dilihat pengguna (pilihan filter)'),
  registers: z.array(z.object({ code: z.string(), name: z.string(), isDefault: z.boolean() })),
});
export type SearchOptions = z.infer<typeof searchOptionsSchema>;
