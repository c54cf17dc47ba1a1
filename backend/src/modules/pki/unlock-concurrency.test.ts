import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { findUserByUsername } from '../org/org.service.ts';
import { certificatesOf, DEMO_PASSPHRASE, unlockSigningKey } from './certificates.service.ts';

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
});
