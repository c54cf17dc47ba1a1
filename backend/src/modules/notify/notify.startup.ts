import type { Services } from '../../services.ts';
import { configureMailer } from './mailer.ts';
import { backfillNotificationKeys } from './notify.backfill.ts';
import { startReminderScheduler } from './reminders.ts';

/** Starts the reminder scan of this API process (every replica runs one; the window lease
 * lets one of them work per window). Tests drive the scan directly instead. */
export async function notifyStartupTask(services: Services): Promise<void> {
  configureMailer(services.config, services.logger);
  // Before serving: the bell reads notifications by their access keys only.
  await backfillNotificationKeys({ logger: services.logger });
  if (services.config.LONTAR_MODE === 'test') return;
  startReminderScheduler(services.logger);
  services.logger.info(
    { mail: services.config.SMTP_URL ? 'ok' : 'disabled' },
    'reminder scheduler started',
  );
}
