import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { shiftClock } from '../../lib/clock.ts';
import { findUserByUsername } from '../org/org.service.ts';
import {
  certificatesOf,
  DEMO_PASSPHRASE,
  ensureDemoCertificate,
  issueSigningCertificate,
  unlockSigningKey,
} from './certificates.service.ts';

/**
 * A demo official with no certificate yet, whose first signature arrives as many requests at
 * once (a double click, several tabs, a load test): the first certificate is issued once,
 * every unlock opens that one, and none is refused as revoked ("dicabut") because of the
 * race (b0610d9 covered the signing route; this is the service itself).
 */
const ctx = await createTestContext();

beforeAll(async () => {
  await seedDemoOrganisation();
});

describe('concurrent unlocks of a demo official without a certificate', () => {
  it('issue exactly one certificate, and every unlock opens it', async () => {
    const user = await findUserByUsername('asisten2');
    expect(user).toBeTruthy();
    const userId = String(user!._id);
    expect(await certificatesOf(userId)).toEqual([]);

    const results = await Promise.all(
      Array.from({ length: 12 }, () => unlockSigningKey(ctx.services, userId, DEMO_PASSPHRASE)),
    );
    expect(results.map((r) => (r.ok ? 'ok' : r.reason))).toEqual(Array(12).fill('ok'));
    const certificates = await certificatesOf(userId);
    expect(certificates.map((c) => c.status)).toEqual(['active']);
    const serials = new Set(results.map((r) => (r.ok ? r.certificate.serial : null)));
    expect([...serials]).toEqual([certificates[0]!.serial]);

    // Afterwards, as before: the wrong passphrase is wrong, the right one opens the same key.
    expect(await unlockSigningKey(ctx.services, userId, 'bukan-frasa-ini')).toEqual({
      ok: false,
      reason: 'wrong',
    });
    const again = await unlockSigningKey(ctx.services, userId, DEMO_PASSPHRASE);
    expect(again.ok && again.certificate.serial).toBe(certificates[0]!.serial);
  });

  it('two passphrases set at the same moment leave one certificate active: the newer', async () => {
    const user = await findUserByUsername('asisten1');
    const userId = String(user!._id);
    const [a, b] = await Promise.all([
      issueSigningCertificate(ctx.services, user!, 'frasa-sandi-pertama'),
      issueSigningCertificate(ctx.services, user!, 'frasa-sandi-kedua'),
    ]);
    const certificates = await certificatesOf(userId);
    expect(certificates.filter((c) => c.status === 'active')).toHaveLength(1);
    expect(certificates.filter((c) => c.status === 'revoked')).toEqual([]);
    const newer = [a, b].sort(
      (x, y) =>
        y.issuedAt.getTime() - x.issuedAt.getTime() || (String(y._id) < String(x._id) ? -1 : 1),
    )[0]!;
    expect(certificates.find((c) => c.status === 'active')!.serial).toBe(newer.serial);
    const opened = await unlockSigningKey(
      ctx.services,
      userId,
      newer.serial === a.serial ? 'frasa-sandi-pertama' : 'frasa-sandi-kedua',
    );
    expect(opened.ok && opened.certificate.serial).toBe(newer.serial);
  });

  it('the one inserted last retires itself when it is the older (its issue time came first)', async () => {
    // The interleaving of the race above made certain: a newer certificate is already stored
    // (its request read the collection before ours was inserted and saw only itself), then
    // ours, issued earlier, is inserted. The old rule (retire only what is older than mine)
    // left both active.
    const user = await findUserByUsername('karoumum');
    const userId = String(user!._id);
    const restore = shiftClock(60 * 60_000);
    let newer;
    try {
      newer = await issueSigningCertificate(ctx.services, user!, 'frasa-sandi-baru');
    } finally {
      restore();
    }
    const older = await issueSigningCertificate(ctx.services, user!, 'frasa-sandi-lama');
    expect(older.issuedAt.getTime()).toBeLessThan(newer.issuedAt.getTime());
    const certificates = await certificatesOf(userId);
    expect(certificates.filter((c) => c.status === 'active').map((c) => c.serial)).toEqual([
      newer.serial,
    ]);
    expect(certificates.find((c) => c.serial === older.serial)!.status).toBe('replaced');
  });

  it('a first signature that finds the certificate issued meanwhile opens that one', async () => {
    // Two requests each found no certificate; one issued it before the other got here. The
    // other then used to answer "none" (no certificate), and its signature was refused.
    const user = await findUserByUsername('asisten3');
    const userId = String(user!._id);
    const first = await ensureDemoCertificate(ctx.services, userId);
    expect(first?.status).toBe('active');
    const second = await ensureDemoCertificate(ctx.services, userId);
    expect(second?.serial).toBe(first!.serial);
    expect(await certificatesOf(userId)).toHaveLength(1);
  });
});
