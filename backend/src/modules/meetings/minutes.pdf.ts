import type { PDFFont, PDFPage } from 'pdf-lib';
import { hariTanggal } from '../agenda/agenda.pdf.ts';
import { jakartaDate } from '../calendar/dates.ts';
import { formatTanggal, formatTanggalJam } from '../documents/format-id.ts';
import {
  A4,
  BLACK,
  drawCentered,
  drawLetterhead,
  drawPageFooters,
  newDocument,
  pdfText,
  savePdf,
  wrapText,
} from '../documents/pdf-kit.ts';
import type { Meeting } from './meeting.model.ts';

/**
 * The notulen as the secretariat files it, in the product's letter style: the kop surat,
 * NOTULEN RAPAT, the meeting's particulars, who attended, the four sections of the template
 * (pembukaan, pembahasan, keputusan/kesimpulan, penutup), the decisions table (what, who,
 * by when) and the minute keeper's signature block.
 */

export const KIND_LABELS: Record<string, string> = {
  rapat_koordinasi: 'Rapat Koordinasi',
  rapat_pimpinan: 'Rapat Pimpinan',
  rapat_teknis: 'Rapat Teknis',
  rapat_lainnya: 'Rapat',
};

const ATTENDANCE_LABELS: Record<string, string> = {
  belum: 'belum dicatat',
  hadir: 'hadir',
  diwakili: 'diwakili',
  tidak_hadir: 'tidak hadir',
};

const MARGIN = 60;
const WIDTH = A4.width - 2 * MARGIN;
const SIZE = 11;
const LINE = 14.5;

function clock(at: Date): string {
  const local = new Date(new Date(at).getTime() + 7 * 3_600_000).toISOString();
  return `${local.slice(11, 13)}.${local.slice(14, 16)}`;
}

export async function renderMinutesPdf(meeting: Meeting, generatedBy: string): Promise<Buffer> {
  const { doc, fonts } = await newDocument(`Notulen ${meeting.title}`);
  let page: PDFPage = doc.addPage([A4.width, A4.height]);
  let y = drawLetterhead(page, fonts);
  const ensure = (needed: number) => {
    if (y - needed < 60) {
      page = doc.addPage([A4.width, A4.height]);
      y = A4.height - 60;
    }
  };
  const paragraph = (text: string, font: PDFFont = fonts.serif, x = MARGIN, width = WIDTH) => {
    for (const raw of text.split(/\n/)) {
      const lines = raw.trim() ? wrapText(raw, font, SIZE, width) : [''];
      for (const line of lines) {
        ensure(LINE);
        page.drawText(line, { x, y, size: SIZE, font, color: BLACK });
        y -= LINE;
      }
    }
  };
  const heading = (text: string) => {
    ensure(LINE * 3);
    y -= 6;
    page.drawText(pdfText(text), { x: MARGIN, y, size: SIZE, font: fonts.serifBold });
    y -= LINE;
  };

  drawCentered(page, 'NOTULEN RAPAT', y, fonts.serifBold, 13);
  y -= 26;
  const date = jakartaDate(new Date(meeting.startAt));
  const particulars: Array<[string, string]> = [
    ['Acara', meeting.title],
    ['Jenis rapat', KIND_LABELS[meeting.kind] ?? 'Rapat'],
    ['Hari/tanggal', hariTanggal(date)],
    ['Pukul', `${clock(meeting.startAt)}-${clock(meeting.endAt)} WIB`],
    ['Tempat', [meeting.place, meeting.onlineLink].filter(Boolean).join(' / ') || '-'],
    ['Pimpinan rapat', meeting.chair.positionTitle],
  ];
  if (meeting.invitation?.label) particulars.push(['Undangan', meeting.invitation.label]);
  for (const [label, value] of particulars) {
    const lines = wrapText(value, fonts.serif, SIZE, WIDTH - 110);
    ensure(LINE * lines.length);
    page.drawText(label, { x: MARGIN, y, size: SIZE, font: fonts.serif });
    page.drawText(':', { x: MARGIN + 100, y, size: SIZE, font: fonts.serif });
    for (const line of lines) {
      page.drawText(line, { x: MARGIN + 110, y, size: SIZE, font: fonts.serif });
      y -= LINE;
    }
  }

  heading('Peserta rapat');
  const attendees = [
    ...meeting.invited.map((i) => {
      const status = ATTENDANCE_LABELS[i.attendance ?? 'belum'] ?? '';
      const by = i.attendance === 'diwakili' && i.representedBy ? ` oleh ${i.representedBy}` : '';
      return `${i.positionTitle} (${status}${by})`;
    }),
    ...meeting.extraAttendees.map((e) => [e.name, e.role].filter(Boolean).join(', ')),
  ];
  if (attendees.length === 0) paragraph('-');
  attendees.forEach((a, i) => paragraph(`${i + 1}. ${a}`));

  const minutes = meeting.minutes;
  if (minutes?.mode === 'scan') {
    heading('Notulen');
    paragraph('Notulen rapat ini berupa pindaian yang dilampirkan pada catatan rapat di Lontar.');
  } else {
    const sections: Array<[string, string]> = [
      ['I. Pembukaan', minutes?.pembukaan ?? ''],
      ['II. Pembahasan', minutes?.pembahasan ?? ''],
      ['III. Keputusan/Kesimpulan', minutes?.keputusan ?? ''],
      ['IV. Penutup', minutes?.penutup ?? ''],
    ];
    for (const [title, body] of sections) {
      heading(title);
      paragraph(body.trim() || '-');
    }
  }

  if (meeting.decisions.length > 0) {
    heading('Tindak lanjut keputusan');
    meeting.decisions.forEach((d, i) => {
      paragraph(`${i + 1}. ${d.instruction}`);
      paragraph(
        `Penanggung jawab: ${d.positionTitle}; batas waktu ${formatTanggal(d.dueDate)}.`,
        fonts.serif,
        MARGIN + 14,
        WIDTH - 14,
      );
    });
  }

  ensure(LINE * 6);
  y -= LINE;
  const signX = MARGIN + WIDTH / 2 + 20;
  const signLines = [
    `Bandar Lampung, ${formatTanggal(minutes?.finalizedAt ? jakartaDate(new Date(minutes.finalizedAt)) : date)}`,
    'Notulis,',
    '',
    '',
    minutes?.finalizedByName ?? meeting.createdBy?.name ?? '',
  ];
  for (const line of signLines) {
    page.drawText(pdfText(line), { x: signX, y, size: SIZE, font: fonts.serif });
    y -= LINE;
  }
  drawPageFooters(
    doc,
    fonts,
    `${minutes?.finalizedAt ? 'Notulen final' : 'KONSEP notulen'} - dicetak dari Lontar oleh ${generatedBy}, ${formatTanggalJam(new Date())}`,
  );
  return savePdf(doc);
}
