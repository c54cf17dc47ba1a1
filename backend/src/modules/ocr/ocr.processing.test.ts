import mongoose from 'mongoose';
import * as mupdf from 'mupdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { fileStorage } from '../files/file-storage.ts';
import { JobModel } from '../jobs/job.model.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { startSearchIndex, stopSearchIndex } from '../search/runtime.ts';
import { OcrInputError } from './limits.ts';
import { OcrPageModel } from './ocr-page.model.ts';
import { OcrWorker } from './ocr.worker.ts';
import { processFile } from './processor.ts';
import { TesseractPool } from './tesseract-pool.ts';
import { imagePdf, renderTextPng, textPdf, toG4Tiff, toJpeg } from './test-fixtures.ts';

const { services, config } = await createTestContext();
const storage = fileStorage(config);
let pool: TesseractPool;
beforeAll(async () => {
  pool = await TesseractPool.create(1);
});
afterAll(async () => {
  await pool?.terminate();
  stopSearchIndex();
});

const PAGE_ONE = ['SURAT UNDANGAN RAPAT', 'Perihal: kepegawaian daerah'];
const PAGE_TWO = ['Halaman kedua berkas', 'Mohon segera ditindaklanjuti'];

async function storeFile(bytes: Buffer, mimeType: string, ownerId = new mongoose.Types.ObjectId()) {
  const fileId = new mongoose.Types.ObjectId();
  const key = `letters/2026/${ownerId.toString()}/${fileId.toString()}/original.bin`;
  await storage.putBuffer(key, bytes, mimeType);
  await StoredFileModel.create({
    _id: fileId,
    ownerType: 'incoming',
    ownerId,
    name: 'pindaian',
    size: bytes.length,
    mimeType,
    sha256: `${fileId.toString()}sha`,
    key,
    securityClass: 'B',
    ocrStatus: 'queued',
  });
  return { fileId: fileId.toString(), key, ownerId: ownerId.toString() };
}

const ctx = () => ({ storage, pool, logger: services.logger });
const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

async function pdfText(key: string): Promise<string[]> {
  const doc = mupdf.Document.openDocument(await storage.getBuffer(key), 'application/pdf');
  try {
    return Array.from({ length: doc.countPages() }, (_, i) =>
      doc.loadPage(i).toStructuredText('preserve-whitespace').asText(),
    );
  } finally {
    doc.destroy();
  }
}

