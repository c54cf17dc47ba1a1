import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../http/security-headers.ts';
import { unsignedReport } from '../signing/verify-signature.ts';
import { errorPage, notFoundPage, pageCsp, timestampWords, verifiedPage } from './verify-page.ts';
import type { VerificationResult } from './verify.service.ts';

const result: VerificationResult = {
  code: 'K7QM-4XPD',
  confidential: false,
  number: '000.1/12/01/2026',
  kindLabel: 'Surat Dinas',
  date: '7 Desember 2026',
  subject: 'Uji',
  signerName: 'Dr. A',
  signerPosition: 'Sekretaris Daerah',
  issuingUnit: null,
  sha256: null,
  signedAt: null,
};

/** The CSP the app sends on every answer (security-headers.ts), read from its middleware. */
async function appCsp(): Promise<string> {
  const headers: Record<string, string> = {};
  const ctx = { set: (k: string, v: string) => (headers[k] = v) };
  await securityHeaders(false)(ctx as never, async () => undefined);
  return headers['Content-Security-Policy']!;
}

describe('the public verification page', () => {
  it('offers an Indonesian-labelled file control that works without script (label over a visually hidden required input)', () => {
    const html = verifiedPage(result, unsignedReport());
    expect(html).toMatch(/<input type="file" id="berkas" name="berkas"[^>]* required/);
    expect(html).toContain('<label for="berkas">Pilih berkas PDF</label>');
    expect(html).toContain('Belum ada berkas dipilih');
    // The CSS, not the script, hides the wrong one of the two states.
    expect(html).toContain('.file input:invalid~.chosen,.file input:valid~.none{display:none}');
    expect(html).toContain('<button type="submit">Periksa berkas</button>');
    expect(html).not.toMatch(/Choose File|No file chosen/);
    expect(errorPage('Gagal.', result)).toContain('Pilih berkas PDF');
    expect(notFoundPage()).not.toContain('<script>');
  });

  it("allows exactly the page's one inline script by its hash, nothing else inline", async () => {
    const html = verifiedPage(result, unsignedReport());
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!).digest('base64');
    const base = await appCsp();
    const csp = pageCsp(base);
    expect(csp).toMatch(new RegExp(`script-src 'self' 'sha256-${hash.replace(/[+/]/g, '\\$&')}';`));
    expect(/script-src [^;]*unsafe-inline/.test(csp)).toBe(false);
    // Everything else of the app's policy is kept.
    expect(csp.replace(` 'sha256-${hash}'`, '')).toBe(base);
  });

  it('says who stamped the signature and when (B-T)', () => {
    const stamped = {
      ...unsignedReport(),
      signed: true,
      timestamped: true,
      timestampAuthority: 'TSA Uji',
      timestampedAt: '2026-12-07T02:05:00.000Z',
    };
    expect(timestampWords(stamped)).toBe(
      'Dicap waktu oleh TSA Uji pada 7 Desember 2026 pukul 09.05 WIB',
    );
    expect(timestampWords(unsignedReport())).toBeNull();
  });
});
