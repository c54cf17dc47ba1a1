import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { StoredFileModel, type StoredFile } from '../files/file.model.ts';
import type { FileStorage } from '../files/file-storage.ts';
import { fileFolder } from '../files/files.service.ts';
import { publishPageText, truncateFilePages } from '../search/publish.ts';
import { openDocument, type PageSource } from './document.ts';
import { DEFAULT_LIMITS, OcrInputError, type OcrLimits } from './limits.ts';
import { LOW_CONFIDENCE, OcrPageModel, type OcrPage } from './ocr-page.model.ts';
import { buildSearchablePdf, type SearchablePage } from './searchable-pdf.ts';
import type { OcrResult, TesseractPool } from './tesseract-pool.ts';

export interface ProcessContext {
  storage: FileStorage;
  pool: Pick<TesseractPool, 'recognize'>;
  logger: Logger;
  limits?: OcrLimits;
  /** Aborted when the lease is lost or the worker stops: stop between pages. */
  signal?: AbortSignal;
  progress?: (page: number, pages: number) => Promise<void>;
}

export class FileGoneError extends OcrInputError {}

/** The derived searchable PDF sits beside the original: `.../{fileId}/searchable.pdf`. */
export function searchableKeyOf(file: Pick<StoredFile, 'key'>): string {
  return `${fileFolder(file)}searchable.pdf`;
}

/**
 * OCR of one stored file, resumable and idempotent: pages are upserted by (fileId, page) and
 * a page already read from the same bytes (sourceSha) is reused, so a job that is retried or
 * runs twice converges on the same result. Order: pages → searchable PDF object → search
 * index → file record (so the record never points at an object that is not there).
 */
export async function processFile(
  fileId: string,
  ctx: ProcessContext,
): Promise<{ pageCount: number }> {
  const limits = ctx.limits ?? DEFAULT_LIMITS;
  const file = await StoredFileModel.findById(fileId).lean<StoredFile>();
  if (!file) throw new FileGoneError('Berkas sudah tidak ada.');
  await StoredFileModel.updateOne(
    { _id: file._id, ocrStatus: { $ne: 'done' } },
    { $set: { ocrStatus: 'processing' } },
  );
  const bytes = await ctx.storage.getBuffer(file.key);
  const document = await openDocument(bytes, limits);
  const pages: SearchablePage[] = [];
  const texts: string[] = [];
  try {
    const existing = new Map(
      (await OcrPageModel.find({ fileId: file._id, sourceSha: file.sha256 }).lean<OcrPage[]>()).map(
        (page) => [page.page, page],
      ),
    );
    for (let index = 0; index < document.pageCount; index++) {
      ctx.signal?.throwIfAborted();
      const number = index + 1;
      await ctx.progress?.(number, document.pageCount);
      const source = await document.page(index);
      let stored = existing.get(number);
      if (!stored)
        stored = await storePage(
          file,
          number,
          source,
          source.kind === 'image' ? await ctx.pool.recognize(source.ocrImage) : null,
        );
      texts.push(stored.text);
      pages.push({
        widthPt: source.widthPt,
        heightPt: source.heightPt,
        embed: source.kind === 'image' ? source.embed : undefined,
        words: stored.words as SearchablePage['words'],
        space: { width: stored.width, height: stored.height },
        addText: source.kind === 'image',
      });
    }
  } finally {
    document.close();
  }
  ctx.signal?.throwIfAborted();
  const pdf = await buildPdf(pages, document.type === 'pdf' ? bytes : undefined, ctx.logger);
  const searchableKey = pdf ? searchableKeyOf(file) : undefined;
  if (pdf && searchableKey) await ctx.storage.putBuffer(searchableKey, pdf, 'application/pdf');
  await publishFileText(file, texts);
  await OcrPageModel.deleteMany({ fileId: file._id, page: { $gt: document.pageCount } });
  await StoredFileModel.updateOne(
    { _id: file._id },
    {
      $set: {
        ocrStatus: 'done',
        pageCount: document.pageCount,
        ...(searchableKey ? { searchableKey } : {}),
      },
    },
  );
  return { pageCount: document.pageCount };
}

async function buildPdf(
  pages: SearchablePage[],
  original: Buffer | undefined,
  logger: Logger,
): Promise<Buffer | null> {
  try {
    return await buildSearchablePdf(pages, original);
  } catch (error) {
    // pdf-lib cannot rewrite every PDF (unusual encryption, broken cross-references). The
    // text is still stored and searchable; only the derived PDF is missing.
    logger.warn({ err: error }, 'searchable PDF could not be built; text kept without it');
    return null;
  }
}

async function storePage(
  file: StoredFile,
  number: number,
  source: PageSource,
  result: OcrResult | null,
): Promise<OcrPage> {
  const read =
    source.kind === 'text'
      ? {
          text: source.text,
          confidence: 100,
          words: source.words,
          source: 'text-layer' as const,
          width: source.widthPt,
          height: source.heightPt,
        }
      : {
          text: result!.text,
          confidence: result!.confidence,
          words: result!.words,
          source: 'ocr' as const,
          width: source.width,
          height: source.height,
        };
  const filter = { fileId: file._id, page: number };
  const current = await OcrPageModel.findOne(filter).lean<OcrPage>();
  // A reviewer's correction survives a re-run: the machine's reading is refreshed beside it.
  const keepCorrection = Boolean(current?.correctedAt);
  const set = {
    ocrText: read.text,
    confidence: read.confidence,
    lowConfidence: !keepCorrection && read.confidence < LOW_CONFIDENCE,
    source: read.source,
    width: read.width,
    height: read.height,
    words: read.words,
    sourceSha: file.sha256,
    ...(keepCorrection ? {} : { text: read.text }),
  };
  try {
    await OcrPageModel.updateOne(filter, { $set: set }, { upsert: true });
  } catch (error) {
    // Two runs inserting the same page at once: the unique index keeps one; update it.
    if ((error as { code?: number }).code !== 11000) throw error;
    await OcrPageModel.updateOne(filter, { $set: set });
  }
  return (await OcrPageModel.findOne(filter).lean<OcrPage>())!;
}

/** Pages of letters' files go to the search index; other owners (reports, imports) are
 * published by their modules when they know the letter. */
export async function publishFileText(
  file: Pick<StoredFile, '_id' | 'ownerType' | 'ownerId'>,
  texts: string[],
): Promise<void> {
  if (file.ownerType !== 'incoming' && file.ownerType !== 'outgoing') return;
  for (const [index, text] of texts.entries()) {
    await publishPageText(String(file._id), String(file.ownerId), index + 1, text);
  }
  await truncateFilePages(String(file._id), texts.length);
}

export async function markFileFailed(fileId: string): Promise<void> {
  await StoredFileModel.updateOne(
    { _id: fileId, ocrStatus: { $ne: 'done' } },
    { $set: { ocrStatus: 'failed', updatedAt: now() } },
  );
}
