import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { Services } from '../../services.ts';
import type { ClassificationCode } from './classification.model.ts';
import { searchClassificationCodes } from './classification.service.ts';
import { suggestClassification } from './classification-suggestion.ts';
import { can, rolesFor } from '../policy/policy.ts';
import { forbidden } from '../../http/errors.ts';

export const classificationSuggestionSchema = z
  .object({
    code: z.string(),
    title: z.string(),
    reason: z.string(),
    learned: z.boolean(),
  })
  .meta({ id: 'ClassificationSuggestion' });

export const classificationCodeSchema = z.object({
  code: z.string(),
  title: z.string(),
  scheme: z.enum(['2022', 'legacy']),
  parentCode: z.string().nullable(),
  level: z.number().int(),
  mapsTo: z.array(z.string()),
});

export function presentClassificationCode(
  code: ClassificationCode,
): z.infer<typeof classificationCodeSchema> {
  return {
    code: code.code,
    title: code.title,
    scheme: code.scheme,
    parentCode: code.parentCode ?? null,
    level: code.level,
    mapsTo: [...(code.mapsTo ?? [])],
  };
}

export function classificationRoutes(_services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/classification-codes',
      summary: 'Cari kode klasifikasi arsip (awal kode atau kata dalam uraian)',
      tags: ['referensi'],
      query: z.object({
        q: z.string().max(100).default(''),
        limit: z.coerce.number().int().min(1).max(200).default(30),
      }),
      response: { schema: z.object({ items: z.array(classificationCodeSchema) }) },
      async handler(_ctx, { query }) {
        const items = await searchClassificationCodes(query.q, query.limit);
        return { items: items.map(presentClassificationCode) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/classification-suggestions',
      summary:
        'Usulan kode klasifikasi untuk surat yang didaftarkan (dari pilihan petugas sebelumnya atas pengirim dan kata pada hal)',
      tags: ['referensi'],
      roles: rolesFor('letter.register'),
      query: z.object({
        senderName: z.string().max(300).default(''),
        subject: z.string().max(1000).default(''),
        letterNumber: z.string().max(200).default(''),
      }),
      response: { schema: z.object({ items: z.array(classificationSuggestionSchema) }) },
      async handler(_ctx, { query, actor }) {
        if (!can(actor, 'letter.register')) throw forbidden();
        return { items: await suggestClassification(query) };
      },
    }),
  ];
}
