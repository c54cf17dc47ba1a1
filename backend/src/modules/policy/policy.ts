/**
 * The one policy layer (design.md §4). Every access question in Lontar is answered from
 * three facts, and only here:
 *
 *   1. role: what kind of work the user does (admin, agendaris, pejabat, arsiparis);
 *   2. scope: the positions the actor holds today, acting (Plt/Plh) ones included, seen
 *      against the record's unit (unit subtree) and the positions the record is addressed
 *      or disposed to (its chain, with everyone above them in the reporting line);
 *   3. security class: the record's class (B, T, R, SR) against the user's clearance; and
 *      for R and SR, content only inside the chain (or for a cleared archivist).
 *
 * Usage from a module (routes call it between validation and the service):
 *
 *   const resource = await resourceScope({ unitId, positionIds, securityClass });
 *   authorize(actor, 'letter.view_content', resource);      // throws 403 FORBIDDEN
 *   if (can(actor, 'letter.dispose', resource)) { ... }
 *
 * Modules with their own finer rules build them from the helpers below (actorHoldsPosition,
 * actorIsInUnitSubtree, resourceInUnitScope, actorInChain, clearanceAllows) and keep them in
 * their `*.policy.ts`; new shared actions are added to POLICY with a row in the matrix test.
 */
import { clearanceAllows, type Actor, type Role, type SecurityClass } from '../../http/actor.ts';
import { forbidden } from '../../http/errors.ts';

export { clearanceAllows };

/** What a record looks like to the policy. Build it with `resourceScope()` (policy.scope.ts). */
export interface Resource {
  /** Default B. */
  securityClass?: SecurityClass;
  /** Ids of the record's responsible unit and its ancestors (root first). */
  unitPath?: string[];
  /** Positions the record is addressed or disposed to (the addressees). */
  chainPositionIds?: string[];
  /** Every position above an addressee in the reporting line (their superiors). */
  chainAncestorIds?: string[];
  /** The user who owns the record (API tokens, own profile). */
  ownerUserId?: string;
}

/**
 * any: no scope condition; unit: the record's unit lies in the subtree of a unit where the
 * actor holds a position; chain: the actor holds an addressed position or one above it;
 * addressee: the actor holds an addressed position itself; own: the actor owns the record.
 */
export type Scope = 'any' | 'unit' | 'chain' | 'addressee' | 'own';

export interface Grant {
  role: Role | '*';
  scope: Scope;
  /** Classes this grant covers; default all. */
  classes?: readonly SecurityClass[];
}

export interface Rule {
  grants: readonly Grant[];
  /** When true the actor's clearance must reach the record's class, whatever the grant. */
  clearance: boolean;
}

const OPEN: readonly SecurityClass[] = ['B', 'T'];

