import { createHash } from 'node:crypto';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import type { Actor } from '../../http/actor.ts';
import { errorMiddleware } from '../../http/error-middleware.ts';
import { mountRoutes } from '../../http/route.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { fileStorage } from '../files/file-storage.ts';
import { registerFileAccessCheck } from '../files/files.service.ts';
import { JobModel } from '../jobs/job.model.ts';
import { claimJob, enqueueJob, failJob } from '../jobs/jobs.service.ts';
import { publishSearchDocument } from '../search/publish.ts';
import { startSearchIndex, stopSearchIndex } from '../search/runtime.ts';
import { ocrRoutes } from './ocr.routes.ts';
import { processFile } from './processor.ts';
import { OcrPageModel } from './ocr-page.model.ts';
import { PrefillPageModel } from './prefill-page.model.ts';
import { stopPrefillPool } from './prefill.service.ts';
import { TesseractPool } from './tesseract-pool.ts';
import { renderTextPng, textPdf } from './test-fixtures.ts';

const { services, config } = await createTestContext();
const storage = fileStorage(config);
// The prefill's classification suggestion looks codes up in the table.
await seedClassificationCodes();
const indexer = await startSearchIndex(services);
afterAll(async () => {
  stopSearchIndex();
  await stopPrefillPool();
});

// The owning module's rule, as the letters module registers it: here, the desk and "reader".
registerFileAccessCheck(
  'incoming',
  async (actor) => actor.roles.includes('agendaris') || actor.userId === 'reader',
);

const app = new Koa();
const router = new Router();
mountRoutes(router, ocrRoutes(services));
app.use(errorMiddleware);
app.use(bodyParser({ enableTypes: ['json'] }));
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

async function storedFile(bytes: Buffer, sha256?: string) {
  const ownerId = new mongoose.Types.ObjectId();
  const fileId = new mongoose.Types.ObjectId();
  const key = `letters/2026/${ownerId.toString()}/${fileId.toString()}/original.png`;
  await storage.putBuffer(key, bytes, 'image/png');
  await StoredFileModel.create({
    _id: fileId,
    ownerType: 'incoming',
    ownerId,
    name: 'scan.png',
    size: bytes.length,
    mimeType: 'image/png',
    sha256: sha256 ?? `s${fileId.toString()}`,
    key,
  });
  await enqueueJob('ocr', `ocr:${fileId.toString()}`, { fileId: fileId.toString() });
  return { fileId: fileId.toString(), ownerId: ownerId.toString() };
}

