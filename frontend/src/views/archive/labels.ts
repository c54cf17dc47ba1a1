import type {
  Berkas,
  BerkasStatus,
  FinalDisposition,
  ImportStatus,
  ProposalStatus,
} from '@/api/archive.ts';
import { formatCalendarDate } from '@/lib/format.ts';

/** Small pure helpers shared by the archive screens (kept here so they can be tested). */
type Severity = 'success' | 'info' | 'warn' | 'danger' | 'secondary' | 'contrast';

export function berkasStatusSeverity(status: BerkasStatus): Severity {
  return (
    {
      open: 'info',
      closed: 'success',
      inactive: 'warn',
      disposed: 'contrast',
      handed_over: 'secondary',
    } as const
  )[status];
}

export function proposalStatusSeverity(status: ProposalStatus): Severity {
  return (
    {
      proposed: 'info',
      approved: 'success',
      rejected: 'danger',
      cancelled: 'secondary',
      executing: 'warn',
      executed: 'contrast',
    } as const
  )[status];
}

export function importStatusSeverity(status: ImportStatus): Severity {
  return (
    {
      validating: 'info',
      validated: 'success',
      importing: 'info',
      paused: 'warn',
      done: 'contrast',
      failed: 'danger',
      cancelled: 'secondary',
    } as const
  )[status];
}

export function dispositionSeverity(final: FinalDisposition | null): Severity {
  return final === 'permanen' ? 'success' : final === 'musnah' ? 'danger' : 'warn';
}

/** `5 Maret 2019 – 7 Juni 2019`, one date when both are the same, `—` when unknown. */
export function periodText(start: string | null, end: string | null): string {
  if (!start) return '—';
  if (!end || end === start) return formatCalendarDate(start);
  return `${formatCalendarDate(start)} – ${formatCalendarDate(end)}`;
}

/** The retention a berkas runs on: `2 + 3 th` (active + inactive years). */
export function retentionYears(
  retention: { activeYears: number; inactiveYears: number } | null,
): string {
  return retention ? `${retention.activeYears} + ${retention.inactiveYears} th` : '—';
}

/** Where a letter filed in a berkas opens: today's letters in their own screens; old
 * imported letters have no screen of their own (they open in a dialog). */
export function letterRoute(
  type: 'incoming' | 'outgoing' | 'imported',
  id: string,
): { name: string; params: { id: string } } | null {
  if (type === 'incoming') return { name: 'incoming-detail', params: { id } };
  if (type === 'outgoing') return { name: 'outgoing-detail', params: { id } };
  return null;
}

/** The date a berkas is next due, for lists: transfer while active, else the end. */
export function nextDue(
  berkas: Pick<Berkas, 'status' | 'activeUntil' | 'inactiveUntil'>,
): string | null {
  if (berkas.status === 'closed') return berkas.activeUntil;
  if (berkas.status === 'inactive') return berkas.inactiveUntil;
  return null;
}

export function todayJakarta(): string {
  return new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' });
}
