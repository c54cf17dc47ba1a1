import { rgb } from 'pdf-lib';
import { GEOMETRY, type PageWriter } from './page-writer.ts';

/** The kop surat. One letterhead for the Sekretariat Daerah; its lines are data so that a
 * deployment can change the address without touching the layout. */
export interface Letterhead {
  government: string;
  office: string;
  addressLines: string[];
}

export const SETDA_LETTERHEAD: Letterhead = {
  government: 'PEMERINTAH PROVINSI LAMPUNG',
  office: 'SEKRETARIAT DAERAH',
  addressLines: [
    'Jalan Wolter Monginsidi Nomor 69 Telukbetung, Bandar Lampung 35215',
    'Telepon (0721) 481107, Faksimile (0721) 481166',
    'Laman setda.lampungprov.go.id, Pos-el setda@lampungprov.go.id',
  ],
};

/** Draws the kop at the top of the first page and moves the cursor below its double rule. */
export function drawLetterhead(writer: PageWriter, head: Letterhead = SETDA_LETTERHEAD): void {
  const { page, fonts } = writer;
  const emblemSize = 58;
  const emblemX = GEOMETRY.left - 10;
  const textLeft = emblemX + emblemSize + 6;
  const textWidth = GEOMETRY.width - GEOMETRY.right - textLeft;
  const centre = (text: string, size: number, bold: boolean, y: number) => {
    const font = bold ? fonts.bold : fonts.regular;
    const width = font.widthOfTextAtSize(text, size);
    page.drawText(text, { x: textLeft + (textWidth - width) / 2, y, size, font });
  };
  const top = GEOMETRY.height - GEOMETRY.top + 14;
  drawEmblem(writer, emblemX, top - emblemSize - 2, emblemSize);
  centre(head.government, 14, true, top - 14);
  centre(head.office, 17, true, top - 33);
  head.addressLines.forEach((line, i) => centre(line, 9, false, top - 47 - i * 10.5));
  const ruleY = top - 47 - head.addressLines.length * 10.5 + 2;
  const right = GEOMETRY.width - GEOMETRY.right;
  page.drawLine({
    start: { x: GEOMETRY.left - 10, y: ruleY },
    end: { x: right, y: ruleY },
    thickness: 2.2,
  });
  page.drawLine({
    start: { x: GEOMETRY.left - 10, y: ruleY - 3.2 },
    end: { x: right, y: ruleY - 3.2 },
    thickness: 0.7,
  });
  writer.y = ruleY - 16;
}

/** A plain shield standing in for the provincial coat of arms, whose artwork a deployment
 * supplies; the layout keeps its place so the kop keeps its real proportions. */
function drawEmblem(writer: PageWriter, x: number, y: number, size: number): void {
  const w = size * 0.82;
  const left = x + (size - w) / 2;
  const path = `M 0 0 L ${w} 0 L ${w} ${size * 0.55} Q ${w} ${size * 0.85} ${w / 2} ${size} Q 0 ${size * 0.85} 0 ${size * 0.55} Z`;
  writer.page.drawSvgPath(path, {
    x: left,
    y: y + size,
    borderWidth: 1.4,
    borderColor: rgb(0, 0, 0),
    color: rgb(0.95, 0.95, 0.95),
  });
  const inner = `M ${w * 0.12} ${size * 0.1} L ${w * 0.88} ${size * 0.1} L ${w * 0.88} ${size * 0.53} Q ${w * 0.88} ${size * 0.78} ${w / 2} ${size * 0.9} Q ${w * 0.12} ${size * 0.78} ${w * 0.12} ${size * 0.53} Z`;
  writer.page.drawSvgPath(inner, {
    x: left,
    y: y + size,
    borderWidth: 0.6,
    borderColor: rgb(0, 0, 0),
  });
  const label = 'LAMPUNG';
  const labelSize = 6.5;
  const labelWidth = writer.fonts.bold.widthOfTextAtSize(label, labelSize);
  writer.page.drawText(label, {
    x: left + (w - labelWidth) / 2,
    y: y + size * 0.52,
    size: labelSize,
    font: writer.fonts.bold,
  });
}
