import mongoose from 'mongoose';
import { type Actor, type SecurityClass } from '../../http/actor.ts';
import { forbidden } from '../../http/errors.ts';
import { can, reach, type Resource } from '../policy/policy.ts';
import type { Berkas } from './berkas.model.ts';

/**
 * Who may do what in the archive (design.md §4), on top of the shared policy:
 *
 * - Arsiparis (`archive.manage`): every unit's berkas; content (titles, letters) and any
 *   change only up to their clearance (an R berkas needs clearance R or SR).
 * - Unit staff (pejabat): the berkas of the units where they hold a position and the units
 *   below (Plt/Plh included): create, file the letters they may read, close; content up
 *   to their clearance. Lending, transfer, disposal, handover, legal hold, the JRA and
 *   imports stay with the archivists.
 * - Officials configured as approvers decide proposals (proposals.policy in the service).
 * - Everyone else: nothing.
 */
type Scoped = Pick<Berkas, 'unitPath' | 'securityClass'>;

function berkasResource(berkas: Partial<Scoped>): Resource {
  return {
    securityClass: (berkas.securityClass ?? 'B') as SecurityClass,
    unitPath: (berkas.unitPath ?? []).map(String),
  };
}

export function isArchivist(actor: Actor): boolean {
  return reach(actor, 'archive.manage').any;
}

/** The archive menu: someone who may see some berkas. */
export function canUseArchive(actor: Actor): boolean {
  const view = reach(actor, 'berkas.view');
  return view.any || view.unitIds.length > 0;
}

/** A new berkas for the unit with this path (root first). */
export function inUnitScope(actor: Actor, berkas: { unitPath: unknown[] }): boolean {
  return can(actor, 'berkas.edit', { unitPath: berkas.unitPath.map(String) });
}

/** Who approves transfers, disposals and handovers. */
export function canConfigureArchive(actor: Actor): boolean {
  return can(actor, 'archive.settings');
}

/** That the berkas exists: number, code, unit, status, dates. */
export function canSeeBerkas(actor: Actor, berkas: Scoped): boolean {
  return can(actor, 'berkas.view', berkasResource(berkas));
}

/** Its title and the letters inside. */
export function canReadBerkas(actor: Actor, berkas: Scoped): boolean {
  return can(actor, 'berkas.edit', berkasResource(berkas));
}

/** Title, items, closing: the archivist or the unit's own staff, within clearance. */
export function canEditBerkas(actor: Actor, berkas: Scoped): boolean {
  return canReadBerkas(actor, berkas);
}

export function canManage(actor: Actor, securityClass: SecurityClass = 'B'): boolean {
  return can(actor, 'archive.manage', { securityClass });
}

export function requireManage(
  actor: Actor,
  securityClass: SecurityClass = 'B',
  message?: string,
): void {
  if (!canManage(actor, securityClass)) {
    throw forbidden(
      message ??
        (isArchivist(actor)
          ? `Izin akses Anda (${actor.clearance}) tidak mencakup arsip berklasifikasi ${securityClass}.`
          : 'Hanya arsiparis yang dapat melakukan tindakan ini.'),
    );
  }
}

export function requireSee(actor: Actor, berkas: Scoped): void {
  if (!canSeeBerkas(actor, berkas)) throw forbidden('Anda tidak berwenang melihat berkas ini.');
}

export function requireEdit(actor: Actor, berkas: Scoped): void {
  if (!canEditBerkas(actor, berkas)) {
    throw forbidden(
      canSeeBerkas(actor, berkas)
        ? `Berkas ini berklasifikasi ${berkas.securityClass}; izin akses Anda (${actor.clearance}) tidak mencakupnya.`
        : 'Anda tidak berwenang mengubah berkas ini.',
    );
  }
}

/** Mongo filter of the berkas an actor may see; null when they may see none. */
export function berkasScopeFilter(actor: Actor): Record<string, unknown> | null {
  const view = reach(actor, 'berkas.view');
  if (view.any) return {};
  const units = view.unitIds
    .filter((id) => mongoose.isValidObjectId(id))
    .map((id) => new mongoose.Types.ObjectId(id));
  return units.length ? { unitPath: { $in: units } } : null;
}

export function highestClass(classes: Array<string | null | undefined>): SecurityClass {
  const order = ['B', 'T', 'R', 'SR'];
  let best = 0;
  for (const c of classes) best = Math.max(best, order.indexOf(c ?? 'B'));
  return order[best] as SecurityClass;
}
