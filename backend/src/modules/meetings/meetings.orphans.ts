import mongoose from 'mongoose';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { StoredFileModel } from '../files/file.model.ts';
import type { FileStorage } from '../files/file-storage.ts';
import { SWEEP_WINDOW_MS } from '../files/sweeper.ts';
import { dropUnattachedScan, SCAN_LEASE_MS, scanFilesOf } from './meetings.scans.ts';

/** A meeting's file this much older than its record may be dropped when the meeting does
 * not point at it: the upload that recorded it held the scan's lease (SCAN_LEASE_MS) and
 * points the meeting at it a moment after recording it, so by then it failed or died. The
 * margin covers a stalled process and clocks of replicas that disagree a little. */
export const ORPHAN_SCAN_GRACE_MS = SCAN_LEASE_MS + 20 * 60 * 1000;
/** Files dropped in one pass at most; the rest wait for the next (the sweep runs often). */
const MAX_DROPPED_PER_PASS = 200;
/** Meetings read at once, one `_id` equality each. */
const PARALLEL = 8;

interface Candidate {
  _id: mongoose.Types.ObjectId;
  /** A meeting's ObjectId, unless a script wrote something else. */
  ownerId: unknown;
}

/**
 * Drops meeting files (minutes scans, attendance sheets) whose meeting does not point at
 * them, or is gone: what an upload leaves when its process dies between recording the file
 * and pointing the meeting at it (an upload that fails in-process undoes itself,
 * meetings.scans.ts). Each goes with its queued OCR job, search text, pages, record and
 * objects (dropUnattachedScan), which re-reads the meeting first, so a second pass or a
 * second replica finds nothing left. Reads the meeting files by `ownerType` equality
 * (pushed down) recorded between `graceMs + windowMs` and `graceMs` ago (a meeting holds two
 * scans; a few thousand files in five years), then each of their meetings by `_id`: the
 * window keeps that to the files of the last days, like the object sweeper's. Maintenance
 * only, never a request's read. Returns the ids of the files dropped.
 */
export async function sweepOrphanMeetingScans(
  storage: FileStorage,
  options: { logger: Logger; graceMs?: number; windowMs?: number },
): Promise<string[]> {
  const cutoff = now().getTime() - (options.graceMs ?? ORPHAN_SCAN_GRACE_MS);
  const since = cutoff - (options.windowMs ?? SWEEP_WINDOW_MS);
  const createdAt = Number.isFinite(since)
    ? { $lt: new Date(cutoff), $gte: new Date(since) }
    : { $lt: new Date(cutoff) };
  const files = await StoredFileModel.find(
    { ownerType: 'meeting', createdAt },
    { _id: 1, ownerId: 1 },
  ).lean<Candidate[]>();
  if (files.length === 0) return [];
  const pointedAt = await filesMeetingsPointAt([...new Set(files.map((f) => String(f.ownerId)))]);
  const orphans = files.filter((f) => !pointedAt.has(String(f._id))).slice(0, MAX_DROPPED_PER_PASS);
  const dropped: string[] = [];
  for (const file of orphans) {
    const fileId = String(file._id);
    if (await dropUnattachedScan(storage, String(file.ownerId), fileId, options.logger))
      dropped.push(fileId);
  }
  if (dropped.length > 0)
    options.logger.warn(
      { files: dropped },
      'meeting scans left by an interrupted upload removed (record, text, pages, objects)',
    );
  return dropped;
}

/** The scan file ids the given meetings point at now (a meeting gone points at nothing). */
async function filesMeetingsPointAt(meetingIds: string[]): Promise<Set<string>> {
  const pointed = new Set<string>();
  for (let i = 0; i < meetingIds.length; i += PARALLEL) {
    const scans = await Promise.all(meetingIds.slice(i, i + PARALLEL).map(scanFilesOf));
    for (const fileId of scans.flat()) pointed.add(fileId);
  }
  return pointed;
}
