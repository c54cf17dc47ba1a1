/** The one HTTP client of the frontend (design.md §6). Components never call it directly:
 * they call the typed functions in `src/api/*.ts`, which call this. It sends JSON with the
 * session cookie, adds the CSRF token to state-changing requests, turns the API's error
 * vocabulary `{ error: { code, message, details } }` into an ApiError, uploads files with
 * progress, and tells the connection store when the server cannot be reached. */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Codes the API sends, plus NETWORK_ERROR and INVALID_RESPONSE which only the client makes. */
export type ApiErrorCode =
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
  | 'INTERNAL'
  | 'NETWORK_ERROR'
  | 'INVALID_RESPONSE'
  | 'ABORTED'
  | (string & {});

export interface FieldIssue {
  path: string;
  message: string;
}

export const NETWORK_ERROR_MESSAGE =
  'Server Lontar tidak dapat dihubungi. Periksa sambungan jaringan Anda, lalu coba lagi.';

/** A state-changing request whose answer never came: the server may or may not have done
 * it, so the user is told so and may retry (screens keep what was entered). */
export const ACTION_NETWORK_ERROR_MESSAGE =
  'Sambungan ke server terputus sebelum tindakan ini selesai, jadi belum pasti tersimpan. ' +
  'Periksa sambungan, lalu coba lagi.';

/** Pauses before the retries of a read that met a dropped connection (GET is idempotent,
 * so repeating it is safe); a state-changing request is never repeated by the client. */
export const READ_RETRY_DELAYS_MS: readonly number[] = [300, 1000];

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;
  /** Seconds from a Retry-After header, when the server sent one. */
  retryAfterHeader: number | null = null;

  constructor(status: number, code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Validation issues the server attached (`details.issues` from schema validation, or
   * `details.field` from a business rule), keyed by field path. The first message per field
   * wins, which is the one a form shows under that field. */
  fieldErrors(): Record<string, string> {
    const details = this.details as { issues?: unknown; field?: unknown } | undefined;
    const issues = details?.issues;
    const result: Record<string, string> = {};
    // A service-level refusal about one field: `details.field` names it, the message says why.
    if (typeof details?.field === 'string') result[details.field] = this.message;
    if (!Array.isArray(issues)) return result;
    for (const issue of issues as Partial<FieldIssue>[]) {
      if (typeof issue?.path === 'string' && typeof issue.message === 'string') {
        result[issue.path] ??= issue.message;
      }
    }
    return result;
  }

  /** Seconds to wait before retrying, when the server said so (429 TOO_MANY_ATTEMPTS). */
  retryAfterSeconds(): number | null {
    const details = this.details as
      { retryAfterSeconds?: unknown; retryAfter?: unknown } | undefined;
    const value = details?.retryAfterSeconds ?? details?.retryAfter ?? this.retryAfterHeader;
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
  }

  get isNetworkError(): boolean {
    return this.code === 'NETWORK_ERROR';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A user-facing message for anything thrown by an API call. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Terjadi kesalahan yang tidak terduga. Muat ulang halaman, lalu coba lagi.';
}

export interface HttpHooks {
  /** The CSRF token of the current session, sent on POST/PUT/PATCH/DELETE. */
  csrfToken?: () => string | null | undefined;
  /** The server could not be reached at all (network down, server down, proxy 502/504). */
  onUnreachable?: () => void;
  /** The server answered (any status): it is reachable again. */
  onReachable?: () => void;
  /** The server says the session is gone (401 UNAUTHENTICATED) on a request that needed one. */
  onUnauthenticated?: (error: ApiError) => void;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | null | undefined | (string | number)[]>;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Do not report a 401 to onUnauthenticated (login, session probe). */
  expectUnauthenticated?: boolean;
  /** Non-2xx statuses whose JSON body is a normal answer (e.g. 503 from /api/health). */
  acceptStatuses?: number[];
  /** GET only: repeat the read after a dropped connection (default true; the health probe
   * turns it off, it is itself the retry loop). */
  retry?: boolean;
}

export interface UploadOptions {
  query?: RequestOptions['query'];
  method?: 'POST' | 'PUT';
  signal?: AbortSignal;
  /** Called with the fraction sent (0..1) and the byte counts as the upload proceeds. */
  onProgress?: (progress: { fraction: number; loaded: number; total: number }) => void;
}

export interface HttpClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  createXhr?: () => XMLHttpRequest;
  hooks?: HttpHooks;
  /** Pauses before each retry of a GET after a dropped connection (tests pass zeros). */
  readRetryDelaysMs?: readonly number[];
}

