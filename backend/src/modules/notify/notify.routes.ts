import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { Services } from '../../services.ts';
import { NOTIFICATION_KINDS, type Notification } from './notification.model.ts';
import { listNotifications, markNotificationsRead } from './notify.service.ts';

const notificationJson = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  letterId: z.string().nullable(),
  dispositionId: z.string().nullable(),
  positionId: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});

function present(n: Notification): z.infer<typeof notificationJson> {
  return {
    id: String(n._id),
    kind: n.kind as z.infer<typeof notificationJson>['kind'],
    title: n.title,
    body: n.body ?? '',
    link: n.link ?? null,
    letterId: n.letterId ? String(n.letterId) : null,
    dispositionId: n.dispositionId ? String(n.dispositionId) : null,
    positionId: n.positionId ? String(n.positionId) : null,
    read: !!n.readAt,
    createdAt: new Date(n.createdAt).toISOString(),
  };
}

export function notifyRoutes(_services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/notifications',
      summary: 'Pemberitahuan pengguna (terbaru dulu) dan jumlah yang belum dibaca',
      tags: ['pemberitahuan'],
      query: z.object({
        unread: z.enum(['true', 'false']).optional(),
        page: z.coerce.number().int().min(1).max(10_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(20),
      }),
      response: {
        schema: z.object({
          items: z.array(notificationJson),
          total: z.number().int(),
          unread: z.number().int(),
        }),
      },
      async handler(_ctx, { query, actor }) {
        const page = await listNotifications(actor.userId, {
          unreadOnly: query.unread === 'true',
          page: query.page,
          pageSize: query.pageSize,
        });
        return { items: page.items.map(present), total: page.total, unread: page.unread };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/read',
      summary: 'Tandai pemberitahuan sudah dibaca (`ids`, atau `all: true`)',
      tags: ['pemberitahuan'],
      body: z.union([
        z
          .object({
            ids: z
              .array(z.string().regex(/^[0-9a-f]{24}$/i, 'ID tidak valid'))
              .min(1)
              .max(200),
          })
          .strict(),
        z.object({ all: z.literal(true) }).strict(),
      ]),
      response: { schema: z.object({ updated: z.number().int() }) },
      async handler(_ctx, { body, actor }) {
        return {
          updated: await markNotificationsRead(actor.userId, 'all' in body ? 'all' : body.ids),
        };
      },
    }),
  ];
}
