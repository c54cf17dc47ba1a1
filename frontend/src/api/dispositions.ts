import { buildUrl, http, type UploadOptions } from './http.ts';
import type { ApiBody, ApiQuery, ApiResponse, Schemas } from './generated.ts';

/** Dispositions, the journey, notifications and monitoring. Answers come from the API's
 * OpenAPI document (generated.ts). */

export const DISPOSITION_STATUSES = [
  'terkirim',
  'dibaca',
  'diproses',
  'selesai',
  'dibatalkan',
  'dikembalikan',
] as const;
export type DispositionStatus = (typeof DISPOSITION_STATUSES)[number];
export const OPEN_STATUSES: readonly DispositionStatus[] = ['terkirim', 'dibaca', 'diproses'];
export const URGENCIES = ['biasa', 'segera', 'sangat_segera'] as const;
export type Urgency = (typeof URGENCIES)[number];
export type RecipientRole = 'primary' | 'coordinate';
export const INBOX_FILTERS = [
  'all',
  'unread',
  'not_followed_up',
  'in_progress',
  'overdue',
  'done',
  'sent',
  'closed',
] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

export type Disposition = DispositionDetail['disposition'];

export type Report = DispositionDetail['reports'][number];

export type Counters = InboxPage['counters'];

export type InboxItem = InboxPage['items'][number];

export type InboxPage = ApiResponse<'/api/dispositions/inbox', 'get'>;

export type InboxQuery = NonNullable<ApiQuery<'/api/dispositions/inbox', 'get'>>;
export type AwaitingQuery = NonNullable<ApiQuery<'/api/dispositions/awaiting', 'get'>>;
export type AwaitingPage = ApiResponse<'/api/dispositions/awaiting', 'get'>;

export type AwaitingLetter = ApiResponse<'/api/dispositions/awaiting', 'get'>['items'][number];

export type DispositionDetail = ApiResponse<'/api/dispositions/{id}', 'get'>;

export type DispatchInput = ApiBody<'/api/incoming-letters/{id}/dispositions', 'post'>;

export type Waiting = Journey['waitingOn'][number];

export type JourneyNode = Schemas['JourneyNode'];

export type Journey = ApiResponse<'/api/incoming-letters/{id}/journey', 'get'>;

export type DispositionSettings = ApiResponse<'/api/dispositions/settings', 'get'>;

export type Candidate = ApiResponse<'/api/dispositions/recipients', 'get'>['items'][number];

export type PositionCounters = ApiResponse<
  '/api/dispositions/counters',
  'get'
>['positions'][number];

export function getInbox(query: InboxQuery): Promise<InboxPage> {
  return http.get<InboxPage>('/api/dispositions/inbox', { query: { ...query } });
}

/** Letters waiting for the position's disposition, most urgent first by default; `urgency`
 * takes several sifat comma-separated. */
export function getAwaiting(query: AwaitingQuery): Promise<AwaitingPage> {
  return http.get('/api/dispositions/awaiting', { query: { ...query } });
}

export function getCounters(): Promise<{ positions: PositionCounters[] }> {
  return http.get('/api/dispositions/counters');
}

/** Opening marks the disposition read for its recipient. */
export function getDisposition(id: string): Promise<DispositionDetail> {
  return http.get<DispositionDetail>(`/api/dispositions/${id}`);
}

export function disposeLetter(
  letterId: string,
  input: DispatchInput,
): Promise<{ items: Disposition[] }> {
  return http.post(`/api/incoming-letters/${letterId}/dispositions`, input);
}

export function forwardDisposition(
  id: string,
  input: DispatchInput,
): Promise<{ items: Disposition[] }> {
  return http.post(`/api/dispositions/${id}/forward`, input);
}

export function reportDisposition(
  id: string,
  data: { text: string; forwardReportIds?: string[] },
  files: File[],
  options: Pick<UploadOptions, 'onProgress' | 'signal'> = {},
): Promise<{ disposition: Disposition; report: Report }> {
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  for (const file of files) form.append('files', file, file.name);
  return http.upload(`/api/dispositions/${id}/reports`, form, options);
}

