import { isDuplicateKey } from '../../lib/upsert.ts';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { StoredFileModel, type StoredFile } from '../files/file.model.ts';
import type { FileStorage } from '../files/file-storage.ts';
import { fileFolder } from '../files/files.service.ts';
import { publishPageText, removeFileText, truncateFilePages } from '../search/publish.ts';
import { openDocument, type PageSource } from './document.ts';
import { DEFAULT_LIMITS, OcrInputError, type OcrLimits } from './limits.ts';
import { LOW_CONFIDENCE, OcrPageModel, type OcrPage } from './ocr-page.model.ts';
import { takePrefilledPage } from './prefill-page.model.ts';
import { buildSearchablePdf, type SearchablePage } from './searchable-pdf.ts';
import { timed, type StageTimes } from './stages.ts';
import type { OcrResult, TesseractPool } from './tesseract-pool.ts';

export interface ProcessContext {
  storage: FileStorage;
  pool: Pick<TesseractPool, 'recognize'>;
  /** Pages of this file in the pool at once (the pool's size uses all of it). Default 1. */
  pagesAtOnce?: number;
  logger: Logger;
  limits?: OcrLimits;
  /** Aborted when the lease is lost or the worker stops: stop between pages. */
  signal?: AbortSignal;
  progress?: (page: number, pages: number) => Promise<void>;
  /** Filled with milliseconds per stage when given (debug timings). */
  stages?: StageTimes;
}

export class FileGoneError extends OcrInputError {}

/** The derived searchable PDF sits beside the original: `.../{fileId}/searchable.pdf`. */
export function searchableKeyOf(file: Pick<StoredFile, 'key'>): string {
  return `${fileFolder(file)}searchable.pdf`;
}

/** A page as the rest of the job needs it once read (or reused from an earlier run). */
interface ReadPage {
  text: string;
  words: OcrPage['words'];
  width: number;
  height: number;
}

/**
 * OCR of one stored file, resumable and idempotent: pages are upserted by (fileId, page) and
 * a page already read from the same bytes (sourceSha) is reused, so a job that is retried or
 * runs twice converges on the same result. Order: pages → searchable PDF object → search
 * index → file record (so the record never points at an object that is not there).
 *
 * Pages are decoded one after another and up to `pagesAtOnce` of them are in the pool at
 * once; each page's row is written while later pages are read, so the pool does not wait
 * on the database. The file's existing pages are read once at the start (reuse,
 * reviewers' corrections, pages left over from a longer earlier version).
 */
