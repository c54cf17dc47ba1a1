import { describe, expect, it } from 'vitest';
import { loginAs, newPage, screenshot } from './browser.ts';

describe('admin: units', () => {
  it('edits a unit’s order in its dialog and offers “Aktif” only for an existing unit', async () => {
    const { page, context } = await newPage('desktop');
    await loginAs(page, 'admin');
    await page.goto('/admin/unit-kerja');
    const editFirst = () => page.getByRole('button', { name: 'Ubah' }).first().click();

    await editFirst();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Aktif').waitFor();
    const order = dialog.getByLabel('Urutan');
    await order.fill('7');
    await screenshot(page, 'admin-unit-edit-desktop');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await editFirst();
    await expect(page.getByRole('dialog').getByLabel('Urutan').inputValue()).resolves.toBe('7');
    await page.getByRole('dialog').getByRole('button', { name: 'Batal' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Tambah unit di bawahnya' }).first().click();
    await page.getByRole('dialog').getByLabel('Urutan').waitFor();
    expect(await page.getByRole('dialog').getByLabel('Aktif').count()).toBe(0);
    await context.close();
  });
});
