import { buildUrl, http } from '@/api/http.ts';
import type { ApiResponse } from '@/api/generated.ts';

/** The monthly and yearly reports (backend modules/reports). The answer carries its charts
 * as ECharts options, built once on the server for this screen and for the PDF. */
export type PeriodReport = ApiResponse<'/api/reports/monthly', 'get'>;
export type ReportChartSpec = PeriodReport['charts'][number];

export interface ReportQuery {
  kind: 'monthly' | 'yearly';
  year: number;
  month?: number;
  unitId?: string;
}

function query(q: ReportQuery): Record<string, string | number | undefined> {
  return {
    year: q.year,
    month: q.kind === 'monthly' ? q.month : undefined,
    unitId: q.unitId,
  };
}

export function getReport(q: ReportQuery): Promise<PeriodReport> {
  return http.get<PeriodReport>(`/api/reports/${q.kind}`, { query: query(q) });
}

export function reportFileUrl(q: ReportQuery, format: 'pdf' | 'xlsx'): string {
  return buildUrl('', `/api/reports/${q.kind}.${format}`, query(q));
}
