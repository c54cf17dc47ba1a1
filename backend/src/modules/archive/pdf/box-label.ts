import {
  BLACK,
  GREY,
  drawCentered,
  drawPageFooters,
  newDocument,
  pdfText,
  savePdf,
  wrapText,
} from '../../documents/pdf-kit.ts';
import { formatAngka, formatTanggalJam } from '../../documents/format-id.ts';
import type { Berkas } from '../berkas.model.ts';
import type { Box } from '../location.model.ts';
import { berkasLabel } from '../loans.service.ts';
import { Flow, MARGIN_LEFT, WIDTH } from './flow.ts';
import { periodText } from './lists.ts';

/**
 * A box label: the framed label to cut out and stick on the box (institution, box code in
 * large type, location, classification codes and years of what is inside), then the list
 * of berkas in the box. Titles of berkas the printer may not read are withheld.
 */
export async function renderBoxLabel(
  box: Box,
  contents: Array<{ berkas: Berkas; readable: boolean }>,
  printedBy: string,
  at: Date,
): Promise<Buffer> {
  const { doc, fonts } = await newDocument(`Label boks ${box.code}`);
  const flow = new Flow(doc, fonts, false);
  const page = flow.page;
  const top = flow.y;
  const height = 300;
  page.drawRectangle({
    x: MARGIN_LEFT,
    y: top - height,
    width: WIDTH,
    height,
    borderColor: BLACK,
    borderWidth: 2,
  });
  page.drawRectangle({
    x: MARGIN_LEFT + 5,
    y: top - height + 5,
    width: WIDTH - 10,
    height: height - 10,
    borderColor: BLACK,
    borderWidth: 0.6,
  });
  const center = MARGIN_LEFT + WIDTH / 2;
  drawCentered(page, 'PEMERINTAH PROVINSI LAMPUNG', top - 28, fonts.serifBold, 12, center);
  drawCentered(page, 'SEKRETARIAT DAERAH', top - 44, fonts.serifBold, 13, center);
  drawCentered(
    page,
    box.holder === 'pusat'
      ? 'ARSIP INAKTIF - PUSAT ARSIP'
      : `ARSIP AKTIF${box.unitName ? ` - ${box.unitName.toUpperCase()}` : ''}`,
    top - 62,
    fonts.sans,
    9.5,
    center,
  );
  page.drawLine({
    start: { x: MARGIN_LEFT + 20, y: top - 72 },
    end: { x: MARGIN_LEFT + WIDTH - 20, y: top - 72 },
    thickness: 0.8,
    color: BLACK,
  });
  drawCentered(page, 'NOMOR BOKS', top - 96, fonts.sans, 10, center);
  drawCentered(page, box.code, top - 138, fonts.sansBold, 34, center);

  const years = contents
    .map((c) => [c.berkas.periodStart, c.berkas.periodEnd])
    .flat()
    .filter((d): d is string => !!d)
    .map((d) => d.slice(0, 4))
    .sort();
  const codes = [...new Set(contents.map((c) => c.berkas.classificationCode))].sort();
  const numbers = contents.map((c) => berkasLabel(c.berkas));
  const rows: Array<[string, string]> = [
    [
      'Lokasi',
      [
        box.building,
        box.room,
        box.cabinet && `lemari/rak ${box.cabinet}`,
        box.shelf && `baris ${box.shelf}`,
      ]
        .filter(Boolean)
        .join(', '),
    ],
    ['Kode klasifikasi', codes.join(', ') || '-'],
    [
      'Tahun',
      years.length
        ? years[0] === years[years.length - 1]
          ? years[0]!
          : `${years[0]} - ${years[years.length - 1]}`
        : '-',
    ],
    ['Nomor berkas', numbers.length ? `${numbers.length} berkas: ${numbers.join(', ')}` : '-'],
  ];
  let y = top - 172;
  for (const [label, value] of rows) {
    const lines = wrapText(value, fonts.sans, 10, WIDTH - 150).slice(0, 3);
    page.drawText(label, { x: MARGIN_LEFT + 24, y, size: 10, font: fonts.sansBold, color: BLACK });
    lines.forEach((line, i) =>
      page.drawText(line, {
        x: MARGIN_LEFT + 130,
        y: y - i * 13,
        size: 10,
        font: fonts.sans,
        color: BLACK,
      }),
    );
    y -= Math.max(1, lines.length) * 13 + 8;
  }
  page.drawText(pdfText('Potong mengikuti garis tepi dan tempelkan pada sisi depan boks.'), {
    x: MARGIN_LEFT,
    y: top - height - 14,
    size: 8,
    font: fonts.sans,
    color: GREY,
  });
  flow.y = top - height - 36;

  flow.paragraph(`Isi boks ${box.code} (${formatAngka(contents.length)} berkas)`, {
    font: fonts.serifBold,
  });
  flow.gap(2);
  flow.table(
    [
      { header: 'No.', weight: 0.5, align: 'center' },
      { header: 'Nomor Berkas', weight: 1.3 },
      { header: 'Kode', weight: 0.9 },
      { header: 'Uraian Informasi Berkas', weight: 3 },
      { header: 'Kurun Waktu', weight: 1.8 },
      { header: 'Map', weight: 0.7 },
    ],
    contents.map(({ berkas, readable }, index) => [
      formatAngka(index + 1),
      berkasLabel(berkas),
      berkas.classificationCode,
      readable ? berkas.title : '(TERBATAS)',
      periodText(berkas.periodStart, berkas.periodEnd),
      berkas.folder ?? '-',
    ]),
  );
  drawPageFooters(
    doc,
    fonts,
    pdfText(
      `Label boks ${box.code} - dicetak dari Lontar oleh ${printedBy}, ${formatTanggalJam(at)}`,
    ),
  );
  return savePdf(doc);
}
