import mongoose from 'mongoose';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { StoredFileModel } from './file.model.ts';
import type { FileStorage } from './file-storage.ts';

/** Keys laid out as `{prefix}/{yyyy}/{ownerId}/{fileId}/...` (see fileObjectKey). */
const FILE_KEY = /^[a-z][a-z-]*\/\d{4}\/[0-9a-f]{24}\/([0-9a-f]{24})\//;

export interface SweepResult {
  scanned: number;
  removed: string[];
}

/**
 * Removes objects that no file record points to, once they are older than `graceMs` (an
 * upload in progress has objects but no record yet). Registrations clean up after
 * themselves when they fail; this catches what a crash left behind.
 */
export async function sweepOrphanObjects(
  storage: FileStorage,
  options: { prefixes: string[]; graceMs: number; logger?: Logger },
): Promise<SweepResult> {
  const cutoff = now().getTime() - options.graceMs;
  const result: SweepResult = { scanned: 0, removed: [] };
  for (const prefix of options.prefixes) {
    const objects = await storage.list(`${prefix}/`);
    result.scanned += objects.length;
    const candidates = objects.filter((o) => o.lastModified.getTime() < cutoff);
    const fileIds = [
      ...new Set(
        candidates.map((o) => FILE_KEY.exec(o.key)?.[1]).filter((id): id is string => !!id),
      ),
    ];
    const known = new Set(
      (
        await StoredFileModel.find(
          { _id: { $in: fileIds.map((id) => new mongoose.Types.ObjectId(id)) } },
          { _id: 1 },
        ).lean()
      ).map((f) => String(f._id)),
    );
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
