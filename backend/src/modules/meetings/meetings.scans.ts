import type { Context } from 'koa';
import mongoose from 'mongoose';
import type { Actor, SecurityClass } from '../../http/actor.ts';
import { conflict, notFound, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { jakartaParts } from '../documents/format-id.ts';
import { StoredFileModel, type StoredFile } from '../files/file.model.ts';
import type { FileStorage } from '../files/file-storage.ts';
import { fileFolder, fileObjectKey, getStoredFile, recordFiles } from '../files/files.service.ts';
import { acquireLease, releaseLease } from '../files/lease.ts';
import { receiveMultipart } from '../files/upload.ts';
import { JobModel } from '../jobs/job.model.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { OcrPageModel } from '../ocr/ocr-page.model.ts';
import { removeFileText } from '../search/publish.ts';
import { MeetingModel, type Meeting } from './meeting.model.ts';
import { publishMeeting } from './meetings.search.ts';
import { audit, loadManagedMeeting } from './meetings.service.ts';

/**
 * A meeting's two scans: the minutes (notulen) uploaded instead of drafted, and the signed
 * attendance sheet (daftar hadir). Each is an ordinary stored file of owner type `meeting`
 * under `meetings/<yyyy>/<meetingId>/<fileId>/` (the sweeper's `meetings` prefix keeps it
 * while its record exists) and is read by OCR like a letter's scan: its pages go to the
 * search index under the meeting's id. Replacing or removing a scan removes the old file's
 * record, pages, search text and objects, so no stale hit remains.
 */
export type MeetingScan = 'minutes' | 'attendance';

const LABEL: Record<MeetingScan, string> = {
  minutes: 'pindaian notulen',
  attendance: 'pindaian daftar hadir',
};

function currentFileId(meeting: Meeting, which: MeetingScan): string | null {
  const id = which === 'minutes' ? meeting.minutes?.scanFileId : meeting.attendanceSheetFileId;
  return id ? String(id) : null;
}

/** How long one upload or removal may hold a scan of a meeting (a slow upload of a large
 * scan included); a process that dies holding it blocks that scan this long at most. The
 * orphan sweep (meetings.orphans.ts) leaves younger files alone: their upload may still run. */
export const SCAN_LEASE_MS = 10 * 60 * 1000;

/**
 * One change of a meeting's scan at a time (two uploads at once, a double click): each reads
 * the scan it replaces, so two at once would both drop the old one and leave the loser's
 * file recorded, stored and read into search while the meeting shows the other. The second
 * is refused with 409 instead. A lease (a claimed transition, files/lease.ts), since a
 * conditional update is not atomic on FerretDB.
 */
async function oneChangeAtATime<T>(id: string, which: MeetingScan, work: () => Promise<T>) {
  const lease = await acquireLease(`meeting-scan:${id}:${which}`, SCAN_LEASE_MS);
  if (!lease)
    throw conflict(
      `${LABEL[which].replace(/^p/, 'P')} rapat ini sedang diubah oleh permintaan lain. Coba lagi sebentar lagi.`,
    );
  try {
    return await work();
  } finally {
    await releaseLease(lease);
  }
}

/** Checks the actor may change this scan now: the attendance sheet also after the minutes
 * are final (the signed sheet often comes later), the minutes scan only before. */
async function loadForScan(actor: Actor, id: string, which: MeetingScan): Promise<Meeting> {
  const meeting = await loadManagedMeeting(actor, id, true);
  if (which === 'minutes' && meeting.minutes?.finalizedAt)
    throw conflict('Notulen rapat ini sudah final; pindaiannya tidak dapat diganti.');
  return meeting;
}

function scanField(which: MeetingScan, fileId: unknown): Record<string, unknown> {
  return which === 'minutes'
    ? { 'minutes.scanFileId': fileId, 'minutes.mode': fileId ? 'scan' : 'draft' }
    : { attendanceSheetFileId: fileId };
}

export async function attachMeetingScan(
  ctx: Context,
  options: { storage: FileStorage; maxFileBytes: number; logger: Logger },
  actor: Actor,
  id: string,
  which: MeetingScan,
): Promise<Meeting> {
  // Refusals for who may not change it come first, without holding anything.
  const checked = await loadForScan(actor, id, which);
  return oneChangeAtATime(String(checked._id), which, async () => {
    // Read again under the lease: the scan replaced is the one attached now.
    const meeting = await loadForScan(actor, id, which);
    return attach(ctx, options, actor, meeting, which);
  });
}

async function attach(
  ctx: Context,
  options: { storage: FileStorage; maxFileBytes: number; logger: Logger },
  actor: Actor,
  meeting: Meeting,
  which: MeetingScan,
): Promise<Meeting> {
  const year = jakartaParts(now()).year;
  const upload = await receiveMultipart(ctx, {
    storage: options.storage,
    maxFileBytes: options.maxFileBytes,
    maxFiles: 1,
    fileField: 'file',
    keyFor: (fileId, ext) => fileObjectKey('meetings', year, String(meeting._id), fileId, ext),
  });
  if (upload.files.length !== 1) throw validationFailed(`Pilih satu berkas ${LABEL[which]}.`);
  const [stored] = await recordFiles(
    'meeting',
    meeting._id,
    upload.files,
    meeting.securityClass as SecurityClass,
    actor.userId,
  );
  const fileId = String(stored!._id);
  try {
    // Queued before the meeting points at it, so an attached scan is always read. A failure
    // from here until the meeting points at the file undoes the file (below); a process
    // that dies here leaves it to the orphan sweep (meetings.orphans.ts).
    await enqueueJob('ocr', `ocr:${fileId}`, { fileId });
    const pointed = await MeetingModel.updateOne(
      { _id: meeting._id },
      { $set: scanField(which, stored!._id) },
    );
    if (pointed.matchedCount === 0) throw notFound('Rapat');
  } catch (error) {
    await dropUnattachedScan(options.storage, String(meeting._id), fileId, options.logger).catch(
      (undoError: unknown) =>
        options.logger.warn(
          { err: undoError, fileId },
          'undo of a failed meeting scan upload left to the orphan sweep',
        ),
    );
    throw error;
  }
  const previous = currentFileId(meeting, which);
  if (previous) await dropScanFile(options.storage, previous, options.logger);
  const saved = (await MeetingModel.findById(meeting._id).lean<Meeting>())!;
  await publishMeeting(saved);
  await audit(
    actor,
    which === 'minutes' ? 'meeting.minutes_scan' : 'meeting.attendance_sheet',
    saved,
    { file: stored!.name, ...(previous ? { replaced: previous } : {}) },
  );
  return saved;
}

export async function removeMeetingScan(
  options: { storage: FileStorage; logger: Logger },
  actor: Actor,
  id: string,
  which: MeetingScan,
): Promise<Meeting> {
  const checked = await loadForScan(actor, id, which);
  return oneChangeAtATime(String(checked._id), which, async () => {
    const meeting = await loadForScan(actor, id, which);
    return remove(options, actor, meeting, which);
  });
}

async function remove(
  options: { storage: FileStorage; logger: Logger },
  actor: Actor,
  meeting: Meeting,
  which: MeetingScan,
): Promise<Meeting> {
  const previous = currentFileId(meeting, which);
  if (!previous) throw notFound(LABEL[which].replace(/^p/, 'P'));
  await MeetingModel.updateOne({ _id: meeting._id }, { $set: scanField(which, null) });
  await dropScanFile(options.storage, previous, options.logger);
  const saved = (await MeetingModel.findById(meeting._id).lean<Meeting>())!;
  await publishMeeting(saved);
  await audit(
    actor,
    which === 'minutes' ? 'meeting.minutes_scan_removed' : 'meeting.attendance_sheet_removed',
    saved,
    { file: previous },
  );
  return saved;
}

/**
 * Drops a meeting's file that the meeting does not point at (an upload that failed after
 * recording it, or whose process died there), unless the meeting points at it after all (a
 * failed reply to an update that was applied). dropScanFile removes its queued OCR job,
 * text and pages before its record, and its objects after: a crash during the undo leaves
 * a record the orphan sweep finds again, or only objects without a record, which the object
 * sweeper removes. False when the meeting points at the file (nothing dropped).
 */
export async function dropUnattachedScan(
  storage: FileStorage,
  meetingId: string,
  fileId: string,
  logger: Logger,
): Promise<boolean> {
  if ((await scanFilesOf(meetingId)).includes(fileId)) return false;
  await dropScanFile(storage, fileId, logger);
  return true;
}

/** The scan file ids a meeting points at now: none when it is gone, or when the id cannot
 * name a meeting at all (a file record a script wrote with a malformed owner). */
export async function scanFilesOf(meetingId: string): Promise<string[]> {
  if (!mongoose.isValidObjectId(meetingId)) return [];
  const meeting = await MeetingModel.findById(meetingId, {
    'minutes.scanFileId': 1,
    attendanceSheetFileId: 1,
  }).lean<Meeting>();
  if (!meeting) return [];
  return (['minutes', 'attendance'] as const)
    .map((which) => currentFileId(meeting, which))
    .filter((id): id is string => id !== null);
}

/** A scan no longer attached: its OCR job while still queued (a worker would only find the
 * file gone), its text leaves the index (no stale hit), then its OCR pages and record, then
 * its objects (original, searchable PDF, page images). An OCR job already running on it
 * finds the record gone and stops (FileGoneError). */
async function dropScanFile(storage: FileStorage, fileId: string, logger: Logger): Promise<void> {
  const file: StoredFile | null = await getStoredFile(fileId);
  await JobModel.deleteOne({ dedupeKey: `ocr:${fileId}`, status: 'queued' });
  await removeFileText(fileId);
  await OcrPageModel.deleteMany({ fileId });
  await StoredFileModel.deleteOne({ _id: fileId });
  if (!file) return;
  const objects = await storage.list(fileFolder(file)).catch(() => [{ key: file.key }]);
  const results = await Promise.allSettled(objects.map((o) => storage.removeAll(o.key)));
  if (results.some((r) => r.status === 'rejected'))
    logger.warn({ fileId }, 'objects of a replaced meeting scan left for the sweeper');
}
