import { describe, expect, it } from 'vitest';
import { seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { UnitModel, UserModel } from '../org/org.model.ts';
import { orgStartupTask } from '../org/org.startup.ts';
import { hashPassword } from './password.ts';

describe('start-up in production mode', async () => {
  const ctx = await createTestContext();
  const production = {
    ...ctx.services,
    config: { ...ctx.config, LONTAR_MODE: 'production' as const },
  };

  it('seeds no demo organisation', async () => {
    await orgStartupTask(production);
    expect(await UnitModel.countDocuments()).toBe(0);
    expect(await UserModel.countDocuments()).toBe(0);
  });

  it('refuses to start while any account has the demo password, naming the accounts', async () => {
    await seedDemoOrganisation();
    await expect(orgStartupTask(production)).rejects.toThrow(/kata sandi demo: .*sekda/);
    // Even with the seed's marker cleared, an admin whose hash matches the demo password is caught.
    await UserModel.updateMany({}, { $set: { demoPassword: false } });
    await expect(orgStartupTask(production)).rejects.toThrow(
      /kata sandi demo: admin$|kata sandi demo: admin\./,
    );
    await UserModel.updateOne(
      { username: 'admin' },
      { $set: { passwordHash: await hashPassword('Sangat-Rahasia-2026') } },
    );
    await expect(orgStartupTask(production)).resolves.toBeUndefined();
  });
});
