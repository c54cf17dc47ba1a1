import {
  backfillDone,
  bulkWriteInChunks,
  inBatches,
  markBackfillDone,
} from '../../lib/backfill.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import { StoredFileModel, type StoredFile } from './file.model.ts';
import { countPages } from './file-pages.ts';
import { fileStorage, type FileStorage } from './file-storage.ts';

/** Bump to count every file without a page count again. */
export const PAGE_COUNT_VERSION = 1;
const MARKER = 'files-page-count';
/** Files read from storage per batch (each is fetched whole to count its pages). */
const BATCH = 20;

/**
 * Gives files stored before upload counted pages their `pageCount` (OCR'd files already
 * have one; the seed sets it). Idempotent: only records without a count are read, and a
 * finished pass sets a marker so later starts do not scan the collection again. Counting
 * reads page trees and image directories only (mupdf), never pixels, so a stored bomb is
 * counted, not rendered. A file that cannot be read is left without a count: the viewer
 * counts it on first view.
 */
export async function backfillPageCounts(
  storage: FileStorage,
  options: { force?: boolean; logger?: Logger } = {},
): Promise<{ scanned: number; updated: number; unreadable: number }> {
  if (!options.force && (await backfillDone(MARKER, PAGE_COUNT_VERSION)))
    return { scanned: 0, updated: 0, unreadable: 0 };
  // A one-off scan of the collection (the marker ends it): `$exists` is not pushed down.
  const cursor = StoredFileModel.find({ pageCount: { $exists: false } }, { key: 1, mimeType: 1 })
    .lean<StoredFile[]>()
    .cursor();
  let unreadable = 0;
  const result = await inBatches<StoredFile>(cursor, BATCH, async (batch) => {
    const ops: unknown[] = [];
    for (const file of batch) {
      try {
        const pageCount = countPages(await storage.getBuffer(file.key), file.mimeType);
        ops.push({ updateOne: { filter: { _id: file._id }, update: { $set: { pageCount } } } });
      } catch (error) {
        unreadable++;
        options.logger?.warn({ fileId: String(file._id), err: error }, 'page count not read');
      }
    }
    await bulkWriteInChunks(StoredFileModel, ops);
    return ops.length;
  });
  await markBackfillDone(MARKER, PAGE_COUNT_VERSION, result.updated);
  if (result.updated > 0 || unreadable > 0)
    options.logger?.info({ ...result, unreadable }, 'file page counts backfilled');
  return { ...result, unreadable };
}

/** Runs beside serving, not before it: it reads stored files, which takes a while on an
 * archive of old uploads, and nothing waits for it (the viewer counts a page itself when
 * the record has no count yet). */
export async function filesStartupTask(services: Services): Promise<void> {
  void backfillPageCounts(fileStorage(services.config), { logger: services.logger }).catch(
    (error: unknown) => services.logger.warn({ err: error }, 'file page count backfill failed'),
  );
}
