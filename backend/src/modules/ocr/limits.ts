/** Bounds on what one file may cost to process (decompression bombs, absurd page counts). */
export interface OcrLimits {
  maxPages: number;
  /** Pixels of one page as decoded (images) or rendered at OCR_DPI (PDF; document.ts). */
  maxPagePixels: number;
}

export const DEFAULT_LIMITS: OcrLimits = {
  maxPages: 300,
  // About A2 at 300 dpi; a scanned A4 page is 8,7 million.
  maxPagePixels: 60_000_000,
};

/** Bad input: retrying will not help, so the job is parked at once with this message
 * (Bahasa Indonesia, shown to users). */
export class OcrInputError extends Error {
  override readonly name = 'OcrInputError';
}

export const formatNumber = (value: number) =>
  new Intl.NumberFormat('id-ID').format(Math.round(value));