const STATE_CHANGING: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Answers from a reverse proxy or dev server when the API behind it is down. */
const GATEWAY_STATUSES: ReadonlySet<number> = new Set([502, 504]);

export function buildUrl(baseUrl: string, path: string, query?: RequestOptions['query']): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value) search.append(key, String(item));
    } else {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return `${baseUrl}${path}${text ? `?${text}` : ''}`;
}

export interface HttpClient {
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  put<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  delete<T>(path: string, options?: RequestOptions): Promise<T>;
  upload<T>(path: string, form: FormData, options?: UploadOptions): Promise<T>;
  /** Replaces the hooks (the app wires the stores in once at start-up). */
  configure(hooks: HttpHooks): void;
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const baseUrl = options.baseUrl ?? '';
  let hooks: HttpHooks = options.hooks ?? {};
  const doFetch = (input: string, init: RequestInit) =>
    (options.fetch ?? globalThis.fetch)(input, init);
  const createXhr = options.createXhr ?? (() => new XMLHttpRequest());

  function csrfHeader(method: string): Record<string, string> {
    if (!STATE_CHANGING.has(method)) return {};
    const token = hooks.csrfToken?.();
    return token ? { 'X-CSRF-Token': token } : {};
  }

  const retryDelays = options.readRetryDelaysMs ?? READ_RETRY_DELAYS_MS;

  function unreachable(method: string = 'GET'): ApiError {
    hooks.onUnreachable?.();
    return new ApiError(
      0,
      'NETWORK_ERROR',
      STATE_CHANGING.has(method) ? ACTION_NETWORK_ERROR_MESSAGE : NETWORK_ERROR_MESSAGE,
    );
  }

  function failure(
    status: number,
    payload: unknown,
    expectUnauthenticated: boolean,
    retryAfter: string | null,
  ): ApiError {
    const body = (
      payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null
    )?.error;
    const error =
      body && typeof body.code === 'string' && typeof body.message === 'string'
        ? new ApiError(status, body.code, body.message, body.details)
        : new ApiError(
            status,
            status === 401 ? 'UNAUTHENTICATED' : 'INVALID_RESPONSE',
            fallbackMessage(status),
          );
    const seconds =
      retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : null;
    error.retryAfterHeader = seconds;
    if (status === 401 && error.code === 'UNAUTHENTICATED' && !expectUnauthenticated) {
      hooks.onUnauthenticated?.(error);
    }
    return error;
  }

