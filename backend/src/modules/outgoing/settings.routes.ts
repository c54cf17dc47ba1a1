import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { Services } from '../../services.ts';
import { filesOf } from '../files/files.service.ts';
import { addAttachments, presentAttachment, removeAttachment } from './attachments.service.ts';
import { loadVisible } from './drafts.service.ts';
import { OUTGOING_GATES as G } from './outgoing.gates.ts';
import { attachmentParams, idParams, kindSchema, kindSettingSchema } from './outgoing.schema.ts';
import { listKindSettings, saveKindSetting } from './settings.service.ts';
import {
  kindSettingJson,
  kindSettingsJson,
  outgoingAttachmentsJson,
} from './outgoing.responses.ts';

const TAGS = ['surat keluar'];

/** Numbering settings and attachments of outgoing letters (outgoing.routes.ts has the rest). */
export function outgoingExtraRoutes(services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/outgoing-letters/settings',
      summary: 'Pola nomor dan penghitung per jenis naskah',
      tags: TAGS,
      response: { schema: kindSettingsJson },
      roles: G.numbering,
      handler: async () => ({ items: await listKindSettings() }),
    }),

    defineRoute({
      method: 'put',
      path: '/api/outgoing-letters/settings/:kind',
      summary: 'Mengubah pola nomor satu jenis naskah (admin)',
      tags: TAGS,
      response: { schema: kindSettingJson },
      roles: G.numberingEdit,
      params: z.object({ kind: kindSchema }),
      body: kindSettingSchema,
      handler: (ctx, { actor, params, body }) => saveKindSetting(actor, params.kind, body, ctx.ip),
    }),

    defineRoute({
      method: 'get',
      path: '/api/outgoing-letters/:id/attachments',
      summary: 'Lampiran surat keluar (unduh melalui /api/files/:id/content)',
      tags: TAGS,
      response: { schema: outgoingAttachmentsJson },
      roles: G.view,
      params: idParams,
      async handler(_ctx, { actor, params }) {
        const letter = await loadVisible(actor, params.id);
        return { items: (await filesOf('outgoing', letter._id)).map(presentAttachment) };
      },
    }),

    defineRoute({
      method: 'post',
      path: '/api/outgoing-letters/:id/attachments',
      summary: 'Menambah lampiran konsep (multipart, bagian `files`)',
      tags: TAGS,
      roles: G.draft,
      params: idParams,
      multipart: { description: '`files`: PDF, JPEG, PNG atau TIFF', files: 'files' },
      response: { status: 201, schema: outgoingAttachmentsJson },
      async handler(ctx, { actor, params }) {
        return {
          items: (await addAttachments(services, ctx, actor, params.id)).map(presentAttachment),
        };
      },
    }),

    defineRoute({
      method: 'delete',
      path: '/api/outgoing-letters/:id/attachments/:fileId',
      summary: 'Menghapus lampiran konsep',
      tags: TAGS,
      roles: G.draft,
      params: attachmentParams,
      response: { status: 204 },
      async handler(ctx, { actor, params }) {
        await removeAttachment(services, actor, params.id, params.fileId, ctx.ip);
        ctx.status = 204;
      },
    }),
  ];
}
