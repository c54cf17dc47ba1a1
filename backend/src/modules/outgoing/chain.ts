import type { OutgoingStatus } from './outgoing.model.ts';

/**
 * The verification chain as a pure state machine: which action is allowed in which status
 * and where it leads. Who may take it (the drafter, the current verifier, the signer) is
 * the policy's business; the effects on the letter's fields are the services'.
 *
 *   draft ──submit──▶ in_review ──approve (last)──▶ awaiting_signature ──sign──▶ signed ──dispatch──▶ sent
 *     ▲                 │  ▲ approve (next verifier)      │
 *     └──edit           │  └─────┘                         │
 *   returned ◀──return──┴──────────────return──────────────┘
 */
export const OUTGOING_ACTIONS = [
  'create',
  'edit',
  'submit',
  'approve',
  'return',
  'sign_start',
  'sign_finish',
  'dispatch',
  'disposition_completed',
] as const;
export type OutgoingAction = (typeof OUTGOING_ACTIONS)[number];

const ALLOWED: Record<Exclude<OutgoingAction, 'create'>, OutgoingStatus[]> = {
  edit: ['draft', 'returned'],
  submit: ['draft', 'returned'],
  approve: ['in_review'],
  return: ['in_review', 'awaiting_signature'],
  sign_start: ['awaiting_signature'],
  // From awaiting_signature in one change (sign.service.ts); from signing for letters an
  // older version left half-way.
  sign_finish: ['awaiting_signature', 'signing'],
  dispatch: ['signed', 'sent'],
  disposition_completed: ['sent'],
};

export function isAllowed(status: OutgoingStatus, action: OutgoingAction): boolean {
  return action !== 'create' && ALLOWED[action].includes(status);
}

/** Where an allowed action leads. `approve` needs to know whether verifiers remain. */
export function nextStatus(
  status: OutgoingStatus,
  action: OutgoingAction,
  options: { verifiersLeft?: number } = {},
): OutgoingStatus | null {
  if (!isAllowed(status, action)) return null;
  switch (action) {
    case 'edit':
      return status;
    case 'submit':
      return (options.verifiersLeft ?? 0) > 0 ? 'in_review' : 'awaiting_signature';
    case 'approve':
      return (options.verifiersLeft ?? 0) > 0 ? 'in_review' : 'awaiting_signature';
    case 'return':
      return 'returned';
    case 'sign_start':
      return 'signing';
    case 'sign_finish':
      return 'signed';
    case 'dispatch':
    case 'disposition_completed':
      return 'sent';
    default:
      return null;
  }
}

export const STATUS_LABELS: Record<OutgoingStatus, string> = {
  draft: 'Konsep',
  in_review: 'Dalam verifikasi',
  returned: 'Dikembalikan',
  awaiting_signature: 'Menunggu tanda tangan',
  signing: 'Sedang ditandatangani',
  signed: 'Ditandatangani',
  sent: 'Terkirim',
};

/** Why an action is refused in a status, in words a user understands. */
export function refusalReason(status: OutgoingStatus, action: OutgoingAction): string {
  if (status === 'signed' || status === 'sent' || status === 'signing') {
    if (action === 'edit' || action === 'submit')
      return 'Surat sudah ditandatangani dan tidak dapat diubah lagi.';
    if (action === 'approve' || action === 'return')
      return 'Surat sudah ditandatangani; verifikasi sudah selesai.';
    if (action === 'sign_start') return 'Surat sudah ditandatangani.';
  }
  switch (action) {
    case 'edit':
      return `Surat berstatus "${STATUS_LABELS[status]}" dan tidak dapat diubah. Konsep hanya dapat diubah sebelum diajukan atau setelah dikembalikan.`;
    case 'submit':
      return `Surat berstatus "${STATUS_LABELS[status]}" dan tidak dapat diajukan lagi.`;
    case 'approve':
      return `Surat berstatus "${STATUS_LABELS[status]}"; tidak ada verifikasi yang menunggu.`;
    case 'return':
      return `Surat berstatus "${STATUS_LABELS[status]}" dan tidak dapat dikembalikan.`;
    case 'sign_start':
    case 'sign_finish':
      return `Surat berstatus "${STATUS_LABELS[status]}"; surat hanya dapat ditandatangani setelah seluruh verifikator memberi paraf.`;
    case 'dispatch':
      return `Surat berstatus "${STATUS_LABELS[status]}"; hanya surat yang sudah ditandatangani yang dapat dikirim.`;
    default:
      return 'Tindakan ini tidak diizinkan.';
  }
}
