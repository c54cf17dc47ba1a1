import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, expect, inject } from 'vitest';

export const baseUrl = (): string => inject('baseUrl');

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

let browser: Browser | undefined;

/** Debian's Chromium, headless, driven by playwright-core. One browser per test file. */
export async function openBrowser(): Promise<Browser> {
  if (!browser) {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    afterAll(async () => {
      await browser?.close();
      browser = undefined;
    });
  }
  return browser;
}

export type Viewport = 'desktop' | 'phone';
// The sizes issue 15 names: a common office laptop and a common phone.
const VIEWPORTS = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } };

export async function newPage(
  viewport: Viewport = 'desktop',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await (
    await openBrowser()
  ).newContext({
    viewport: VIEWPORTS[viewport],
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    baseURL: baseUrl(),
  });
  // Playwright's 30 s for a click, a wait or a page load is reached on a busy CI machine; the
  // product's speed is measured in bench/, not here.
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  const page = await context.newPage();
  return { context, page };
}

/** Logs in through the login form, as a user would. Demo password: lontar-demo. */
export async function loginAs(
  page: Page,
  username: string,
  password = 'lontar-demo',
): Promise<void> {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/masuk'));
}

/** Saves a screenshot under frontend/e2e/screenshots/ for people to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = inject('artifactsDir');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** An answer of the API as the scene-setting helpers see it: status and parsed JSON (or the
 * text when the answer is not JSON). */
export interface ApiAnswer {
  status: number;
  // The tests read whatever route they called; its type is that route's business.
  json: any;
}
/** A call: a FormData body goes as multipart, anything else as JSON. */
export type ApiCall = (method: string, url: string, body?: unknown) => Promise<ApiAnswer>;

/** A demo user's own API session over fetch (no browser), for setting the scene: logs in and
 * answers calls with that session's cookie and CSRF token. */
export async function apiAs(username: string, password = 'lontar-demo'): Promise<ApiCall> {
  return (await apiSessionAs(username, password)).call;
}

/** `apiAs` with the session cookie too (to fetch a file the way a browser would). */
export async function apiSessionAs(
  username: string,
  password = 'lontar-demo',
): Promise<{ call: ApiCall; cookie: string }> {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call: ApiCall = async (method, url, body) => {
    const form = body instanceof FormData;
    const response = await fetch(`${baseUrl()}${url}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body && !form ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      json:
        text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
    };
  };
  return { call, cookie };
}

/** Like apiAs, but every call must succeed (2xx; the failing answer is in the message) and
 * resolves to the answer's JSON. */
export async function apiOkAs(
  username: string,
): Promise<(method: string, url: string, body?: unknown) => Promise<any>> {
  const call = await apiAs(username);
  return async (method, url, body) => {
    const answer = await call(method, url, body);
    const shown = typeof answer.json === 'string' ? answer.json : JSON.stringify(answer.json);
    expect(answer.status, `${method} ${url}: ${shown.slice(0, 300)}`).toBeLessThan(300);
    return answer.json;
  };
}

/** A one-page PDF showing `text` (Helvetica), for letters registered through the API. */
export function pdf(text: string): Blob {
  const stream = `BT /F1 14 Tf 60 760 Td (${text}) Tj ET`;
  const body = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length ${stream.length} >> stream
${stream}
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;
  return new Blob([body], { type: 'application/pdf' });
}

let stamps = 0;
/** A word no other run or e2e file writes (base-36 time plus a counter). All e2e files share
 * one server: put it in the subjects, senders or numbers of the letters a test makes, and
 * scope every assertion (search, lists, counts) to it, never to global counts or "the first
 * row". */
export function uniqueStamp(): string {
  return `${Date.now().toString(36)}${(stamps++).toString(36)}`;
}

/** Fields of a letter registered through the API; the rest gets plain defaults. */
export interface LetterFields {
  subject: string;
  senderName: string;
  letterNumber: string;
  letterDate?: string;
  classificationCode?: string;
  securityClass?: 'B' | 'T' | 'R' | 'SR';
  urgency?: 'biasa' | 'segera' | 'sangat_segera';
  [field: string]: unknown;
}

/** Registers an incoming letter with a one-page PDF (`pdfText`, else the subject) as the
 * desk would (duplicate warnings confirmed); fails the test unless it is created. */
export async function registerLetter(
  desk: ApiCall,
  fields: LetterFields,
  file: { pdfText?: string; name?: string } = {},
): Promise<{ id: string } & Record<string, any>> {
  const form = new FormData();
  form.append(
    'data',
    JSON.stringify({
      letterDate: '2026-11-30',
      classificationCode: '000.1',
      securityClass: 'B',
      urgency: 'biasa',
      confirmDuplicate: true,
      ...fields,
    }),
  );
  form.append('files', pdf(file.pdfText ?? fields.subject), file.name ?? 'surat.pdf');
  const created = await desk('POST', '/api/incoming-letters', form);
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return created.json;
}

/** Polls `read` until its assertion holds: the e2e machine is shared and busy, so what the
 * server does in the background (OCR, kept counts, reports) may take seconds to show. */
export const eventually = <T>(read: () => T | Promise<T>, timeout = 60_000) =>
  expect.poll(read, { timeout, interval: 250 });
