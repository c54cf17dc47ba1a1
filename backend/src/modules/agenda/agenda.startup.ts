import type { Services } from '../../services.ts';
import { startAgendaRepair } from './agenda-sync.ts';
import { startAgendaReminders } from './reminders.ts';

/** Starts the agenda reminder pass and the entry repair of this API process (tests drive
 * both directly). */
export async function agendaStartupTask(services: Services): Promise<void> {
  if (services.config.LONTAR_MODE === 'test') return;
  startAgendaReminders(services.logger);
  startAgendaRepair(services.logger);
}
