import { readFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, seedDemoOrganisation } from '../auth-helpers.ts';
import { createTestContext } from '../harness.ts';
import { fileStorage } from '../../src/modules/files/file-storage.ts';
import { StoredFileModel } from '../../src/modules/files/file.model.ts';
import { backfillPageCounts } from '../../src/modules/files/files.startup.ts';
import {
  letterData,
  postLetter,
  scanJpeg,
  scanPdf,
  scanPng,
} from '../../src/modules/letters/letters.fixtures.ts';
import { lettersStartupTask } from '../../src/modules/letters/letters.maintenance.ts';
import { IncomingLetterModel } from '../../src/modules/letters/letters.model.ts';
import { DEFAULT_LIMITS } from '../../src/modules/ocr/limits.ts';

/**
 * Decompression bombs against the real limits of ocr/limits.ts (300 pages, 60 million pixels
 * a page), never lowered ones: at upload every type is refused with 422 and leaves nothing
 * behind; files stored before upload checked (or by any other path) are refused by the page
 * viewer with 422 instead of being rendered. The fixtures are in ./bombs (make-bombs.ts).
 */
const ctx = await createTestContext();
await seedDemoOrganisation();
await lettersStartupTask(ctx.services);
const storage = fileStorage(ctx.config);
const clerk = await loginAs(ctx, 'agendaris');
const bomb = (name: string) => readFileSync(path.join(import.meta.dirname, 'bombs', name));

const BOMBS = [
  { name: 'page-box.pdf', type: 'application/pdf' },
  { name: 'huge.tif', type: 'image/tiff' },
  { name: 'huge.jpg', type: 'image/jpeg' },
] as const;

async function refusedAtUpload(body: Buffer, name: string, message: RegExp): Promise<void> {
  const objects = (await storage.list('letters/')).length;
  const records = await StoredFileModel.countDocuments();
  const letters = await IncomingLetterModel.countDocuments();
  const response = await postLetter(clerk, letterData(), [{ body, name }]);
  expect(response.status, JSON.stringify(response.body)).toBe(422);
  expect(response.body.error.code).toBe('VALIDATION_FAILED');
  expect(response.body.error.message).toMatch(message);
  // Nothing half-written: no orphan object, no file record, no letter.
  expect((await storage.list('letters/')).length).toBe(objects);
  expect(await StoredFileModel.countDocuments()).toBe(records);
  expect(await IncomingLetterModel.countDocuments()).toBe(letters);
}

/** Blank pages of the given size in points, as pdf-lib writes them. */
async function blankPdf(pages: number, size: [number, number]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setSubject(new mongoose.Types.ObjectId().toHexString());
  for (let i = 0; i < pages; i++) doc.addPage(size);
  return Buffer.from(await doc.save());
}

describe('the limits are the OCR limits', () => {
  it('uses 300 pages and 60 million pixels a page (the tests below rely on these)', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxPages: 300, maxPagePixels: 60_000_000 });
  });

  it('keeps the fixtures small on disk', () => {
    for (const { name } of BOMBS) expect(bomb(name).length).toBeLessThan(16 * 1024);
  });
});

describe('decompression bombs at upload', () => {
  it('takes ordinary scans and keeps their page counts on the file records', async () => {
    const response = await postLetter(clerk, letterData(), [
      { body: await scanPdf('tiga halaman', 3), name: 'surat.pdf' },
      { body: await scanPng('foto'), name: 'foto.png' },
      { body: await scanJpeg('foto jpeg'), name: 'foto.jpg' },
    ]);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const files = await StoredFileModel.find({ ownerId: response.body.id })
      .sort({ createdAt: 1, _id: 1 })
      .lean();
    expect(files.map((file) => [file.name, file.pageCount])).toEqual([
      ['surat.pdf', 3],
      ['foto.png', 1],
      ['foto.jpg', 1],
    ]);
    // And the file's own answer says so (the viewer's page count).
    const info = await clerk.get(`/api/files/${files[0]!._id}`);
    expect(info.body.pageCount).toBe(3);
  });

  it('refuses a PDF whose page box is 8.5 × 13,889 inches', async () => {
    await refusedAtUpload(
      bomb('page-box.pdf'),
      'kotak.pdf',
      /^Berkas "kotak\.pdf" ditolak: halaman 1 berukuran 21,6 × 35\.277,8 cm \(4\.722 juta piksel pada 200 dpi\), melebihi batas 60 juta piksel per halaman/,
    );
  });

  it('refuses a TIFF of 100,000 × 100,000 pixels', async () => {
    await refusedAtUpload(
      bomb('huge.tif'),
      'besar.tif',
      /ditolak: gambar halaman 1 berukuran 100\.000 × 100\.000 piksel \(10\.000 juta piksel\), melebihi batas 60 juta piksel/,
    );
  });

  it('refuses a JPEG whose header declares 65,000 × 65,000 pixels', async () => {
    await refusedAtUpload(
      bomb('huge.jpg'),
      'besar.jpg',
      /ditolak: gambar halaman 1 berukuran 65\.000 × 65\.000 piksel \(4\.225 juta piksel\)/,
    );
  });

  it('refuses the bomb among good scans, and keeps none of them', async () => {
    const objects = (await storage.list('letters/')).length;
    const records = await StoredFileModel.countDocuments();
    const response = await postLetter(clerk, letterData(), [
      { body: await scanPdf('baik', 1), name: 'baik.pdf' },
      { body: bomb('page-box.pdf'), name: 'kotak.pdf' },
      { body: await scanPng('baik juga'), name: 'baik.png' },
    ]);
    expect(response.status).toBe(422);
    expect(response.body.error.message).toMatch(/^Berkas "kotak\.pdf" ditolak/);
    expect((await storage.list('letters/')).length).toBe(objects);
    expect(await StoredFileModel.countDocuments()).toBe(records);
  });

  it('refuses more pages than the OCR takes (301 blank A4 pages)', async () => {
    const pdf = await blankPdf(301, [595, 842]);
    expect(pdf.length).toBeLessThan(100_000);
    await refusedAtUpload(
      pdf,
      'tebal.pdf',
      /ditolak: berkas berisi 301 halaman, melebihi batas 300 halaman per berkas/,
    );
    const response = await postLetter(clerk, letterData(), [
      { body: await blankPdf(300, [595, 842]), name: 'pas.pdf' },
    ]);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const file = await StoredFileModel.findById(response.body.files[0].id).lean();
    expect(file?.pageCount).toBe(300);
  });

  it('refuses a page the viewer could not draw at its widest (a strip 70 × 1,764 mm)', async () => {
    // 7.7 million pixels at 200 dpi: under the OCR limit. Drawn 2,400 px wide it would be
    // 2,400 × 60,480 = 145 million.
    await refusedAtUpload(
      await blankPdf(1, [200, 5000]),
      'pita.pdf',
      /ditolak: halaman 1 terlalu panjang dibanding lebarnya \(25 : 1\) untuk ditampilkan/,
    );
    // F4 (215 × 330 mm) and a long receipt-like page of 1 : 10 are fine.
    const response = await postLetter(clerk, letterData(), [
      { body: await blankPdf(1, [609, 935]), name: 'f4.pdf' },
      { body: await blankPdf(1, [200, 2000]), name: 'panjang.pdf' },
    ]);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  });
});

