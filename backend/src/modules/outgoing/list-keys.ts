import { jakartaDate } from '../calendar/dates.ts';

/**
 * The access keys of the outgoing lists that show every letter a user may see (the "all"
 * box, by last change) and the outgoing register (buku agenda surat keluar, by signing).
 * FerretDB pushes only top-level equalities down, so who sees a letter and when it falls are
 * folded into strings: `<scope>:<period>`, one per scope and per period granularity.
 *
 * Scopes (the same rule as `visibleFilter` in outgoing.policy.ts):
 * - `u:<userId>`: the drafter;
 * - `p:<positionId>`: every participant position (drafter, chain, recipients, tembusan);
 * - `d:<clearance>`: the letter desk (agendaris, arsiparis, admin) of each clearance that
 *   allows the letter's class, once signed or sent (drafts stay with their chain).
 * Periods of the Jakarta date: `yyyy`, `yyyy-mm` and `yyyy-mm-dd`, so a list walks a busy
 * scope a day at a time and a quiet one a month or a year at a time (list-walk.ts).
 */
export const CLEARANCES = ['B', 'T', 'R', 'SR'] as const;
export type Clearance = (typeof CLEARANCES)[number];

export interface ScopeInputs {
  status?: string | null;
  securityClass?: string | null;
  drafter?: { userId?: unknown } | null;
  participantPositionIds?: unknown[] | null;
}

export const SIGNED_STATUSES: readonly string[] = ['signed', 'sent'];

export function letterScopes(letter: ScopeInputs): string[] {
  const scopes = new Set<string>();
  if (letter.drafter?.userId) scopes.add(userScope(letter.drafter.userId));
  for (const id of letter.participantPositionIds ?? []) scopes.add(positionScope(id));
  if (SIGNED_STATUSES.includes(String(letter.status))) {
    const rank = CLEARANCES.indexOf((letter.securityClass ?? 'B') as Clearance);
    for (const clearance of CLEARANCES.slice(Math.max(rank, 0))) scopes.add(deskScope(clearance));
  }
  return [...scopes];
}

export const userScope = (userId: unknown) => `u:${String(userId)}`;
export const positionScope = (positionId: unknown) => `p:${String(positionId)}`;
export const deskScope = (clearance: Clearance) => `d:${clearance}`;

/** The three periods (year, month, day) of an instant's Jakarta date. */
export function periodsOf(at: Date): string[] {
  const day = jakartaDate(at);
  return [day.slice(0, 4), day.slice(0, 7), day];
}

export function periodKeys(scopes: string[], at: Date | null | undefined): string[] {
  if (!at) return [];
  const periods = periodsOf(new Date(at));
  return scopes.flatMap((scope) => periods.map((period) => `${scope}:${period}`));
}
