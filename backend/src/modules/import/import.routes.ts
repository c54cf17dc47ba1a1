import mongoose from 'mongoose';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { notFound, validationFailed } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import type { Services } from '../../services.ts';
import { StoredFileModel, type StoredFile } from '../files/file.model.ts';
import { fileStorage } from '../files/file-storage.ts';
import { contentDisposition } from '../files/file-type.ts';
import { registerFileAccessCheck } from '../files/files.service.ts';
import { presentFile } from '../files/files.presenter.ts';
import { ImportedLetterModel, type ImportedLetter } from './import.model.ts';
import { rolesFor } from '../policy/policy.ts';
import { canReadImportedFile, canReadImportedLetter } from './import.policy.ts';

const IMPORT_ROLES = rolesFor('archive.manage');
import { presentBatch, presentImportedLetter, presentRow } from './import.presenter.ts';
import {
  cancelBatch,
  createBatch,
  folderName,
  listBatches,
  listRows,
  loadBatch,
  pauseBatch,
  problemReport,
  requireImporter,
  resumeBatch,
  startBatch,
} from './import.service.ts';
import { importLimits } from './limits.ts';
import { manifestTemplate } from './manifest.ts';
import { isRunningHere, kickBatch } from './runner.ts';
import { listImportFolders, openFolderSource, SourceError } from './sources.ts';
import { publishImportedText } from './import-text.ts';
import { receiveImportUpload } from './upload-zip.ts';
import {
  importBatchJson,
  importBatchListJson,
  importFoldersJson,
  importRowsJson,
  importedLetterJson,
} from './import.responses.ts';

registerFileAccessCheck('import', canReadImportedFile);

const TAGS = ['impor arsip'];
const idParams = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/i, 'ID tidak valid.') });
const page = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

