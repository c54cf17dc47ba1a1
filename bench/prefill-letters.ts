// Held-out letters for the registration prefill (bench/prefill.ts): first pages of letters
// the prefill rules were never tuned on, rendered as 300-dpi scans, with the ground truth
// taken from the generator. The fields (number, date, subject, sender, body sentences) come
// from the search corpus (seed/corpus.ts) under a seed of its own; the layout is drawn here
// with the variations of real correspondence that the ten tuned samples do not all show:
// "No."/"Nomor", "Hal"/"Perihal", the place and date at the top right or at the bottom, a
// unit name wrapped over two lines, a wrapped subject, four fonts, skew and speckle.
//
// Rule of use: score this set only as a whole. Do not open its pages or print its misses
// while changing the rules, or it stops being held out (bench/prefill.ts prints counts only).
import { createRequire } from 'node:module';
import type Sharp from 'sharp';
import { MONTHS_ID } from '../backend/src/modules/documents/format-id.ts';
import { generateLetter, rng } from './corpus.ts';

// The backend's sharp (the one the OCR path decodes with), not a second copy for the bench.
const sharp = createRequire(new URL('../backend/package.json', import.meta.url))(
  'sharp',
) as typeof Sharp;

export const HELD_OUT_SEED = 0x0d15ea5e;

export interface PrefillTruth {
  letterNumber: string;
  letterDate: string;
  subject: string;
  senderName: string;
  /** The sifat a clerk registers for the printed one (issue 15: "Penting" is offered as
   * Segera). Drawn with the same draw as before, so the set's pages did not change. */
  urgency: 'biasa' | 'segera' | 'sangat_segera';
}

const SIFAT_URGENCY: Record<string, PrefillTruth['urgency']> = {
  Biasa: 'biasa',
  Segera: 'segera',
  Penting: 'segera',
  'Sangat Segera': 'sangat_segera',
};

export interface HeldOutLetter {
  id: string;
  truth: PrefillTruth;
  /** The page as a greyscale JPEG scan. */
  scan: () => Promise<Buffer>;
}

/** Where each region's letters are signed. */
const SEATS: Record<string, string> = {
  'Provinsi Lampung': 'Bandar Lampung',
  'Kabupaten Lampung Selatan': 'Kalianda',
  'Kabupaten Lampung Tengah': 'Gunung Sugih',
  'Kabupaten Lampung Utara': 'Kotabumi',
  'Kabupaten Lampung Barat': 'Liwa',
  'Kabupaten Lampung Timur': 'Sukadana',
  'Kabupaten Tanggamus': 'Kota Agung',
  'Kabupaten Tulang Bawang': 'Menggala',
  'Kabupaten Way Kanan': 'Blambangan Umpu',
  'Kabupaten Pesawaran': 'Gedong Tataan',
  'Kabupaten Pringsewu': 'Pringsewu',
  'Kabupaten Mesuji': 'Mesuji',
  'Kabupaten Pesisir Barat': 'Krui',
  'Kota Bandar Lampung': 'Bandar Lampung',
  'Kota Metro': 'Metro',
};
const STREETS = [
  'Jalan Wolter Monginsidi',
  'Jalan Dr. Susilo',
  'Jalan Basuki Rahmat',
  'Jalan Raden Intan',
  'Jalan Jenderal Sudirman',
  'Jalan Cut Mutia',
  'Jalan Pangeran Diponegoro',
  'Jalan Zainal Abidin Pagar Alam',
];
const ADDRESSEES = [
  'Sekretaris Daerah Provinsi Lampung',
  'Gubernur Lampung',
  'Kepala Biro Umum Sekretariat Daerah Provinsi Lampung',
  'Asisten Pemerintahan dan Kesejahteraan Rakyat',
];
const FONTS = ['Liberation Sans', 'Liberation Serif', 'DejaVu Sans', 'DejaVu Serif'];

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Breaks text into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

interface Placed {
  text: string;
  x: number;
  anchor?: 'start' | 'middle' | 'end';
  bold?: boolean;
  /** Extra space before the line, in line heights. */
  gap?: number;
  /** A rule under the line (the end of the letterhead). */
  rule?: boolean;
}

