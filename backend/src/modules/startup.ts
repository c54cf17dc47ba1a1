import type { Services } from '../services.ts';
import { agendaStartupTask } from './agenda/agenda.startup.ts';
import { archiveStartupTask } from './archive/archive.startup.ts';
import { auditStartupTask } from './audit/audit.backfill.ts';
import { calendarStartupTask } from './calendar/calendar.startup.ts';
import { importStartupTask } from './import/import.startup.ts';
import { jobsStartupTask } from './jobs/jobs.backfill.ts';
import { classificationTallyStartupTask } from './classification/classification-tally.backfill.ts';
import { dispositionsStartupTask } from './dispositions/dispositions.startup.ts';
import { buildMissingOpenItems } from './reports/open-items.ts';
import { filesStartupTask } from './files/files.startup.ts';
import { lettersStartupTask } from './letters/letters.maintenance.ts';
import { meetingsStartupTask } from './meetings/meetings.startup.ts';
import { letterQueuesStartupTask } from './letters/queue.startup.ts';
import { awaitingDigestStartupTask } from './letters/awaiting-digest.startup.ts';
import { letterUrgencyStartupTask } from './letters/letters.urgency.ts';
import { letterReadersStartupTask } from './letters/readers.backfill.ts';
import { senderCategoryStartupTask } from './letters/sender-category.backfill.ts';
import { registrationRepairStartupTask } from './letters/follow-up.repair.ts';
import { notifyStartupTask } from './notify/notify.startup.ts';
import { orgStartupTask } from './org/org.startup.ts';
import { outgoingStartupTask } from './outgoing/lists.backfill.ts';
import { pkiStartupTask } from './pki/pki.startup.ts';
import { startSearchIndex } from './search/runtime.ts';

/** Runs one start-up task and logs how long it took: the first start after an upgrade runs
 * the new backfills once, and their cost at a given data size is what an operator plans for
 * (docs/performance.md lists them). Tasks that continue beside serving log only their
 * synchronous part. */
async function timed(services: Services, task: string, run: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await run();
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  services.logger.info({ task, seconds }, 'start-up task finished');
}

/** Idempotent tasks every API process runs before serving (seeding, migrations). Modules
 * add theirs here; each must be safe when several processes start at once. */
export async function runStartupTasks(services: Services): Promise<void> {
  await timed(services, 'orgStartupTask', () => orgStartupTask(services));
  await timed(services, 'lettersStartupTask', () => lettersStartupTask(services));
  await timed(services, 'letterQueuesStartupTask', () => letterQueuesStartupTask(services));
  await timed(services, 'awaitingDigestStartupTask', () => awaitingDigestStartupTask(services));
  await timed(services, 'letterUrgencyStartupTask', () => letterUrgencyStartupTask(services));
  await timed(services, 'letterReadersStartupTask', () => letterReadersStartupTask(services));
  // Sender category and channel of letters from before issue 17: beside serving.
  await timed(services, 'senderCategoryStartupTask', () => senderCategoryStartupTask(services));
  await timed(services, 'auditStartupTask', () => auditStartupTask(services));
  await timed(services, 'registrationRepairStartupTask', () =>
    registrationRepairStartupTask(services),
  );
  await timed(services, 'calendarStartupTask', () => calendarStartupTask(services));
  await timed(services, 'notifyStartupTask', () => notifyStartupTask(services));
  await timed(services, 'agendaStartupTask', () => agendaStartupTask(services));
  await timed(services, 'outgoingStartupTask', () => outgoingStartupTask(services));
  // The instansi CA; demo officials' signing certificates beside serving.
  await timed(services, 'pkiStartupTask', () => pkiStartupTask(services));
  await timed(services, 'dispositionsStartupTask', () => dispositionsStartupTask(services));
  // The monitoring's kept open items of positions without them (reports/open-items.ts).
  await timed(services, 'openItemsStartupTask', () =>
    buildMissingOpenItems({ logger: services.logger }),
  );
  await timed(services, 'archiveStartupTask', () => archiveStartupTask(services));
  await timed(services, 'importStartupTask', () => importStartupTask(services));
  await timed(services, 'jobsStartupTask', () => jobsStartupTask(services));
  // Page counts of older files: started here, runs beside serving.
  await timed(services, 'filesStartupTask', () => filesStartupTask(services));
  // Classification suggestion tallies from the letters registered before them: beside serving.
  await timed(services, 'classificationTallyStartupTask', () =>
    classificationTallyStartupTask(services),
  );
  // Meetings made before they were searchable: published once.
  await timed(services, 'meetingsStartupTask', () => meetingsStartupTask(services));
  // Local search index of this replica: catch up with the event log before serving.
  await timed(services, 'startSearchIndex', () => startSearchIndex(services));
}
