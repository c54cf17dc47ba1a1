import { z } from 'zod';

export const fileParams = z.object({
  id: z.string().regex(/^[0-9a-f]{24}$/i, 'ID berkas tidak valid'),
});
export const pageParams = fileParams.extend({ n: z.coerce.number().int().min(1).max(10_000) });
export const correctionBody = z.object({
  text: z.string().max(100_000, 'Teks halaman terlalu panjang (maksimal 100.000 karakter).'),
});
export const jobsQuery = z.object({
  status: z.enum(['queued', 'running', 'done', 'parked']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const ocrPageSchema = z.object({
  number: z.number().int(),
  text: z.string(),
  confidence: z.number(),
  lowConfidence: z.boolean(),
  source: z.enum(['ocr', 'text-layer']),
  corrected: z.boolean(),
});
export const ocrViewSchema = z.object({
  status: z.enum(['queued', 'processing', 'done', 'failed']),
  progress: z.object({ page: z.number().int(), pages: z.number().int() }).optional(),
  error: z.string().optional(),
  attempts: z.number().int().optional(),
  searchablePdf: z.boolean(),
  pages: z.array(ocrPageSchema),
});
export const ocrJobSchema = z.object({
  id: z.string(),
  fileId: z.string(),
  fileName: z.string().nullable(),
  ownerType: z.string().nullable(),
  ownerId: z.string().nullable(),
  status: z.enum(['queued', 'running', 'done', 'parked']),
  attempts: z.number().int(),
  error: z.string().nullable(),
  progress: z.object({ page: z.number().int(), pages: z.number().int() }).nullable(),
  updatedAt: z.string().nullable(),
});
export const ocrJobsSchema = z.object({ total: z.number().int(), items: z.array(ocrJobSchema) });
export const prefillSchema = z.object({
  suggestions: z.object({
    letterNumber: z.string().optional(),
    letterDate: z.string().optional(),
    subject: z.string().optional(),
    senderName: z.string().optional(),
  }),
  fieldConfidence: z.object({
    letterNumber: z.number().optional(),
    letterDate: z.number().optional(),
    subject: z.number().optional(),
    senderName: z.number().optional(),
  }),
  urgency: z
    .object({ value: z.enum(['biasa', 'segera', 'sangat_segera']), reason: z.string() })
    .nullable(),
  classification: z.array(
    z.object({ code: z.string(), title: z.string(), reason: z.string(), learned: z.boolean() }),
  ),
  invitation: z.object({
    isInvitation: z.boolean(),
    date: z.string().optional(),
    startTime: z.string().optional(),
    endTime: z.string().optional(),
    timeZone: z.enum(['WIB', 'WITA', 'WIT']).optional(),
    place: z.string().optional(),
    onlineLink: z.string().optional(),
    title: z.string().optional(),
    dressCode: z.string().optional(),
    notes: z.string().optional(),
  }),
  ocrMs: z.number(),
  text: z.string(),
  confidence: z.number(),
  source: z.enum(['ocr', 'text-layer']),
});
