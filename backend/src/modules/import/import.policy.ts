import { clearanceAllows, hasRole, type Actor, type SecurityClass } from '../../http/actor.ts';
import type { StoredFile } from '../files/file.model.ts';
import { ImportedLetterModel, type ImportedLetter } from './import.model.ts';

/**
 * Old letters brought in by an import have no addressee chain any more, so access follows
 * the register rule of today's letters (letters.policy.ts, search.policy.ts): the letter
 * desk (agendaris, admin) and the archivists see Biasa and Terbatas letters; Rahasia and
 * Sangat Rahasia only archivists cleared for them. Running imports is archivists' work.
 */
export function canRunImports(actor: Actor): boolean {
  return hasRole(actor, 'arsiparis');
}

export function canReadImportedLetter(
  actor: Actor,
  letter: Pick<ImportedLetter, 'securityClass'>,
): boolean {
  const securityClass = letter.securityClass as SecurityClass;
  if (hasRole(actor, 'arsiparis')) return clearanceAllows(actor.clearance, securityClass);
  return hasRole(actor, 'agendaris', 'admin') && (securityClass === 'B' || securityClass === 'T');
}

/** Classes an actor may read among imported letters (for list filters). */
export function readableImportedClasses(actor: Actor): SecurityClass[] {
  return (['B', 'T', 'R', 'SR'] as const).filter((c) =>
    canReadImportedLetter(actor, { securityClass: c }),
  );
}

/** File access for `import` files (registered with the files module). */
export async function canReadImportedFile(
  actor: Actor,
  file: Pick<StoredFile, 'ownerType' | 'ownerId'>,
): Promise<boolean> {
  if (file.ownerType !== 'import') return false;
  const letter = await ImportedLetterModel.findById(file.ownerId, {
    securityClass: 1,
    status: 1,
  }).lean<ImportedLetter>();
  return !!letter && letter.status === 'imported' && canReadImportedLetter(actor, letter);
}
