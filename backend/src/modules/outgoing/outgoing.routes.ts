import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { Services } from '../../services.ts';
import { renderPagePng } from '../files/file-pages.ts';
import { contentDisposition } from '../files/file-type.ts';
import { draftBodyTemplate } from './body-template.service.ts';
import { createDraft, loadVisible, updateDraft } from './drafts.service.ts';
import { dispatchLetter } from './dispatch.service.ts';
import { listLetters, listRegister } from './lists.service.ts';
import { OutgoingVersionModel, type OutgoingVersion } from './outgoing.model.ts';
import { presentDetail, presentListItem, presentVersion } from './outgoing.presenter.ts';
import {
  bodyTemplateSchema,
  createDraftSchema,
  dispatchSchema,
  exportQuerySchema,
  idParams,
  pageParams,
  listQuerySchema,
  proposalQuerySchema,
  registerQuerySchema,
  reviewSchema,
  signSchema,
  updateDraftSchema,
  versionParams,
} from './outgoing.schema.ts';
import { describeProposal, searchPositions } from './positions.service.ts';
import { exportOutgoingRegister } from './register.exports.ts';
import { outgoingExtraRoutes } from './settings.routes.ts';
import { renderPreview, verificationUrl } from './render.service.ts';
import { reviewDraft, submitDraft } from './review.service.ts';
import { signLetter } from './sign.service.ts';
import { historyOf } from './transitions.ts';
import { outgoingHistoryJson, presentOutgoingHistory } from './outgoing-history.ts';
import { notFound } from '../../http/errors.ts';
import { OUTGOING_GATES } from './outgoing.gates.ts';
import {
  bodyTemplateJson,
  outgoingLetterJson,
  outgoingPageJson,
  outgoingVersionJson,
  outgoingVersionsJson,
  positionChoicesJson,
  proposalJson,
} from './outgoing.responses.ts';

const TAGS = ['surat keluar'];
const G = OUTGOING_GATES;

