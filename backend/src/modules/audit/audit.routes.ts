import { z } from 'zod';
import { forbidden } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { rolesFor } from '../policy/policy.ts';
import type { Services } from '../../services.ts';
import { mayReadRecordHistory } from './audit.access.ts';
import { AuditEventModel, type AuditEvent } from './audit.model.ts';
import { presentAuditEvents } from './audit.presenter.ts';
import { browseAudit } from './audit.browse.ts';
import { verifyAuditChain } from './audit.service.ts';

const eventSchema = z.object({
  id: z.string(),
  seq: z.number(),
  at: z.string(),
  actor: z.object({
    userId: z.string().nullable(),
    username: z.string(),
    name: z.string(),
    positionId: z.string().nullable(),
    positionTitle: z.string().nullable(),
    acting: z.boolean(),
    via: z.string(),
  }),
  /** What happened, as a sentence with names (audit.sentences.ts). */
  sentence: z.string(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  letterId: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  ip: z.string().nullable(),
  hash: z.string(),
});

const browseQuery = z.object({
  userId: z
    .string()
    .regex(/^[0-9a-f]{24}$/i)
    .optional(),
  /** Exact action (org.user.update) or a prefix ending in a dot (org.). */
  action: z.string().trim().max(100).optional(),
  recordType: z.string().trim().max(60).optional(),
  recordId: z.string().trim().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const recordParams = z.object({
  recordType: z.string().regex(/^[A-Za-z0-9_.-]{1,60}$/, 'Jenis data tidak valid.'),
  recordId: z.string().min(1).max(100),
});

export function auditRoutes(_services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/audit',
      summary: 'Jejak audit: telusuri dan saring (terbaru dahulu)',
      tags: ['audit'],
      roles: rolesFor('audit.browse'),
      query: browseQuery,
      response: {
        schema: z.object({
          items: z.array(eventSchema),
          total: z.number(),
          page: z.number(),
          pageSize: z.number(),
        }),
      },
      async handler(_ctx, { query }) {
        const { items, total } = await browseAudit(query);
        return {
          items: await presentAuditEvents(items),
          total,
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/audit/verify',
      summary: 'Memeriksa keutuhan rantai hash jejak audit',
      tags: ['audit'],
      roles: rolesFor('audit.browse'),
      response: {
        schema: z.object({
          ok: z.boolean(),
          checked: z.number(),
          lastSeq: z.number(),
          lastHash: z.string(),
          problems: z.array(z.object({ seq: z.number(), kind: z.string(), message: z.string() })),
        }),
      },
      handler: () => verifyAuditChain(),
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/records/:recordType/:recordId',
      summary: 'Riwayat satu data (urut waktu), bagi yang berhak melihat data itu',
      tags: ['audit'],
      params: recordParams,
      response: { schema: z.object({ items: z.array(eventSchema) }) },
      async handler(_ctx, { actor, params }) {
        if (!(await mayReadRecordHistory(actor, params.recordType, params.recordId)))
          throw forbidden();
        const items = await AuditEventModel.find({
          recordType: params.recordType,
          recordId: params.recordId,
        })
          .sort({ seq: 1 })
          .limit(1000)
          .lean<AuditEvent[]>();
        return { items: await presentAuditEvents(items) };
      },
    }),
  ];
}
