import mongoose from 'mongoose';
import { AuditEventModel } from '../audit/audit.model.ts';
import { BerkasModel } from '../archive/berkas.model.ts';
import { LoanModel } from '../archive/loans.model.ts';
import { addDays } from '../calendar/dates.ts';
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
 * previous UTC day, so that day is read as well (`actionDay`), then filtered by instant. */
async function eventsOf(action: string, period: Period): Promise<Event[]> {
  const months =
    period.kind === 'month'
      ? [period.key]
      : Array.from({ length: 12 }, (_, i) => `${period.year}-${String(i + 1).padStart(2, '0')}`);
  const before = addDays(period.days[0]!, -1);
  const reads = [
    ...months.map((month) =>
      AuditEventModel.find({ actionMonth: `${action}:${month}` }).lean<Event[]>(),
    ),
    AuditEventModel.find({ actionDay: `${action}:${before}` }).lean<Event[]>(),
  ];
  return (await Promise.all(reads)).flat().filter((e) => within(period, e.at));
}

export async function archiveFigures(scope: ReportScope, period: Period): Promise<ArchiveFigures> {
  const everything = scope.unit.parentId === null;
  const berkasUnit = new Map<string, boolean>();
  /** Whether a berkas belongs to the subtree (its unit path holds the report's unit). */
  const inScope = async (berkasId: string): Promise<boolean> => {
    if (everything) return true;
    if (!berkasUnit.has(berkasId)) {
      const berkas = mongoose.isValidObjectId(berkasId)
        ? await BerkasModel.findById(berkasId, { unitPath: 1, unitId: 1 }).lean<{
            unitId: unknown;
            unitPath: unknown[];
          }>()
        : null;
      berkasUnit.set(
        berkasId,
        !!berkas && [berkas.unitId, ...berkas.unitPath].some((u) => scope.subtree.has(String(u))),
      );
    }
    return berkasUnit.get(berkasId)!;
  };
  const figures: ArchiveFigures = {
    berkasCreated: 0,
    lettersFiled: 0,
    loans: 0,
    transferred: 0,
    destroyed: 0,
    handedOver: 0,
  };
  for (const [field, action] of Object.entries(ACTIONS) as Array<[keyof ArchiveFigures, string]>) {
    for (const event of await eventsOf(action, period)) {
      if (field === 'loans') {
        const loan = await LoanModel.findById(event.recordId, { berkasIds: 1 }).lean<{
          berkasIds: unknown[];
        }>();
        let counted = everything;
        for (const id of loan?.berkasIds ?? []) if (!counted) counted = await inScope(String(id));
        if (counted) figures.loans++;
        continue;
      }
      if (!(await inScope(event.recordId))) continue;
      if (field === 'lettersFiled') {
        const filed = event.changes.find((c) => c.field === 'filed')?.after;
        figures.lettersFiled += filed ? (JSON.parse(filed) as unknown[]).length : 0;
      } else figures[field]++;
    }
  }
  return figures;
}