export function completeDisposition(id: string): Promise<{ disposition: Disposition }> {
  return http.post(`/api/dispositions/${id}/complete`);
}

export function cancelDisposition(id: string): Promise<{ disposition: Disposition }> {
  return http.post(`/api/dispositions/${id}/cancel`);
}

export function returnDisposition(
  id: string,
  reason: string,
): Promise<{ disposition: Disposition }> {
  return http.post(`/api/dispositions/${id}/return`, { reason });
}

export function getJourney(letterId: string): Promise<Journey> {
  return http.get<Journey>(`/api/incoming-letters/${letterId}/journey`);
}

export function dispositionSheetUrl(letterId: string): string {
  return `/api/incoming-letters/${letterId}/disposition-sheet.pdf`;
}

export function getDispositionSettings(): Promise<DispositionSettings> {
  return http.get<DispositionSettings>('/api/dispositions/settings');
}

export function getRecipients(positionId: string): Promise<{ items: Candidate[] }> {
  return http.get('/api/dispositions/recipients', { query: { positionId } });
}

export function getDefaultDueDate(
  urgency: Urgency,
  parentId?: string,
): Promise<ApiResponse<'/api/dispositions/due-date', 'get'>> {
  return http.get('/api/dispositions/due-date', { query: { urgency, parentId } });
}

// --- Notifications

export type Notification = ApiResponse<'/api/notifications', 'get'>['items'][number];

export function getNotifications(
  query: { unread?: boolean; page?: number; pageSize?: number } = {},
): Promise<{ items: Notification[]; total: number; unread: number }> {
  return http.get('/api/notifications', {
    query: { ...query, unread: query.unread ? 'true' : undefined },
  });
}

export function markNotificationsRead(ids: string[] | 'all'): Promise<{ updated: number }> {
  return http.post('/api/notifications/read', ids === 'all' ? { all: true } : { ids });
}

// --- Monitoring

export type MonitoringRow = MonitoringOverview['rows'][number];

export type MonitoringItem = MonitoringOverview['items'][number];

export type MonitoringOverview = ApiResponse<'/api/monitoring', 'get'>;

export function getMonitoring(unitId?: string): Promise<MonitoringOverview> {
  return http.get<MonitoringOverview>('/api/monitoring', { query: { unitId } });
}

export function monitoringPdfUrl(unitId?: string): string {
  return buildUrl('', '/api/monitoring/report.pdf', { unitId });
}

// --- Settings (admin): instructions and default deadlines, holiday calendar, routing.

export function saveDispositionSettings(
  settings: DispositionSettings,
): Promise<DispositionSettings> {
  return http.put<DispositionSettings>('/api/dispositions/settings', settings);
}

export const HOLIDAY_KINDS = ['libur_nasional', 'cuti_bersama', 'libur_daerah'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

export type Holiday = ApiResponse<'/api/calendar/holidays', 'get'>['items'][number];

export function listHolidays(year: number): Promise<{ items: Holiday[] }> {
  return http.get('/api/calendar/holidays', { query: { year } });
}

export function createHoliday(input: {
  date: string;
  name: string;
  kind: HolidayKind;
}): Promise<Holiday> {
  return http.post('/api/calendar/holidays', input);
}

export function updateHoliday(
  date: string,
  patch: { name?: string; kind?: HolidayKind },
): Promise<Holiday> {
  return http.patch(`/api/calendar/holidays/${date}`, patch);
}

export function deleteHoliday(date: string): Promise<void> {
  return http.delete(`/api/calendar/holidays/${date}`);
}

export type RoutingRule = ApiResponse<'/api/disposition-routing-rules', 'get'>['items'][number];

export function listRoutingRules(): Promise<{ items: RoutingRule[] }> {
  return http.get('/api/disposition-routing-rules');
}

export function saveRoutingRule(
  unitId: string,
  targetUnitIds: string[],
  note: string | null,
): Promise<{ rule: RoutingRule | null }> {
  return http.put(`/api/disposition-routing-rules/${unitId}`, { targetUnitIds, note });
}
