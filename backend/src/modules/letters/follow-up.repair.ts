import mongoose from 'mongoose';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import { AuditEventModel } from '../audit/audit.model.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { buildActor } from '../auth/actor.service.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { runWithLease } from '../files/lease.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { SearchEventModel } from '../search/search-event.model.ts';
import { jakartaParts } from '../documents/format-id.ts';
import { CounterModel } from '../numbering/counter.model.ts';
import { agendaBucketOf, bucketOfNumber } from './letters.keys.ts';
import {
  IncomingLetterModel,
  IncomingRegisterModel,
  type IncomingLetter,
} from './letters.model.ts';
import { auditSnapshot, publishLetter } from './letters.side-effects.ts';

/** A registration's follow-up steps take seconds; older than this, their process died. */
export const FOLLOW_UP_GRACE_MS = 60_000;
/** How far back to look: the repair runs every few minutes, so a day is ample. */
const WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Finishes registrations whose process died after the agenda number was claimed but before
 * the follow-up steps ran (registration.service.ts `afterRegistration`: OCR jobs, then the
 * audit event, then the search document). Such a letter stands in the register, but without
 * OCR, audit or search it is half-done. The steps run in that order, so a letter with a
 * search document is complete, and one with an audit event already has its OCR jobs; the
 * missing steps are each idempotent (jobs by dedupe key, search "latest wins", the audit
 * event only when absent). Found by the fault suite (backend/test/faults/crash.test.ts).
 */
export async function repairRegistrationFollowUps(
  options: { graceMs?: number; logger?: Logger } = {},
): Promise<number> {
  const at = now().getTime();
  const letters = (await recentLetters(new Date(at - WINDOW_MS))).filter(
    (l) => l.createdAt.getTime() <= at - (options.graceMs ?? FOLLOW_UP_GRACE_MS),
  );
  if (letters.length === 0) return 0;
  // One equality per letter ($in is never served by an index on FerretDB).
  const published = await Promise.all(
    letters.map((l) =>
      SearchEventModel.findOne({ letterId: String(l._id), type: 'doc' }, { _id: 1 }).lean(),
    ),
  );
  const unfinished = letters.filter((_, i) => !published[i]);
  if (unfinished.length === 0) return 0;
  const registered = await Promise.all(
    unfinished.map((l) =>
      AuditEventModel.findOne(
        { recordType: 'incoming-letter', recordId: String(l._id), action: 'incoming.register' },
        { _id: 1 },
      ).lean(),
    ),
  );
  const audited = new Set(unfinished.filter((_, i) => registered[i]).map((l) => String(l._id)));
  for (const letter of unfinished) {
    const id = String(letter._id);
    if (!audited.has(id)) {
      const files = await StoredFileModel.find(
        { ownerType: 'incoming', ownerId: letter._id },
        { _id: 1 },
      ).lean();
      for (const file of files)
        await enqueueJob('ocr', `ocr:${String(file._id)}`, { fileId: String(file._id) });
      const actor = await buildActor(
        new mongoose.Types.ObjectId(String(letter.registeredBy)),
        'session',
      ).catch(() => null);
      await recordAudit({
        actor,
        action: 'incoming.register',
        recordType: 'incoming-letter',
        recordId: id,
        after: auditSnapshot(letter),
        ip: null,
        ...(actor ? {} : { systemName: 'Sistem (pemulihan pendaftaran)' }),
      });
    }
    await publishLetter(letter);
  }
  options.logger?.warn(
    { repaired: unfinished.length },
    'registrations cut off by a crash were completed',
  );
  return unfinished.length;
}

/** Letters registered since `since`: the newest agenda buckets of each register's current
 * year (and last year's, around new year), walked down until a bucket is older. */
async function recentLetters(since: Date): Promise<IncomingLetter[]> {
  const years = [...new Set([jakartaParts(now()).year, jakartaParts(since).year])];
  const registers = await IncomingRegisterModel.find({}, { code: 1 }).lean();
  const found: IncomingLetter[] = [];
  for (const { code } of registers) {
    for (const year of years) {
      const counter = await CounterModel.findOne({ series: `incoming:${code}`, year }).lean();
      if (!counter) continue;
      // One bucket above the counter too: it may lag a crash behind.
      for (let bucket = bucketOfNumber(counter.last) + 1; bucket >= 0; bucket--) {
        const held = await IncomingLetterModel.find({
          agendaBucket: agendaBucketOf(code, year, bucket),
        }).lean<IncomingLetter[]>();
        const recent = held.filter((l) => l.createdAt >= since);
        found.push(...recent);
        if (held.length > 0 && recent.length === 0) break;
      }
    }
  }
  return found;
}

const REPAIR_EVERY_MS = 5 * 60_000;

/** Start-up: the repair shortly after start (a crash is usually followed by a restart) and
 * then every few minutes, on one replica at a time (lease). */
export async function registrationRepairStartupTask(services: Services): Promise<void> {
  if (services.config.LONTAR_MODE === 'test') return;
  const run = () =>
    runWithLease('repair:registration-follow-ups', REPAIR_EVERY_MS, async () => {
      await repairRegistrationFollowUps({ logger: services.logger });
    }).catch((error) =>
      services.logger.error({ err: error }, 'registration follow-up repair failed'),
    );
  setTimeout(run, FOLLOW_UP_GRACE_MS + 5_000).unref();
  setInterval(run, REPAIR_EVERY_MS).unref();
}
