import type { Context } from 'koa';
import { z } from 'zod';
import { validationFailed } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { jakartaParts } from '../documents/format-id.ts';
import { fileStorage } from '../files/file-storage.ts';
import { contentDisposition } from '../files/file-type.ts';
import { fileObjectKey, registerFileAccessCheck } from '../files/files.service.ts';
import { receiveMultipart, removeKeys } from '../files/upload.ts';
import { MAX_FILES_PER_LETTER } from '../letters/letters.routes.ts';
import { configureMailer } from '../notify/mailer.ts';
import {
  detailJson,
  dispatchBody,
  dispositionJson,
  idParams,
  inboxJson,
  inboxQuery,
  reportData,
  reportJson,
  returnBody,
} from './dispositions.schema.ts';
import {
  presentDisposition,
  presentReport,
  presentStoredLetterSummary,
} from './dispositions.presenter.ts';
import { disposeLetter, forwardDisposition } from './dispatch.service.ts';
import { canSeeReport } from './dispositions.policy.ts';
import { dispositionDetail } from './detail.service.ts';
import { inbox, inboxPosition } from './inbox.service.ts';
import { awaitingForPosition, presentAwaitingLetter } from './awaiting.ts';
import { awaitingJson, awaitingQuery } from './awaiting.schema.ts';
import { journeyJson, letterJourney } from './journey.service.ts';
import { cancelDisposition, completeDisposition, returnDisposition } from './lifecycle.service.ts';
import { DispositionReportModel } from './report.model.ts';
import { addReport, prepareReport } from './reports.service.ts';
import { dispositionSheet } from './sheet.service.ts';

// Report attachments are readable by whoever may read the report.
registerFileAccessCheck('report', async (actor, file) => {
  const report = await DispositionReportModel.findById(file.ownerId).lean();
  return !!report && canSeeReport(actor, report);
});

const createdJson = z.object({ items: z.array(dispositionJson) });
const nodeJson = z.object({ disposition: dispositionJson });

