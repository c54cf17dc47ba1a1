import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, inject } from 'vitest';

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
