import type { Actor, SecurityClass } from '../../http/actor.ts';
import { can, classesReached } from '../policy/policy.ts';
import type { StoredFile } from '../files/file.model.ts';
import { ImportedLetterModel, type ImportedLetter } from './import.model.ts';

/**
 * Old letters brought in by an import have no addressee chain any more, so the content
 * rule of today's letters (`letter.view_content` in modules/policy/policy.ts) applied to a
 * letter with no chain decides: the letter desk reads Biasa and Terbatas, archivists every
 * class their clearance reaches. Running imports is archive work (`archive.manage`).
 */
export function canRunImports(actor: Actor): boolean {
  return can(actor, 'archive.manage');
}

export function canReadImportedLetter(
  actor: Actor,
  letter: Pick<ImportedLetter, 'securityClass'>,
): boolean {
  return can(actor, 'letter.view_content', {
    securityClass: letter.securityClass as SecurityClass,
  });
}

/** Classes an actor may read among imported letters (for list filters). */
export function readableImportedClasses(actor: Actor): SecurityClass[] {
  return classesReached(actor, 'letter.view_content').filter((c) =>
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
