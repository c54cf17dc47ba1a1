import { createHash } from 'node:crypto';
import { defineRoute, type RouteDefinition } from '../../http/route.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import type { Services } from '../../services.ts';
import { fileStorage } from '../files/file-storage.ts';
import { presentJob, presentPage, presentView } from './ocr.presenter.ts';
import {
  correctionBody,
  fileParams,
  jobsQuery,
  ocrJobsSchema,
  ocrPageSchema,
  ocrViewSchema,
  pageParams,
  prefillSchema,
} from './ocr.schema.ts';
import {
  canCorrectFileText,
  correctPage,
  listOcrJobs,
  ocrView,
  readableFile,
  retryOcr,
} from './ocr.service.ts';
import { findWordsInFile } from './page-words.ts';
import { fileWordHitsSchema, wordsQuery } from './page-words.schema.ts';
import { prefillFromScan, receiveOneFile, warmPrefill } from './prefill.service.ts';
import { rememberPrefilledPage } from './prefill-page.model.ts';
import { suggestClassification } from '../classification/classification-suggestion.ts';
import { can, rolesFor } from '../policy/policy.ts';

export function ocrRoutes(services: Services): RouteDefinition<any, any, any>[] {
  const storage = fileStorage(services.config);
  return [
    defineRoute({
      method: 'get',
      path: '/api/files/:id/ocr',
      summary: 'Status dan hasil OCR satu berkas (per halaman, dengan tanda keyakinan rendah)',
      tags: ['ocr'],
      params: fileParams,
      response: { schema: ocrViewSchema },
      async handler(_ctx, { params, actor }) {
        const file = await readableFile(actor, params.id);
        return presentView(await ocrView(file), file);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/files/:id/words',
      summary:
        'Letak kata yang dicari pada halaman pindaian (kotak kata hasil OCR, dicocokkan seperti pencarian)',
      tags: ['ocr'],
      params: fileParams,
      query: wordsQuery,
      response: { schema: fileWordHitsSchema },
      async handler(_ctx, { params, query, actor }) {
        // The same rule and the same 404 as the page images themselves.
        const file = await readableFile(actor, params.id);
        return findWordsInFile(services, file, query.q);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/files/:id/searchable.pdf',
      summary: 'PDF yang dapat dicari (gambar asli + lapisan teks tak terlihat)',
      tags: ['ocr'],
      params: fileParams,
      response: { contentType: 'application/pdf' },
      async handler(ctx, { params, actor }) {
        const file = await readableFile(actor, params.id);
        if (!file.searchableKey) throw notFound('PDF yang dapat dicari untuk berkas ini');
        ctx.set('Content-Type', 'application/pdf');
        ctx.set('Content-Disposition', `inline; filename="${String(file._id)}-dapat-dicari.pdf"`);
        ctx.set('Cache-Control', 'private, max-age=300');
        ctx.body = await storage.get(file.searchableKey);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/files/:id/ocr/retry',
      summary: 'Ulangi OCR berkas yang gagal',
      tags: ['ocr'],
      roles: rolesFor('ocr.retry'),
      params: fileParams,
      response: { status: 202, schema: ocrViewSchema },
      async handler(_ctx, { params, actor }) {
        const file = await readableFile(actor, params.id);
        await retryOcr(file);
        return presentView(await ocrView(file), file);
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/files/:id/ocr/pages/:n',
      summary: 'Koreksi teks satu halaman hasil OCR (langsung diindeks ulang)',
      tags: ['ocr'],
      params: pageParams,
      body: correctionBody,
      response: { schema: ocrPageSchema },
      async handler(_ctx, { params, body, actor }) {
        const file = await readableFile(actor, params.id);
        if (!(await canCorrectFileText(actor, file)))
          throw forbidden('Anda tidak berwenang mengoreksi teks berkas ini.');
        return presentPage(await correctPage(actor, file, params.n, body.text));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/ocr/jobs',
      summary: 'Antrean OCR (mis. status=parked: pekerjaan yang berhenti dan perlu diulang)',
      tags: ['ocr'],
      roles: rolesFor('ocr.queue'),
      query: jobsQuery,
      response: { schema: ocrJobsSchema },
      async handler(_ctx, { query }) {
        const { total, items } = await listOcrJobs(query.status, query.page, query.pageSize);
        return { total, items: items.map(({ job, file }) => presentJob(job, file)) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/ocr/prefill',
      summary:
        'Usulan isian registrasi (nomor, tanggal, hal, pengirim) dari halaman pertama pindaian',
      tags: ['ocr'],
      roles: rolesFor('letter.register'),
      multipart: {
        description: 'Satu berkas pindaian (PDF, JPEG, PNG, atau TIFF) pada bagian apa pun',
      },
      response: { schema: prefillSchema },
      async handler(ctx, { actor }) {
        if (!can(actor, 'letter.register')) throw forbidden();
        const bytes = await receiveOneFile(
          ctx,
          Math.min(services.config.MAX_UPLOAD_BYTES, 30 * 1024 * 1024),
        );
        if (bytes.length === 0) throw new AppError(400, 'VALIDATION_FAILED', 'Berkas kosong.');
        const { page, ...result } = await prefillFromScan(bytes);
        // Kept for the worker, which then need not read page 1 again once it is registered.
        if (page) {
          const sha256 = createHash('sha256').update(bytes).digest('hex');
          void rememberPrefilledPage(sha256, page).catch((error: unknown) =>
            services.logger.warn({ err: error }, 'prefill page not kept for the worker'),
          );
        }
        const classification = await suggestClassification(result.suggestions);
        return { ...result, classification };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/ocr/prefill/warm',
      summary:
        'Siapkan pembaca isian sebelum pindaian pertama (dipanggil saat formulir registrasi dibuka)',
      tags: ['ocr'],
      roles: rolesFor('letter.register'),
      response: { status: 204 },
      async handler(ctx, { actor }) {
        if (!can(actor, 'letter.register')) throw forbidden();
        ctx.status = 204;
        ctx.body = null;
        // Not awaited: the form does not wait for the worker; the first scan will.
        void warmPrefill().catch(() => undefined);
      },
    }),
  ];
}
