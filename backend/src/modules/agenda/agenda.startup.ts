import type { Services } from '../../services.ts';
import { startAgendaReminders } from './reminders.ts';

/** Starts the agenda reminder pass of this API process (tests drive it directly). */
export async function agendaStartupTask(services: Services): Promise<void> {
  if (services.config.LONTAR_MODE === 'test') return;
  startAgendaReminders(services.logger);
}
