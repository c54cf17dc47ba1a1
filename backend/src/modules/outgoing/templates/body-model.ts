import { z } from 'zod';

/**
 * The rich-text body of a letter: a small block model that both the editor in the browser
 * and the PDF renderer understand. Deliberately small (what a naskah dinas needs and no
 * more): paragraphs, numbered/lettered/bullet lists, tables, with bold/italic/underline
 * runs. Lists hold items and tables hold rows of cells as objects, never arrays directly
 * inside arrays, because FerretDB cannot store nested arrays.
 */
export const runSchema = z.object({
  text: z.string().max(5000),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  underline: z.boolean().optional(),
});

const runsSchema = z.array(runSchema).max(500);

export const paragraphBlockSchema = z.object({
  type: z.literal('paragraph'),
  runs: runsSchema,
  align: z.enum(['left', 'justify', 'center', 'right']).optional(),
  /** First-line indent, as official letters often start their paragraphs. */
  indent: z.boolean().optional(),
});

export const listBlockSchema = z.object({
  type: z.literal('list'),
  style: z.enum(['numbered', 'lettered', 'bullet']),
  items: z
    .array(z.object({ runs: runsSchema }))
    .min(1)
    .max(200),
});

export const tableBlockSchema = z.object({
  type: z.literal('table'),
  /** The first row is printed as a bold header row. */
  header: z.boolean().optional(),
  /** Borders around cells; off for "Hari/tanggal : ..." layout tables in invitations. */
  borders: z.boolean().optional(),
  rows: z
    .array(
      z.object({
        cells: z
          .array(z.object({ runs: runsSchema }))
          .min(1)
          .max(8),
      }),
    )
    .min(1)
    .max(200),
});

export const blockSchema = z.discriminatedUnion('type', [
  paragraphBlockSchema,
  listBlockSchema,
  tableBlockSchema,
]);

export const bodySchema = z.array(blockSchema).max(400);

export type Run = z.infer<typeof runSchema>;
export type Block = z.infer<typeof blockSchema>;
export type Body = z.infer<typeof bodySchema>;
export type ParagraphBlock = z.infer<typeof paragraphBlockSchema>;
export type ListBlock = z.infer<typeof listBlockSchema>;
export type TableBlock = z.infer<typeof tableBlockSchema>;

/** Plain text of runs, for search, versions comparison and emptiness checks. */
export function runsText(runs: Run[]): string {
  return runs.map((run) => run.text).join('');
}

/** The body as plain text, one line per paragraph, list item or table row. */
export function bodyText(body: Body): string {
  const lines: string[] = [];
  for (const block of body) {
    if (block.type === 'paragraph') lines.push(runsText(block.runs));
    else if (block.type === 'list')
      block.items.forEach((item, i) =>
        lines.push(`${listMarker(block.style, i)} ${runsText(item.runs)}`),
      );
    else
      for (const row of block.rows)
        lines.push(row.cells.map((cell) => runsText(cell.runs)).join(' | '));
  }
  return lines.join('\n');
}

export function isBodyEmpty(body: Body): boolean {
  return bodyText(body).trim() === '';
}

export function listMarker(style: ListBlock['style'], index: number): string {
  if (style === 'bullet') return '•';
  if (style === 'lettered') return `${letterFor(index)}.`;
  return `${index + 1}.`;
}

function letterFor(index: number): string {
  // a..z, then aa, ab, ... as drafters do for very long lists.
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}
