import { AppError } from '../../http/errors.ts';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { CounterModel } from './counter.model.ts';

/**
 * Gap-free, duplicate-free numbers without transactions.
 *
 * The number is never handed out on its own: it only exists once the owner record (a
 * letter) holds it, and a unique index on the owner side forbids two owners per number.
 * So a failure before the claim consumes nothing, and a crash after the claim leaves a
 * fully numbered record. The counter document is only a fast hint of the last taken
 * number:
 *
 *   1. read `last` (L) of the counter for (series, year);
 *   2. ask the owner to claim L + 1 with a single-document update guarded by its unique
 *      index: "claimed", or "taken" when another owner already holds it;
 *   3. on "taken", probe L + 2, L + 3, ... the same way: a number is only tried once every
 *      number below it was seen taken, so whatever is claimed is exactly max + 1;
 *   4. raise the counter to the highest number seen taken with `$max`.
 *
 * The counter never runs ahead of the owners (every raise writes a number already taken),
 * so the next reader starts at or below the true maximum: no gaps. It may fall behind:
 * `$max` is not atomic on FerretDB (it reads, then writes), so two raises at once can leave
 * the lower one; that only costs the next caller a few probes. A crash between 2 and 4 leaves the counter behind; the next
 * allocation probes past it and repairs it. Numbers are never released (a voided record
 * keeps its number), which is what keeps the induction true.
 */
export type ClaimResult = 'claimed' | 'taken';

export interface AllocateOptions {
  series: string;
  year: number;
  /** The highest number the owners hold now (an indexed read). Optional: it only saves
   * failed claims when many allocate at once; correctness never depends on it. */
  peek?: () => Promise<number>;
  /** Puts `number` on the owner record atomically; 'taken' when the unique index refused it.
   * Throws when the owner can no longer be numbered (e.g. it was removed). */
  claim: (number: number) => Promise<ClaimResult>;
  maxAttempts?: number;
  /** Default true. False lets tests race callers in one process as if they were replicas. */
  serialise?: boolean;
}

export async function allocateNumber(options: AllocateOptions): Promise<number> {
  // Claims of one series in this process go one at a time: they would only collide with
  // each other. Other processes still race, and the unique index settles those.
  if (options.serialise === false) return allocate(options);
  return serialised(`${options.series}:${options.year}`, () => allocate(options));
}

async function allocate(options: AllocateOptions): Promise<number> {
  const maxAttempts = options.maxAttempts ?? 5000;
  let candidate = (await currentValue(options.series, options.year)) + 1;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const result = await options.claim(candidate);
    if (result === 'claimed') {
      await raise(options.series, options.year, candidate);
      return candidate;
    }
    candidate++;
    // Another process took it: skip what the owners already hold (a read, cheaper than a
    // failed write), and let a little jitter spread processes that keep colliding.
    if (options.peek) candidate = Math.max(candidate, (await options.peek()) + 1);
    if (attempt % 8 === 7) {
      await raise(options.series, options.year, candidate - 1);
      candidate = Math.max(candidate, (await currentValue(options.series, options.year)) + 1);
      await sleep(Math.random() * 10);
    }
  }
  throw new AppError(
    503,
    'SERVICE_UNAVAILABLE',
    'Nomor tidak dapat dialokasikan saat ini karena antrean padat. Coba lagi.',
  );
}

const queues = new Map<string, Promise<unknown>>();

function serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

/** The last taken number as the counter knows it (0 before the first one). */
export async function currentValue(series: string, year: number): Promise<number> {
  try {
    const counter = await CounterModel.findOneAndUpdate(
      { series, year },
      { $setOnInsert: { series, year, last: 0 } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    return counter?.last ?? 0;
  } catch (error) {
    // Two first allocations of a year raced on the upsert; the other one created it.
    if (isDuplicateKey(error)) {
      const counter = await CounterModel.findOne({ series, year }).lean();
      if (counter) return counter.last;
    }
    throw error;
  }
}

/** Raises the counter to `taken` unless it is already there or past it. */
async function raise(series: string, year: number, taken: number): Promise<void> {
  await CounterModel.updateOne({ series, year }, { $max: { last: taken } });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
