import { z } from 'zod';
import type { Context } from 'koa';
import { AppError, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import type { Services } from '../../services.ts';
import { comparisonPage, errorPage, notFoundPage, pageCsp, verifiedPage } from './verify-page.ts';
import { verifyPdfSignature } from '../signing/verify-signature.ts';
import {
  countUpload,
  describeVerification,
  findSignedByCode,
  letterSignature,
  lontarTrust,
  readUploadedPdf,
  VERIFY_MAX_BYTES,
  type UploadedPdf,
} from './verify.service.ts';
import { verifiedJson, verifyCheckJson } from './verify.responses.ts';

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
  const csp = ctx.response.get('Content-Security-Policy');
  if (csp) ctx.set('Content-Security-Policy', pageCsp(csp));
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
        const signature = await letterSignature(services, letter, result);
        if (json) {
          ctx.set('Cache-Control', 'no-store');
          return { valid: true, ...result, signature };
        }
        html(ctx, 200, verifiedPage(result, signature));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v/:code/check',
      summary:
        'Memeriksa tanda tangan elektronik berkas PDF yang diunggah dan membandingkannya dengan naskah dinas yang ditandatangani (sha256); dibatasi per alamat IP',
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
        let upload: UploadedPdf;
        try {
          await countUpload(ctx.ip);
          upload = await readUploadedPdf(
            ctx,
            Math.min(VERIFY_MAX_BYTES, services.config.MAX_UPLOAD_BYTES),
          );
        } catch (error) {
          ctx.req.resume();
          if (error instanceof AppError && error.status === 429)
            ctx.set(
              'Retry-After',
              String((error.details as { retryAfterSeconds?: number }).retryAfterSeconds ?? 60),
            );
          if (json || !(error instanceof AppError)) throw error;
          return html(ctx, error.status, errorPage(error.message, result));
        }
        const matches = upload.sha256 === letter.final!.sha256;
        // The uploaded file's own signature: its claimed time, unless it IS the letter.
        const signature = await verifyPdfSignature(
          upload.bytes,
          await lontarTrust(services, matches ? (letter.signedAt ?? null) : null),
        );
        if (json) {
          ctx.set('Cache-Control', 'no-store');
          return { matches, uploadedSha256: upload.sha256, signature, verification: result };
        }
        html(ctx, 200, comparisonPage(result, upload, matches, signature));
      },
    }),
  ];
}
