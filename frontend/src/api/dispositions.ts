import { buildUrl, http, type UploadOptions } from './http.ts';
import type { StoredFileInfo } from './incoming.ts';
import type { Page, SecurityClass } from './types.ts';

/** Dispositions, the journey, notifications and monitoring: mirrors
 * backend/src/modules/dispositions/dispositions.schema.ts, journey.service.ts,
 * modules/notify/notify.routes.ts and modules/monitoring/monitoring.routes.ts. */

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

export interface ActorRef {
  positionId: string;
  positionTitle: string;
  /** "Plh. Kepala Biro Umum" while acting. */
  signedTitle: string;
  unitId: string;
  userName: string | null;
  acting: 'plt' | 'plh' | null;
}

export interface Disposition {
  id: string;
  letterId: string;
  parentId: string | null;
  batchId: string;
  depth: number;
  from: ActorRef;
  to: { positionId: string; positionTitle: string; unitId: string; unitName: string };
  role: RecipientRole;
  instructions: string[];
  note: string | null;
  urgency: Urgency;
  dueDate: string;
  status: DispositionStatus;
  version: number;
  sentAt: string;
  readAt: string | null;
  readByName: string | null;
  processingAt: string | null;
  closedAt: string | null;
  closedBy: ActorRef | null;
  reason: string | null;
  reportCount: number;
  childCount: number;
  overdue: boolean;
  daysLate: number;
}

export interface LetterSummary {
  id: string;
  agendaNumber: number | null;
  letterNumber: string;
  subject: string;
  senderName: string;
  letterDate: string;
  receivedDate: string;
  urgency: Urgency;
  securityClass: SecurityClass;
  status: string;
  addresseePositionId: string;
}

export interface Report {
  id: string;
  dispositionId: string;
  author: {
    positionId: string;
    positionTitle: string;
    signedTitle: string;
    name: string;
    acting: 'plt' | 'plh' | null;
  };
  text: string;
  files: Array<{ id: string; name: string; size: number; mimeType: string; contentUrl: string }>;
  forwardedReportIds: string[];
  createdAt: string;
}

export interface Counters {
  awaitingDisposition: number;
  unreadLetters: number;
  unreadDispositions: number;
  notFollowedUp: number;
  inProgress: number;
  overdue: number;
  done: number;
  tembusan: number;
}

export interface InboxItem extends Disposition {
  letter: LetterSummary | null;
}

export interface InboxPage extends Page<InboxItem> {
  positionId: string;
  counters: Counters;
}

export interface InboxQuery {
  positionId?: string;
  status?: InboxFilter;
  q?: string;
  urgency?: Urgency;
  page?: number;
  pageSize?: number;
}

export interface AwaitingLetter extends LetterSummary {
  unread: boolean;
}

export interface Permissions {
  canForward: boolean;
  canReport: boolean;
  canComplete: boolean;
  canCancel: boolean;
  canReturn: boolean;
}

export interface DispositionDetail {
  disposition: Disposition;
  letter: LetterSummary & { files: StoredFileInfo[] };
  reports: Report[];
  childReports: Report[];
  children: Disposition[];
  parent: Disposition | null;
  permissions: Permissions;
}

export interface DispatchInput {
  recipients: Array<{ positionId: string; role: RecipientRole }>;
  instructions: string[];
  note?: string | null;
  dueDate?: string | null;
  urgency?: Urgency | null;
}

export interface Waiting {
  dispositionId: string;
  positionId: string;
  positionTitle: string;
  holders: Array<{ name: string; acting: boolean }>;
  status: string;
  since: string;
  dueDate: string;
  overdue: boolean;
  daysLate: number;
}

export interface JourneyNode extends Disposition {
  holders: Array<{ name: string; acting: boolean }>;
  reports: Report[];
  hiddenReportCount: number;
  waitingOn: Waiting[];
  children: JourneyNode[];
}

export interface Journey {
  letter: LetterSummary;
  waitingOn: Waiting[];
  tree: JourneyNode[];
  totals: { nodes: number; open: number; overdue: number; done: number };
}

export interface DispositionSettings {
  instructions: string[];
  dueWorkingDays: Record<Urgency, number>;
}

export interface Candidate {
  positionId: string;
  title: string;
  kind: string;
  unitId: string;
  unitName: string;
  direct: boolean;
  widened: boolean;
}

export interface PositionCounters {
  positionId: string;
  title: string;
  acting: boolean;
  counters: Counters;
}

export function getInbox(query: InboxQuery): Promise<InboxPage> {
  return http.get<InboxPage>('/api/dispositions/inbox', { query: { ...query } });
}

export function getAwaiting(query: {
  positionId?: string;
  page?: number;
  pageSize?: number;
}): Promise<Page<AwaitingLetter> & { positionId: string }> {
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
): Promise<{ dueDate: string; workingDays: number }> {
  return http.get('/api/dispositions/due-date', { query: { urgency, parentId } });
}

// --- Notifications

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  letterId: string | null;
  dispositionId: string | null;
  positionId: string | null;
  read: boolean;
  createdAt: string;
}

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

export interface MonitoringRow {
  unitId: string;
  code: string;
  name: string;
  self: boolean;
  hasChildren: boolean;
  open: number;
  overdue: number;
  oldestOpenSince: string | null;
  oldestOpenDays: number | null;
  medianFollowUpHours: number | null;
  followUpSample: number;
}

export interface MonitoringItem {
  dispositionId: string;
  letterId: string;
  agendaNumber: number | null;
  subject: string;
  senderName: string;
  positionTitle: string;
  unitName: string;
  holders: string[];
  fromTitle: string;
  status: string;
  sentAt: string;
  ageDays: number;
  dueDate: string;
  overdue: boolean;
  daysLate: number;
}

export interface MonitoringOverview {
  unit: { unitId: string; code: string; name: string };
  breadcrumb: Array<{ unitId: string; name: string }>;
  scopes: Array<{ unitId: string; name: string }>;
  generatedAt: string;
  windowDays: number;
  totals: MonitoringRow;
  rows: MonitoringRow[];
  items: MonitoringItem[];
  itemsTruncated: boolean;
}

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

export interface Holiday {
  date: string;
  name: string;
  kind: HolidayKind;
  /** Seeded ahead of the official decree; an admin confirms or corrects it. */
  estimated: boolean;
  source: 'seed' | 'admin';
}

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

export interface RoutingRule {
  unitId: string;
  targetUnitIds: string[];
  note: string | null;
}

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
