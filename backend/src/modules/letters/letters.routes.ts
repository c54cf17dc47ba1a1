import mongoose from 'mongoose';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { jakartaParts } from '../documents/format-id.ts';
import { fileStorage } from '../files/file-storage.ts';
import { contentDisposition } from '../files/file-type.ts';
import { fileObjectKey, registerFileAccessCheck } from '../files/files.service.ts';
import { receiveMultipart } from '../files/upload.ts';
import { findDuplicates } from './duplicates.service.ts';
import { exportRegister } from './letters.exports.ts';
import { letterNumberKeyOf, senderKeyOf } from './letters.keys.ts';
import { rolesFor, rolesReachingEverything } from '../policy/policy.ts';
import { canReadFile, canReadLetterContent } from './letters.policy.ts';
import {
  letterDetailSchema,
  letterListItemSchema,
  registrationResultSchema,
} from './letters.presenter.ts';
import { incomingReceiptPdf, incomingStampedPdf } from './letters.print.ts';
import {
  correctionSchema,
  duplicateCheckSchema,
  exportQuerySchema,
  letterIdParams,
  listQuerySchema,
  registrationDataSchema,
  voidSchema,
} from './letters.schema.ts';
import {
  correctLetter,
  getLetterDetail,
  listLetters,
  loadVisibleLetter,
  markLetterRead,
  voidLetter,
} from './letters.service.ts';
import { registerIncomingLetter } from './registration.service.ts';
import { duplicateCheckJson } from './letters.responses.ts';
import { letterHistory, letterHistoryJson } from './letter-history.ts';

registerFileAccessCheck('incoming', canReadFile);

export const MAX_FILES_PER_LETTER = 20;
// Route gates derived from the policy table (modules/policy/policy.ts), never written here.
const REGISTER_ROLES = rolesFor('letter.register');
const CORRECT_ROLES = rolesFor('letter.correct');
const DESK_ROLES = rolesReachingEverything('letter.view');

