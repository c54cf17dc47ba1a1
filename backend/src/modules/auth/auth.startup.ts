import type { Services } from '../../services.ts';
import { UserModel } from '../org/org.model.ts';
import { DEMO_PASSWORD, verifyPassword } from './password.ts';

/** Production never runs with the demo password: not on accounts the seed marked, and not
 * on any admin account (checked by hash, in case it was set by hand). Throws, so the API
 * refuses to start and says which accounts to fix. */
export async function assertNoDemoPasswords(services: Services): Promise<void> {
  if (services.config.LONTAR_MODE !== 'production') return;
  const marked = await UserModel.find({ active: true, demoPassword: true }, { username: 1 }).lean();
  const admins = await UserModel.find(
    { active: true, roles: 'admin', passwordHash: { $ne: null } },
    { username: 1, passwordHash: 1 },
  )
    .limit(50)
    .lean();
  const withDemo = new Set(marked.map((u) => u.username));
  for (const admin of admins) {
    if (admin.passwordHash && (await verifyPassword(admin.passwordHash, DEMO_PASSWORD)))
      withDemo.add(admin.username);
  }
  if (withDemo.size > 0) {
    throw new Error(
      `Mode produksi menolak berjalan: akun berikut masih memakai kata sandi demo: ${[...withDemo].join(', ')}. ` +
        'Ganti kata sandinya atau nonaktifkan akun tersebut.',
    );
  }
  if (!(await UserModel.exists({ active: true, roles: 'admin' }))) {
    services.logger.warn('no active admin account: create one with `pnpm admin:create`');
  }
}
