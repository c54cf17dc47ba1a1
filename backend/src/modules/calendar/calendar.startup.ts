import type { Services } from '../../services.ts';
import { seedHolidays } from './calendar.seed.ts';

/** The holiday calendar is reference data every mode needs (deadlines), so it is seeded in
 * production too; each year only once (see calendar.seed.ts). */
export async function calendarStartupTask(services: Services): Promise<void> {
  const inserted = await seedHolidays();
  if (inserted > 0) services.logger.info({ inserted }, 'holiday calendar seeded');
}