describe('OCR of stored files', () => {
  it('reads a PNG, stores the page with word boxes and writes a searchable PDF beside the original', async () => {
    const { fileId, key } = await storeFile(await renderTextPng(PAGE_ONE), 'image/png');
    expect(await processFile(fileId, ctx())).toEqual({ pageCount: 1 });
    const [page] = await OcrPageModel.find({ fileId }).lean();
    expect(words(page!.text)).toEqual(
      expect.arrayContaining(['surat', 'undangan', 'rapat', 'kepegawaian', 'daerah']),
    );
    expect(page!.confidence).toBeGreaterThan(80);
    expect(page!.lowConfidence).toBe(false);
    expect(page!.words.find((w) => w.t === 'kepegawaian')).toMatchObject({
      x0: expect.any(Number),
      y1: expect.any(Number),
    });
    const file = await StoredFileModel.findById(fileId).lean();
    expect(file).toMatchObject({
      ocrStatus: 'done',
      pageCount: 1,
      searchableKey: key.replace('original.bin', 'searchable.pdf'),
    });
    const [layer] = await pdfText(file!.searchableKey!);
    expect(words(layer!)).toEqual(expect.arrayContaining(['undangan', 'kepegawaian']));
  });

  it('reads every page of a bilevel Group 4 TIFF and of a JPEG', async () => {
    const tiff = await storeFile(
      await toG4Tiff([await renderTextPng(PAGE_ONE), await renderTextPng(PAGE_TWO)]),
      'image/tiff',
    );
    expect(await processFile(tiff.fileId, ctx())).toEqual({ pageCount: 2 });
    const pages = await OcrPageModel.find({ fileId: tiff.fileId }).sort({ page: 1 }).lean();
    expect(words(pages[1]!.text)).toEqual(
      expect.arrayContaining(['halaman', 'kedua', 'ditindaklanjuti']),
    );
    expect((await pdfText(`${tiff.key.replace('original.bin', 'searchable.pdf')}`))[1]).toContain(
      'ditindaklanjuti',
    );

    const jpeg = await storeFile(await toJpeg(await renderTextPng(PAGE_TWO)), 'image/jpeg');
    await processFile(jpeg.fileId, ctx());
    expect(words((await OcrPageModel.findOne({ fileId: jpeg.fileId }).lean())!.text)).toContain(
      'ditindaklanjuti',
    );
  });

  it('takes the text layer of a born-digital PDF and OCRs a scanned one', async () => {
    const born = await storeFile(
      await textPdf([
        'Nota Dinas Nomor 800.1/45/B.UM/2026',
        'Hal: pengadaan barang dan jasa tahun anggaran',
      ]),
      'application/pdf',
    );
    await processFile(born.fileId, ctx());
    const digital = (await OcrPageModel.findOne({ fileId: born.fileId }).lean())!;
    expect(digital).toMatchObject({ source: 'text-layer', confidence: 100 });
    expect(digital.text).toContain('Nota Dinas Nomor 800.1/45/B.UM/2026');

    const scanned = await storeFile(
      await imagePdf([await renderTextPng(PAGE_ONE), await renderTextPng(PAGE_TWO)]),
      'application/pdf',
    );
    await processFile(scanned.fileId, ctx());
    const pages = await OcrPageModel.find({ fileId: scanned.fileId }).sort({ page: 1 }).lean();
    expect(pages.map((p) => p.source)).toEqual(['ocr', 'ocr']);
    expect(words(pages[0]!.text)).toContain('kepegawaian');
    const layers = await pdfText(scanned.key.replace('original.bin', 'searchable.pdf'));
    expect(layers).toHaveLength(2);
    expect(words(layers[1]!)).toContain('ditindaklanjuti');
  });

  it('refuses decompression bombs and absurd page counts with a reason in Bahasa Indonesia', async () => {
    const big = await storeFile(await renderTextPng(PAGE_ONE), 'image/png');
    const error = await processFile(big.fileId, {
      ...ctx(),
      limits: { maxPages: 10, maxPagePixels: 100_000 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OcrInputError);
    expect((error as Error).message).toMatch(/terlalu besar.*juta piksel/);
    const many = await storeFile(
      await toG4Tiff([
        await renderTextPng(['a']),
        await renderTextPng(['b']),
        await renderTextPng(['c']),
      ]),
      'image/tiff',
    );
    const pages = await processFile(many.fileId, {
      ...ctx(),
      limits: { maxPages: 2, maxPagePixels: 1e8 },
    }).catch((e: unknown) => e);
    expect((pages as Error).message).toMatch(/3 halaman, melebihi batas 2 halaman/);
    const garbage = await storeFile(Buffer.from('bukan gambar'), 'image/png');
    expect(
      ((await processFile(garbage.fileId, ctx()).catch((e: unknown) => e)) as Error).message,
    ).toMatch(/tidak dikenali/);
  });
});

describe('OCR worker', () => {
  it('runs queued jobs once, publishes the text to search and parks bad input with its reason', async () => {
    const indexer = await startSearchIndex(services);
    const good = await storeFile(await renderTextPng(PAGE_TWO), 'image/png');
    const bad = await storeFile(Buffer.from('%PDF-1.4 rusak'), 'application/pdf');
    await enqueueJob('ocr', `ocr:${good.fileId}`, { fileId: good.fileId });
    await enqueueJob('ocr', `ocr:${bad.fileId}`, { fileId: bad.fileId });
    const workers = [1, 2].map(
      (n) =>
        new OcrWorker(storage, pool, services.logger, { slots: 1, pollMs: 100, workerId: `w${n}` }),
    );
    workers.forEach((worker) => worker.start());
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const open = await JobModel.countDocuments({
        dedupeKey: { $in: [`ocr:${good.fileId}`, `ocr:${bad.fileId}`] },
        status: { $in: ['queued', 'running'] },
      });
      if (open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await Promise.all(workers.map((worker) => worker.stop(5000)));
    const goodJob = await JobModel.findOne({ dedupeKey: `ocr:${good.fileId}` }).lean();
    expect(goodJob).toMatchObject({ status: 'done', attempts: 1 });
    // A one-page file writes no "page 1 of 1" progress: its status says as much.
    expect(goodJob?.progress).toBeUndefined();
    const badJob = await JobModel.findOne({ dedupeKey: `ocr:${bad.fileId}` }).lean();
    expect(badJob?.status).toBe('parked');
    expect(badJob?.lastError).toMatch(/PDF rusak/);
    expect((await StoredFileModel.findById(bad.fileId).lean())?.ocrStatus).toBe('failed');
    expect(await OcrPageModel.countDocuments({ fileId: good.fileId })).toBe(1);

    await indexer.catchUp();
    const hits = indexer.engine.search(
      { text: 'tindak lanjut', page: 1, pageSize: 10 },
      { openRank: 3, principals: [] },
    );
    // The letter has no metadata event yet, so nothing is visible; its page is indexed though.
    expect(hits.total).toBe(0);
    expect(indexer.engine.stats().segments).toBeGreaterThan(0);
  });

  it('wakes at once for a job queued in its process instead of waiting for its next poll', async () => {
    const worker = new OcrWorker(storage, pool, services.logger, {
      slots: 2,
      // Far longer than the test may take: only the wake-up can start this job in time.
      pollMs: 600_000,
      workerId: 'w-wake',
    });
    worker.start();
    try {
      // Let the first look at the (empty) queue pass, so the worker is idle on its poll.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { fileId } = await storeFile(await renderTextPng(PAGE_ONE), 'image/png');
      await enqueueJob('ocr', `ocr:${fileId}`, { fileId });
      const deadline = Date.now() + 60_000;
      let status: string | undefined;
      while (Date.now() < deadline) {
        status = (await JobModel.findOne({ dedupeKey: `ocr:${fileId}` }).lean())?.status;
        if (status === 'done') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status).toBe('done');
      expect((await StoredFileModel.findById(fileId).lean())?.ocrStatus).toBe('done');
    } finally {
      await worker.stop(5000);
    }
  });

  it('reads the pages of a multi-page file side by side and keeps their order', async () => {
    const pages = [PAGE_ONE, PAGE_TWO, ['Halaman ketiga', 'Arsip daerah provinsi']];
    const pdf = await imagePdf(await Promise.all(pages.map((lines) => renderTextPng(lines))));
    const { fileId } = await storeFile(pdf, 'application/pdf');
    const seen: number[] = [];
    // Each page waits in the pool until all three are there: a file read page after page
    // would never get past the first (the test then times out).
    let entered = 0;
    let allIn: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (allIn = resolve));
    const counting = {
      async recognize(image: Buffer) {
        if (++entered === 3) allIn();
        await gate;
        return pool.recognize(image);
      },
    };
    await processFile(fileId, {
      ...ctx(),
      pool: counting,
      pagesAtOnce: 3,
      progress: async (page) => void seen.push(page),
    });
    const stored = await OcrPageModel.find({ fileId }).sort({ page: 1 }).lean();
    expect(stored.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(words(stored[1]!.text)).toEqual(expect.arrayContaining(['halaman', 'kedua']));
    expect(words(stored[2]!.text)).toEqual(expect.arrayContaining(['ketiga']));
    expect(seen).toEqual([1, 2, 3]);
  });

  it('stops reading a file at the first page that fails', async () => {
    const pdf = await imagePdf(
      await Promise.all([PAGE_ONE, PAGE_TWO, PAGE_ONE].map((lines) => renderTextPng(lines))),
    );
    const { fileId } = await storeFile(pdf, 'application/pdf');
    let calls = 0;
    const failing = {
      async recognize(): Promise<never> {
        calls++;
        throw new Error('pool broke');
      },
    };
    await expect(processFile(fileId, { ...ctx(), pool: failing })).rejects.toThrow('pool broke');
    expect(calls).toBe(1);
    expect(await OcrPageModel.countDocuments({ fileId })).toBe(0);
  });

  it('writes the same result when a file is processed twice', async () => {
    const { fileId } = await storeFile(await renderTextPng(PAGE_ONE), 'image/png');
    await processFile(fileId, ctx());
    const first = await OcrPageModel.find({ fileId }).lean();
    await processFile(fileId, ctx());
    const second = await OcrPageModel.find({ fileId }).lean();
    expect(second).toHaveLength(1);
    expect(second[0]!.text).toBe(first[0]!.text);
    expect(second[0]!._id.toString()).toBe(first[0]!._id.toString());
  });
});
