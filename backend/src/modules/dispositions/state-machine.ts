/** The life of one disposition node (domain.md §4), as a pure table so every rule about
 * statuses lives in one place and is tested without a database.
 *
 *   terkirim ──read──► dibaca ──report / forward──► diproses ──complete──► selesai
 *      │  └────────── report / forward ───────────────┘
 *      ├──cancel (sender, only while unread)──► dibatalkan
 *      └──return (recipient, before any follow-up)──► dikembalikan   (also from dibaca)
 *
 *   any open status ──conclude (the letter is done)──► selesai
 *
 * `conclude` is not an official's action: when the letter is done (every live penanggung
 * jawab finished, domain.md §4) the nodes still open elsewhere in the tree (coordination
 * items and their forwards) are closed with it (conclude.ts), so no screen shows the letter
 * done and something still waiting.
 */
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

export const TRANSITION_ACTIONS = [
  'read',
  'forward',
  'report',
  'complete',
  'cancel',
  'return',
  'conclude',
] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

const TABLE: Record<
  TransitionAction,
  { from: readonly DispositionStatus[]; to: (from: DispositionStatus) => DispositionStatus }
> = {
  read: { from: ['terkirim'], to: () => 'dibaca' },
  forward: { from: ['terkirim', 'dibaca', 'diproses'], to: () => 'diproses' },
  report: { from: ['terkirim', 'dibaca', 'diproses'], to: () => 'diproses' },
  complete: { from: ['diproses'], to: () => 'selesai' },
  cancel: { from: ['terkirim'], to: () => 'dibatalkan' },
  return: { from: ['terkirim', 'dibaca'], to: () => 'dikembalikan' },
  conclude: { from: ['terkirim', 'dibaca', 'diproses'], to: () => 'selesai' },
};

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextStatus(
  status: DispositionStatus,
  action: TransitionAction,
): DispositionStatus | null {
  const rule = TABLE[action];
  return rule.from.includes(status) ? rule.to(status) : null;
}

export function isOpen(status: DispositionStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export const STATUS_LABELS: Record<DispositionStatus, string> = {
  terkirim: 'Terkirim',
  dibaca: 'Dibaca',
  diproses: 'Diproses',
  selesai: 'Selesai',
  dibatalkan: 'Dibatalkan',
  dikembalikan: 'Dikembalikan',
};

/** Why an action is refused in a given status, in the words the official reads. */
export function refusalReason(status: DispositionStatus, action: TransitionAction): string {
  const now = `Status disposisi saat ini: ${STATUS_LABELS[status].toLowerCase()}.`;
  switch (action) {
    case 'cancel':
      return `Disposisi hanya dapat dibatalkan selama belum dibaca penerima. ${now}`;
    case 'return':
      return `Disposisi hanya dapat dikembalikan sebelum ditindaklanjuti. ${now}`;
    case 'complete':
      return status === 'selesai'
        ? 'Disposisi ini sudah diselesaikan.'
        : `Disposisi belum dapat diselesaikan. ${now}`;
    case 'read':
      return now;
    default:
      return `Disposisi ini sudah ditutup dan tidak dapat ditindaklanjuti lagi. ${now}`;
  }
}

export const URGENCIES = ['biasa', 'segera', 'sangat_segera'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const RECIPIENT_ROLES = ['primary', 'coordinate'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];