export function heldOutLetters(count: number, seed = HELD_OUT_SEED): HeldOutLetter[] {
  const fields = rng(seed);
  const layout = rng(seed ^ 0x5a5a5a5a);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(layout() * list.length)]!;
  const letters: HeldOutLetter[] = [];
  for (let i = 0; i < count; i++) {
    const letter = generateLetter(i, fields);
    const region =
      Object.keys(SEATS).find((name) => letter.senderName.endsWith(` ${name}`)) ??
      'Provinsi Lampung';
    const unit = letter.senderName.slice(0, -region.length - 1);
    const [year, month, day] = letter.date.split('-').map(Number) as [number, number, number];
    const placeDate = `${SEATS[region]}, ${day} ${MONTHS_ID[month - 1]} ${year}`;
    // Body sentences of the generated first page (its own header lines left out).
    const body = letter.pages[0]!.split('\n')
      .slice(5)
      .filter((line) => line.split(' ').length > 6)
      .slice(0, 4 + Math.floor(layout() * 4));

    const width = 2480;
    const margin = 250;
    const right = width - margin;
    const numberLabel = pick(['Nomor', 'Nomor', 'No.']);
    const subjectLabel = pick(['Hal', 'Perihal']);
    const dateOnTop = layout() < 0.5;
    const lines: Placed[] = [];
    lines.push({ text: `PEMERINTAH ${region.toUpperCase()}`, x: width / 2, anchor: 'middle' });
    for (const part of wrap(unit.toUpperCase(), layout() < 0.5 ? 34 : 60))
      lines.push({ text: part, x: width / 2, anchor: 'middle', bold: true });
    lines.push({
      text: `${pick(STREETS)} Nomor ${1 + Math.floor(layout() * 120)} ${SEATS[region]} 35${String(100 + Math.floor(layout() * 899))}`,
      x: width / 2,
      anchor: 'middle',
      rule: true,
    });
    if (dateOnTop) lines.push({ text: placeDate, x: right, anchor: 'end', gap: 1 });
    const label = (name: string, value: string, gap = 0) =>
      lines.push({ text: `${name.padEnd(9, ' ')}: ${value}`, x: margin, gap });
    label(numberLabel, letter.letterNumber, dateOnTop ? 0.5 : 1);
    const sifat = pick(['Biasa', 'Segera', 'Penting', 'Sangat Segera']);
    label('Sifat', sifat);
    label('Lampiran', pick(['-', '1 (satu) berkas', '2 (dua) lembar']));
    const subject = wrap(letter.subject, 48);
    label(subjectLabel, subject[0]!);
    for (const rest of subject.slice(1)) lines.push({ text: rest, x: margin + 330 });
    lines.push({ text: `Yth. ${pick(ADDRESSEES)}`, x: margin, gap: 1 });
    lines.push({ text: 'di', x: margin });
    lines.push({ text: 'Bandar Lampung', x: margin + 60 });
    let first = true;
    for (const sentence of body) {
      for (const part of wrap(sentence, 68)) {
        lines.push({ text: part, x: margin, gap: first ? 1 : 0 });
        first = false;
      }
    }
    const signature = width / 2 + 150;
    if (!dateOnTop) lines.push({ text: placeDate, x: signature, gap: 1 });
    wrap(`Kepala ${unit}`, 30).forEach((part, k) =>
      lines.push({ text: part, x: signature, gap: k === 0 && dateOnTop ? 1 : 0 }),
    );
    lines.push({ text: letter.knownItemQuery.split(' ')[0]!.toUpperCase(), x: signature, gap: 2 });

    const font = pick(FONTS);
    const size = 38 + Math.floor(layout() * 9);
    const angle = (layout() - 0.5) * 1.2;
    const speckle = 0.0004 + layout() * 0.0012;
    const quality = 70 + Math.floor(layout() * 20);
    const noiseSeed = Math.floor(layout() * 2 ** 31);
    letters.push({
      id: `held-out-${String(i).padStart(2, '0')}`,
      truth: {
        letterNumber: letter.letterNumber,
        letterDate: letter.date,
        subject: letter.subject,
        senderName: letter.senderName,
        urgency: SIFAT_URGENCY[sifat]!,
      },
      scan: () => render(lines, { font, size, angle, speckle, quality, noiseSeed }),
    });
  }
  return letters;
}

async function render(
  lines: Placed[],
  options: {
    font: string;
    size: number;
    angle: number;
    speckle: number;
    quality: number;
    noiseSeed: number;
  },
): Promise<Buffer> {
  const width = 2480;
  const height = 3508;
  const lineHeight = Math.round(options.size * 1.45);
  let y = 220;
  const rules: string[] = [];
  const text = lines
    .map((line) => {
      y += lineHeight * (1 + (line.gap ?? 0));
      if (line.rule)
        rules.push(
          `<line x1="250" y1="${y + lineHeight * 0.5}" x2="2230" y2="${y + lineHeight * 0.5}" stroke="#111" stroke-width="5"/>`,
        );
      return `<text x="${line.x}" y="${y}" text-anchor="${line.anchor ?? 'start'}" font-family="${options.font}" font-size="${options.size}"${line.bold ? ' font-weight="bold"' : ''} fill="#111" xml:space="preserve">${escapeXml(line.text)}</text>`;
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fafaf6"/>${rules.join('')}${text}</svg>`;
  // Speckle: dark dots at random, as a scanner glass and paper make them.
  const random = rng(options.noiseSeed);
  const dots = Buffer.alloc(width * height, 255);
  const count = Math.floor(width * height * options.speckle);
  for (let k = 0; k < count; k++) dots[Math.floor(random() * dots.length)] = 60;
  const page = await sharp(Buffer.from(svg)).greyscale().png().toBuffer();
  return sharp(page)
    .composite([{ input: dots, raw: { width, height, channels: 1 }, blend: 'multiply' }])
    .rotate(options.angle, { background: '#fafaf6' })
    .blur(0.6)
    .greyscale()
    .withMetadata({ density: 300 })
    .jpeg({ quality: options.quality })
    .toBuffer();
}
