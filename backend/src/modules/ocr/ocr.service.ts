import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { notFound } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { StoredFileModel, type StoredFile } from '../files/file.model.ts';
import { canReadStoredFile, getStoredFile } from '../files/files.service.ts';
import type { Job } from '../jobs/job.model.ts';
import { listDoneJobs, listLiveJobs } from '../jobs/job-list.ts';
import { enqueueJob, findJobByKey, retryJob } from '../jobs/jobs.service.ts';
import { publishPageText } from '../search/publish.ts';
import { OcrPageModel, type OcrPage } from './ocr-page.model.ts';
import { can } from '../policy/policy.ts';

export const ocrJobKey = (fileId: string) => `ocr:${fileId}`;

/** The hook every OCR route goes through: a file's text is readable by whoever may read the
 * file, which is decided by the module owning it (letters, dispositions) through the files
 * module's registry (registerFileAccessCheck). */
export async function canReadFile(actor: Actor, file: StoredFile): Promise<boolean> {
  return canReadStoredFile(actor, file);
}

/** Correcting a page: the roles of `ocr.correct` in the policy table, on a file they may read
 * (for a letter's scan: its chain, the desk and the archive within their classes). */
export async function canCorrectFileText(actor: Actor, file: StoredFile): Promise<boolean> {
  return can(actor, 'ocr.correct') && (await canReadFile(actor, file));
}

export async function readableFile(actor: Actor, fileId: string): Promise<StoredFile> {
  const file = await getStoredFile(fileId);
  // Someone who may not read the file learns nothing, not even that it exists: 404.
  if (!file || !(await canReadFile(actor, file))) throw notFound('Berkas');
  return file;
}

export type OcrStatus = 'queued' | 'processing' | 'done' | 'failed';

export interface OcrView {
  status: OcrStatus;
  progress?: { page: number; pages: number };
  error?: string;
  attempts?: number;
  pages: OcrPage[];
}

/**
 * A file's OCR status and pages. A file the worker finished is 'done' on its own record (a
 * retry sets it back to 'queued' first), so the usual view is one equality read of its pages
 * (index { fileId, page }); only an unfinished file also reads its job, by its unique key,
 * for progress, attempts and the error.
 */
export async function ocrView(file: StoredFile): Promise<OcrView> {
  const [job, pages] = await Promise.all([
    file.ocrStatus === 'done' ? null : findJobByKey(ocrJobKey(String(file._id))),
    OcrPageModel.find({ fileId: file._id }, { words: 0 }).sort({ page: 1 }).lean<OcrPage[]>(),
  ]);
  const status = statusOf(file, job);
  const progress =
    job?.status === 'running'
      ? (job.progress as { page: number; pages: number } | undefined)
      : undefined;
  return {
    status,
    ...(progress ? { progress } : {}),
    ...(status === 'failed' && job?.lastError ? { error: job.lastError } : {}),
    ...(job ? { attempts: job.attempts } : {}),
    pages,
  };
}

function statusOf(file: StoredFile, job: Job | null): OcrStatus {
  if (job?.status === 'parked') return 'failed';
  if (job?.status === 'running') return 'processing';
  if (job?.status === 'queued') return file.ocrStatus === 'failed' ? 'queued' : 'queued';
  if (file.ocrStatus === 'done' || file.ocrStatus === 'failed' || file.ocrStatus === 'processing')
    return file.ocrStatus;
  return 'queued';
}

/** Another try for a failed (or finished) file; a queued or running job is left alone. */
export async function retryOcr(file: StoredFile): Promise<void> {
  const key = ocrJobKey(String(file._id));
  const job = await retryJob(key);
  if (!job) await enqueueJob('ocr', key, { fileId: String(file._id) });
  await StoredFileModel.updateOne(
    { _id: file._id, ocrStatus: { $in: ['failed', 'none', 'done'] } },
    { $set: { ocrStatus: 'queued' } },
  );
}

/** A reviewer's text replaces the page's text (the machine's reading is kept in ocrText) and
 * goes to the search index at once. */
export async function correctPage(
  actor: Actor,
  file: StoredFile,
  page: number,
  text: string,
): Promise<OcrPage> {
  const set: Record<string, unknown> = { text, lowConfidence: false, correctedAt: now() };
  if (mongoose.isValidObjectId(actor.userId))
    set.correctedBy = new mongoose.Types.ObjectId(actor.userId);
  const result = await OcrPageModel.updateOne({ fileId: file._id, page }, { $set: set });
  const updated = result.matchedCount
    ? await OcrPageModel.findOne({ fileId: file._id, page }, { words: 0 }).lean<OcrPage>()
    : null;
  if (!updated) throw notFound('Halaman hasil OCR');
  if (
    file.ownerType === 'incoming' ||
    file.ownerType === 'outgoing' ||
    file.ownerType === 'meeting'
  ) {
    await publishPageText(String(file._id), String(file.ownerId), page, text);
  }
  return updated;
}

/**
 * The OCR queue for administrators (`GET /api/ocr/jobs`). Queued, running and parked jobs
 * are small sets read by (type, status) equality; finished ones (one per file ever read)
 * are walked newest first by their month and day keys (jobs/job-list.ts). Without a
 * status: the live sets first (most recently changed first), then the finished jobs. Each
 * row's file is one `_id` read, side by side (an `$in` would not be pushed down).
 */
export async function listOcrJobs(
  status: Job['status'] | undefined,
  page: number,
  pageSize: number,
) {
  const offset = (page - 1) * pageSize;
  let total: number;
  let items: Job[];
  if (status === 'done') ({ total, items } = await listDoneJobs('ocr', offset, pageSize));
  else if (status) {
    const live = await listLiveJobs('ocr', status);
    total = live.length;
    items = live.slice(offset, offset + pageSize);
  } else {
    const live = (await Promise.all(LIVE.map((s) => listLiveJobs('ocr', s))))
      .flat()
      .sort(recentlyChangedFirst);
    items = live.slice(offset, offset + pageSize);
    const done = await listDoneJobs(
      'ocr',
      Math.max(0, offset - live.length),
      pageSize - items.length,
    );
    total = live.length + done.total;
    items.push(...done.items);
  }
  const files = await Promise.all(
    items.map((job) => {
      const id = String((job.payload as { fileId?: unknown }).fileId ?? '');
      return mongoose.isValidObjectId(id)
        ? StoredFileModel.findById(id, { name: 1, ownerType: 1, ownerId: 1 }).lean()
        : null;
    }),
  );
  return { total, items: items.map((job, i) => ({ job, file: files[i] ?? undefined })) };
}

const LIVE = ['parked', 'running', 'queued'] as const;
const recentlyChangedFirst = (a: Job, b: Job) =>
  new Date(b.updatedAt ?? 0).getTime() - new Date(a.updatedAt ?? 0).getTime();
