import mongoose from 'mongoose';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { StoredFileModel } from './file.model.ts';
import type { FileStorage } from './file-storage.ts';

/** Keys laid out as `{prefix}/{yyyy}/{ownerId}/{fileId}/...` (see fileObjectKey). */
const FILE_KEY = /^[a-z][a-z-]*\/\d{4}\/[0-9a-f]{24}\/([0-9a-f]{24})\//;

export interface StoredObject {
  key: string;
  lastModified: Date;
}

export interface SweepResult {
  scanned: number;
  removed: string[];
}

/** How far back past the grace period objects are looked at. The sweepers run every
 * quarter of an hour, so an orphan is seen by a couple of hundred runs before it leaves the
 * window; older objects were checked when they were in it. */
export const SWEEP_WINDOW_MS = 2 * 86_400_000;
/** File records read at once, one `_id` equality each. */
const PARALLEL = 8;

/**
 * Removes objects that no file record points to, once they are older than `graceMs` (an
 * upload in progress has objects but no record yet) and younger than `graceMs + windowMs`.
 * Registrations clean up after themselves when they fail; this catches what a crash left
 * behind. Each object's record is looked up by `_id` equality (an `$in` over every file
 * would make FerretDB read the whole collection each run); the window keeps that to the
 * files of the last days. `windowMs: Infinity` checks every object (an operator's sweep).
 */
export async function sweepOrphanObjects(
  storage: FileStorage,
  options: {
    prefixes: string[];
    graceMs: number;
    windowMs?: number;
    logger?: Logger;
    /** Listings the caller already made (by prefix, without the slash), so a pass that
     * also judges other objects under a prefix lists it once (each listing walks every
     * object of five years under it). */
    listed?: Map<string, StoredObject[]>;
  },
): Promise<SweepResult> {
  const cutoff = now().getTime() - options.graceMs;
  const since = cutoff - (options.windowMs ?? SWEEP_WINDOW_MS);
  const result: SweepResult = { scanned: 0, removed: [] };
  for (const prefix of options.prefixes) {
    const objects = options.listed?.get(prefix) ?? (await storage.list(`${prefix}/`));
    result.scanned += objects.length;
    const candidates = objects.filter((o) => {
      const at = o.lastModified.getTime();
      return at < cutoff && at >= since;
    });
    const fileIds = [
      ...new Set(
        candidates.map((o) => FILE_KEY.exec(o.key)?.[1]).filter((id): id is string => !!id),
      ),
    ];
    const known = new Set<string>();
    for (let i = 0; i < fileIds.length; i += PARALLEL) {
      const found = await Promise.all(
        fileIds
          .slice(i, i + PARALLEL)
          .map((id) =>
            StoredFileModel.exists({ _id: new mongoose.Types.ObjectId(id) }).then((hit) =>
              hit ? id : null,
            ),
          ),
      );
      for (const id of found) if (id) known.add(id);
    }
    for (const object of candidates) {
      const fileId = FILE_KEY.exec(object.key)?.[1];
      if (!fileId || known.has(fileId)) continue;
      await storage.removeAll(object.key);
      result.removed.push(object.key);
    }
  }
  if (result.removed.length > 0)
    options.logger?.warn({ removed: result.removed.length }, 'orphan objects removed');
  return result;
}