/** The shared actions. Rows here are mirrored one-to-one in policy.matrix.test.ts. */
export const POLICY = {
  /** Units, positions, users, acting assignments. */
  'org.manage': { grants: [{ role: 'admin', scope: 'any' }], clearance: false },
  'audit.browse': { grants: [{ role: 'admin', scope: 'any' }], clearance: false },
  'token.manage': {
    grants: [
      { role: 'admin', scope: 'any' },
      { role: '*', scope: 'own' },
    ],
    clearance: false,
  },
  /** Register an incoming letter, edit its registration data (the letter desk). */
  'letter.register': { grants: [{ role: 'agendaris', scope: 'any' }], clearance: false },
  /** See that a letter exists: its register line (metadata), whatever its class. */
  'letter.view': {
    grants: [
      { role: 'agendaris', scope: 'any' },
      { role: 'arsiparis', scope: 'any' },
      { role: 'pejabat', scope: 'chain' },
      { role: 'pejabat', scope: 'unit' },
    ],
    clearance: false,
  },
  /** Read the scan and content. R/SR only inside the chain or for a cleared archivist. */
  'letter.view_content': {
    grants: [
      { role: 'agendaris', scope: 'any', classes: OPEN },
      { role: 'arsiparis', scope: 'any' },
      { role: 'pejabat', scope: 'chain' },
      { role: 'pejabat', scope: 'unit', classes: OPEN },
    ],
    clearance: true,
  },
  /** Dispose a letter further down, report follow-up: only the addressed position's holder. */
  'letter.dispose': { grants: [{ role: 'pejabat', scope: 'addressee' }], clearance: true },
  /** Draft an outgoing letter for one's own unit (or below). */
  'outgoing.draft': {
    grants: [
      { role: 'pejabat', scope: 'unit' },
      { role: 'agendaris', scope: 'unit' },
    ],
    clearance: true,
  },
  /** Verify or sign: the position the draft is routed to. */
  'outgoing.sign': { grants: [{ role: 'pejabat', scope: 'addressee' }], clearance: true },
  /** Number and dispatch signed letters (the letter desk). */
  'outgoing.dispatch': { grants: [{ role: 'agendaris', scope: 'any' }], clearance: false },
  /** File into berkas, lend, transfer, dispose of records. */
  'archive.manage': { grants: [{ role: 'arsiparis', scope: 'any' }], clearance: true },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

export function actorHoldsPosition(actor: Actor, positionId: string): boolean {
  return actor.positions.some((p) => p.id === positionId);
}

/** The actor holds a position in `unitId` or in a unit below it. */
export function actorIsInUnitSubtree(actor: Actor, unitId: string): boolean {
  return actor.positions.some((p) => p.unitId === unitId || (p.unitPath ?? []).includes(unitId));
}

/** The record's unit lies in the subtree of a unit where the actor holds a position. */
export function resourceInUnitScope(actor: Actor, resource: Resource): boolean {
  const path = resource.unitPath ?? [];
  return actor.positions.some((p) => path.includes(p.unitId));
}

export function actorIsAddressee(actor: Actor, resource: Resource): boolean {
  return (resource.chainPositionIds ?? []).some((id) => actorHoldsPosition(actor, id));
}

/** An addressee, or a superior of one in the reporting line. */
export function actorInChain(actor: Actor, resource: Resource): boolean {
  return (
    actorIsAddressee(actor, resource) ||
    (resource.chainAncestorIds ?? []).some((id) => actorHoldsPosition(actor, id))
  );
}

function scopeHolds(actor: Actor, scope: Scope, resource: Resource): boolean {
  switch (scope) {
    case 'any':
      return true;
    case 'unit':
      return resourceInUnitScope(actor, resource);
    case 'chain':
      return actorInChain(actor, resource);
    case 'addressee':
      return actorIsAddressee(actor, resource);
    case 'own':
      return resource.ownerUserId !== undefined && resource.ownerUserId === actor.userId;
  }
}

export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  const rule: Rule = POLICY[action];
  const securityClass = resource.securityClass ?? 'B';
  if (rule.clearance && !clearanceAllows(actor.clearance, securityClass)) return false;
  return rule.grants.some(
    (grant) =>
      (grant.role === '*' || actor.roles.includes(grant.role)) &&
      (!grant.classes || grant.classes.includes(securityClass)) &&
      scopeHolds(actor, grant.scope, resource),
  );
}

/** Throws 403 FORBIDDEN unless `can`. */
export function authorize(
  actor: Actor,
  action: Action,
  resource: Resource = {},
  message?: string,
): void {
  if (!can(actor, action, resource)) throw forbidden(message);
}

/** The positions through which the actor may act on the record (for "Plh." in the audit
 * trail and in signature blocks): addressed positions the actor holds, own ones first. */
export function actingPositionsFor(actor: Actor, resource: Resource) {
  const ids = new Set(resource.chainPositionIds ?? []);
  return actor.positions
    .filter((p) => ids.has(p.id))
    .sort((a, b) => Number(a.acting) - Number(b.acting));
}
