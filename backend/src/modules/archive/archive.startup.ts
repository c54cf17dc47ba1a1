import type { Services } from '../../services.ts';
import { runWithLease } from '../files/lease.ts';
import { runLoanReminderScan } from './loans.service.ts';
import { backfillProposalKeys } from './proposals.backfill.ts';
import { seedRetentionRules } from './retention.service.ts';
import { seedArchiveSettings } from './settings.service.ts';

const REMINDER_EVERY_MS = 30 * 60_000;

/** Start-up: the JRA and the approvers (idempotent, safe with several processes; after the
 * organisation seed so the default approvers exist), then the overdue-loan reminders on a
 * timer (one replica per round through a lease). Tests call the scan directly. */
export async function archiveStartupTask(services: Services): Promise<void> {
  await seedRetentionRules();
  await seedArchiveSettings();
  // Before serving: an approver's proposals are read by `approverPositionIds`.
  await backfillProposalKeys({ logger: services.logger });
  if (services.config.LONTAR_MODE === 'test') return;
  const tick = () =>
    runWithLease('archive:loan-reminders', REMINDER_EVERY_MS, async () => {
      const { reminded } = await runLoanReminderScan();
      if (reminded) services.logger.info({ reminded }, 'overdue loan reminders sent');
    }).catch((error) => services.logger.error({ err: error }, 'overdue loan reminder scan failed'));
  void tick();
  setInterval(tick, REMINDER_EVERY_MS).unref();
}