export function importRoutes(services: Services) {
  const storage = fileStorage(services.config);
  return [
    defineRoute({
      method: 'get',
      path: '/api/imports/template.csv',
      summary: 'Contoh manifest impor (CSV)',
      tags: TAGS,
      roles: IMPORT_ROLES,
      response: { contentType: 'text/csv' },
      handler(ctx) {
        ctx.set('Content-Type', 'text/csv; charset=utf-8');
        ctx.set('Content-Disposition', contentDisposition('attachment', 'manifest-impor.csv'));
        ctx.body = manifestTemplate();
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/imports/folders',
      summary: 'Folder di folder impor server yang dapat diimpor',
      tags: TAGS,
      response: { schema: importFoldersJson },
      roles: IMPORT_ROLES,
      async handler() {
        return { items: await listImportFolders() };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/imports',
      summary: 'Unggah zip pindaian lama (+ manifest CSV); uji coba berjalan otomatis',
      tags: TAGS,
      roles: IMPORT_ROLES,
      multipart: {
        description:
          '`archive`: zip; `manifest`: CSV (bila tidak di dalam zip); `name`: nama impor',
      },
      response: { status: 202, schema: importBatchJson },
      async handler(ctx, { actor }) {
        requireImporter(actor);
        const id = new mongoose.Types.ObjectId();
        const received = await receiveImportUpload(
          ctx,
          storage,
          `imports/uploads/${String(id)}`,
          importLimits(services.config.MAX_UPLOAD_BYTES).maxZipBytes,
        );
        const batch = await createBatch(
          actor,
          {
            id,
            name: received.name,
            source: {
              kind: 'zip',
              key: received.zip.key,
              size: received.zip.size,
              ...(received.manifest ? { manifest: received.manifest.key } : {}),
            },
          },
          ctx.ip,
        );
        kickBatch(services, batch._id);
        ctx.status = 202;
        ctx.body = presentBatch(batch, true);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/imports/folder',
      summary: 'Impor dari folder di server (folder impor); uji coba berjalan otomatis',
      tags: TAGS,
      roles: IMPORT_ROLES,
      body: z.object({
        folder: z.string().trim().min(1, 'Pilih folder.').max(200),
        name: z.string().trim().max(200).optional(),
      }),
      response: { status: 202, schema: importBatchJson },
      async handler(ctx, { actor, body }) {
        requireImporter(actor);
        const folder = folderName(body.folder);
        // Refuse a missing or unsafe folder now rather than in the background.
        try {
          (await openFolderSource(folder, importLimits(services.config.MAX_UPLOAD_BYTES))).close();
        } catch (error) {
          if (error instanceof SourceError)
            throw validationFailed(error.message, { field: 'folder' });
          throw error;
        }
        const batch = await createBatch(
          actor,
          { name: body.name ?? null, source: { kind: 'folder', folder } },
          ctx.ip,
        );
        kickBatch(services, batch._id);
        ctx.status = 202;
        ctx.body = presentBatch(batch, true);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/imports',
      summary: 'Daftar impor',
      tags: TAGS,
      response: { schema: importBatchListJson },
      roles: IMPORT_ROLES,
      query: z.object(page),
      async handler(_ctx, { query }) {
        const result = await listBatches(query);
        return {
          total: result.total,
          items: result.items.map((b) => presentBatch(b, isRunningHere(String(b._id)))),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/imports/:id',
      summary: 'Kemajuan dan ringkasan satu impor',
      tags: TAGS,
      response: { schema: importBatchJson },
      roles: IMPORT_ROLES,
      params: idParams,
      async handler(_ctx, { params }) {
        const batch = await loadBatch(params.id);
        // Text of imported scans whose OCR is finished goes to search as people watch.
        if (['importing', 'paused', 'done'].includes(batch.status)) await publishImportedText(50);
        return presentBatch(batch, isRunningHere(params.id));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/imports/:id/rows',
      summary: 'Baris manifest dengan status dan masalahnya',
      tags: TAGS,
      response: { schema: importRowsJson },
      roles: IMPORT_ROLES,
      params: idParams,
      query: z.object({
        status: z.enum(['valid', 'invalid', 'duplicate', 'imported', 'failed']).optional(),
        problems: z
          .enum(['true', 'false'])
          .transform((v) => v === 'true')
          .optional(),
        ...page,
      }),
      async handler(_ctx, { params, query }) {
        const result = await listRows(params.id, query);
        return {
          total: result.total,
          items: result.items.map((row) => presentRow(row, result.batch)),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/imports/:id/report.csv',
      summary: 'Semua masalah uji coba sebagai CSV',
      tags: TAGS,
      roles: IMPORT_ROLES,
      params: idParams,
      response: { contentType: 'text/csv' },
      async handler(ctx, { params }) {
        await loadBatch(params.id);
        ctx.set('Content-Type', 'text/csv; charset=utf-8');
        ctx.set(
          'Content-Disposition',
          contentDisposition('attachment', `masalah-impor-${params.id}.csv`),
        );
        ctx.body = Readable.from(problemReport(params.id));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/imports/:id/start',
      summary: 'Mulai impor setelah uji coba',
      tags: TAGS,
      response: { schema: importBatchJson },
      roles: IMPORT_ROLES,
      params: idParams,
      body: z.object({ skipInvalid: z.boolean().default(false) }),
      async handler(ctx, { actor, params, body }) {
        requireImporter(actor);
        const batch = await startBatch(actor, params.id, body.skipInvalid, ctx.ip);
        kickBatch(services, batch._id);
        return presentBatch(batch, true);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/imports/:id/pause',
      summary: 'Hentikan impor setelah surat yang sedang diproses',
      tags: TAGS,
      response: { schema: importBatchJson },
      roles: IMPORT_ROLES,
      params: idParams,
      async handler(ctx, { actor, params }) {
        return presentBatch(await pauseBatch(actor, params.id, ctx.ip), isRunningHere(params.id));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/imports/:id/resume',
      summary: 'Lanjutkan impor yang dihentikan (tidak ada surat yang diimpor dua kali)',
      tags: TAGS,
      response: { schema: importBatchJson },
      roles: IMPORT_ROLES,
      params: idParams,
      async handler(ctx, { actor, params }) {
        const batch = await resumeBatch(actor, params.id, ctx.ip);
        kickBatch(services, batch._id);
        return presentBatch(batch, true);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/imports/:id',
      summary: 'Batalkan impor yang belum dimulai (sumber unggahan dihapus)',
      tags: TAGS,
      response: { schema: importBatchJson },
      roles: IMPORT_ROLES,
      params: idParams,
      async handler(ctx, { actor, params }) {
        return presentBatch(await cancelBatch(actor, storage, params.id, ctx.ip));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/imported-letters/:id',
      summary: 'Satu surat lama hasil impor dengan berkas pindaiannya',
      tags: TAGS,
      response: { schema: importedLetterJson },
      params: idParams,
      async handler(_ctx, { actor, params }) {
        const letter = await ImportedLetterModel.findById(params.id).lean<ImportedLetter>();
        // Not readable reads as not there (docs/security.md, "No leaks").
        if (!letter || letter.status !== 'imported' || !canReadImportedLetter(actor, letter))
          throw notFound('Surat hasil impor');
        const files = await StoredFileModel.find({ ownerType: 'import', ownerId: letter._id })
          .sort({ createdAt: 1, _id: 1 })
          .lean<StoredFile[]>();
        return { ...presentImportedLetter(letter), files: files.map(presentFile) };
      },
    }),
  ];
}