export function dispositionsRoutes(services: Services) {
  configureMailer(services.config, services.logger);
  const storage = fileStorage(services.config);
  return [
    defineRoute({
      method: 'post',
      path: '/api/incoming-letters/:id/dispositions',
      summary:
        'Disposisikan surat (oleh penerima surat atau Plt/Plh-nya): satu simpul per penerima',
      tags: ['disposisi'],
      params: idParams,
      body: dispatchBody,
      response: { status: 201, schema: createdJson },
      async handler(_ctx, { params, body, actor }) {
        return {
          items: (await disposeLetter(actor, params.id, body)).map((n) => presentDisposition(n)),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/incoming-letters/:id/journey',
      summary:
        'Perjalanan surat: pohon disposisi, siapa memegang apa sejak kapan, dan menunggu siapa',
      tags: ['disposisi'],
      params: idParams,
      response: { schema: journeyJson },
      handler: (_ctx, { params, actor }) => letterJourney(actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/incoming-letters/:id/disposition-sheet.pdf',
      summary: 'Lembar disposisi (PDF) dengan satu blok per tahap disposisi',
      tags: ['disposisi'],
      params: idParams,
      response: { contentType: 'application/pdf', description: 'Lembar disposisi A4' },
      async handler(ctx, { params, actor }) {
        const { pdf, filename } = await dispositionSheet(actor, params.id);
        ctx.set('Content-Type', 'application/pdf');
        ctx.set('Content-Disposition', contentDisposition('inline', filename));
        ctx.set('Cache-Control', 'private, no-store');
        ctx.body = pdf;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/dispositions/inbox',
      summary: 'Kotak disposisi satu jabatan (termasuk jabatan Plt/Plh) dengan penghitung',
      tags: ['disposisi'],
      query: inboxQuery,
      response: { schema: inboxJson },
      async handler(_ctx, { query, actor }) {
        const result = await inbox(actor, query, services);
        return {
          items: result.nodes.map((node) => {
            const letter = result.letters.get(String(node.letterId));
            return {
              ...presentDisposition(node),
              letter: letter ? presentStoredLetterSummary(node.letterId, letter) : null,
            };
          }),
          total: result.total,
          totalExact: result.totalExact,
          sort: result.sort,
          page: query.page,
          pageSize: query.pageSize,
          positionId: result.positionId,
          counters: result.counters,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/dispositions/awaiting',
      summary:
        'Surat masuk untuk jabatan ini yang menunggu disposisi: paling mendesak dulu, dengan saringan',
      tags: ['disposisi'],
      query: awaitingQuery,
      response: { schema: awaitingJson },
      async handler(_ctx, { query, actor }) {
        const positionId = inboxPosition(actor, query.positionId);
        const page = await awaitingForPosition(positionId, {
          sort: query.sort,
          urgencies: query.urgency,
          sender: query.sender,
          classificationCode: query.classificationCode,
          q: query.q,
          page: query.page,
          pageSize: query.pageSize,
        });
        return {
          items: page.items.map((letter) => presentAwaitingLetter(letter, positionId, page)),
          total: page.total,
          totalExact: page.totalExact,
          page: query.page,
          pageSize: query.pageSize,
          positionId,
          sort: query.sort,
          byUrgency: page.byUrgency,
          unfilteredTotal: page.unfilteredTotal,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/dispositions/:id',
      summary: 'Satu disposisi; penerimanya membuka = menandai dibaca',
      tags: ['disposisi'],
      params: idParams,
      response: { schema: detailJson },
      handler: (_ctx, { params, actor }) => dispositionDetail(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/dispositions/:id/forward',
      summary: 'Teruskan disposisi ke bawah (isi sama dengan membuat disposisi)',
      tags: ['disposisi'],
      params: idParams,
      body: dispatchBody,
      response: { status: 201, schema: createdJson },
      async handler(_ctx, { params, body, actor }) {
        return {
          items: (await forwardDisposition(actor, params.id, body)).map((n) =>
            presentDisposition(n),
          ),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/dispositions/:id/reports',
      summary:
        'Laporan tindak lanjut: bagian `data` (JSON { text, forwardReportIds? }) dan berkas `files` opsional',
      tags: ['disposisi'],
      params: idParams,
      multipart: {
        description: '`data`: JSON { text, forwardReportIds? }; `files`: PDF, JPEG, PNG atau TIFF',
        json: { data: reportData },
        files: 'files',
      },
      response: {
        status: 201,
        schema: z.object({ disposition: dispositionJson, report: reportJson }),
      },
      async handler(ctx, { params, actor }) {
        const target = await prepareReport(actor, params.id);
        const year = jakartaParts(now()).year;
        const upload = await receiveMultipart(ctx, {
          storage,
          maxFileBytes: services.config.MAX_UPLOAD_BYTES,
          maxFiles: MAX_FILES_PER_LETTER,
          fileField: 'files',
          keyFor: (fileId, ext) =>
            fileObjectKey('reports', year, String(target.reportId), fileId, ext),
        });
        const data = parseData(upload.fields.get('data'));
        if (!data.success) {
          await removeKeys(
            storage,
            upload.files.map((f) => f.key),
          );
          throw validationFailed('Data laporan tidak valid. Periksa kembali isian yang ditandai.', {
            in: 'data',
            issues: data.issues,
          });
        }
        const { node, report } = await addReport(actor, target, data.value, upload.files, storage);
        ctx.status = 201;
        return { disposition: presentDisposition(node), report: presentReport(report) };
      },
    }),
    ...transitionRoute(
      'complete',
      'Selesaikan disposisi sendiri (perlu laporan sendiri dan semua turunan selesai)',
      (actor, id) => completeDisposition(actor, id),
    ),
    ...transitionRoute(
      'cancel',
      'Batalkan disposisi yang dikirim (hanya selama belum dibaca)',
      (actor, id) => cancelDisposition(actor, id),
    ),
    defineRoute({
      method: 'post',
      path: '/api/dispositions/:id/return',
      summary: 'Kembalikan disposisi yang salah alamat, dengan alasan',
      tags: ['disposisi'],
      params: idParams,
      body: returnBody,
      response: { schema: nodeJson },
      async handler(_ctx, { params, body, actor }) {
        return {
          disposition: presentDisposition(await returnDisposition(actor, params.id, body.reason)),
        };
      },
    }),
  ];
}

function transitionRoute(
  action: 'complete' | 'cancel',
  summary: string,
  run: (
    actor: import('../../http/actor.ts').Actor,
    id: string,
  ) => Promise<import('./disposition.model.ts').Disposition>,
) {
  return [
    defineRoute({
      method: 'post',
      path: `/api/dispositions/:id/${action}`,
      summary,
      tags: ['disposisi'],
      params: idParams,
      response: { schema: nodeJson },
      async handler(_ctx: Context, { params, actor }) {
        return { disposition: presentDisposition(await run(actor, params.id)) };
      },
    }),
  ];
}

function parseData(
  raw: string | undefined,
):
  | { success: true; value: z.infer<typeof reportData> }
  | { success: false; issues: Array<{ path: string; message: string }> } {
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '');
  } catch {
    return {
      success: false,
      issues: [{ path: 'data', message: 'Bagian "data" harus berisi JSON { text }.' }],
    };
  }
  const parsed = reportData.safeParse(json);
  if (parsed.success) return { success: true, value: parsed.data };
  return {
    success: false,
    issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  };
}
