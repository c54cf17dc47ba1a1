import { describe, expect, it } from 'vitest';
import { apiAs, apiOkAs, loginAs, newPage, screenshot, uniqueStamp } from './browser.ts';

/**
 * Issue 16, the administrator's side: the screen "Sertifikat & Tanda Tangan" at both sizes
 * (the instansi CA with its fingerprint and published addresses, the officials'
 * certificates), revoking the certificate of an official this test creates (never a demo
 * official: other files sign as the Sekda) with a reason, and the CA import form's
 * refusals. No CA is imported here: every e2e file shares one server, and a new CA would
 * change it for all later files (the import itself is tested in backend
 * pki/ca-import.test.ts).
 */
describe('PKI admin screen', () => {
  it('lists the CA and certificates, revokes one with a reason, and the import form refuses bad input', async () => {
    const stamp = uniqueStamp();
    const name = `Pejabat Uji Sertifikat ${stamp}`;
    const username = `pki-${stamp}`;
    const password = `Sandi Uji ${stamp} 2026`;
    const admin = await apiOkAs('admin');
    // A NIK no other run uses: 18 + the stamp's time as digits, 16 in all.
    const nik = `18${String(Date.now()).padStart(14, '0')}`;
    await admin('POST', '/api/admin/users', {
      username,
      name,
      roles: ['pejabat'],
      password,
      nik,
    });
    const official = await apiAs(username, password);
    const issued = await official('PUT', '/api/profile/signing-certificate', {
      currentPassword: password,
      passphrase: `frasa sandi ${stamp}`,
    });
    expect(issued.status, JSON.stringify(issued.json)).toBe(200);
    const serial = issued.json.certificate.serial as string;

    for (const viewport of ['desktop', 'phone'] as const) {
      const { context, page } = await newPage(viewport);
      await loginAs(page, 'admin');
      await page.goto('/admin/sertifikat');
      await page.getByTestId('pki-authority').waitFor();
      expect(await page.getByTestId('pki-ca-fingerprint').textContent()).toMatch(
        /([0-9A-F]{2}:){31}[0-9A-F]{2}/,
      );
      expect(await page.getByTestId('pki-crl-download').getAttribute('href')).toMatch(
        /^\/pki\/crl\/[0-9a-f]{16}\.der$/,
      );
      await page.getByTestId('pki-search').fill(stamp);
      const row = page.getByTestId(`pki-row-${serial}`);
      await row.waitFor();
      const rowLine = page.locator('tr', { has: row });
      if (viewport === 'desktop') {
        expect(await rowLine.getByTestId('pki-state').textContent()).toBe('Aktif');
        await screenshot(page, 'pki-01-overview-desktop');
        await rowLine.getByTestId('pki-revoke').click();
        const dialog = page.getByTestId('pki-revoke-dialog');
        await dialog.waitFor();
        await page.getByTestId('pki-revoke-reason').click();
        await page.getByRole('option', { name: 'Pindah jabatan atau instansi' }).click();
        await screenshot(page, 'pki-02-revoke-dialog-desktop');
        await dialog.getByRole('button', { name: 'Cabut sertifikat' }).click();
        await page.getByText(`Sertifikat ${name} telah dicabut.`).waitFor();
        await rowLine.getByTestId('pki-state').filter({ hasText: 'Dicabut' }).waitFor();
        expect(await rowLine.textContent()).toContain('Pindah jabatan atau instansi');
        // The state filter keeps it among the revoked ones, not the active ones.
        await page.getByTestId('pki-state-filter').getByRole('button', { name: 'Aktif' }).click();
        await page.getByText('Tidak ada sertifikat yang cocok').waitFor();
        await page.getByTestId('pki-state-filter').getByRole('button', { name: 'Dicabut' }).click();
        await row.waitFor();
      } else {
        // After the desktop pass revoked it: the phone shows it revoked, no sideways scroll.
        expect((await rowLine.getByTestId('pki-state').textContent())?.trim()).toBe('Dicabut');
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
      }
      // The desktop shows the whole list; the phone the test's own row (a short page to look at).
      if (viewport === 'desktop') await page.getByTestId('pki-search').fill('');
      await screenshot(page, `pki-03-list-${viewport}`);

      // The import form: refusals in Indonesian, nothing imported.
      await page.getByTestId('pki-import-open').click();
      const form = page.getByTestId('pki-import-dialog');
      await form.waitFor();
      await form.getByRole('button', { name: 'Impor dan ganti CA' }).click();
      await form.getByText('Pilih berkas PKCS#12 (.p12 atau .pfx).').waitFor();
      await form.getByText('Kata sandi berkas wajib diisi.').waitFor();
      await screenshot(page, `pki-04-import-refused-${viewport}`);
      await page.getByTestId('pki-import-file').setInputFiles({
        name: 'ca-instansi.pem',
        mimeType: 'application/x-pem-file',
        buffer: Buffer.from('-----BEGIN CERTIFICATE-----'),
      });
      await form.locator('#pki-import-password').fill('rahasia');
      await form.getByRole('button', { name: 'Impor dan ganti CA' }).click();
      await form.getByText('Berkas harus berformat PKCS#12 (.p12 atau .pfx).').waitFor();
      if (viewport === 'desktop') {
        // A .p12 that is not one: the server refuses it, the CA stays.
        const before = await page.getByTestId('pki-ca-fingerprint').textContent();
        await page.getByTestId('pki-import-file').setInputFiles({
          name: 'rusak.p12',
          mimeType: 'application/x-pkcs12',
          buffer: Buffer.from('bukan berkas pkcs12'),
        });
        await form.getByRole('button', { name: 'Impor dan ganti CA' }).click();
        await form
          .getByText(/Berkas PKCS#12 tidak dapat dibuka/)
          .first()
          .waitFor();
        await form.getByRole('button', { name: 'Batal' }).click();
        expect(await page.getByTestId('pki-ca-fingerprint').textContent()).toBe(before);
      }
      await context.close();
    }

    // The NIK (personal data) is shown to its owner in the profile.
    const { context, page } = await newPage('desktop');
    await loginAs(page, username, password);
    await page.goto('/profil');
    await page.getByTestId('profile-nik').waitFor();
    expect(await page.getByTestId('profile-nik').textContent()).toBe(nik);
    await context.close();
  });
});
