import { z } from 'zod';
import { notFound, AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import type { Actor } from '../../http/actor.ts';
import type { Services } from '../../services.ts';
import { StoredFileModel, type StoredFile } from './file.model.ts';
import { countPages, renderStoredPage } from './file-pages.ts';
import { MAX_VIEW_WIDTH, PageLimitError } from './page-limits.ts';
import { fileStorage } from './file-storage.ts';
import { contentDisposition } from './file-type.ts';
import { canReadStoredFile, getStoredFile } from './files.service.ts';
import { presentFile, storedFileSchema } from './files.presenter.ts';

const idParams = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/i, 'ID berkas tidak valid') });
const pageParams = idParams.extend({ page: z.coerce.number().int().min(1).max(10_000) });
const pageQuery = z.object({
  width: z.coerce.number().int().min(100).max(MAX_VIEW_WIDTH).default(1000),
});
const contentQuery = z.object({ download: z.enum(['0', '1']).optional() });

async function readableFile(actor: Actor, id: string): Promise<StoredFile> {
  const file = await getStoredFile(id);
  // Someone who may not read the file learns nothing, not even that it exists: the same
  // 404 as for its letter (docs/security.md, "No leaks").
  if (!file || !(await canReadStoredFile(actor, file))) throw notFound('Berkas');
  return file;
}

export function filesRoutes(services: Services) {
  const storage = fileStorage(services.config);
  return [
    defineRoute({
      method: 'get',
      path: '/api/files/:id',
      summary: 'Keterangan satu berkas (nama, ukuran, jenis, sha256, jumlah halaman)',
      tags: ['berkas'],
      params: idParams,
      response: { schema: storedFileSchema },
      async handler(_ctx, { params, actor }) {
        return presentFile(await readableFile(actor, params.id));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/files/:id/content',
      summary: 'Isi berkas asli (mendukung Range)',
      tags: ['berkas'],
      params: idParams,
      query: contentQuery,
      response: {
        contentType: 'application/octet-stream',
        description: 'Berkas asli; 206 untuk permintaan Range',
      },
      async handler(ctx, { params, query, actor }) {
        const file = await readableFile(actor, params.id);
        ctx.set('Content-Type', file.mimeType);
        ctx.set(
          'Content-Disposition',
          contentDisposition(query.download === '1' ? 'attachment' : 'inline', file.name),
        );
        ctx.set('Accept-Ranges', 'bytes');
        ctx.set('Cache-Control', 'private, max-age=300');
        ctx.set('ETag', `"${file.sha256}"`);
        ctx.set('X-Content-Type-Options', 'nosniff');
        const range = parseRange(ctx.get('range'), file.size);
        if (range === 'invalid') {
          ctx.status = 416;
          ctx.set('Content-Range', `bytes */${file.size}`);
          ctx.body = '';
          return;
        }
        if (range) {
          ctx.status = 206;
          ctx.set('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
          ctx.length = range.end - range.start + 1;
          ctx.body = await storage.getRange(file.key, range.start, range.end - range.start + 1);
          return;
        }
        ctx.status = 200;
        ctx.length = file.size;
        ctx.body = await storage.get(file.key);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/files/:id/pages/:page',
      summary: 'Satu halaman berkas sebagai gambar PNG (untuk penampil halaman demi halaman)',
      tags: ['berkas'],
      params: pageParams,
      query: pageQuery,
      response: {
        contentType: 'image/png',
        description:
          'Halaman sebagai PNG; X-Page-Count memberi jumlah halaman. 422 bila halaman melebihi batas piksel (ocr/limits.ts)',
      },
      async handler(ctx, { params, query, actor }) {
        const file = await readableFile(actor, params.id);
        // The count is on the record (set at upload, backfilled at start-up): a page past
        // the end is answered without reading the file.
        if (file.pageCount && params.page > file.pageCount) throw notFound('Halaman');
        const buffer = await storage.getBuffer(file.key);
        let rendered: { png: Buffer; pageCount: number };
        try {
          rendered = await renderStoredPage(buffer, file.mimeType, params.page - 1, query.width);
        } catch (error) {
          if (error instanceof RangeError) throw notFound('Halaman');
          // A page over the OCR's pixel limit (a file stored before upload checked it).
          if (error instanceof PageLimitError)
            throw new AppError(422, 'VALIDATION_FAILED', error.message);
          throw new AppError(
            422,
            'VALIDATION_FAILED',
            'Halaman berkas tidak dapat ditampilkan; berkas mungkin rusak.',
          );
        }
        if (file.pageCount !== rendered.pageCount) {
          await StoredFileModel.updateOne(
            { _id: file._id },
            { $set: { pageCount: rendered.pageCount } },
          );
        }
        ctx.set('Content-Type', 'image/png');
        ctx.set('Cache-Control', 'private, max-age=3600');
        ctx.set('X-Page-Count', String(rendered.pageCount));
        ctx.body = rendered.png;
      },
    }),
  ];
}

/** Page count of a stored file, computed once and remembered on the record. */
export async function ensurePageCount(services: Services, file: StoredFile): Promise<number> {
  if (file.pageCount) return file.pageCount;
  const buffer = await fileStorage(services.config).getBuffer(file.key);
  const pageCount = countPages(buffer, file.mimeType);
  await StoredFileModel.updateOne({ _id: file._id }, { $set: { pageCount } });
  return pageCount;
}

/** One `bytes=a-b` range (multi-range answers are not needed by any viewer we serve). */
export function parseRange(
  header: string,
  size: number,
): { start: number; end: number } | 'invalid' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'invalid';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}
