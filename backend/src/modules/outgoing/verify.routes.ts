import { z } from 'zod';
import type { Context } from 'koa';
import { AppError, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import type { Services } from '../../services.ts';
import { comparisonPage, errorPage, notFoundPage, verifiedPage } from './verify-page.ts';
import { describeVerification, findSignedByCode, hashUploadedPdf } from './verify.service.ts';
import { verifiedJson, verifyCheckJson } from './outgoing.responses.ts';

const params = z.object({ code: z.string().max(40) });
const query = z.object({ format: z.enum(['html', 'json']).optional() });

function wantsJson(ctx: Context, format: string | undefined): boolean {
  if (format) return format === 'json';
  return ctx.accepts('html', 'json') === 'json';
}

function html(ctx: Context, status: number, body: string): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = body;
}

/** Public verification (no login): GET /v/:code and POST /v/:code/check, HTML by default,
 * JSON with `?format=json` or `Accept: application/json`. */
export function verifyRoutes(services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/v/:code',
      summary: 'Verifikasi publik naskah dinas dari kode QR (HTML, atau JSON dengan ?format=json)',
      tags: ['verifikasi'],
      access: 'public',
      params,
      query,
      response: {
        schema: verifiedJson,
        contentType: 'text/html',
        description: 'Halaman verifikasi; 404 untuk kode yang tidak dikenal',
      },
      async handler(ctx, input) {
        const letter = await findSignedByCode(input.params.code);
        const json = wantsJson(ctx, input.query.format);
        if (!letter) {
          if (json) throw notFound('Naskah dinas dengan kode verifikasi ini');
          return html(ctx, 404, notFoundPage());
        }
        const result = describeVerification(letter);
        if (json) {
          ctx.set('Cache-Control', 'no-store');
          return { valid: true, ...result };
        }
        html(ctx, 200, verifiedPage(result));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v/:code/check',
      summary:
        'Membandingkan berkas PDF yang diunggah dengan naskah dinas yang ditandatangani (sha256)',
      tags: ['verifikasi'],
      response: { schema: verifyCheckJson, contentType: 'text/html' },
      access: 'public',
      params,
      query,
      multipart: {
        description: 'Bagian `berkas`: berkas PDF yang akan diperiksa (tidak disimpan)',
      },
      async handler(ctx, input) {
        const json = wantsJson(ctx, input.query.format);
        const letter = await findSignedByCode(input.params.code);
        if (!letter) {
          ctx.req.resume();
          if (json) throw notFound('Naskah dinas dengan kode verifikasi ini');
          return html(ctx, 404, notFoundPage());
        }
        const result = describeVerification(letter);
        let upload: { sha256: string; size: number; name: string };
        try {
          upload = await hashUploadedPdf(ctx, services.config.MAX_UPLOAD_BYTES);
        } catch (error) {
          if (json || !(error instanceof AppError)) throw error;
          return html(ctx, error.status, errorPage(error.message));
        }
        const matches = upload.sha256 === letter.final!.sha256;
        if (json) {
          ctx.set('Cache-Control', 'no-store');
          return { matches, uploadedSha256: upload.sha256, verification: result };
        }
        html(ctx, 200, comparisonPage(result, upload, matches));
      },
    }),
  ];
}
