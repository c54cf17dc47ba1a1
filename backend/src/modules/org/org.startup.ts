import type { Services } from '../../services.ts';
import { assertNoDemoPasswords } from '../auth/auth.startup.ts';
import { sweepExpiredSessions } from '../auth/session.service.ts';
import { seedDemoOrganisation } from './org.seed.ts';

/** The embedded default comes with the demo organisation and demo users; production and
 * test never do (tests seed explicitly through seedDemoOrganisation). Production refuses to
 * start while any account still has the demo password. */
export async function orgStartupTask(services: Services): Promise<void> {
  await assertNoDemoPasswords(services);
  // Logins sweep only their own user's sessions; the ones nobody comes back for go here.
  await sweepExpiredSessions();
  if (services.config.LONTAR_MODE !== 'embedded') return;
  const summary = await seedDemoOrganisation();
  if (summary.seeded) {
    services.logger.info(summary, 'demo organisation seeded (password lontar-demo)');
  }
}
