import { buildUrl, http } from '@/api/http.ts';
import type { ApiResponse } from '@/api/generated.ts';

/** Coordination meetings (modules/meetings). Answers come from the API's OpenAPI document. */
export type MeetingList = ApiResponse<'/api/meetings', 'get'>;
export type MeetingRow = MeetingList['items'][number];
export type Meeting = ApiResponse<'/api/meetings/{id}', 'get'>;
export type MeetingDecision = Meeting['decisions'][number];
export type Attendance = Meeting['invited'][number]['attendance'];

export interface MeetingForm {
  title: string;
  kind: MeetingRow['kind'];
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  onlineLink: string;
  chairPositionId: string;
  invitedPositionIds: string[];
  securityClass: MeetingRow['securityClass'];
  invitation: { kind: 'incoming' | 'outgoing'; letterId: string } | null;
}

export function listMeetings(query: { month?: string; unitId?: string }): Promise<MeetingList> {
  return http.get<MeetingList>('/api/meetings', { query });
}

export function getMeeting(id: string): Promise<Meeting> {
  return http.get<Meeting>(`/api/meetings/${id}`);
}

export function createMeeting(form: MeetingForm): Promise<Meeting> {
  return http.post<Meeting>('/api/meetings', form);
}

export function updateMeeting(id: string, form: MeetingForm): Promise<Meeting> {
  return http.put<Meeting>(`/api/meetings/${id}`, form);
}

export function saveAttendance(
  id: string,
  body: {
    invited: Array<{ positionId: string; attendance: Attendance; representedBy: string }>;
    extraAttendees: Array<{ name: string; role: string }>;
  },
): Promise<Meeting> {
  return http.put<Meeting>(`/api/meetings/${id}/attendance`, body);
}

export function saveMinutes(
  id: string,
  body: { pembukaan: string; pembahasan: string; keputusan: string; penutup: string },
): Promise<Meeting> {
  return http.put<Meeting>(`/api/meetings/${id}/minutes`, body);
}

export function saveDecisions(
  id: string,
  decisions: Array<{ id?: string; instruction: string; positionId: string; dueDate: string }>,
): Promise<Meeting> {
  return http.put<Meeting>(`/api/meetings/${id}/decisions`, { decisions });
}

export function finalizeMeeting(id: string): Promise<Meeting> {
  return http.post<Meeting>(`/api/meetings/${id}/finalize`, {});
}

export function cancelMeeting(id: string): Promise<Meeting> {
  return http.post<Meeting>(`/api/meetings/${id}/cancel`, {});
}

/** A meeting's two scans: the minutes (instead of or beside the drafted text) and the signed
 * attendance sheet. Both are read by OCR and searchable. */
export type MeetingScan = 'minutes' | 'attendance';
const scanPath = (id: string, which: MeetingScan) =>
  `/api/meetings/${id}/${which === 'minutes' ? 'minutes-scan' : 'attendance-sheet'}`;

/** Uploads a scan; replaces an earlier one. */
export function uploadMeetingScan(id: string, which: MeetingScan, file: File): Promise<Meeting> {
  const form = new FormData();
  form.append('file', file, file.name);
  return http.upload<Meeting>(scanPath(id, which), form);
}

/** Removes a scan; its text leaves the search index. */
export function removeMeetingScan(id: string, which: MeetingScan): Promise<Meeting> {
  return http.delete<Meeting>(scanPath(id, which));
}

export function minutesPdfUrl(id: string): string {
  return buildUrl('', `/api/meetings/${id}/minutes.pdf`, {});
}

/** The minutes template's sections, in order. */
export const MINUTES_SECTIONS = ['pembukaan', 'pembahasan', 'keputusan', 'penutup'] as const;
