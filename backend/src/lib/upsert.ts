/**
 * Upserts that two requests (or a request and a worker) can make at once.
 *
 * An upsert whose document does not exist yet inserts it. When two such upserts race, both
 * find nothing and both insert: the unique index (`_id` or the declared unique key) keeps
 * one and the other fails with a duplicate-key error (E11000). MongoDB documents this ("a
 * concurrent upsert may fail with a duplicate key error; retry the operation") and retries
 * internally only in narrow cases; FerretDB 1.24 never does. Left alone, the loser's error
 * reaches the route as a 500 (seen in CI: the same user opening a queue on two screens).
 *
 * Retrying is the documented remedy: by the time the loser sees the error the winner's
 * document exists, so the same upsert now updates it. So every upsert that can race goes
 * through `retryUpsertOnDuplicate`. The write should be one that may safely run twice
 * (a `$set`, `$max`, `$setOnInsert`, a replacement) or re-read what it writes inside `write`.
 */

/** Retries after a duplicate key: one more try is normally enough; a few cover a third
 * writer recreating a document deleted in between. */
const ATTEMPTS = 3;

export async function retryUpsertOnDuplicate<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isDuplicateKey(error)) throw error;
    }
  }
}

/** True when an unordered insertMany failed only on documents that already exist (every
 * write error a duplicate key): the rest were inserted, and nothing is missing. */
export function onlyDuplicateKeys(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown[] }).writeErrors;
  if (!writeErrors) return isDuplicateKey(error);
  return (
    writeErrors.length > 0 &&
    writeErrors.every(
      // The driver's WriteError answers `code` itself; a plain one carries it in `err`.
      (writeError) =>
        isDuplicateKey(writeError) || isDuplicateKey((writeError as { err?: unknown }).err),
    )
  );
}

/** MongoDB says E11000; FerretDB 1.x on SQLite says so for inserts but reports a unique
 * violation in an update as an internal error naming the SQLite constraint. */
export function isDuplicateKey(error: unknown): boolean {
  const e = error as { code?: number; codeName?: string; message?: string };
  return (
    e?.code === 11000 ||
    e?.codeName === 'DuplicateKey' ||
    /E11000|duplicate key|UNIQUE constraint failed/i.test(e?.message ?? '')
  );
}
