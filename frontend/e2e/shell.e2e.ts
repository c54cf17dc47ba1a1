import { describe, expect, it } from 'vitest';
import { loginAs, newPage, screenshot } from './browser.ts';

describe('the application shell', () => {
  it('sends a visitor to the login page and lets a demo user in', async () => {
    const { page, context } = await newPage('desktop');
    await page.goto('/surat-masuk');
    await page.waitForURL(/\/masuk/);
    await screenshot(page, 'login-desktop');
    await loginAs(page, 'admin');
    await expect(page.getByRole('navigation').first().textContent()).resolves.toContain('Admin');
    await screenshot(page, 'home-admin-desktop');
    await context.close();
  });

  it('refuses a wrong password with a message in Bahasa Indonesia', async () => {
    const { page, context } = await newPage('desktop');
    await page.goto('/masuk');
    await page.getByLabel('Nama pengguna').fill('sekda');
    await page.getByLabel('Kata sandi', { exact: true }).fill('salah-sekali');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toMatch(/salah/i);
    expect(new URL(page.url()).pathname).toBe('/masuk');
    await context.close();
  });

  it('fits a 360 px phone: no horizontal scrolling, navigation behind a menu button', async () => {
    const { page, context } = await newPage('phone');
    await loginAs(page, 'sekda');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'home-sekda-phone');
    await context.close();
  });

  it('hides the admin area from officials', async () => {
    const { page, context } = await newPage('desktop');
    await loginAs(page, 'kabagtu');
    const nav = (await page.getByRole('navigation').first().textContent()) ?? '';
    expect(nav).not.toContain('Admin');
    await page.goto('/admin/pengguna');
    await page.waitForURL(/akses-ditolak/);
    await context.close();
  });
});
