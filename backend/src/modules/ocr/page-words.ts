import type { Services } from '../../services.ts';
import type { StoredFile } from '../files/file.model.ts';
import type { ParsedQuery } from '../search/analysis.ts';
import { matchesText, parseSearchQuery } from '../search/match.ts';
import { OcrPageModel, type OcrPage } from './ocr-page.model.ts';

/** A found word's place on the page, as fractions of the page's width and height (top left
 * origin), so the viewer can draw it over the page image at any size or zoom. */
export interface HitBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PageHits {
  page: number;
  /** Words of the page the query matches. */
  count: number;
  /** False when the page's text matches but no word boxes are stored for it (pages read
   * before boxes were kept, or a reviewer's correction that added the word). */
  located: boolean;
  boxes: HitBox[];
}

export interface FileHits {
  /** Whether the file has any read text at all (OCR finished, or a text layer). */
  read: boolean;
  /** The pages where the query matches, in page order. */
  pages: PageHits[];
}

const WORD = /[\p{L}\p{N}]+/gu;

const fraction = (value: number, size: number) =>
  Math.round(Math.min(1, Math.max(0, value / size)) * 10_000) / 10_000;

function pageHits(page: OcrPage, highlight: ParsedQuery['highlight']) {
  const width = page.width || 1;
  const height = page.height || 1;
  const boxes: HitBox[] = [];
  for (const word of page.words ?? []) {
    // A box's text keeps its punctuation ("Kearsipan,"): any of its parts may match.
    if (!matchesText(word.t, highlight)) continue;
    const x0 = Math.min(word.x0 ?? 0, word.x1 ?? 0);
    const y0 = Math.min(word.y0 ?? 0, word.y1 ?? 0);
    const x1 = Math.max(word.x0 ?? 0, word.x1 ?? 0);
    const y1 = Math.max(word.y0 ?? 0, word.y1 ?? 0);
    const x = fraction(x0, width);
    const y = fraction(y0, height);
    boxes.push({ x, y, w: fraction(x1, width) - x, h: fraction(y1, height) - y });
  }
  if (boxes.length > 0) return { page: page.page, count: boxes.length, located: true, boxes };
  // No box matched: the words may still be in the page's text (no boxes stored, or a
  // correction); say so, without a place to point at.
  let count = 0;
  for (const match of page.text.matchAll(WORD)) if (matchesText(match[0], highlight)) count++;
  return count > 0 ? { page: page.page, count, located: false, boxes } : null;
}

/**
 * Where the words of a search query are on the pages of a file: the query is parsed by the
 * search module as it parses a search (search/match.ts: folding, stopwords, stems, OCR
 * confusions, prefixes expanded to the index's stems) and every stored word box the search
 * snippet would mark is returned. One equality read of the file's pages (index
 * { fileId, page }); a file has at most 300.
 */
export async function findWordsInFile(
  services: Services,
  file: StoredFile,
  query: string,
): Promise<FileHits> {
  const [pages, { clauses, highlight }] = await Promise.all([
    OcrPageModel.find({ fileId: file._id }).lean<OcrPage[]>(),
    parseSearchQuery(services, query),
  ]);
  if (clauses.length === 0) return { read: pages.length > 0, pages: [] };
  const hits = pages
    .sort((a, b) => a.page - b.page)
    .map((page) => pageHits(page, highlight))
    .filter((hit): hit is PageHits => hit !== null);
  return { read: pages.length > 0, pages: hits };
}