export async function processFile(
  fileId: string,
  ctx: ProcessContext,
): Promise<{ pageCount: number }> {
  const limits = ctx.limits ?? DEFAULT_LIMITS;
  const stages = ctx.stages;
  const file = await timed(stages, 'fileRead', () =>
    StoredFileModel.findById(fileId).lean<StoredFile>(),
  );
  if (!file) throw new FileGoneError('Berkas sudah tidak ada.');
  const [, bytes, stored] = await Promise.all([
    timed(stages, 'fileStatus', () =>
      StoredFileModel.updateOne(
        { _id: file._id, ocrStatus: { $ne: 'done' } },
        { $set: { ocrStatus: 'processing' } },
      ),
    ),
    timed(stages, 'objectRead', () => ctx.storage.getBuffer(file.key)),
    timed(stages, 'pagesRead', () => OcrPageModel.find({ fileId: file._id }).lean<OcrPage[]>()),
  ]);
  const existing = new Map(stored.map((page) => [page.page, page]));
  const document = await timed(stages, 'open', () => openDocument(bytes, limits));
  const pageCount = document.pageCount;
  const read: ReadPage[] = new Array(pageCount);
  const specs: SearchablePage[] = new Array(pageCount);
  const writes: Promise<unknown>[] = [];
  const inFlight = new Set<Promise<void>>();
  const window = Math.max(1, ctx.pagesAtOnce ?? 1);
  const failure: { error?: unknown; seen: boolean } = { seen: false };
  let progress = Promise.resolve();
  // "Reading page n of m" for the UI: written in order, never waited for by the pages. A
  // one-page file (most scans) says nothing the "processing" status does not: no write.
  const reading = (page: number) => {
    if (ctx.progress && pageCount > 1)
      progress = progress.then(() => ctx.progress!(page, pageCount)).catch(() => undefined);
  };
  try {
    for (let index = 0; index < pageCount; index++) {
      ctx.signal?.throwIfAborted();
      while (inFlight.size >= window) await Promise.race(inFlight);
      // A page that failed fails the job: stop reading the others.
      if (failure.seen) throw failure.error;
      const number = index + 1;
      const source = await timed(stages, 'decode', () => document.page(index));
      const previous = existing.get(number);
      const spec: SearchablePage = {
        widthPt: source.widthPt,
        heightPt: source.heightPt,
        embed: source.kind === 'image' ? source.embed : undefined,
        words: [],
        space: { width: 1, height: 1 },
        addText: source.kind === 'image',
      };
      specs[index] = spec;
      const finish = (page: ReadPage) => {
        read[index] = page;
        spec.words = page.words as SearchablePage['words'];
        spec.space = { width: page.width, height: page.height };
      };
      if (previous && previous.sourceSha === file.sha256) {
        finish(previous);
        continue;
      }
      reading(number);
      const recognized = (async () =>
        storePage(
          file,
          number,
          source,
          source.kind === 'image'
            ? await timed(
                stages,
                'recognize',
                async () =>
                  // Page 1 was usually read seconds ago by the registration prefill.
                  (index === 0
                    ? await takePrefilledPage(file.sha256, source.width, source.height)
                    : null) ?? ctx.pool.recognize(source.ocrImage),
              )
            : null,
          previous,
        ))();
      // The window frees a place once the pool has read the page; its row is written meanwhile.
      const slot: Promise<void> = recognized.then(
        () => void inFlight.delete(slot),
        (error: unknown) => {
          if (!failure.seen) Object.assign(failure, { error, seen: true });
          inFlight.delete(slot);
        },
      );
      inFlight.add(slot);
      const written = recognized.then(({ page, write }) => {
        finish(page);
        return timed(stages, 'pageWrite', () => write);
      });
      // Handled here so an early failure is not an unhandled rejection; Promise.all reports it.
      written.catch(() => undefined);
      writes.push(written);
    }
    await Promise.all(writes);
  } finally {
    await Promise.allSettled([...inFlight]);
    document.close();
  }
  ctx.signal?.throwIfAborted();
  const texts = read.map((page) => page.text);
  const stale = stored.some((page) => page.page > pageCount);
  const searchableKey = searchableKeyOf(file);
  const [pdfStored] = await Promise.all([
    (async () => {
      const pdf = await timed(stages, 'pdf', () =>
        buildPdf(specs, document.type === 'pdf' ? bytes : undefined, ctx.logger),
      );
      if (!pdf) return false;
      await timed(stages, 'pdfWrite', () =>
        ctx.storage.putBuffer(searchableKey, pdf, 'application/pdf'),
      );
      return true;
    })(),
    timed(stages, 'publish', () => publishFileText(file, texts, { truncate: stale })),
  ]);
  if (stale)
    await timed(stages, 'pagesTrim', () =>
      OcrPageModel.deleteMany({ fileId: file._id, page: { $gt: pageCount } }),
    );
  await progress;
  await timed(stages, 'fileDone', () =>
    StoredFileModel.updateOne(
      { _id: file._id },
      {
        $set: {
          ocrStatus: 'done',
          pageCount,
          ...(pdfStored ? { searchableKey } : {}),
        },
      },
    ),
  );
  return { pageCount };
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

/** The page as read now, and the write that stores it: one upsert, no read back (the
 * earlier row, if any, came with the file's pages). */
function storePage(
  file: StoredFile,
  number: number,
  source: PageSource,
  result: OcrResult | null,
  current: OcrPage | undefined,
): { page: ReadPage; write: Promise<unknown> } {
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
  const write = (async () => {
    try {
      await OcrPageModel.updateOne(filter, { $set: set }, { upsert: true });
    } catch (error) {
      // Two runs inserting the same page at once: the unique index keeps one; update it.
      if (!isDuplicateKey(error)) throw error;
      await OcrPageModel.updateOne(filter, { $set: set });
    }
  })();
  // The caller awaits it later; until then a failure must not count as unhandled.
  write.catch(() => undefined);
  return {
    page: {
      text: keepCorrection ? current!.text : read.text,
      words: read.words as OcrPage['words'],
      width: read.width,
      height: read.height,
    },
    write,
  };
}

/** Owners whose files' pages are indexed under the owner's id: letters, and meetings (their
 * minutes scan and attendance sheet, found as the meeting). Other owners (reports, imports)
 * are published by their modules when they know the letter. */
const INDEXED_OWNERS = new Set(['incoming', 'outgoing', 'meeting']);

export async function publishFileText(
  file: Pick<StoredFile, '_id' | 'ownerType' | 'ownerId'>,
  texts: string[],
  options: { truncate?: boolean } = {},
): Promise<void> {
  if (!INDEXED_OWNERS.has(file.ownerType)) return;
  for (const [index, text] of texts.entries()) {
    await publishPageText(String(file._id), String(file.ownerId), index + 1, text);
  }
  // Pages past the end exist only when an earlier version of the file had more of them.
  if (options.truncate ?? true) await truncateFilePages(String(file._id), texts.length);
  // A meeting's scan may be replaced while it is read (meetings.scans.ts removes the old
  // file's text first, then its record). Removed meanwhile: take the pages out again (this
  // event comes after them; a removal after this check comes later still).
  if (file.ownerType === 'meeting' && !(await StoredFileModel.exists({ _id: file._id })))
    await removeFileText(String(file._id));
}

export async function markFileFailed(fileId: string): Promise<void> {
  await StoredFileModel.updateOne(
    { _id: fileId, ocrStatus: { $ne: 'done' } },
    { $set: { ocrStatus: 'failed', updatedAt: now() } },
  );
}
