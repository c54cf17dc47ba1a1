import type { Actor } from '../../http/actor.ts';
import { validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { jakartaDate } from '../calendar/dates.ts';
import { registerNames } from '../letters/registers.service.ts';
import { monitoringOverview } from '../monitoring/monitoring.service.ts';
import { ARCHIVE_LABELS, archiveFigures, type ArchiveFigures } from './reports.archive.ts';
import { barChart, pieChart, type ChartSpec } from './reports.charts.ts';
import { followUpFigures } from './reports.dispositions.ts';
import { letterFigures } from './reports.letters.ts';
import { meetingFigures } from './reports.meetings.ts';
import { periodOf } from './reports.period.ts';
import { reportScope } from './reports.scope.ts';

/**
 * The monthly and yearly reports (issue 17, "Pelaporan") for the Sekda, the admin and each
 * head of unit over the unit's subtree: letters received and sent, disposition follow-up,
 * coordination meetings, archive activity, each with its charts (reports.charts.ts), plus
 * the monitoring screen's own figures at the moment of printing, taken from the monitoring
 * service itself so the two agree to the item.
 *
 * Access paths (docs/architecture.md): incoming letters by `receivedDate` (one equality a
 * day), outgoing by the register key `d:SR:<month|year>`, dispositions by `unitWeekKeys`
 * (one a week), archive events by the audit trail's `actionMonth`, meetings by their
 * `monthKey`. A month reads only its own days and weeks.
 */
export async function buildReport(
  actor: Actor,
  input: { year: number; month: number | null; unitId?: string },
) {
  const current = Number(jakartaDate(now()).slice(0, 4));
  if (input.year < 2000 || input.year > current + 1)
    throw validationFailed(`Tahun laporan harus antara 2000 dan ${current + 1}.`);
  const scope = await reportScope(actor, input.unitId);
  const period = periodOf(input.year, input.month);
  const unitId = String(scope.unit._id);
  const [letters, followUp, archive, meetings, monitoring] = await Promise.all([
    registerNames().then((names) => letterFigures(scope, period, names)),
    followUpFigures(scope, period),
    archiveFigures(scope, period),
    meetingFigures(actor, period, scope.unit.parentId === null ? undefined : unitId),
    // The monitoring screen's figures (not its list of items).
    monitoringOverview(actor, unitId, { items: false }),
  ]);
  const nameOf = (id: string, self = false) => {
    const unit = scope.subtree.get(id);
    const name = unit?.name ?? '-';
    return self || id === unitId ? `${name} (langsung)` : name;
  };
  const unitRows = letters.byUnit.map((row) => ({ ...row, name: nameOf(row.unitId) }));
  const followUpRows = followUp.rows.map((row) => ({ ...row, name: nameOf(row.unitId, row.self) }));

  const charts: ChartSpec[] = [
    barChart(
      'letters-by-unit',
      'Surat masuk dan keluar per unit',
      unitRows.map((r) => r.name),
      [
        { name: 'Surat masuk', values: unitRows.map((r) => r.received) },
        { name: 'Surat keluar', values: unitRows.map((r) => r.sent), color: '#3c9d6b' },
      ],
    ),
    barChart(
      'incoming-by-sender',
      'Surat masuk menurut asal pengirim',
      letters.incoming.bySenderCategory.map((t) => t.label),
      [{ name: 'Surat masuk', values: letters.incoming.bySenderCategory.map((t) => t.count) }],
    ),
    barChart(
      'incoming-by-classification',
      'Surat masuk menurut klasifikasi (kode pokok)',
      letters.incoming.byClassification.slice(0, 10).map((t) => t.label),
      [
        {
          name: 'Surat masuk',
          values: letters.incoming.byClassification.slice(0, 10).map((t) => t.count),
        },
      ],
    ),
    pieChart(
      'incoming-by-security',
      'Surat masuk menurut sifat keamanan',
      letters.incoming.bySecurityClass.map((t) => ({ name: t.label, value: t.count })),
    ),
    barChart(
      'incoming-by-channel',
      'Surat masuk menurut saluran penerimaan',
      letters.incoming.byChannel.map((t) => t.label),
      [{ name: 'Surat masuk', values: letters.incoming.byChannel.map((t) => t.count) }],
    ),
    barChart(
      'follow-up-by-unit',
      'Tindak lanjut disposisi per unit',
      followUpRows.map((r) => r.name),
      [
        {
          name: 'Selesai tepat waktu',
          values: followUpRows.map((r) => r.doneOnTime),
          color: '#3c9d6b',
        },
        {
          name: 'Selesai terlambat',
          values: followUpRows.map((r) => r.doneLate),
          color: '#e0a526',
        },
        {
          name: 'Terbuka, terlambat',
          values: followUpRows.map((r) => r.openOverdue),
          color: '#c0392b',
        },
        {
          name: 'Terbuka, dalam batas waktu',
          values: followUpRows.map((r) => r.openOnTrack),
          color: '#2f6f9f',
        },
      ],
    ),
    barChart(
      'meeting-decisions',
      'Keputusan rapat menurut status',
      ['Selesai', 'Terlambat', 'Terbuka'],
      [
        {
          name: 'Keputusan',
          values: [meetings.decisions.done, meetings.decisions.late, meetings.decisions.open],
        },
      ],
    ),
    barChart(
      'archive-activity',
      'Kegiatan kearsipan',
      (Object.keys(ARCHIVE_LABELS) as Array<keyof ArchiveFigures>).map((k) => ARCHIVE_LABELS[k]),
      [
        {
          name: 'Jumlah',
          values: (Object.keys(ARCHIVE_LABELS) as Array<keyof ArchiveFigures>).map(
            (k) => archive[k],
          ),
          color: '#7d5ba6',
        },
      ],
    ),
  ];

  return {
    period: {
      kind: period.kind,
      year: period.year,
      month: period.month,
      label: period.label,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
    },
    unit: { unitId, code: scope.unit.code, name: scope.unit.name },
    units: scope.choices.map((u) => ({
      unitId: String(u._id),
      code: u.code,
      name: u.name,
      depth: u.ancestorIds.length,
    })),
    generatedAt: now().toISOString(),
    letters: { ...letters, byUnit: unitRows },
    followUp: { totals: followUp.totals, rows: followUpRows },
    monitoring: {
      generatedAt: monitoring.generatedAt,
      windowDays: monitoring.windowDays,
      open: monitoring.totals.open,
      overdue: monitoring.totals.overdue,
      medianFollowUpHours: monitoring.totals.medianFollowUpHours,
      rows: monitoring.rows.map((r) => ({
        unitId: r.unitId,
        name: r.self ? `${r.name} (langsung)` : r.name,
        open: r.open,
        overdue: r.overdue,
        medianFollowUpHours: r.medianFollowUpHours,
      })),
    },
    meetings,
    archive: (Object.keys(ARCHIVE_LABELS) as Array<keyof ArchiveFigures>).map((key) => ({
      key,
      label: ARCHIVE_LABELS[key],
      count: archive[key],
    })),
    charts,
  };
}

export type Report = Awaited<ReturnType<typeof buildReport>>;
