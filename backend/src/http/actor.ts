/** Who is calling: set on ctx.state.actor by the auth middleware (modules/auth), read by
 * the route layer and every policy. Positions include acting (Plt/Plh) ones in force today. */
export const ROLES = ['admin', 'agendaris', 'pejabat', 'arsiparis'] as const;
export type Role = (typeof ROLES)[number];

export const SECURITY_CLASSES = ['B', 'T', 'R', 'SR'] as const;
export type SecurityClass = (typeof SECURITY_CLASSES)[number];

export interface HeldPosition {
  id: string;
  title: string;
  unitId: string;
  acting: boolean;
  /** Stable position key (e.g. `sekda`, `kabagtu`). */
  key?: string;
  /** sekda | asisten | kepala_biro | kepala_bagian | staf */
  kind?: string;
  unitCode?: string;
  unitName?: string;
  /** 'plt' or 'plh' while acting; null for the user's own position. */
  actingKind?: 'plt' | 'plh' | null;
  /** Unit ids from the root down to this position's unit, for unit-scope checks. */
  unitPath?: string[];
}

export interface Actor {
  userId: string;
  username: string;
  name: string;
  roles: Role[];
  /** Highest security class the user is cleared for. */
  clearance: SecurityClass;
  positions: HeldPosition[];
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
}

export function clearanceAllows(clearance: SecurityClass, recordClass: SecurityClass): boolean {
  return SECURITY_CLASSES.indexOf(clearance) >= SECURITY_CLASSES.indexOf(recordClass);
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}