describe('OCR routes', () => {
  it('shows status and pages to readers of the file only, serves the searchable PDF and takes corrections into search', async () => {
    const { fileId, ownerId } = await storedFile(
      await renderTextPng(['Perihal: pengadaan kendaraan dinas']),
    );
    // Not readable reads as not there (docs/security.md, "No leaks").
    expect((await http.get(`/api/files/${fileId}/ocr`).set('x-test-actor', outsider)).status).toBe(
      404,
    );
    const queued = await http.get(`/api/files/${fileId}/ocr`).set('x-test-actor', desk);
    expect(queued.body).toEqual({ status: 'queued', attempts: 0, searchablePdf: false, pages: [] });

    const pool = await TesseractPool.create(1);
    try {
      const job = await claimJob(['ocr'], 'w', 60_000);
      await processFile(fileId, { storage, pool, logger: services.logger });
      await JobModel.updateOne({ _id: job!._id }, { $set: { status: 'done' } });
    } finally {
      await pool.terminate();
    }
    const done = await http
      .get(`/api/files/${fileId}/ocr`)
      .set('x-test-actor', as({ userId: 'reader' }));
    expect(done.body).toMatchObject({
      status: 'done',
      searchablePdf: true,
      pages: [{ number: 1, lowConfidence: false, source: 'ocr', corrected: false }],
    });
    expect(done.body.pages[0].text).toMatch(/kendaraan/);

    const pdf = await http
      .get(`/api/files/${fileId}/searchable.pdf`)
      .set('x-test-actor', desk)
      .buffer(true);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    await publishSearchDocument({
      kind: 'incoming',
      letterId: ownerId,
      subject: 'Surat',
      acl: { securityClass: 'B', unitIds: [], positionIds: [] },
    });
    const forbidden = await http
      .put(`/api/files/${fileId}/ocr/pages/1`)
      .set('x-test-actor', as({ userId: 'reader', roles: ['admin'] }))
      .send({ text: 'x' });
    expect(forbidden.status).toBe(403);
    const corrected = await http
      .put(`/api/files/${fileId}/ocr/pages/1`)
      .set('x-test-actor', desk)
      .send({ text: 'Perihal: pengadaan ambulans puskesmas' });
    expect(corrected.body).toMatchObject({
      number: 1,
      corrected: true,
      text: 'Perihal: pengadaan ambulans puskesmas',
    });
    const hits = indexer.engine.search(
      { text: 'ambulans', page: 1, pageSize: 5 },
      { openRank: 3, principals: [] },
    );
    expect(hits.items.map((hit) => [hit.letterId, hit.page])).toEqual([[ownerId, 1]]);
    expect(
      (
        await http
          .put(`/api/files/${fileId}/ocr/pages/9`)
          .set('x-test-actor', desk)
          .send({ text: 'x' })
      ).status,
    ).toBe(404);
  });

  it('reports a parked job as failed with its reason, lists it for the archive and retries it', async () => {
    const { fileId } = await storedFile(Buffer.from('bukan gambar'));
    const job = await claimJob(['ocr'], 'w', 60_000);
    await failJob(job!._id, 'w', 'Jenis berkas tidak dikenali.', { permanent: true });
    const failed = await http.get(`/api/files/${fileId}/ocr`).set('x-test-actor', desk);
    expect(failed.body).toMatchObject({ status: 'failed', error: 'Jenis berkas tidak dikenali.' });
    const list = await http
      .get('/api/ocr/jobs')
      .query({ status: 'parked' })
      .set('x-test-actor', as({ roles: ['arsiparis'] }));
    expect(list.body.items).toEqual([
      expect.objectContaining({
        fileId,
        fileName: 'scan.png',
        status: 'parked',
        error: 'Jenis berkas tidak dikenali.',
      }),
    ]);
    expect((await http.get('/api/ocr/jobs').set('x-test-actor', outsider)).status).toBe(403);
    const retried = await http.post(`/api/files/${fileId}/ocr/retry`).set('x-test-actor', desk);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('suggests registration fields from an uploaded scan for the desk only', async () => {
    const pdf = await textPdf([
      'PEMERINTAH PROVINSI LAMPUNG',
      'DINAS KESEHATAN',
      'Nomor : 400.7/737/IV.09/2026',
      'Sifat : Sangat Segera',
      'Hal : Permohonan Narasumber',
      'Bandar Lampung, 21 April 2026',
    ]);
    const response = await http
      .post('/api/ocr/prefill')
      .set('x-test-actor', desk)
      .attach('file', pdf, 'surat.pdf');
    expect(response.status).toBe(200);
    expect(response.body.suggestions).toEqual({
      letterNumber: '400.7/737/IV.09/2026',
      letterDate: '2026-04-21',
      subject: 'Permohonan Narasumber',
      senderName: 'Dinas Kesehatan Provinsi Lampung',
    });
    // A text layer is read as printed: every field certain enough to fill in.
    expect(response.body.fieldConfidence).toEqual({
      letterNumber: 100,
      letterDate: 100,
      subject: 100,
      senderName: 100,
    });
    expect(response.body.urgency).toEqual({
      value: 'sangat_segera',
      reason: 'tertulis “Sifat: Sangat Segera” di halaman 1',
    });
    expect(response.body.classification[0]).toMatchObject({
      code: '400.7',
      title: 'Kesehatan',
      learned: false,
    });
    const png = await renderTextPng(['Nomor : 100.2/15/SETDA/2026', 'Hal : Undangan rapat']);
    const ocr = await http
      .post('/api/ocr/prefill')
      .set('x-test-actor', desk)
      .attach('file', png, 'surat.png');
    expect(ocr.body).toMatchObject({
      source: 'ocr',
      suggestions: { letterNumber: '100.2/15/SETDA/2026', subject: 'Undangan rapat' },
    });
    // OCR's own word confidences, high on a clean render.
    expect(ocr.body.fieldConfidence.letterNumber).toBeGreaterThan(70);
    expect(ocr.body.ocrMs).toBeGreaterThan(0);
    // The worker takes page 1 from the prefill's reading of the same bytes, not the pool.
    const sha256 = createHash('sha256').update(png).digest('hex');
    await expect.poll(() => PrefillPageModel.countDocuments({ _id: sha256 })).toBe(1);
    const { fileId } = await storedFile(png, sha256);
    const noPool = {
      recognize: () => Promise.reject(new Error('page 1 was read again')),
    };
    await processFile(fileId, { storage, pool: noPool, logger: services.logger });
    const [page] = await OcrPageModel.find({ fileId }).lean();
    expect(page!.text).toBe(ocr.body.text);
    expect(page!.words.length).toBeGreaterThan(3);
    // Taken once: a second file of the same bytes is read by the pool.
    expect(await PrefillPageModel.countDocuments({ _id: sha256 })).toBe(0);
    expect(
      (
        await http
          .post('/api/ocr/prefill')
          .set('x-test-actor', outsider)
          .attach('file', pdf, 'a.pdf')
      ).status,
    ).toBe(403);
    const bad = await http
      .post('/api/ocr/prefill')
      .set('x-test-actor', desk)
      .attach('file', Buffer.from('halo'), 'a.txt');
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/tidak dikenali/);
  });
});
