import { buildUrl, http } from '@/api/http.ts';
import type { ApiResponse } from '@/api/generated.ts';

/** The leaders' agenda (modules/agenda). Answers come from the API's OpenAPI document. */
export type AgendaList = ApiResponse<'/api/agenda', 'get'>;
export type AgendaEntry = AgendaList['items'][number];
export type AgendaPosition = ApiResponse<'/api/agenda/positions', 'get'>['items'][number];
export type AgendaFeed = ApiResponse<'/api/agenda/feeds', 'post'>;

export function listAgenda(query: {
  positionId?: string;
  scope?: 'position' | 'leadership';
  from: string;
  to: string;
}): Promise<AgendaList> {
  return http.get<AgendaList>('/api/agenda', { query });
}

export async function agendaPositions(): Promise<AgendaPosition[]> {
  return (await http.get<{ items: AgendaPosition[] }>('/api/agenda/positions')).items;
}

export function decideEntry(id: string, decision: 'accepted' | 'declined'): Promise<AgendaEntry> {
  return http.post<AgendaEntry>(`/api/agenda/${id}/decision`, { decision });
}

export function delegateEntry(id: string, positionId: string, note?: string): Promise<AgendaEntry> {
  return http.post<AgendaEntry>(`/api/agenda/${id}/delegate`, { positionId, note });
}

export function agendaPdfUrl(positionId: string, period: 'day' | 'week', date: string): string {
  return buildUrl('', '/api/agenda/agenda.pdf', { positionId, period, date });
}

export async function listFeeds(positionId: string) {
  return (
    await http.get<ApiResponse<'/api/agenda/feeds', 'get'>>('/api/agenda/feeds', {
      query: { positionId },
    })
  ).items;
}

export function createFeed(positionId: string): Promise<AgendaFeed> {
  return http.post<AgendaFeed>('/api/agenda/feeds', { positionId });
}

export function revokeFeed(id: string): Promise<void> {
  return http.delete<void>(`/api/agenda/feeds/${id}`);
}

export type ReminderSettings = ApiResponse<'/api/agenda/reminders', 'get'>;

/** A position's default reminder lead times (minutes before), as set in the profile. */
export function reminderSettings(positionId: string): Promise<ReminderSettings> {
  return http.get<ReminderSettings>('/api/agenda/reminders', { query: { positionId } });
}

export function saveReminderSettings(
  positionId: string,
  remindBefore: number[],
): Promise<ReminderSettings> {
  return http.put<ReminderSettings>('/api/agenda/reminders', { positionId, remindBefore });
}

/** One entry's own lead times; null follows the position's default again. */
export function setEntryReminders(id: string, remindBefore: number[] | null): Promise<AgendaEntry> {
  return http.put<AgendaEntry>(`/api/agenda/${id}/reminders`, { remindBefore });
}
