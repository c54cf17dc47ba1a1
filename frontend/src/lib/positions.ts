import type { SessionPosition } from '@/api/auth.ts';

const ACTING_PREFIX = { plt: 'Plt.', plh: 'Plh.' } as const;

/** `Kepala Biro Umum`, or `Plh. Kepala Biro Umum` for an acting assignment. The server's
 * displayTitle wins; without it, and without the acting kind, the neutral `Plt./Plh.` is
 * used rather than guessing. */
export function positionLabel(
  position: Pick<SessionPosition, 'title' | 'acting'> &
    Partial<Pick<SessionPosition, 'actingKind' | 'displayTitle'>>,
): string {
  if (position.displayTitle) return position.displayTitle;
  if (!position.acting) return position.title;
  const prefix = position.actingKind ? ACTING_PREFIX[position.actingKind] : 'Plt./Plh.';
  return `${prefix} ${position.title}`;
}

/** Two letters for an avatar: first letters of the first two words of the name. */
export function initials(name: string): string {
  const words = name
    .replace(/[,.].*$/, '')
    .split(/\s+/)
    .filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');
}
