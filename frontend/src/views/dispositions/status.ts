import type { DispositionStatus, Urgency } from '@/api/dispositions.ts';

/** PrimeVue Tag severities for statuses and urgencies, one place for every screen. */
export function statusSeverity(
  status: DispositionStatus | string,
): 'info' | 'warn' | 'success' | 'secondary' | 'danger' | 'contrast' {
  switch (status) {
    case 'terkirim':
      return 'info';
    case 'dibaca':
      return 'contrast';
    case 'diproses':
      return 'warn';
    case 'selesai':
      return 'success';
    case 'dikembalikan':
      return 'danger';
    default:
      return 'secondary';
  }
}

export function urgencySeverity(
  urgency: Urgency | string | null | undefined,
): 'danger' | 'warn' | 'secondary' {
  return urgency === 'sangat_segera' ? 'danger' : urgency === 'segera' ? 'warn' : 'secondary';
}

/** Today in Jakarta as `YYYY-MM-DD`. */
export function jakartaToday(at: Date = new Date()): string {
  return at.toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' });
}
