import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { Services } from '../../services.ts';
import { DISPOSITION_STATUSES } from '../dispositions/state-machine.ts';
import { jakartaDateString } from '../documents/format-id.ts';
import { contentDisposition } from '../files/file-type.ts';
import { renderMonitoringPdf } from './monitoring-report.pdf.ts';
import { monitoringOverview } from './monitoring.service.ts';

const query = z.object({
  unitId: z
    .string()
    .regex(/^[0-9a-f]{24}$/i, 'ID unit tidak valid')
    .optional(),
});

const rowJson = z.object({
  unitId: z.string(),
  code: z.string(),
  name: z.string(),
  self: z.boolean(),
  hasChildren: z.boolean(),
  open: z.number().int(),
  overdue: z.number().int(),
  oldestOpenSince: z.string().nullable(),
  oldestOpenDays: z.number().int().nullable(),
  medianFollowUpHours: z.number().nullable(),
  followUpSample: z.number().int(),
});

const overviewJson = z.object({
  unit: z.object({ unitId: z.string(), code: z.string(), name: z.string() }),
  breadcrumb: z.array(z.object({ unitId: z.string(), name: z.string() })),
  scopes: z.array(z.object({ unitId: z.string(), name: z.string() })),
  generatedAt: z.string(),
  windowDays: z.number().int(),
  totals: rowJson,
  rows: z.array(rowJson),
  items: z.array(
    z.object({
      dispositionId: z.string(),
      letterId: z.string(),
      source: z.enum(['letter', 'meeting']),
      agendaNumber: z.number().int().nullable(),
      subject: z.string(),
      senderName: z.string(),
      positionTitle: z.string(),
      unitName: z.string(),
      holders: z.array(z.string()),
      fromTitle: z.string(),
      status: z.enum(DISPOSITION_STATUSES),
      sentAt: z.string(),
      ageDays: z.number().int(),
      dueDate: z.string(),
      overdue: z.boolean(),
      daysLate: z.number().int(),
    }),
  ),
  itemsTruncated: z.boolean(),
});

export function monitoringRoutes(_services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/monitoring',
      summary:
        'Pemantauan disposisi per unit di bawah pimpinan: terbuka, terlambat, tertua, median tindak lanjut',
      tags: ['pemantauan'],
      query,
      response: { schema: overviewJson },
      handler: (_ctx, { query: q, actor }) => monitoringOverview(actor, q.unitId),
    }),
    defineRoute({
      method: 'get',
      path: '/api/monitoring/report.pdf',
      summary: 'Pemantauan disposisi sebagai PDF',
      tags: ['pemantauan'],
      query,
      response: { contentType: 'application/pdf', description: 'Laporan pemantauan A4 melintang' },
      async handler(ctx, { query: q, actor }) {
        const overview = await monitoringOverview(actor, q.unitId);
        const pdf = await renderMonitoringPdf(overview, actor.name);
        ctx.set('Content-Type', 'application/pdf');
        ctx.set(
          'Content-Disposition',
          contentDisposition(
            'inline',
            `pemantauan-disposisi-${overview.unit.code}-${jakartaDateString(new Date(overview.generatedAt))}.pdf`,
          ),
        );
        ctx.set('Cache-Control', 'private, no-store');
        ctx.body = pdf;
      },
    }),
  ];
}