export function outgoingRoutes(services: Services) {
  const detail = (
    actor: Parameters<typeof presentDetail>[0],
    letter: Parameters<typeof presentDetail>[1],
  ) => presentDetail(actor, letter, verificationUrl(services, letter.code));
  return [
    // Static paths first: /settings must not reach the /:id route.
    ...outgoingExtraRoutes(services),
    defineRoute({
      method: 'get',
      path: '/api/outgoing-letters',
      summary:
        'Daftar surat keluar: konsep saya, menunggu paraf, menunggu tanda tangan, siap kirim',
      tags: TAGS,
      response: { schema: outgoingPageJson },
      roles: G.view,
      query: listQuerySchema,
      async handler(_ctx, { actor, query }) {
        const { items, total } = await listLetters(actor, query);
        return {
          items: items.map(presentListItem),
          total,
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/outgoing-letters',
      summary: 'Membuat konsep surat keluar',
      tags: TAGS,
      roles: G.draft,
      body: createDraftSchema,
      response: { status: 201, schema: outgoingLetterJson },
      async handler(ctx, { actor, body }) {
        return detail(actor, await createDraft(actor, body, ctx.ip));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/outgoing-letters/body-template',
      summary:
        'Isi surat dari templat jenis naskah (surat biasa, undangan, nota dinas, surat edaran, surat tugas), diisi dari konsep',
      tags: TAGS,
      roles: G.draft,
      body: bodyTemplateSchema,
      response: { schema: bodyTemplateJson },
      async handler(_ctx, { actor, body }) {
        return { body: await draftBodyTemplate(actor, body) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/outgoing-letters/proposal',
      summary: 'Usulan verifikator dan penanda tangan menurut jenis naskah',
      tags: TAGS,
      response: { schema: proposalJson },
      roles: G.draft,
      query: proposalQuerySchema,
      handler: (_ctx, { actor, query }) => describeProposal(actor, query.kind, query.positionId),
    }),
    defineRoute({
      method: 'get',
      path: '/api/outgoing-letters/positions',
      summary: 'Jabatan untuk tujuan, tembusan, verifikator, dan penanda tangan',
      tags: TAGS,
      response: { schema: positionChoicesJson },
      roles: G.view,
      query: z.object({
        q: z.string().trim().max(100).optional(),
        ids: z.string().max(2000).optional(),
      }),
      handler: (_ctx, { query }) =>
        searchPositions(query.q ?? '', query.ids?.split(',').filter(Boolean) ?? []),
    }),
    defineRoute({
      method: 'get',
      path: '/api/outgoing-letters/register',
      summary: 'Buku agenda surat keluar',
      tags: TAGS,
      response: { schema: outgoingPageJson },
      roles: G.view,
      query: registerQuerySchema,
      async handler(_ctx, { actor, query }) {
        const { items, total } = await listRegister(actor, query);
        return {
          items: items.map(presentListItem),
          total,
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/outgoing-letters/register/export',
      summary: 'Ekspor buku agenda surat keluar (PDF, .xlsx, CSV)',
      tags: TAGS,
      roles: G.view,
      query: exportQuerySchema,
      response: { contentType: 'application/octet-stream', description: 'Berkas ekspor' },
      async handler(ctx, { actor, query }) {
        const file = await exportOutgoingRegister(actor, query);
        ctx.set('Content-Disposition', contentDisposition('attachment', file.fileName));
        ctx.set('Cache-Control', 'no-store');
        ctx.type = file.contentType;
        ctx.body = file.body;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/outgoing-letters/:id',
      summary: 'Rincian surat keluar',
      tags: TAGS,
      response: { schema: outgoingLetterJson },
      roles: G.view,
      params: idParams,
      async handler(_ctx, { actor, params }) {
        return detail(actor, await loadVisible(actor, params.id));
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/outgoing-letters/:id',
      summary: 'Mengubah konsep (hanya sebelum diajukan atau setelah dikembalikan)',
      tags: TAGS,
      response: { schema: outgoingLetterJson },
      roles: G.draft,
      params: idParams,
      body: updateDraftSchema,
      async handler(ctx, { actor, params, body }) {
        return detail(actor, await updateDraft(actor, params.id, body, ctx.ip));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/outgoing-letters/:id/preview.pdf',
      summary: 'Pratinjau PDF konsep dalam tata naskah dinas',
      tags: TAGS,
      roles: G.view,
      params: idParams,
      response: { contentType: 'application/pdf', description: 'PDF pratinjau bertanda KONSEP' },
      async handler(ctx, { actor, params }) {
        const letter = await loadVisible(actor, params.id);
        ctx.set('Content-Disposition', contentDisposition('inline', `konsep-${params.id}.pdf`));
        ctx.set('Cache-Control', 'no-store');
        ctx.type = 'application/pdf';
        ctx.body = Buffer.from(await renderPreview(letter));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/outgoing-letters/:id/pages/:page',
      summary:
        'Satu halaman pratinjau (atau PDF final) sebagai gambar PNG, untuk penampil di layar',
      tags: TAGS,
      roles: G.view,
      params: pageParams,
      query: z.object({
        source: z.enum(['preview', 'final']).default('preview'),
        width: z.coerce.number().int().min(200).max(1600).default(900),
      }),
      response: {
        contentType: 'image/png',
        description: 'Halaman PNG; header X-Page-Count memuat jumlah halaman',
      },
      async handler(ctx, { actor, params, query }) {
        const letter = await loadVisible(actor, params.id);
        let pdf: Buffer;
        if (query.source === 'final') {
          if (!letter.final) throw notFound('PDF final (surat belum ditandatangani)');
          pdf = await services.storage.getBuffer(letter.final.key);
        } else pdf = Buffer.from(await renderPreview(letter));
        let rendered: { png: Buffer; pageCount: number };
        try {
          rendered = renderPagePng(pdf, 'application/pdf', params.page - 1, query.width);
        } catch (error) {
          if (error instanceof RangeError) throw notFound('Halaman');
          throw error;
        }
        ctx.set('X-Page-Count', String(rendered.pageCount));
        ctx.set('Cache-Control', 'no-store');
        ctx.type = 'image/png';
        ctx.body = rendered.png;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/outgoing-letters/:id/submit',
      summary: 'Mengajukan konsep kepada verifikator',
      tags: TAGS,
      response: { schema: outgoingLetterJson },
      roles: G.draft,
      params: idParams,
      async handler(ctx, { actor, params }) {
        return detail(actor, await submitDraft(actor, params.id, ctx.ip));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/outgoing-letters/:id/review',
      summary: 'Paraf (setujui) atau kembalikan konsep dengan catatan',
      tags: TAGS,
      response: { schema: outgoingLetterJson },
      roles: G.sign,
      params: idParams,
      body: reviewSchema,
      async handler(ctx, { actor, params, body }) {
        return detail(actor, await reviewDraft(actor, params.id, body, ctx.ip));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/outgoing-letters/:id/sign',
      summary: 'Menandatangani: nomor dialokasikan, PDF final dibuat dengan kode QR',
      tags: TAGS,
      response: { schema: outgoingLetterJson },
      roles: G.sign,
      params: idParams,
      body: signSchema,
      async handler(ctx, { actor, params, body }) {
        return detail(actor, await signLetter(services, actor, params.id, body, ctx.ip));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/outgoing-letters/:id/dispatch',
      summary: 'Mengirim: tujuan internal ke kotak masuk, tujuan eksternal dicatat',
      tags: TAGS,
      response: { schema: outgoingLetterJson },
      roles: G.dispatch,
      params: idParams,
      body: dispatchSchema,
      async handler(ctx, { actor, params, body }) {
        return detail(actor, await dispatchLetter(services, actor, params.id, body, ctx.ip));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/outgoing-letters/:id/final.pdf',
      summary: 'PDF final yang ditandatangani (tidak pernah berubah)',
      tags: TAGS,
      roles: G.view,
      params: idParams,
      response: { contentType: 'application/pdf', description: 'PDF final' },
      async handler(ctx, { actor, params }) {
        const letter = await loadVisible(actor, params.id);
        if (!letter.final) throw notFound('PDF final (surat belum ditandatangani)');
        ctx.set(
          'Content-Disposition',
          contentDisposition(
            'inline',
            `${(letter.number ?? 'surat').replace(/[^A-Za-z0-9.-]+/g, '_')}.pdf`,
          ),
        );
        ctx.set('ETag', `"${letter.final.sha256}"`);
        ctx.set('Cache-Control', 'private, no-cache');
        ctx.set('X-Content-SHA256', letter.final.sha256);
        ctx.type = 'application/pdf';
        ctx.length = letter.final.size;
        ctx.body = await services.storage.get(letter.final.key);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/outgoing-letters/:id/history',
      summary: 'Riwayat konsep: pengajuan, paraf, pengembalian, tanda tangan, pengiriman',
      tags: TAGS,
      response: { schema: outgoingHistoryJson },
      roles: G.view,
      params: idParams,
      async handler(_ctx, { actor, params }) {
        const letter = await loadVisible(actor, params.id);
        return { items: presentOutgoingHistory(await historyOf(letter._id)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/outgoing-letters/:id/versions',
      summary: 'Versi konsep yang pernah diajukan',
      tags: TAGS,
      response: { schema: outgoingVersionsJson },
      roles: G.view,
      params: idParams,
      async handler(_ctx, { actor, params }) {
        const letter = await loadVisible(actor, params.id);
        const versions = await OutgoingVersionModel.find({ letterId: letter._id })
          .sort({ version: 1 })
          .lean<OutgoingVersion[]>();
        return { items: versions.map(presentVersion) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/outgoing-letters/:id/versions/:version',
      summary: 'Isi satu versi konsep',
      tags: TAGS,
      response: { schema: outgoingVersionJson },
      roles: G.view,
      params: versionParams,
      async handler(_ctx, { actor, params }) {
        const letter = await loadVisible(actor, params.id);
        const version = await OutgoingVersionModel.findOne({
          letterId: letter._id,
          version: params.version,
        }).lean<OutgoingVersion>();
        if (!version) throw notFound('Versi konsep');
        return presentVersion(version);
      },
    }),
  ];
}
