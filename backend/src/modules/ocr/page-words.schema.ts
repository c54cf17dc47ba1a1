import { z } from 'zod';

export const wordsQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'Ketik kata yang dicari.')
    .max(200, 'Kata yang dicari terlalu panjang (maksimal 200 karakter).'),
});
const hitBoxSchema = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  w: z.number().min(0).max(1),
  h: z.number().min(0).max(1),
});
export const fileWordHitsSchema = z
  .object({
    read: z.boolean(),
    pages: z.array(
      z.object({
        page: z.number().int(),
        count: z.number().int(),
        located: z.boolean(),
        boxes: z.array(hitBoxSchema),
      }),
    ),
  })
  .meta({ id: 'FileWordHits' });