export function lettersRoutes(services: Services) {
  const storage = fileStorage(services.config);
  const sendPdf = (ctx: import('koa').Context, pdf: Buffer, fileName: string) => {
    ctx.set('Content-Type', 'application/pdf');
    ctx.set('Content-Disposition', contentDisposition('inline', fileName));
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = pdf;
  };
  return [
    defineRoute({
      method: 'post',
      path: '/api/incoming-letters',
      summary: 'Daftarkan surat masuk: bagian `data` (JSON) dan satu atau lebih bagian `files`',
      tags: ['surat masuk'],
      roles: [...REGISTER_ROLES],
      multipart: {
        description:
          '`data`: JSON keterangan surat; `files`: PDF, JPEG, PNG atau TIFF (maks. MAX_UPLOAD_BYTES per berkas)',
        json: { data: registrationDataSchema },
        files: 'files',
      },
      response: { status: 201, schema: registrationResultSchema },
      async handler(ctx, { actor }) {
        const letterId = new mongoose.Types.ObjectId();
        const year = jakartaParts(now()).year;
        const upload = await receiveMultipart(ctx, {
          storage,
          maxFileBytes: services.config.MAX_UPLOAD_BYTES,
          maxFiles: MAX_FILES_PER_LETTER,
          fileField: 'files',
          keyFor: (fileId, ext) => fileObjectKey('letters', year, String(letterId), fileId, ext),
        });
        const { letter, files } = await registerIncomingLetter({
          actor,
          letterId,
          year,
          data: upload.fields.get('data'),
          files: upload.files,
          storage,
          logger: ctx.state.log ?? services.logger,
          ip: ctx.ip,
        });
        ctx.status = 201;
        ctx.body = {
          id: String(letter._id),
          agendaNumber: letter.agendaNumber!,
          agendaYear: letter.agendaYear,
          register: letter.register,
          status: letter.status,
          files: files.map((f) => ({
            id: String(f.fileId),
            name: f.name,
            size: f.size,
            mimeType: f.mimeType,
            sha256: f.sha256,
          })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/incoming-letters',
      summary: 'Buku agenda surat masuk: daftar berhalaman dengan filter dan urutan',
      tags: ['surat masuk'],
      query: listQuerySchema,
      response: {
        schema: z.object({ items: z.array(letterListItemSchema), total: z.number().int() }),
      },
      handler: (_ctx, { actor, query }) => listLetters(actor, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/incoming-letters/export',
      summary:
        'Ekspor buku agenda (tampilan terfilter, bulanan `month`, atau tahunan `year`) ke PDF, .xlsx atau CSV',
      tags: ['surat masuk'],
      roles: [...DESK_ROLES],
      query: exportQuerySchema,
      response: {
        contentType: 'application/octet-stream',
        description: 'PDF (A4 melintang), .xlsx, atau CSV',
      },
      async handler(ctx, { actor, query }) {
        const result = await exportRegister(actor, query);
        ctx.set('Content-Type', result.contentType);
        ctx.set('Content-Disposition', contentDisposition('attachment', result.fileName));
        ctx.set('Cache-Control', 'private, no-store');
        ctx.body = result.body;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/incoming-letters/check-duplicates',
      summary:
        'Periksa dugaan surat ganda sebelum mengunggah (pengirim + nomor surat, atau sha256 berkas)',
      tags: ['surat masuk'],
      response: { schema: duplicateCheckJson },
      roles: [...REGISTER_ROLES],
      body: duplicateCheckSchema,
      async handler(_ctx, { body }) {
        const hits = await findDuplicates({
          senderKey: body.senderName ? senderKeyOf(body.senderName) : undefined,
          letterNumberKey: body.letterNumber ? letterNumberKeyOf(body.letterNumber) : undefined,
          sha256s: body.sha256,
        });
        return { duplicates: hits };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/incoming-letters/:id',
      summary: 'Satu surat masuk: keterangan, berkas, hak akses pemanggil',
      tags: ['surat masuk'],
      params: letterIdParams,
      response: { schema: letterDetailSchema },
      handler: (_ctx, { actor, params }) => getLetterDetail(actor, params.id),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/incoming-letters/:id',
      summary: 'Koreksi keterangan surat (agendaris pencatat) dengan alasan',
      tags: ['surat masuk'],
      roles: [...CORRECT_ROLES],
      params: letterIdParams,
      body: correctionSchema,
      response: { schema: letterDetailSchema },
      async handler(ctx, { actor, params, body }) {
        await correctLetter(actor, params.id, body, ctx.ip);
        return getLetterDetail(actor, params.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/incoming-letters/:id/void',
      summary: 'Batalkan pendaftaran surat dengan alasan (tidak dihapus, nomor agenda tetap)',
      tags: ['surat masuk'],
      roles: [...CORRECT_ROLES],
      params: letterIdParams,
      body: voidSchema,
      response: { schema: letterDetailSchema },
      async handler(ctx, { actor, params, body }) {
        await voidLetter(actor, params.id, body.reason, ctx.ip);
        return getLetterDetail(actor, params.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/incoming-letters/:id/read',
      summary: 'Tandai surat sudah dibaca untuk jabatan pemanggil',
      tags: ['surat masuk'],
      response: { status: 204 },
      params: letterIdParams,
      async handler(ctx, { actor, params }) {
        await markLetterRead(actor, params.id);
        ctx.status = 204;
        ctx.body = null;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/incoming-letters/:id/history',
      summary: 'Riwayat (jejak audit) surat',
      tags: ['surat masuk'],
      params: letterIdParams,
      response: { schema: letterHistoryJson },
      async handler(_ctx, { actor, params }) {
        const letter = await loadVisibleLetter(actor, params.id);
        return letterHistory(actor, letter, canReadLetterContent(actor, letter));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/incoming-letters/:id/receipt.pdf',
      summary: 'Tanda terima surat untuk kurir (PDF)',
      tags: ['surat masuk'],
      params: letterIdParams,
      response: { contentType: 'application/pdf' },
      async handler(ctx, { actor, params }) {
        const { pdf, fileName } = await incomingReceiptPdf(services, actor, params.id);
        sendPdf(ctx, pdf, fileName);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/incoming-letters/:id/stamped.pdf',
      summary: 'Halaman pertama pindaian dengan cap agenda (PDF turunan; berkas asli tidak diubah)',
      tags: ['surat masuk'],
      params: letterIdParams,
      response: { contentType: 'application/pdf' },
      async handler(ctx, { actor, params }) {
        const { pdf, fileName } = await incomingStampedPdf(services, actor, params.id);
        sendPdf(ctx, pdf, fileName);
      },
    }),
  ];
}
