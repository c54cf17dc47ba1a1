import type { OutgoingStatus } from '@/api/outgoing.ts';

/** Tag colours for statuses: work waiting (warn), signed (success), sent (info). */
export function statusSeverity(
  status: OutgoingStatus,
): 'secondary' | 'info' | 'warn' | 'success' | 'danger' {
  switch (status) {
    case 'draft':
      return 'secondary';
    case 'returned':
      return 'danger';
    case 'in_review':
    case 'awaiting_signature':
    case 'signing':
      return 'warn';
    case 'signed':
      return 'success';
    default:
      return 'info';
  }
}
