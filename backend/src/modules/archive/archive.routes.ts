import type { Context } from 'koa';
import { z } from 'zod';
import type { Actor } from '../../http/actor.ts';
import { forbidden } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { rolesFor } from '../policy/policy.ts';
import type { Services } from '../../services.ts';
import { contentDisposition } from '../files/file-type.ts';
import { canReadBerkas, canUseArchive, requireManage } from './archive.policy.ts';
import { boxesById, presentBerkas, presentItem, presentRetention } from './archive.presenter.ts';
import {
  berkasCreateSchema,
  berkasListQuery,
  berkasUpdateSchema,
  closeSchema,
  codeCreateSchema,
  codeParams,
  codeUpdateSchema,
  daftarBerkasQuery,
  exportQuery,
  fileLettersSchema,
  idParams,
  itemParams,
  locationSchema,
  reappraiseSchema,
  reasonSchema,
  retentionInputSchema,
  retentionListQuery,
  settingsSchema,
  unfiledQuery,
} from './archive.schema.ts';
import { fileLetters, itemsOf, unfileItem } from './berkas.items.service.ts';
import {
  closeBerkas,
  reappraiseBerkas,
  releaseLegalHold,
  reopenBerkas,
  setLegalHold,
  setLocation,
} from './berkas.lifecycle.ts';
import { createBerkas, listBerkas, updateBerkas, visibleBerkas } from './berkas.service.ts';
import { exportDaftarBerkas, exportDaftarIsi, type ExportResult } from './exports.ts';
import { createCode, listInstruments, updateCode } from './instruments.service.ts';
import { listUnfiled } from './letter-sources.ts';
import { effectiveRetention, removeRetentionRule, setRetentionRule } from './retention.service.ts';
import { getSettings, updateSettings } from './settings.service.ts';
import { PositionModel, type Position } from '../org/org.model.ts';
import { escapeRegex } from '../../lib/regex.ts';
import {
  approverPositionsJson,
  archiveSettingsJson,
  berkasDetailJson,
  berkasJson,
  berkasListJson,
  classificationCodeJson,
  effectiveRetentionJson,
  fileOutcomeJson,
  instrumentsJson,
  retentionChangeJson,
  unfiledJson,
} from './archive.responses.ts';

const TAGS = ['arsip'];

export function requireArchiveUser(actor: Actor): void {
  if (!canUseArchive(actor))
    throw forbidden('Menu arsip hanya untuk arsiparis dan pejabat unit kerja.');
}

export function send(
  ctx: Context,
  result: ExportResult,
  disposition: 'inline' | 'attachment' = 'attachment',
): void {
  ctx.set('Content-Type', result.contentType);
  ctx.set('Content-Disposition', contentDisposition(disposition, result.fileName));
  ctx.set('Cache-Control', 'private, no-store');
  ctx.body = result.body;
}

async function presentList(
  actor: Actor,
  result: { items: import('./berkas.model.ts').Berkas[]; total: number },
) {
  const boxes = await boxesById(result.items);
  return { total: result.total, items: result.items.map((b) => presentBerkas(actor, b, boxes)) };
}

async function presentSettings() {
  const settings = await getSettings();
  const ids = [
    ...settings.transferApprovers,
    ...settings.disposalApprovers,
    ...settings.handoverApprovers,
  ];
  const positions = await PositionModel.find({ _id: { $in: ids } }, { title: 1 }).lean<
    Position[]
  >();
  const title = new Map(positions.map((p) => [String(p._id), p.title]));
  const list = (values: typeof ids) =>
    values.map((id) => ({ id: String(id), title: title.get(String(id)) ?? '-' }));
  return {
    transferApprovers: list(settings.transferApprovers),
    disposalApprovers: list(settings.disposalApprovers),
    handoverApprovers: list(settings.handoverApprovers),
    recordsCentreName: settings.recordsCentreName,
    archiveInstitutionName: settings.archiveInstitutionName,
  };
}

