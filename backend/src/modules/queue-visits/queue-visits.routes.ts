import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import { timestamp } from '../../http/responses.ts';
import type { Services } from '../../services.ts';
import {
  listVisits,
  QUEUE_PATTERN,
  recordVisit,
  type QueueVisitView,
} from './queue-visits.service.ts';

const queueVisitJson = z
  .object({
    queue: z.string(),
    /** Items that arrived after this instant are marked "Baru". */
    newSince: timestamp,
    previousVisitAt: timestamp.nullable(),
    lastVisitAt: timestamp,
  })
  .meta({ id: 'QueueVisit' });

const present = (visit: QueueVisitView): z.infer<typeof queueVisitJson> => ({
  queue: visit.queue,
  newSince: visit.newSince.toISOString(),
  previousVisitAt: visit.previousVisitAt?.toISOString() ?? null,
  lastVisitAt: visit.lastVisitAt.toISOString(),
});

export function queueVisitsRoutes(_services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/me/queue-visits',
      summary: 'Kunjungan terakhir pengguna ke tiap antrean kerja (untuk tanda "Baru")',
      tags: ['antrean'],
      response: { schema: z.object({ items: z.array(queueVisitJson) }) },
      async handler(_ctx, { actor }) {
        return { items: (await listVisits(actor)).map(present) };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/me/queue-visits/:queue',
      summary:
        'Catat kunjungan ke antrean kerja (saat layarnya dibuka) dan kembalikan sejak kapan item dianggap baru',
      tags: ['antrean'],
      params: z.object({
        queue: z.string().regex(QUEUE_PATTERN, 'Nama antrean tidak dikenal.'),
      }),
      body: z.object({ seen: z.boolean().optional() }).strict(),
      response: { schema: queueVisitJson },
      async handler(_ctx, { params, body, actor }) {
        return present(await recordVisit(actor, params.queue, { seen: body?.seen }));
      },
    }),
  ];
}
