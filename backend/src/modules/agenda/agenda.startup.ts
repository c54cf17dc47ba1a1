import type { Services } from '../../services.ts';
import { startAgendaRepair } from './agenda-sync.ts';
import { backfillRemindDayKeys } from './reminders.backfill.ts';
import { startAgendaReminders } from './reminders.ts';

/** The reminder day keys of older entries (once), then starts the agenda reminder pass and
 * the entry repair of this API process (tests drive both directly). */
export async function agendaStartupTask(services: Services): Promise<void> {
  await backfillRemindDayKeys();
  if (services.config.LONTAR_MODE === 'test') return;
  startAgendaReminders(services.logger);
  startAgendaRepair(services.logger);
}
