import { z } from 'zod';

/** Building blocks of the modules' response schemas (`<module>.responses.ts`). They describe
 * what goes over the wire: ids and dates are strings there. */

/** A MongoDB ObjectId as the presenters write it. */
export const idString = z.string().regex(/^[0-9a-f]{24}$/);

/** A Date as JSON writes it (toISOString). */
export const timestamp = z.iso.datetime();

/** A calendar day, YYYY-MM-DD. */
export const day = z.iso.date();

export const securityClass = z.enum(['B', 'T', 'R', 'SR']);

/** A server-side paginated list, named `<id>`. */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    })
    .meta({ id });
}

/** `{ items: [...] }`, named `<id>`. */
export function itemsOf<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item) }).meta({ id });
}
