import Router from '@koa/router';
import Koa from 'koa';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import type { Actor } from '../../http/actor.ts';
import { errorMiddleware } from '../../http/error-middleware.ts';
import { mountRoutes } from '../../http/route.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { fileStorage } from '../files/file-storage.ts';
import { registerFileAccessCheck } from '../files/files.service.ts';
import { startSearchIndex, stopSearchIndex } from '../search/runtime.ts';
import { OcrPageModel } from './ocr-page.model.ts';
import { ocrRoutes } from './ocr.routes.ts';
import { processFile } from './processor.ts';
import { TesseractPool } from './tesseract-pool.ts';
import { renderTextPng, textPdf } from './test-fixtures.ts';

const { services, config } = await createTestContext();
const storage = fileStorage(config);
// The query is parsed by the search module, which needs its index (prefix expansions).
await startSearchIndex(services);
afterAll(() => stopSearchIndex());

// The owning module's rule, as the letters module registers it: here, the desk only.
registerFileAccessCheck('incoming', async (actor) => actor.roles.includes('agendaris'));

const app = new Koa();
const router = new Router();
mountRoutes(router, ocrRoutes(services));
app.use(errorMiddleware);
app.use(async (ctx, next) => {
  const header = ctx.get('x-test-actor');
  if (header) ctx.state.actor = JSON.parse(header) as Actor;
  await next();
});
app.use(router.routes());
const http = supertest(app.callback());
const as = (actor: Partial<Actor>) =>
  JSON.stringify({
    userId: 'u',
    username: 'u',
    name: 'U',
    roles: ['pejabat'],
    clearance: 'B',
    positions: [],
    via: 'session',
    ...actor,
  });
const desk = as({ userId: '64b0000000000000000000d1', roles: ['agendaris'] });
const outsider = as({ userId: 'other' });

async function storedFile(bytes: Buffer, mimeType: string, ext: string) {
  const ownerId = new mongoose.Types.ObjectId();
  const fileId = new mongoose.Types.ObjectId();
  const key = `letters/2026/${ownerId.toString()}/${fileId.toString()}/original.${ext}`;
  await storage.putBuffer(key, bytes, mimeType);
  await StoredFileModel.create({
    _id: fileId,
    ownerType: 'incoming',
    ownerId,
    name: `scan.${ext}`,
    size: bytes.length,
    mimeType,
    sha256: `s${fileId.toString()}`,
    key,
  });
  return fileId.toString();
}

/** Text-layer pages never reach the pool; a call would be a defect of this test's setup. */
const noPool = {
  recognize: () => Promise.reject(new Error('a text-layer page was sent to OCR')),
};

const words = (fileId: string, q: string, actor = desk) =>
  http.get(`/api/files/${fileId}/words`).query({ q }).set('x-test-actor', actor);

describe('word boxes of the search hits on a page', () => {
  it('stores word boxes for a text-layer PDF and finds the words as search matches them', async () => {
    const fileId = await storedFile(
      await textPdf([
        'Perihal: Pembinaan Kearsipan',
        'Mohon arsip dinamis segera ditata.',
        'Tembusan: Kepala Dinas',
      ]),
      'application/pdf',
      'pdf',
    );
    await processFile(fileId, { storage, pool: noPool, logger: services.logger });
    const stored = await OcrPageModel.findOne({ fileId, page: 1 }).lean();
    expect(stored!.words.map((w) => w.t)).toContain('Kearsipan');

    // "kearsipan" stems to "arsip": both words are what search matches, so both are marked.
    const found = await words(fileId, 'kearsipan');
    expect(found.status).toBe(200);
    expect(found.body.read).toBe(true);
    expect(found.body.pages).toHaveLength(1);
    const [page] = found.body.pages;
    expect(page).toMatchObject({ page: 1, count: 2, located: true });
    // Where the lines are: 14 pt text at y = 760 and 736 pt from the bottom of an 842 pt page.
    const [first, second] = [...page.boxes].sort((a: { y: number }, b: { y: number }) => a.y - b.y);
    expect(first.y).toBeGreaterThan(0.07);
    expect(first.y).toBeLessThan(0.11);
    expect(second.y).toBeGreaterThan(first.y + 0.02);
    // "Kearsipan" is the second word of the first line, "arsip" the second of the second.
    expect(first.x).toBeGreaterThan(0.2);
    expect(second.x).toBeGreaterThan(0.15);
    for (const box of page.boxes) {
      expect(box.w).toBeGreaterThan(0.03);
      expect(box.h).toBeGreaterThan(0.01);
      expect(box.x + box.w).toBeLessThanOrEqual(1);
    }

    // A prefix, and a word in no page.
    expect((await words(fileId, 'tembus*')).body.pages[0]).toMatchObject({ count: 1 });
    expect((await words(fileId, 'kendaraan')).body).toEqual({ read: true, pages: [] });
    // Only stopwords: nothing to look for.
    expect((await words(fileId, 'yang dan')).body).toEqual({ read: true, pages: [] });
    // An empty query is refused with a reason.
    const empty = await words(fileId, '  ');
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body.error.details)).toMatch(/Ketik kata yang dicari/);
  });

  it('finds the words on a scanned image through the OCR boxes', async () => {
    const fileId = await storedFile(
      await renderTextPng(['Undangan rapat', 'Penataan arsip daerah']),
      'image/png',
      'png',
    );
    const pool = await TesseractPool.create(1);
    try {
      await processFile(fileId, { storage, pool, logger: services.logger });
    } finally {
      await pool.terminate();
    }
    const found = await words(fileId, 'kearsipan');
    expect(found.body.pages).toHaveLength(1);
    const [box] = found.body.pages[0].boxes;
    // The image is 1400 × 320 px: "arsip" sits on the second line, right of "Penataan".
    expect(found.body.pages[0].count).toBe(1);
    expect(box.y).toBeGreaterThan(0.45);
    expect(box.y + box.h).toBeLessThan(0.95);
    expect(box.x).toBeGreaterThan(0.15);
    expect(box.x + box.w).toBeLessThan(0.5);
  });

  it('says so when a page matches but holds no boxes (read by an older version)', async () => {
    const fileId = await storedFile(Buffer.from('%PDF-1.4'), 'application/pdf', 'pdf');
    expect((await words(fileId, 'arsip')).body).toEqual({ read: false, pages: [] });
    await OcrPageModel.create({
      fileId,
      page: 2,
      text: 'Arsip vital dan arsip terjaga',
      confidence: 90,
      source: 'ocr',
      width: 1000,
      height: 1400,
      words: [],
      sourceSha: 'x',
    });
    expect((await words(fileId, 'arsip')).body).toEqual({
      read: true,
      pages: [{ page: 2, count: 2, located: false, boxes: [] }],
    });
  });

  it('answers who may not read the file exactly as for a file that does not exist', async () => {
    const fileId = await storedFile(await textPdf(['Rahasia arsip']), 'application/pdf', 'pdf');
    const hidden = await words(fileId, 'arsip', outsider);
    const missing = await words(new mongoose.Types.ObjectId().toString(), 'arsip', outsider);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect((await words('not-an-id', 'arsip')).status).toBe(400);
  });
});
