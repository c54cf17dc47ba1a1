// The native `tesseract` CLI, given like for like what our tesseract.js pool is given (the
// OCR benches: ocr.ts, ocr-pipeline.ts). Comparing engines honestly means the same
// traineddata (the @tesseract.js-data files the pool loads, unpacked into a tessdata
// folder), the same image (the worker's 200-dpi greyscale PGM, made by the same
// openDocument), the same engine mode and settings (LSTM only, OCR_PARAMETERS, automatic page
// segmentation) and the same outputs (text and word boxes, `txt tsv`: the pool yields text
// and word blocks from its one pass). Native "as Debian installs it" (its tessdata_fast
// models, the original 300-dpi JPEG, text only) is a reference: it compares models, not
// engines.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { OCR_DPI, openDocument } from '../backend/src/modules/ocr/document.ts';
import { DEFAULT_LIMITS } from '../backend/src/modules/ocr/limits.ts';
import {
  MODEL_BUILD,
  OCR_LANGUAGES,
  OCR_PARAMETERS,
  packagedModel,
} from '../backend/src/modules/ocr/tesseract-pool.ts';

export type NativeKind = 'same' | 'debian';

export const NATIVE_COMMANDS: Record<NativeKind, string> = {
  same: `tesseract --tessdata-dir <@tesseract.js-data ${MODEL_BUILD}> <worker's ${OCR_DPI}-dpi PGM> <out> -l ${OCR_LANGUAGES} --oem 1 --psm 3 --dpi ${OCR_DPI} -c preserve_interword_spaces=1 -c tessedit_do_invert=0 txt tsv`,
  debian: `tesseract <original file> - -l ${OCR_LANGUAGES} (Debian's tessdata_fast models)`,
};

/** Edit distance / reference length, whitespace collapsed (as the samples' README measures). */
export function cer(hypothesis: string, reference: string): number {
  const a = hypothesis.replace(/\s+/g, ' ').trim();
  const b = reference.replace(/\s+/g, ' ').trim();
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]! / Math.max(1, b.length);
}

/** Writes the image the worker would hand tesseract.js for a one-page scan; returns its path. */
export async function writeOcrImage(bytes: Buffer, file: string): Promise<string> {
  const document = await openDocument(bytes, DEFAULT_LIMITS);
  const source = await document.page(0);
  document.close();
  if (source.kind !== 'image') throw new Error(`${file}: not an image page`);
  writeFileSync(file, source.ocrImage);
  return file;
}

/** A tessdata folder holding exactly the models the pool loads (the npm packages' files). */
export function packagedTessdata(dir: string): string {
  const tessdata = path.join(dir, 'tessdata');
  mkdirSync(tessdata, { recursive: true });
  for (const code of OCR_LANGUAGES.split('+'))
    writeFileSync(
      path.join(tessdata, `${code}.traineddata`),
      gunzipSync(readFileSync(packagedModel(code))),
    );
  return tessdata;
}

/** Arguments for one page. `out` is the output base for the like-for-like run (its text is
 * `${out}.txt`); the Debian run prints its text. */
export function nativeArgs(
  kind: NativeKind,
  page: { original: string; ocrImage: string },
  tessdata: string,
  out: string,
): string[] {
  if (kind === 'debian') return [page.original, '-', '-l', OCR_LANGUAGES];
  const { user_defined_dpi: dpi, ...settings } = OCR_PARAMETERS;
  return [
    '--tessdata-dir',
    tessdata,
    page.ocrImage,
    out,
    '-l',
    OCR_LANGUAGES,
    '--oem',
    '1',
    '--psm',
    '3',
    '--dpi',
    dpi,
    ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    'txt',
    'tsv',
  ];
}
