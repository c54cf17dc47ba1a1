import mongoose from 'mongoose';
import { StoredFileModel } from '../files/file.model.ts';
import { ImportedLetterModel, type ImportedLetter } from './import.model.ts';

/** Reads done at once. */
const PARALLEL = 8;

/** Runs `read` for every value, a few at a time, results in one list. */
export async function eachInParallel<V, T>(values: V[], read: (value: V) => Promise<T[]>) {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += PARALLEL)
    out.push(...(await Promise.all(values.slice(i, i + PARALLEL).map(read))).flat());
  return out;
}

/**
 * Imported letters by their unique `importKey`, one equality each: an `$in` over a chunk's
 * keys is not pushed down on FerretDB and would read every imported letter per chunk (an
 * import of 10,000 letters into an archive of 100,000 would read it hundreds of times).
 */
export async function importedByKeys(
  keys: string[],
  projection: Record<string, 1>,
  extra: Record<string, unknown> = {},
): Promise<ImportedLetter[]> {
  return eachInParallel([...new Set(keys)], (importKey) =>
    ImportedLetterModel.find({ importKey, ...extra } as never, projection).lean<ImportedLetter[]>(),
  );
}

/** File records of imported letters, by `(ownerType, ownerId)` equality per letter. */
export async function importFilesOf(
  letterIds: unknown[],
): Promise<{ _id: mongoose.Types.ObjectId; key: string }[]> {
  return eachInParallel(letterIds, (ownerId) =>
    StoredFileModel.find({ ownerType: 'import', ownerId } as never, { _id: 1, key: 1 }).lean<
      { _id: mongoose.Types.ObjectId; key: string }[]
    >(),
  );
}

/** Deletes file records one `_id` at a time (a `deleteMany` with `$in` scans on FerretDB). */
export async function deleteFileRecords(ids: unknown[]): Promise<void> {
  await eachInParallel(ids, async (_id) => {
    await StoredFileModel.deleteOne({ _id } as never);
    return [];
  });
}
