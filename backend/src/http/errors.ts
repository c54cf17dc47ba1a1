/** The one error vocabulary of the API (design.md §4): stable codes, messages in Bahasa Indonesia. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'FORBIDDEN'
  | 'CSRF_REJECTED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DUPLICATE_SUSPECTED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'TOO_MANY_ATTEMPTS'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL';

export class AppError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(status: number, code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what = 'Data') =>
  new AppError(404, 'NOT_FOUND', `${what} tidak ditemukan.`);
export const forbidden = (message = 'Anda tidak berwenang melakukan tindakan ini.') =>
  new AppError(403, 'FORBIDDEN', message);
export const unauthenticated = () =>
  new AppError(401, 'UNAUTHENTICATED', 'Sesi Anda tidak berlaku. Silakan masuk kembali.');
export const conflict = (message: string, details?: unknown) =>
  new AppError(409, 'CONFLICT', message, details);
export const validationFailed = (message: string, details?: unknown) =>
  new AppError(400, 'VALIDATION_FAILED', message, details);
