import { describe, expect, it, vi } from 'vitest';
import {
  ACTION_NETWORK_ERROR_MESSAGE,
  ApiError,
  buildUrl,
  createHttpClient,
  NETWORK_ERROR_MESSAGE,
} from './http.ts';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fn = vi.fn(async (url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return respond(call);
  });
  return { fn: fn as unknown as typeof fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

function headersOf(call: Call | undefined): Record<string, string> {
  return (call?.init.headers ?? {}) as Record<string, string>;
}

describe('http client', () => {
  it('sends the CSRF token on state-changing requests only', async () => {
    const fetch = fakeFetch(() => json(200, { ok: true }));
    const client = createHttpClient({ fetch: fetch.fn, hooks: { csrfToken: () => 'csrf-123' } });
    await client.get('/api/a');
    await client.post('/api/a', { x: 1 });
    await client.put('/api/a', { x: 1 });
    await client.patch('/api/a', { x: 1 });
    await client.delete('/api/a');
    expect(headersOf(fetch.calls[0])['X-CSRF-Token']).toBeUndefined();
    for (const call of fetch.calls.slice(1))
      expect(headersOf(call)['X-CSRF-Token']).toBe('csrf-123');
  });

  it('sends JSON with the same-origin cookie and reads JSON back', async () => {
    const fetch = fakeFetch(() => json(201, { id: 'u1' }));
    const client = createHttpClient({ fetch: fetch.fn });
    const result = await client.post<{ id: string }>(
      '/api/users',
      { name: 'Siti' },
      { query: { page: 2, q: '' } },
    );
    expect(result).toEqual({ id: 'u1' });
    const call = fetch.calls[0]!;
    expect(call.url).toBe('/api/users?page=2');
    expect(call.init.credentials).toBe('same-origin');
    expect(call.init.body).toBe(JSON.stringify({ name: 'Siti' }));
    expect(headersOf(call)['Content-Type']).toBe('application/json');
  });

  it('turns the API error vocabulary into an ApiError with field messages', async () => {
    const fetch = fakeFetch(() =>
      json(400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Data yang dikirim tidak valid.',
          details: {
            in: 'body',
            issues: [
              { path: 'name', message: 'Wajib diisi.' },
              { path: 'name', message: 'Kedua' },
            ],
          },
        },
      }),
    );
    const client = createHttpClient({ fetch: fetch.fn });
    const error = await client.post('/api/users', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('VALIDATION_FAILED');
    expect(apiError.message).toBe('Data yang dikirim tidak valid.');
    expect(apiError.fieldErrors()).toEqual({ name: 'Wajib diisi.' });
  });

  it('maps a business-rule refusal about one field (details.field) to that field', async () => {
    const fetch = fakeFetch(() =>
      json(400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Kata sandi saat ini salah.',
          details: { field: 'currentPassword' },
        },
      }),
    );
    const client = createHttpClient({ fetch: fetch.fn });
    const error = (await client.post('/api/x', {}).catch((e: unknown) => e)) as ApiError;
    expect(error.fieldErrors()).toEqual({ currentPassword: 'Kata sandi saat ini salah.' });
  });

  it('reads when to retry from a 429 answer (details or Retry-After)', async () => {
    const fromDetails = createHttpClient({
      fetch: fakeFetch(() =>
        json(429, {
          error: {
            code: 'TOO_MANY_ATTEMPTS',
            message: 'Terlalu banyak.',
            details: { retryAfterSeconds: 90 },
          },
        }),
      ).fn,
    });
    const a = (await fromDetails.post('/api/auth/login', {}).catch((e: unknown) => e)) as ApiError;
    expect(a.code).toBe('TOO_MANY_ATTEMPTS');
    expect(a.retryAfterSeconds()).toBe(90);

    const fromHeader = createHttpClient({
      fetch: fakeFetch(() =>
        json(429, { error: { code: 'TOO_MANY_ATTEMPTS', message: 'x' } }, { 'retry-after': '30' }),
      ).fn,
    });
    const b = (await fromHeader.post('/api/auth/login', {}).catch((e: unknown) => e)) as ApiError;
    expect(b.retryAfterSeconds()).toBe(30);
  });

  it('gives a readable error for answers without the error shape', async () => {
    const client = createHttpClient({
      fetch: fakeFetch(
        () =>
          new Response('<html>oops</html>', {
            status: 500,
            headers: { 'content-type': 'text/html' },
          }),
      ).fn,
    });
    const error = (await client.get('/api/x').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(500);
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toMatch(/Server sedang mengalami gangguan/);
  });

  it('marks the server unreachable on a network failure and reachable when it answers again', async () => {
    let down = true;
    const onUnreachable = vi.fn();
    const onReachable = vi.fn();
    const client = createHttpClient({
      fetch: fakeFetch(() => {
        if (down) throw new TypeError('Failed to fetch');
        return json(200, {});
      }).fn,
      hooks: { onUnreachable, onReachable },
    });
    const error = (await client.get('/api/x').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.status).toBe(0);
    expect(error.message).toBe(NETWORK_ERROR_MESSAGE);
    expect(onUnreachable).toHaveBeenCalledTimes(1);
    expect(onReachable).not.toHaveBeenCalled();
    down = false;
    await client.get('/api/x');
    expect(onReachable).toHaveBeenCalledTimes(1);
  });

  it('repeats a read after a dropped connection, and reports unreachable only when all fail', async () => {
    let failures = 1;
    const onUnreachable = vi.fn();
    const fetch = fakeFetch(() => {
      if (failures-- > 0) throw new TypeError('Failed to fetch');
      return json(200, { ok: true });
    });
    const client = createHttpClient({
      fetch: fetch.fn,
      hooks: { onUnreachable },
      readRetryDelaysMs: [0, 0],
    });
    await expect(client.get('/api/x')).resolves.toEqual({ ok: true });
    expect(fetch.calls).toHaveLength(2);
    expect(onUnreachable).not.toHaveBeenCalled();

    failures = 5;
    const error = (await client.get('/api/x').catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe(NETWORK_ERROR_MESSAGE);
    expect(fetch.calls).toHaveLength(5);
    expect(onUnreachable).toHaveBeenCalledTimes(1);
  });

  it('never repeats a state-changing request; its dropped answer says it may not be saved', async () => {
    const onUnreachable = vi.fn();
    const fetch = fakeFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const client = createHttpClient({
      fetch: fetch.fn,
      hooks: { onUnreachable },
      readRetryDelaysMs: [0, 0],
    });
    const error = (await client
      .post('/api/dispositions/1/complete')
      .catch((e: unknown) => e)) as ApiError;
    expect(fetch.calls).toHaveLength(1);
    expect(error.isNetworkError).toBe(true);
    expect(error.message).toBe(ACTION_NETWORK_ERROR_MESSAGE);
    expect(onUnreachable).toHaveBeenCalledTimes(1);
    await client.get('/api/health', { retry: false }).catch(() => undefined);
    expect(fetch.calls).toHaveLength(2);
  });

  it('treats a gateway error page (proxy in front of a stopped API) as unreachable', async () => {
    const onUnreachable = vi.fn();
    const client = createHttpClient({
      fetch: fakeFetch(
        () =>
          new Response('Bad Gateway', { status: 502, headers: { 'content-type': 'text/plain' } }),
      ).fn,
      hooks: { onUnreachable },
    });
    const error = (await client.get('/api/x').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('NETWORK_ERROR');
    expect(onUnreachable).toHaveBeenCalledTimes(1);
  });

  it('reports a lost session, except where a 401 is an expected answer', async () => {
    const onUnauthenticated = vi.fn();
    const client = createHttpClient({
      fetch: fakeFetch(() =>
        json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sesi Anda tidak berlaku.' } }),
      ).fn,
      hooks: { onUnauthenticated },
    });
    await client.get('/api/letters').catch(() => undefined);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    await client.get('/api/auth/me', { expectUnauthenticated: true }).catch(() => undefined);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('accepts declared non-2xx answers as data (health reports 503 with its body)', async () => {
    const client = createHttpClient({
      fetch: fakeFetch(() => json(503, { status: 'degraded' })).fn,
    });
    await expect(client.get('/api/health', { acceptStatuses: [503] })).resolves.toEqual({
      status: 'degraded',
    });
  });

  it('builds query strings, repeating array values and skipping empty ones', () => {
    expect(
      buildUrl('', '/api/x', { a: 1, b: null, c: undefined, d: '', e: ['p', 'q'], f: false }),
    ).toBe('/api/x?a=1&e=p&e=q&f=false');
  });
});

/** A stand-in XMLHttpRequest: records what was sent and lets the test drive progress and
 * the answer, as the browser would. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  responseText = '';
  responseHeaders: Record<string, string> = {};
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
  }
  respond(status: number, body: unknown, contentType = 'application/json') {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.responseHeaders['content-type'] = contentType;
    this.onload?.();
  }
}

describe('http client uploads', () => {
  const create = (hooks = {}) =>
    createHttpClient({
      createXhr: () => new FakeXhr() as unknown as XMLHttpRequest,
      hooks: { csrfToken: () => 'tok', ...hooks },
    });

  it('posts multipart data with the CSRF token and reports progress', async () => {
    const client = create();
    const form = new FormData();
    form.append('file', new Blob(['abc']), 'a.pdf');
    const progress: number[] = [];
    const pending = client.upload<{ id: string }>('/api/files', form, {
      onProgress: (p) => progress.push(p.fraction),
    });
    const xhr = FakeXhr.last!;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/files');
    expect(xhr.headers['X-CSRF-Token']).toBe('tok');
    expect(xhr.body).toBe(form);
    xhr.progress(50, 200);
    xhr.progress(200, 200);
    xhr.respond(201, { id: 'f1' });
    await expect(pending).resolves.toEqual({ id: 'f1' });
    expect(progress).toEqual([0.25, 1, 1]);
  });

  it('rejects with the server message when the upload is refused', async () => {
    const client = create();
    const pending = client.upload('/api/files', new FormData());
    FakeXhr.last!.respond(413, {
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'Berkas terlalu besar.' },
    });
    const error = (await pending.catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toBe('Berkas terlalu besar.');
  });

  it('marks the server unreachable when the upload cannot connect', async () => {
    const onUnreachable = vi.fn();
    const client = create({ onUnreachable });
    const pending = client.upload('/api/files', new FormData());
    FakeXhr.last!.onerror?.();
    const error = (await pending.catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('NETWORK_ERROR');
    expect(onUnreachable).toHaveBeenCalledTimes(1);
  });

  it('can be cancelled', async () => {
    const client = create();
    const controller = new AbortController();
    const pending = client.upload('/api/files', new FormData(), { signal: controller.signal });
    controller.abort();
    const error = (await pending.catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('ABORTED');
  });
});
