import type { Services } from '../services.ts';
import { agendaStartupTask } from './agenda/agenda.startup.ts';
import { archiveStartupTask } from './archive/archive.startup.ts';
import { auditStartupTask } from './audit/audit.backfill.ts';
import { calendarStartupTask } from './calendar/calendar.startup.ts';
import { importStartupTask } from './import/import.startup.ts';
import { jobsStartupTask } from './jobs/jobs.backfill.ts';
import { classificationTallyStartupTask } from './classification/classification-tally.backfill.ts';
import { dispositionsStartupTask } from './dispositions/dispositions.startup.ts';
import { filesStartupTask } from './files/files.startup.ts';
import { lettersStartupTask } from './letters/letters.maintenance.ts';
import { letterQueuesStartupTask } from './letters/queue.startup.ts';
import { letterUrgencyStartupTask } from './letters/letters.urgency.ts';
import { letterReadersStartupTask } from './letters/readers.backfill.ts';
import { registrationRepairStartupTask } from './letters/follow-up.repair.ts';
import { notifyStartupTask } from './notify/notify.startup.ts';
import { orgStartupTask } from './org/org.startup.ts';
import { outgoingStartupTask } from './outgoing/lists.backfill.ts';
import { pkiStartupTask } from './pki/pki.startup.ts';
import { startSearchIndex } from './search/runtime.ts';

/** Idempotent tasks every API process runs before serving (seeding, migrations). Modules
 * add theirs here; each must be safe when several processes start at once. */
export async function runStartupTasks(services: Services): Promise<void> {
  await orgStartupTask(services);
  await lettersStartupTask(services);
  await letterQueuesStartupTask(services);
  await letterUrgencyStartupTask(services);
  await letterReadersStartupTask(services);
  await auditStartupTask(services);
  await registrationRepairStartupTask(services);
  await calendarStartupTask(services);
  await notifyStartupTask(services);
  await agendaStartupTask(services);
  await outgoingStartupTask(services);
  // The instansi CA; demo officials' signing certificates beside serving.
  await pkiStartupTask(services);
  await dispositionsStartupTask(services);
  await archiveStartupTask(services);
  await importStartupTask(services);
  await jobsStartupTask(services);
  // Page counts of older files: started here, runs beside serving.
  await filesStartupTask(services);
  // Classification suggestion tallies from the letters registered before them: beside serving.
  await classificationTallyStartupTask(services);
  // Local search index of this replica: catch up with the event log before serving.
  await startSearchIndex(services);
}
