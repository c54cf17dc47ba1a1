import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import Tesseract from 'tesseract.js';
import { OCR_DPI } from './document.ts';

const require = createRequire(import.meta.url);
export const OCR_LANGUAGES = 'ind+eng';

export interface OcrWord {
  t: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** 0–100 */
  c: number;
}

export interface OcrResult {
  text: string;
  confidence: number;
  words: OcrWord[];
}

/** Which of the two builds that @tesseract.js-data/{ind,eng} ship: `4.0.0_best_int`, the
 * LSTM network alone. The package's default `4.0.0` carries the same network (an integer
 * conversion of tessdata_best, 950 kB for ind) plus the legacy engine's data, which the
 * LSTM-only engine never uses but every pool worker would unpack into its memory (31 MB
 * instead of 7 MB for ind+eng). Same text on the sample scans (bench/ocr.ts), faster start. */
export const MODEL_BUILD = '4.0.0_best_int';

/** Where one language's traineddata.gz sits inside its installed npm package. */
export function packagedModel(code: string): string {
  const { langPath } = require(`@tesseract.js-data/${code}`) as { langPath: string };
  return path.join(path.dirname(langPath), MODEL_BUILD, `${code}.traineddata.gz`);
}

/**
 * The traineddata of @tesseract.js-data/{ind,eng} (installed packages), gathered into one
 * local folder because tesseract.js reads every language from one langPath. With a local
 * langPath and cacheMethod 'none' nothing is fetched and nothing is written elsewhere.
 */
export function languageDir(): string {
  const dir = path.join(os.tmpdir(), `lontar-tessdata-${MODEL_BUILD}-${process.getuid?.() ?? 0}`);
  mkdirSync(dir, { recursive: true });
  for (const code of OCR_LANGUAGES.split('+')) {
    const target = path.join(dir, `${code}.traineddata.gz`);
    if (existsSync(target)) continue;
    const partial = `${target}.${process.pid}.tmp`;
    copyFileSync(packagedModel(code), partial);
    renameSync(partial, target);
  }
  return dir;
}

/** Tesseract's settings for every page (the native comparison in bench/ passes the same). */
export const OCR_PARAMETERS = {
  user_defined_dpi: String(OCR_DPI),
  preserve_interword_spaces: '1',
  // Letters are dark text on light paper: trying every doubtful line again inverted
  // (tesseract's default) costs about 5 % and found nothing on the sample scans.
  tessedit_do_invert: '0',
} as const;

/** A pool of tesseract.js workers (WASM, one thread each) behind one queue. */
export class TesseractPool {
  readonly size: number;
  private readonly scheduler: Tesseract.Scheduler;

  private constructor(scheduler: Tesseract.Scheduler, size: number) {
    this.scheduler = scheduler;
    this.size = size;
  }

  static async create(size: number, langPath = languageDir()): Promise<TesseractPool> {
    const scheduler = Tesseract.createScheduler();
    const workers = await Promise.all(
      Array.from({ length: size }, () =>
        Tesseract.createWorker(OCR_LANGUAGES, Tesseract.OEM.LSTM_ONLY, {
          langPath,
          gzip: true,
          cacheMethod: 'none',
          logger: () => undefined,
        }),
      ),
    );
    for (const worker of workers) {
      await worker.setParameters(OCR_PARAMETERS);
      scheduler.addWorker(worker);
    }
    return new TesseractPool(scheduler, size);
  }

  async recognize(image: Buffer): Promise<OcrResult> {
    const result = await this.scheduler.addJob(
      'recognize',
      image,
      {},
      { text: true, blocks: true },
    );
    const words: OcrWord[] = [];
    for (const block of result.data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          for (const word of line.words) {
            if (!word.text.trim()) continue;
            const { x0, y0, x1, y1 } = word.bbox;
            words.push({ t: word.text, x0, y0, x1, y1, c: Math.round(word.confidence) });
          }
        }
      }
    }
    return {
      text: result.data.text.replace(/\n{3,}/g, '\n\n').trim(),
      confidence: Math.round(result.data.confidence),
      words,
    };
  }

  async terminate(): Promise<void> {
    await this.scheduler.terminate();
  }
}