  /** A GET that met a dropped connection is repeated after a short pause (twice by default):
   * a brief drop (Wi-Fi handover, a restarting proxy) then costs the user nothing. Only the
   * last failure reports the server unreachable. */
  async function request<T>(
    method: HttpMethod,
    path: string,
    request: RequestOptions = {},
  ): Promise<T> {
    const retries = method === 'GET' && request.retry !== false ? retryDelays : [];
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await requestOnce<T>(method, path, request, attempt < retries.length);
      } catch (error) {
        const again =
          error instanceof DroppedConnection &&
          attempt < retries.length &&
          !request.signal?.aborted;
        if (!again) throw error instanceof DroppedConnection ? unreachable(method) : error;
        await pause(retries[attempt]!);
      }
    }
  }

  async function requestOnce<T>(
    method: HttpMethod,
    path: string,
    request: RequestOptions,
    retryable: boolean,
  ): Promise<T> {
    const dropped = (): Error => (retryable ? new DroppedConnection() : unreachable(method));
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...csrfHeader(method),
      ...request.headers,
    };
    const init: RequestInit = {
      method,
      headers,
      credentials: 'same-origin',
      signal: request.signal ?? null,
    };
    if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(request.body);
    }
    let response: Response;
    try {
      response = await doFetch(buildUrl(baseUrl, path, request.query), init);
    } catch (error) {
      if ((error as { name?: string } | null)?.name === 'AbortError') {
        throw new ApiError(0, 'ABORTED', 'Permintaan dibatalkan.');
      }
      throw dropped();
    }
    if (GATEWAY_STATUSES.has(response.status) && !isJson(response.headers.get('content-type'))) {
      throw dropped();
    }
    hooks.onReachable?.();
    let text: string;
    try {
      text = await response.text();
    } catch {
      // The connection dropped while the answer was arriving.
      throw dropped();
    }
    let payload: unknown = undefined;
    if (text && isJson(response.headers.get('content-type'))) {
      try {
        payload = JSON.parse(text);
      } catch {
        throw new ApiError(response.status, 'INVALID_RESPONSE', fallbackMessage(response.status));
      }
    }
    if (!response.ok && !request.acceptStatuses?.includes(response.status)) {
      throw failure(
        response.status,
        payload,
        request.expectUnauthenticated ?? false,
        response.headers.get('retry-after'),
      );
    }
    return payload as T;
  }

  function upload<T>(path: string, form: FormData, upload: UploadOptions = {}): Promise<T> {
    const method = upload.method ?? 'POST';
    return new Promise<T>((resolve, reject) => {
      const xhr = createXhr();
      xhr.open(method, buildUrl(baseUrl, path, upload.query));
      xhr.setRequestHeader('Accept', 'application/json');
      for (const [name, value] of Object.entries(csrfHeader(method)))
        xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (event: ProgressEvent) => {
        if (!upload.onProgress || !event.lengthComputable) return;
        upload.onProgress({
          fraction: event.total ? event.loaded / event.total : 0,
          loaded: event.loaded,
          total: event.total,
        });
      };
      xhr.onerror = () => reject(unreachable(method));
      xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'Unggahan dibatalkan.'));
      xhr.onload = () => {
        const contentType = xhr.getResponseHeader('content-type');
        if (GATEWAY_STATUSES.has(xhr.status) && !isJson(contentType)) {
          reject(unreachable(method));
          return;
        }
        hooks.onReachable?.();
        let payload: unknown = undefined;
        if (xhr.responseText && isJson(contentType)) {
          try {
            payload = JSON.parse(xhr.responseText);
          } catch {
            reject(new ApiError(xhr.status, 'INVALID_RESPONSE', fallbackMessage(xhr.status)));
            return;
          }
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          upload.onProgress?.({ fraction: 1, loaded: 1, total: 1 });
          resolve(payload as T);
        } else {
          reject(failure(xhr.status, payload, false, xhr.getResponseHeader('retry-after')));
        }
      };
      if (upload.signal) {
        if (upload.signal.aborted) {
          reject(new ApiError(0, 'ABORTED', 'Unggahan dibatalkan.'));
          return;
        }
        upload.signal.addEventListener('abort', () => xhr.abort(), { once: true });
      }
      xhr.send(form);
    });
  }

  return {
    request,
    get: (path, options) => request('GET', path, options),
    post: (path, body, options) => request('POST', path, { ...options, body }),
    put: (path, body, options) => request('PUT', path, { ...options, body }),
    patch: (path, body, options) => request('PATCH', path, { ...options, body }),
    delete: (path, options) => request('DELETE', path, options),
    upload,
    configure(next) {
      hooks = next;
    },
  };
}

/** Internal: a read whose connection dropped and that will be tried again. */
class DroppedConnection extends Error {}

function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function isJson(contentType: string | null): boolean {
  return !!contentType && /[/+]json\b/i.test(contentType);
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Sesi Anda tidak berlaku. Silakan masuk kembali.';
  if (status === 403) return 'Anda tidak berwenang melakukan tindakan ini.';
  if (status === 404) return 'Data tidak ditemukan.';
  if (status === 413) return 'Berkas atau data terlalu besar.';
  if (status === 429) return 'Terlalu banyak percobaan. Tunggu sebentar, lalu coba lagi.';
  if (status >= 500) return 'Server sedang mengalami gangguan. Coba lagi beberapa saat lagi.';
  return `Permintaan tidak dapat diproses (kode ${status}).`;
}

/** The app's client. `main.ts` wires the auth and connection stores into its hooks. */
export const http = createHttpClient();