describe('decompression bombs already in storage, at the page viewer', () => {
  let letterId: string;
  const stored = new Map<string, string>();

  beforeAll(async () => {
    const response = await postLetter(clerk, letterData(), [
      { body: await scanPdf('biasa', 2), name: 'biasa.pdf' },
    ]);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    letterId = response.body.id;
    stored.set('biasa.pdf', response.body.files[0].id);
    // As an older version (or another path) would have stored them: no checks, no count.
    for (const { name, type } of BOMBS) {
      const fileId = new mongoose.Types.ObjectId();
      const key = `letters/2026/${letterId}/${fileId}/original.${name.split('.')[1]}`;
      await storage.putBuffer(key, bomb(name), type);
      await StoredFileModel.collection.insertOne({
        _id: fileId,
        ownerType: 'incoming',
        ownerId: new mongoose.Types.ObjectId(letterId),
        name,
        size: bomb(name).length,
        mimeType: type,
        sha256: fileId.toHexString(),
        key,
        securityClass: 'B',
        ocrStatus: 'failed',
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      stored.set(name, fileId.toHexString());
    }
  });

  it('still draws an ordinary page', async () => {
    const response = await clerk.get(`/api/files/${stored.get('biasa.pdf')}/pages/2?width=1200`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['x-page-count']).toBe('2');
  });

  it('refuses the oversized PDF page box with 422 and says why', async () => {
    const response = await clerk.get(`/api/files/${stored.get('page-box.pdf')}/pages/1`);
    expect(response.status).toBe(422);
    expect(response.body.error.message).toBe(
      'Halaman 1 akan berukuran 1.000 × 1.633.987 piksel (1.634 juta piksel), melebihi batas 60 juta piksel untuk ditampilkan. Unduh berkas aslinya untuk melihatnya.',
    );
    // The bound is on the picture drawn: at 2,400 px wide the refusal says 3.9 billion.
    const wide = await clerk.get(`/api/files/${stored.get('page-box.pdf')}/pages/1?width=2400`);
    expect(wide.status).toBe(422);
    expect(wide.body.error.message).toMatch(/2\.400 × 3\.921\.569 piksel/);
  });

  it('refuses the huge TIFF and JPEG before decoding them', async () => {
    for (const name of ['huge.tif', 'huge.jpg']) {
      const response = await clerk.get(`/api/files/${stored.get(name)}/pages/1?width=100`);
      expect(response.status, name).toBe(422);
      expect(response.body.error.message).toMatch(
        /^Gambar halaman 1 berukuran [\d.]+ × [\d.]+ piksel \([\d.]+ juta piksel\), melebihi batas 60 juta piksel untuk ditampilkan/,
      );
    }
    // The API is still up and serving.
    expect((await clerk.get(`/api/files/${stored.get('biasa.pdf')}/pages/1`)).status).toBe(200);
  });

  it('gives the stored files their page counts at start-up, once, without rendering them', async () => {
    const first = await backfillPageCounts(storage, { force: true });
    expect(first).toEqual({ scanned: BOMBS.length, updated: BOMBS.length, unreadable: 0 });
    for (const { name } of BOMBS) {
      const file = await StoredFileModel.findById(stored.get(name)).lean();
      expect(file?.pageCount, name).toBe(1);
    }
    // Idempotent: records that have a count are not read again; a finished pass is not rerun.
    expect(await backfillPageCounts(storage, { force: true })).toMatchObject({
      scanned: 0,
      updated: 0,
    });
    await StoredFileModel.updateOne({ _id: stored.get('huge.tif') }, { $unset: { pageCount: 1 } });
    expect(await backfillPageCounts(storage)).toEqual({ scanned: 0, updated: 0, unreadable: 0 });
    expect(await backfillPageCounts(storage, { force: true })).toMatchObject({
      scanned: 1,
      updated: 1,
    });
  });

  it('answers a page past the recorded count with 404 without reading the file', async () => {
    const response = await clerk.get(`/api/files/${stored.get('huge.tif')}/pages/2`);
    expect(response.status).toBe(404);
  });
});
