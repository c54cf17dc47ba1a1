import { formatTanggal } from '../documents/format-id.ts';
import { renderTablePdf } from '../documents/table-pdf.ts';
import { localParts, type AgendaEntry } from './agenda.model.ts';
import { clashingIds } from './agenda.service.ts';
import type { TimeZoneCode } from './invitation.ts';

const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

/** "Kamis, 10 Desember 2026". */
export function hariTanggal(date: string): string {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return `${DAYS[day]}, ${formatTanggal(date)}`;
}

function clock(at: Date, zone: TimeZoneCode): string {
  const { hour } = localParts(at, zone);
  const minutes = new Date(at.getTime()).toISOString().slice(14, 16);
  return `${hour}.${minutes}`;
}

/** "09.00–11.00 WIB", "09.00 WITA s.d. selesai". */
export function timeRange(entry: AgendaEntry): string {
  const zone = entry.timeZone as TimeZoneCode;
  const start = clock(entry.start, zone);
  return entry.endOpen
    ? `${start} ${zone} s.d. selesai`
    : `${start}–${clock(entry.end, zone)} ${zone}`;
}

export function attendedBy(entry: AgendaEntry): string {
  if (entry.status === 'delegated' && entry.delegatedTo)
    return `Diwakili oleh ${entry.delegatedTo.positionTitle}`;
  if (entry.representing)
    return `${entry.positionTitle} (mewakili ${entry.representing.positionTitle})`;
  if (entry.status === 'declined') return 'Tidak hadir';
  return entry.positionTitle;
}

/** The agenda secretariats pin on the wall: one table per period, a row per entry. */
export async function renderAgendaPdf(input: {
  positionTitle: string;
  from: string;
  to: string;
  entries: AgendaEntry[];
  generatedAt: Date;
  generatedBy: string;
}): Promise<Buffer> {
  const single = input.from === input.to;
  // Whoever reads the wall copy must see a double booking as the screen shows it.
  const clashes = clashingIds(input.entries);
  const rows = input.entries.map((entry) => {
    const date = localParts(entry.start, entry.timeZone as TimeZoneCode).date;
    const notes = [
      entry.dressCode ? `Pakaian: ${entry.dressCode}` : '',
      entry.status === 'pending' ? 'Belum dijawab' : '',
      clashes.has(String(entry._id)) ? 'Bentrok dengan acara lain' : '',
      entry.notes,
    ]
      .filter(Boolean)
      .join('; ');
    const time = single ? timeRange(entry) : `${hariTanggal(date)}, ${timeRange(entry)}`;
    const place = [entry.place, entry.onlineLink].filter(Boolean).join(' · ');
    return [time, entry.title, place, attendedBy(entry), notes];
  });
  return renderTablePdf({
    title: `AGENDA ${input.positionTitle.toUpperCase()}`,
    subtitle: single
      ? hariTanggal(input.from)
      : `${hariTanggal(input.from)} s.d. ${hariTanggal(input.to)}`,
    columns: [
      // Weekly: as wide as the longest "Minggu, 30 September 2026," so the time wraps whole
      // onto the next line ("09.00-11.00 WIB"), never "…11.00" / "WIB".
      { header: single ? 'Waktu' : 'Hari, tanggal dan waktu', weight: single ? 1.3 : 1.6 },
      { header: 'Acara', weight: 3 },
      { header: 'Tempat', weight: 2.2 },
      { header: 'Dihadiri oleh', weight: 2 },
      { header: 'Keterangan', weight: 2 },
    ],
    rows,
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    emptyText: 'Tidak ada agenda pada periode ini.',
  });
}
