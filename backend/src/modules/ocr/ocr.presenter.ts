import type { z } from 'zod';
import type { StoredFile } from '../files/file.model.ts';
import type { Job } from '../jobs/job.model.ts';
import type { OcrPage } from './ocr-page.model.ts';
import type { ocrJobSchema, ocrPageSchema, ocrViewSchema } from './ocr.schema.ts';
import type { OcrView } from './ocr.service.ts';

export function presentPage(page: OcrPage): z.infer<typeof ocrPageSchema> {
  return {
    number: page.page,
    text: page.text,
    confidence: page.confidence,
    lowConfidence: page.lowConfidence,
    source: page.source as 'ocr' | 'text-layer',
    corrected: Boolean(page.correctedAt),
  };
}

export function presentView(view: OcrView, file: StoredFile): z.infer<typeof ocrViewSchema> {
  return {
    status: view.status,
    ...(view.progress
      ? { progress: { page: view.progress.page, pages: view.progress.pages } }
      : {}),
    ...(view.error ? { error: view.error } : {}),
    ...(view.attempts !== undefined ? { attempts: view.attempts } : {}),
    searchablePdf: Boolean(file.searchableKey),
    pages: view.pages.map(presentPage),
  };
}

export function presentJob(
  job: Job,
  file: Pick<StoredFile, 'name' | 'ownerType' | 'ownerId'> | undefined,
): z.infer<typeof ocrJobSchema> {
  const progress = job.progress as { page?: number; pages?: number } | undefined;
  return {
    id: String(job._id),
    fileId: String((job.payload as { fileId?: unknown }).fileId ?? ''),
    fileName: file?.name ?? null,
    ownerType: file?.ownerType ?? null,
    ownerId: file ? String(file.ownerId) : null,
    status: job.status,
    attempts: job.attempts,
    error: job.lastError ?? null,
    progress:
      progress?.page && progress.pages ? { page: progress.page, pages: progress.pages } : null,
    updatedAt: (job as { updatedAt?: Date }).updatedAt?.toISOString() ?? null,
  };
}
