import { describe, expect, it } from 'vitest';
import { eventually, loginAs, newPage, screenshot } from './browser.ts';

/**
 * Issue 16 (signing half), through the UI: the official's profile shows the "Frasa sandi
 * tanda tangan" section (certificate state, set/change form) at both sizes. The full
 * draft → paraf → sign flow with the passphrase dialog runs in outgoing-letter.e2e.ts
 * (asisten3 signs with `lontar-demo`).
 */
describe('signing passphrase in the profile', () => {
  it('shows the section and issues a certificate when the passphrase is set', async () => {
    for (const viewport of ['desktop', 'phone'] as const) {
      const { context, page } = await newPage(viewport);
      await loginAs(page, 'sekda');
      await page.goto('/profil');
      const section = page.getByTestId('signing-passphrase-form');
      await section.waitFor();
      await eventually(
        async () => (await page.getByTestId('passphrase-state').textContent())?.trim() ?? '',
      ).toMatch(/Sertifikat aktif|Belum ada sertifikat/);
      if (viewport === 'desktop') {
        await page.locator('#passphrase-current-password').fill('lontar-demo');
        await page.locator('#new-passphrase').fill('frasa sandi sekda');
        await page.locator('#confirm-passphrase').fill('frasa sandi sekda');
        await page.getByTestId('passphrase-save').click();
        // Saved: the toast confirms the new certificate and the form forgets the secrets.
        await page
          .getByText('Frasa sandi disimpan; sertifikat tanda tangan baru diterbitkan.')
          .waitFor({ timeout: 30_000 });
        expect(await page.locator('#new-passphrase').inputValue()).toBe('');
        expect(await page.getByTestId('passphrase-state').textContent()).toContain(
          'Sertifikat aktif',
        );
      }
      await page.locator('#frasa-sandi').scrollIntoViewIfNeeded();
      await screenshot(page, `signing-01-profile-passphrase-${viewport}`);
      await context.close();
    }
  });
});
