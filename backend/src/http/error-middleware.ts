import type { Context, Next } from 'koa';
import mongoose from 'mongoose';
import { AppError } from './errors.ts';

const SERVICE_DOWN =
  'Layanan penyimpanan sedang tidak dapat dihubungi. Coba lagi beberapa saat lagi.';

/** Turns every thrown error into `{ error: { code, message, details } }`. Known failures keep
 * their status; infrastructure outages become 503; anything else is a logged, generic 500. */
export async function errorMiddleware(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api/')) {
      throw new AppError(404, 'NOT_FOUND', 'Alamat API tidak dikenal.');
    }
  } catch (raw) {
    const error = toAppError(raw);
    if (error.status >= 500) ctx.state.log?.error({ err: raw }, 'request failed');
    else ctx.state.log?.info({ code: error.code, status: error.status }, 'request refused');
    ctx.status = error.status;
    ctx.body = {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details === undefined ? {} : { details: error.details }),
      },
    };
    if (error.status === 503) ctx.set('Retry-After', '5');
    // Every throttled answer (login, paraf, signature, PIN) says when to try again
    // (RFC 9110), not only the routes that remember to.
    const retry = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (error.status === 429 && typeof retry === 'number' && retry > 0)
      ctx.set('Retry-After', String(retry));
  }
}

export function toAppError(raw: unknown): AppError {
  if (raw instanceof AppError) return raw;
  const error = raw as {
    status?: number;
    statusCode?: number;
    type?: string;
    name?: string;
    code?: unknown;
    message?: string;
  };
  const status = error?.status ?? error?.statusCode;
  if (status === 413 || error?.type === 'entity.too.large') {
    return new AppError(413, 'PAYLOAD_TOO_LARGE', 'Data yang dikirim terlalu besar.');
  }
  if (error?.type === 'entity.parse.failed') {
    return new AppError(400, 'VALIDATION_FAILED', 'Isi permintaan bukan JSON yang valid.');
  }
  if (status === 415 || error?.type === 'unsupported.media.type') {
    return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Jenis isi permintaan tidak didukung.');
  }
  // busboy throws from its constructor on a multipart Content-Type without a boundary (or
  // an unparsable one); that is the client's malformed request, not a server fault.
  if (
    /^(Multipart: Boundary not found|Unsupported content type|Malformed content type)/.test(
      error?.message ?? '',
    )
  ) {
    return new AppError(400, 'VALIDATION_FAILED', 'Data unggahan tidak lengkap atau rusak.');
  }
  if (isInfrastructureOutage(raw)) return new AppError(503, 'SERVICE_UNAVAILABLE', SERVICE_DOWN);
  if (raw instanceof mongoose.Error.CastError)
    return new AppError(404, 'NOT_FOUND', 'Data tidak ditemukan.');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(status, 'VALIDATION_FAILED', 'Permintaan tidak dapat diproses.');
  }
  return new AppError(
    500,
    'INTERNAL',
    'Terjadi kesalahan pada server. Kejadian ini sudah dicatat.',
  );
}

function isInfrastructureOutage(raw: unknown): boolean {
  const error = raw as { name?: string; code?: string; message?: string };
  if (!error) return false;
  if (
    [
      'MongoNetworkError',
      'MongoServerSelectionError',
      'MongoNotConnectedError',
      'MongoTopologyClosedError',
      'MongoNetworkTimeoutError',
      'MongooseServerSelectionError',
    ].includes(error.name ?? '')
  ) {
    return true;
  }
  if (
    error.name === 'MongooseError' &&
    /buffering|not connected|Client must be connected/i.test(error.message ?? '')
  )
    return true;
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'].includes(
    error.code ?? '',
  );
}
