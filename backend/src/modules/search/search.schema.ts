import { z } from 'zod';
import { SECURITY_CLASSES } from '../../http/actor.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Gunakan format tanggal TTTT-BB-HH.');

export const searchQuerySchema = z
  .object({
    q: z.string().trim().max(500, 'Kata kunci terlalu panjang (maksimal 500 karakter).').optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    direction: z.enum(['incoming', 'outgoing']).optional(),
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

export const searchItemSchema = z.object({
  letterId: z.string(),
  direction: z.enum(['incoming', 'outgoing']),
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
});

export const searchResponseSchema = z.object({
  total: z.number().int(),
  items: z.array(searchItemSchema),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;
