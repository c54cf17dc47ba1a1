import { StandardFonts, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Run } from './body-model.ts';

/**
 * Text layout for the letter templates: fonts, characters the fonts can draw, and line
 * wrapping of mixed bold/italic runs with justification. Naskah dinas are set in Arial;
 * the PDF standard Helvetica has the same metrics and needs no embedded font file.
 */
export interface FontSet {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
  boldItalic: PDFFont;
}

export async function embedFonts(doc: PDFDocument): Promise<FontSet> {
  const [regular, bold, italic, boldItalic] = await Promise.all([
    doc.embedFont(StandardFonts.Helvetica),
    doc.embedFont(StandardFonts.HelveticaBold),
    doc.embedFont(StandardFonts.HelveticaOblique),
    doc.embedFont(StandardFonts.HelveticaBoldOblique),
  ]);
  return { regular, bold, italic, boldItalic };
}

export function fontFor(fonts: FontSet, style: { bold?: boolean; italic?: boolean }): PDFFont {
  if (style.bold && style.italic) return fonts.boldItalic;
  if (style.bold) return fonts.bold;
  if (style.italic) return fonts.italic;
  return fonts.regular;
}

let drawable: Set<number> | null = null;

/** Replaces what the standard fonts (WinAnsi) cannot draw, so a stray emoji or CJK
 * character in a draft never makes the preview fail. */
export function safeText(text: string, font: PDFFont): string {
  drawable ??= new Set(font.getCharacterSet());
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0) ?? 63;
    if (char === '\t') out += ' ';
    else if (code < 32) continue;
    else if (drawable.has(code)) out += char;
    else if (code === 0x2212) out += '-';
    else out += '?';
  }
  return out;
}

interface Piece {
  text: string;
  font: PDFFont;
  width: number;
  underline: boolean;
  space: boolean;
}

export interface Line {
  pieces: Piece[];
  /** Width without trailing spaces. */
  width: number;
  /** Last line of its paragraph (never justified). */
  last: boolean;
}

/** Greedy line breaking of runs into lines of at most `maxWidth` points. A `\n` inside a
 * run forces a break; a word longer than a line is cut by characters. */
export function layoutRuns(
  runs: Run[],
  fonts: FontSet,
  size: number,
  fullWidth: number,
  firstWidth = fullWidth,
): Line[] {
  const lines: Line[] = [];
  let maxWidth = firstWidth;
  let current: Piece[] = [];
  const flush = (last: boolean) => {
    while (current.length > 0 && current[current.length - 1]!.space) current.pop();
    lines.push({ pieces: current, width: current.reduce((sum, p) => sum + p.width, 0), last });
    current = [];
    maxWidth = fullWidth;
  };
  const widthOf = () => current.reduce((sum, p) => sum + p.width, 0);

  for (const run of runs) {
    const font = fontFor(fonts, run);
    const text = safeText(run.text, font);
    const parts = text.split('\n');
    parts.forEach((part, partIndex) => {
      if (partIndex > 0) flush(true);
      for (const token of part.split(/( +)/)) {
        if (token === '') continue;
        const space = token.trim() === '';
        // Runs of spaces keep their width: a konsep leaves blanks for the day and the number.
        const piece: Piece = {
          text: space ? ' ' : token,
          font,
          width: font.widthOfTextAtSize(token, size),
          underline: !!run.underline,
          space,
        };
        if (space) {
          if (current.length > 0) current.push(piece);
          continue;
        }
        if (piece.width > fullWidth) {
          // A word longer than any line (a URL, a long number): cut it by characters.
          for (const chunk of splitLongWord(token, font, size, fullWidth)) {
            const chunkWidth = font.widthOfTextAtSize(chunk, size);
            if (current.length > 0 && widthOf() + chunkWidth > maxWidth) flush(false);
            current.push({ ...piece, text: chunk, width: chunkWidth });
          }
        } else if (current.length === 0 || widthOf() + piece.width <= maxWidth) {
          current.push(piece);
        } else {
          flush(false);
          current.push(piece);
        }
      }
    });
  }
  flush(true);
  return lines;
}

function splitLongWord(word: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const chunks: string[] = [];
  let chunk = '';
  for (const char of word) {
    if (chunk !== '' && font.widthOfTextAtSize(chunk + char, size) > maxWidth) {
      chunks.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk !== '') chunks.push(chunk);
  return chunks;
}

export type Align = 'left' | 'justify' | 'center' | 'right';

/** Draws one line with its baseline at `y`. */
export function drawLine(
  page: PDFPage,
  line: Line,
  x: number,
  y: number,
  size: number,
  maxWidth: number,
  align: Align,
): void {
  const spaces = line.pieces.filter((p) => p.space).length;
  let extra = 0;
  let start = x;
  if (align === 'justify' && !line.last && spaces > 0) extra = (maxWidth - line.width) / spaces;
  else if (align === 'center') start = x + (maxWidth - line.width) / 2;
  else if (align === 'right') start = x + maxWidth - line.width;
  let cursor = start;
  for (const piece of line.pieces) {
    if (!piece.space) {
      page.drawText(piece.text, { x: cursor, y, size, font: piece.font });
    }
    const advance = piece.width + (piece.space ? extra : 0);
    if (piece.underline) {
      page.drawLine({
        start: { x: cursor, y: y - 1.5 },
        end: { x: cursor + advance, y: y - 1.5 },
        thickness: 0.6,
      });
    }
    cursor += advance;
  }
}