export function archiveRoutes(_services: Services) {
  return [
    // --- Instruments: classification scheme and JRA.
    defineRoute({
      method: 'get',
      path: '/api/archive/retention',
      summary: 'Kode klasifikasi dengan jadwal retensi (JRA) miliknya dan yang berlaku (warisan)',
      tags: TAGS,
      response: { schema: instrumentsJson },
      query: retentionListQuery,
      async handler(_ctx, { actor, query }) {
        requireArchiveUser(actor);
        const result = await listInstruments(query);
        return {
          total: result.total,
          items: result.items.map(({ code, own, effective }) => ({
            code: code.code,
            title: code.title,
            scheme: code.scheme,
            level: code.level,
            parentCode: code.parentCode ?? null,
            mapsTo: [...(code.mapsTo ?? [])],
            active: code.active,
            own: own
              ? {
                  activeYears: own.activeYears,
                  inactiveYears: own.inactiveYears,
                  finalDisposition: own.finalDisposition,
                  note: own.note ?? '',
                }
              : null,
            effective: presentRetention(effective),
          })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/archive/retention/:code',
      summary: 'Retensi yang berlaku untuk satu kode',
      tags: TAGS,
      response: { schema: effectiveRetentionJson },
      params: codeParams,
      async handler(_ctx, { actor, params }) {
        requireArchiveUser(actor);
        return {
          code: params.code,
          effective: presentRetention(await effectiveRetention(params.code)),
        };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/archive/retention/:code',
      summary: 'Tetapkan retensi khusus kode ini (menimpa warisan induknya)',
      tags: TAGS,
      response: { schema: retentionChangeJson },
      roles: rolesFor('archive.manage'),
      params: codeParams,
      body: retentionInputSchema,
      async handler(ctx, { actor, params, body }) {
        requireManage(actor);
        const { recomputed } = await setRetentionRule(actor, params.code, body, ctx.ip);
        return {
          code: params.code,
          effective: presentRetention(await effectiveRetention(params.code)),
          recomputed,
        };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/archive/retention/:code',
      summary: 'Hapus retensi khusus: kode kembali mewarisi induknya',
      tags: TAGS,
      response: { schema: retentionChangeJson },
      roles: rolesFor('archive.manage'),
      params: codeParams,
      async handler(ctx, { actor, params }) {
        requireManage(actor);
        const { recomputed } = await removeRetentionRule(actor, params.code, ctx.ip);
        return {
          code: params.code,
          effective: presentRetention(await effectiveRetention(params.code)),
          recomputed,
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/archive/classification-codes',
      summary: 'Tambah kode klasifikasi (skema 2022 atau skema lama dengan padanan)',
      tags: TAGS,
      roles: rolesFor('archive.manage'),
      body: codeCreateSchema,
      response: { status: 201, schema: classificationCodeJson },
      async handler(ctx, { actor, body }) {
        const code = await createCode(actor, body, ctx.ip);
        ctx.status = 201;
        return {
          code: code.code,
          title: code.title,
          scheme: code.scheme,
          parentCode: code.parentCode ?? null,
          mapsTo: [...(code.mapsTo ?? [])],
          active: code.active,
        };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/archive/classification-codes/:code',
      summary: 'Ubah uraian, status aktif, atau padanan kode klasifikasi',
      tags: TAGS,
      response: { schema: classificationCodeJson },
      roles: rolesFor('archive.manage'),
      params: codeParams,
      body: codeUpdateSchema,
      async handler(ctx, { actor, params, body }) {
        const code = await updateCode(actor, params.code, body, ctx.ip);
        return {
          code: code.code,
          title: code.title,
          scheme: code.scheme,
          parentCode: code.parentCode ?? null,
          mapsTo: [...(code.mapsTo ?? [])],
          active: code.active,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/archive/settings',
      summary: 'Pengaturan arsip: pejabat penyetuju dan nama penerima',
      tags: TAGS,
      response: { schema: archiveSettingsJson },
      async handler(_ctx, { actor }) {
        requireArchiveUser(actor);
        return presentSettings();
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/archive/settings',
      summary: 'Ubah pejabat penyetuju pemindahan, pemusnahan, dan penyerahan',
      tags: TAGS,
      response: { schema: archiveSettingsJson },
      roles: rolesFor('archive.settings'),
      body: settingsSchema,
      async handler(ctx, { actor, body }) {
        await updateSettings(actor, body, ctx.ip);
        return presentSettings();
      },
    }),

    // --- Berkas.
    defineRoute({
      method: 'get',
      path: '/api/archive/berkas',
      summary: 'Daftar berkas (arsiparis: semua unit; pejabat: unit kerjanya)',
      tags: TAGS,
      response: { schema: berkasListJson },
      query: berkasListQuery,
      async handler(_ctx, { actor, query }) {
        return presentList(actor, await listBerkas(actor, query));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/archive/berkas',
      summary: 'Buat berkas baru (nomor berkas per unit per tahun tanpa celah)',
      tags: TAGS,
      roles: rolesFor('berkas.view'),
      body: berkasCreateSchema,
      response: { status: 201, schema: berkasJson },
      async handler(ctx, { actor, body }) {
        const berkas = await createBerkas(actor, body, ctx.ip);
        ctx.status = 201;
        return presentBerkas(actor, berkas);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/archive/berkas/export',
      summary: 'Daftar berkas sebagai PDF atau .xlsx',
      tags: TAGS,
      query: daftarBerkasQuery,
      response: {
        contentType: 'application/octet-stream',
        description: 'PDF (A4 melintang) atau .xlsx',
      },
      async handler(ctx, { actor, query }) {
        send(ctx, await exportDaftarBerkas(actor, query));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/archive/unfiled',
      summary: 'Surat yang belum diberkaskan (per jenis dan tahun)',
      tags: TAGS,
      response: { schema: unfiledJson },
      query: unfiledQuery,
      async handler(_ctx, { actor, query }) {
        requireArchiveUser(actor);
        return listUnfiled(actor, query);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/archive/berkas/:id',
      summary: 'Satu berkas dengan isinya (surat, disposisi, laporan)',
      tags: TAGS,
      response: { schema: berkasDetailJson },
      params: idParams,
      async handler(_ctx, { actor, params }) {
        const berkas = await visibleBerkas(actor, params.id);
        const readable = canReadBerkas(actor, berkas);
        const items = readable ? await itemsOf(berkas._id) : [];
        const boxes = await boxesById([berkas]);
        return {
          ...presentBerkas(actor, berkas, boxes),
          expectedRetention: presentRetention(await effectiveRetention(berkas.classificationCode)),
          items: items.map((i) => presentItem(i, true)),
        };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/archive/berkas/:id',
      summary: 'Ubah uraian, keterangan, media; kode dan klasifikasi selama terbuka',
      tags: TAGS,
      response: { schema: berkasJson },
      params: idParams,
      body: berkasUpdateSchema,
      async handler(ctx, { actor, params, body }) {
        return presentBerkas(
          actor,
          await updateBerkas(actor, params.id, body, ctx.ip),
          await boxesById([]),
        );
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/archive/berkas/:id/items',
      summary: 'Masukkan surat ke berkas (per surat: masuk atau ditolak dengan alasan)',
      tags: TAGS,
      response: { schema: fileOutcomeJson },
      params: idParams,
      body: fileLettersSchema,
      async handler(ctx, { actor, params, body }) {
        return fileLetters(actor, params.id, body.letters, ctx.ip);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/archive/berkas/:id/items/:itemId',
      summary: 'Keluarkan surat dari berkas yang masih terbuka',
      tags: TAGS,
      response: { status: 204 },
      params: itemParams,
      async handler(ctx, { actor, params }) {
        await unfileItem(actor, params.id, params.itemId, ctx.ip);
        ctx.status = 204;
        ctx.body = null;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/archive/berkas/:id/close',
      summary: 'Tutup berkas: jam retensi mulai berjalan pada tanggal penutupan',
      tags: TAGS,
      response: { schema: berkasJson },
      params: idParams,
      body: closeSchema,
      async handler(ctx, { actor, params, body }) {
        return presentBerkas(
          actor,
          await closeBerkas(actor, params.id, body.closedOn, ctx.ip),
          await boxesById([]),
        );
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/archive/berkas/:id/reopen',
      summary: 'Buka kembali berkas tertutup (arsiparis)',
      tags: TAGS,
      response: { schema: berkasJson },
      roles: rolesFor('archive.manage'),
      params: idParams,
      body: reasonSchema,
      async handler(ctx, { actor, params, body }) {
        return presentBerkas(actor, await reopenBerkas(actor, params.id, body.reason, ctx.ip));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/archive/berkas/:id/hold',
      summary: 'Tahan berkas (legal hold): tidak dapat dimusnahkan atau diserahkan',
      tags: TAGS,
      response: { schema: berkasJson },
      roles: rolesFor('archive.manage'),
      params: idParams,
      body: reasonSchema,
      async handler(ctx, { actor, params, body }) {
        return presentBerkas(actor, await setLegalHold(actor, params.id, body.reason, ctx.ip));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/archive/berkas/:id/release',
      summary: 'Cabut penahanan (legal hold)',
      tags: TAGS,
      response: { schema: berkasJson },
      roles: rolesFor('archive.manage'),
      params: idParams,
      body: reasonSchema,
      async handler(ctx, { actor, params, body }) {
        return presentBerkas(actor, await releaseLegalHold(actor, params.id, body.reason, ctx.ip));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/archive/berkas/:id/reappraise',
      summary: 'Penilaian kembali berkas berketerangan Dinilai Kembali',
      tags: TAGS,
      response: { schema: berkasJson },
      roles: rolesFor('archive.manage'),
      params: idParams,
      body: reappraiseSchema,
      async handler(ctx, { actor, params, body }) {
        return presentBerkas(
          actor,
          await reappraiseBerkas(actor, params.id, body.decision, body.note, ctx.ip),
        );
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/archive/berkas/:id/location',
      summary: 'Lokasi fisik berkas: boks dan map',
      tags: TAGS,
      response: { schema: berkasJson },
      params: idParams,
      body: locationSchema,
      async handler(ctx, { actor, params, body }) {
        const berkas = await setLocation(
          actor,
          params.id,
          { boxId: body.boxId, folder: body.folder ?? null },
          ctx.ip,
        );
        return presentBerkas(actor, berkas, await boxesById([berkas]));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/archive/berkas/:id/contents',
      summary: 'Daftar isi berkas sebagai PDF atau .xlsx',
      tags: TAGS,
      params: idParams,
      query: exportQuery,
      response: {
        contentType: 'application/octet-stream',
        description: 'PDF (A4 melintang) atau .xlsx',
      },
      async handler(ctx, { actor, params, query }) {
        send(ctx, await exportDaftarIsi(actor, params.id, query.format));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/archive/approver-positions',
      summary: 'Jabatan yang dapat dipilih sebagai penyetuju',
      tags: TAGS,
      response: { schema: approverPositionsJson },
      roles: rolesFor('archive.settings'),
      query: z.object({ q: z.string().trim().max(100).optional() }),
      async handler(_ctx, { query }) {
        const filter: Record<string, unknown> = { active: true, kind: { $ne: 'staf' } };
        if (query.q) filter.title = { $regex: escapeRegex(query.q), $options: 'i' };
        const positions = await PositionModel.find(filter, { title: 1, kind: 1 })
          .sort({ order: 1 })
          .limit(100)
          .lean<Position[]>();
        return {
          items: positions.map((p) => ({ id: String(p._id), title: p.title, kind: p.kind })),
        };
      },
    }),
  ];
}
