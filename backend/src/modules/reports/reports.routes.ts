import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { Services } from '../../services.ts';
import { contentDisposition } from '../files/file-type.ts';
import { rolesFor } from '../policy/policy.ts';
import { renderReportPdf } from './reports.pdf.ts';
import { reportJson } from './reports.responses.ts';
import { computeAndKeep, reuseOrCompute } from './reports.reuse.ts';
import { buildReport, type Report } from './reports.service.ts';
import { renderReportXlsx } from './reports.xlsx.ts';

const year = z.coerce
  .number({ error: 'Tahun harus berupa angka' })
  .int('Tahun harus bilangan bulat')
  .min(2000, 'Tahun paling awal 2000')
  .max(2100, 'Tahun tidak valid');
const unitId = z
  .string()
  .regex(/^[0-9a-f]{24}$/i, 'ID unit tidak valid')
  .optional();
const monthly = z.object({
  year,
  month: z.coerce
    .number({ error: 'Bulan harus berupa angka' })
    .int('Bulan harus bilangan bulat')
    .min(1, 'Bulan harus 1 sampai 12')
    .max(12, 'Bulan harus 1 sampai 12'),
  unitId,
});
const yearly = z.object({ year, unitId });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function fileName(report: Report, ext: string): string {
  const period = report.period.month
    ? `${report.period.year}-${String(report.period.month).padStart(2, '0')}`
    : String(report.period.year);
  return `laporan-${report.period.kind === 'month' ? 'bulanan' : 'tahunan'}-${report.unit.code}-${period}.${ext}`;
}

export function reportsRoutes(_services: Services) {
  const roles = rolesFor('report.period');
  const kinds = [
    { kind: 'monthly', query: monthly, label: 'bulanan' },
    { kind: 'yearly', query: yearly, label: 'tahunan' },
  ] as const;
  return kinds.flatMap(({ kind, query, label }) => {
    type Query = { year: number; month?: number; unitId?: string | undefined };
    type Who = Parameters<typeof buildReport>[0];
    const input = (q: Query) => ({ year: q.year, month: q.month ?? null, unitId: q.unitId });
    const parts = (q: Query) => [kind, q.year, q.month ?? null, q.unitId ?? null];
    // The screen computes afresh; its downloads print that computation (reports.reuse.ts).
    const build = (q: Query, actor: Who) =>
      computeAndKeep(actor, parts(q), () => buildReport(actor, input(q)));
    const download = (q: Query, actor: Who) =>
      reuseOrCompute(actor, parts(q), () => buildReport(actor, input(q)));
    return [
      defineRoute({
        method: 'get',
        path: `/api/reports/${kind}`,
        summary: `Laporan ${label}: surat masuk/keluar, tindak lanjut disposisi, rapat, kearsipan, dengan grafik`,
        tags: ['laporan'],
        roles,
        query,
        response: { schema: reportJson },
        handler: (_ctx, { query: q, actor }) => build(q, actor),
      }),
      defineRoute({
        method: 'get',
        path: `/api/reports/${kind}.pdf`,
        summary: `Laporan ${label} sebagai PDF (kop, grafik, tabel, nomor halaman)`,
        tags: ['laporan'],
        roles,
        query,
        response: { contentType: 'application/pdf', description: `Laporan ${label} A4` },
        async handler(ctx, { query: q, actor }) {
          const report = await download(q, actor);
          ctx.set('Content-Type', 'application/pdf');
          ctx.set('Content-Disposition', contentDisposition('attachment', fileName(report, 'pdf')));
          ctx.set('Cache-Control', 'private, no-store');
          ctx.body = await renderReportPdf(report, actor.name);
        },
      }),
      defineRoute({
        method: 'get',
        path: `/api/reports/${kind}.xlsx`,
        summary: `Laporan ${label} sebagai lembar kerja XLSX (satu lembar per bagian)`,
        tags: ['laporan'],
        roles,
        query,
        response: { contentType: XLSX, description: `Laporan ${label} XLSX` },
        async handler(ctx, { query: q, actor }) {
          const report = await download(q, actor);
          ctx.set('Content-Type', XLSX);
          ctx.set(
            'Content-Disposition',
            contentDisposition('attachment', fileName(report, 'xlsx')),
          );
          ctx.set('Cache-Control', 'private, no-store');
          ctx.body = await renderReportXlsx(report, actor.name);
        },
      }),
    ];
  });
}
