import mongoose from 'mongoose';
import { AuditEventModel } from '../audit/audit.model.ts';
import { BerkasModel } from '../archive/berkas.model.ts';
import { LoanModel } from '../archive/loans.model.ts';
import { addDays } from '../calendar/dates.ts';
import { mapLimit, READS_AT_ONCE } from './reports.concurrency.ts';
import { within, type Period } from './reports.period.ts';
import type { ReportScope } from './reports.scope.ts';

/** Archive activity in the period, read from the audit trail (every archive change records
 * an event; design.md §5): letters filed into berkas, loans made, berkas transferred to the
 * records centre, destroyed, handed over to the archive institution. */
export interface ArchiveFigures {
  berkasCreated: number;
  lettersFiled: number;
  loans: number;
  transferred: number;
  destroyed: number;
  handedOver: number;
}

const ACTIONS = {
  berkasCreated: 'archive.berkas.create',
  lettersFiled: 'archive.berkas.file',
  loans: 'archive.loan.create',
  transferred: 'archive.berkas.transfer',
  destroyed: 'archive.berkas.disposal',
  handedOver: 'archive.berkas.handover',
} as const;

export const ARCHIVE_LABELS: Record<keyof ArchiveFigures, string> = {
  berkasCreated: 'Berkas dibuat',
  lettersFiled: 'Surat diberkaskan',
  loans: 'Peminjaman arsip',
  transferred: 'Berkas dipindahkan ke records center',
  destroyed: 'Berkas dimusnahkan',
  handedOver: 'Berkas diserahkan ke lembaga kearsipan',
};

interface Event {
  action: string;
  at: Date;
  recordType: string;
  recordId: string;
  changes: Array<{ field: string; after: string | null }>;
}

/** The audit keys are UTC months and days: a Jakarta period starts on the evening of the
 * previous UTC day, so that day is read as well (`actionDay`), then filtered by instant.
 * All actions' reads go through one bounded queue (a year is 6 × 13 reads). */
async function eventsOf(actions: string[], period: Period): Promise<Event[][]> {
  const months =
    period.kind === 'month'
      ? [period.key]
      : Array.from({ length: 12 }, (_, i) => `${period.year}-${String(i + 1).padStart(2, '0')}`);
  const before = addDays(period.days[0]!, -1);
  const filters = actions.map((action) => [
    ...months.map((month) => ({ actionMonth: `${action}:${month}` })),
    { actionDay: `${action}:${before}` },
  ]);
  const read = await mapLimit(filters.flat(), READS_AT_ONCE, (filter) =>
    AuditEventModel.find(filter).lean<Event[]>(),
  );
  const per = months.length + 1;
  return actions.map((_, i) =>
    read
      .slice(i * per, (i + 1) * per)
      .flat()
      .filter((e) => within(period, e.at)),
  );
}

export async function archiveFigures(scope: ReportScope, period: Period): Promise<ArchiveFigures> {
  const everything = scope.unit.parentId === null;
  const entries = Object.entries(ACTIONS) as Array<[keyof ArchiveFigures, string]>;
  // Every action's month keys at once (a few reads in flight), then each loan and berkas
  // the events name looked up once, also a few at once: a year's events are hundreds.
  const events = await eventsOf(
    entries.map(([, action]) => action),
    period,
  );
  const loanIds = new Set<string>();
  for (const [i, [field]] of entries.entries())
    if (field === 'loans') for (const event of events[i]!) loanIds.add(event.recordId);
  const loanBerkas = new Map<string, string[]>();
  if (!everything)
    await mapLimit([...loanIds], READS_AT_ONCE, async (loanId) => {
      const loan = mongoose.isValidObjectId(loanId)
        ? await LoanModel.findById(loanId, { berkasIds: 1 }).lean<{ berkasIds: unknown[] }>()
        : null;
      loanBerkas.set(loanId, (loan?.berkasIds ?? []).map(String));
    });
  const berkasIds = new Set<string>();
  if (!everything) {
    for (const [i, [field]] of entries.entries())
      if (field !== 'loans') for (const event of events[i]!) berkasIds.add(event.recordId);
    for (const ids of loanBerkas.values()) for (const id of ids) berkasIds.add(id);
  }
  /** Whether a berkas belongs to the subtree (its unit path holds the report's unit). */
  const berkasInScope = new Map<string, boolean>();
  await mapLimit([...berkasIds], READS_AT_ONCE, async (berkasId) => {
    const berkas = mongoose.isValidObjectId(berkasId)
      ? await BerkasModel.findById(berkasId, { unitPath: 1, unitId: 1 }).lean<{
          unitId: unknown;
          unitPath: unknown[];
        }>()
      : null;
    berkasInScope.set(
      berkasId,
      !!berkas && [berkas.unitId, ...berkas.unitPath].some((u) => scope.subtree.has(String(u))),
    );
  });
  const inScope = (berkasId: string) => everything || berkasInScope.get(berkasId) === true;
  const figures: ArchiveFigures = {
    berkasCreated: 0,
    lettersFiled: 0,
    loans: 0,
    transferred: 0,
    destroyed: 0,
    handedOver: 0,
  };
  for (const [i, [field]] of entries.entries()) {
    for (const event of events[i]!) {
      if (field === 'loans') {
        if (everything || (loanBerkas.get(event.recordId) ?? []).some(inScope)) figures.loans++;
        continue;
      }
      if (!inScope(event.recordId)) continue;
      if (field === 'lettersFiled') {
        const filed = event.changes.find((c) => c.field === 'filed')?.after;
        figures.lettersFiled += filed ? (JSON.parse(filed) as unknown[]).length : 0;
      } else figures[field]++;
    }
  }
  return figures;
}
