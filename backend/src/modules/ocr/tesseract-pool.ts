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

/**
 * The traineddata of @tesseract.js-data/{ind,eng} (installed packages), gathered into one
 * local folder because tesseract.js reads every language from one langPath. With a local
 * langPath and cacheMethod 'none' nothing is fetched and nothing is written elsewhere.
 */
export function languageDir(): string {
  const dir = path.join(os.tmpdir(), `lontar-tessdata-${process.getuid?.() ?? 0}`);
  mkdirSync(dir, { recursive: true });
  for (const code of OCR_LANGUAGES.split('+')) {
    const target = path.join(dir, `${code}.traineddata.gz`);
    if (existsSync(target)) continue;
    const source = path.join(
      (require(`@tesseract.js-data/${code}`) as { langPath: string }).langPath,
      `${code}.traineddata.gz`,
    );
    const partial = `${target}.${process.pid}.tmp`;
    copyFileSync(source, partial);
    renameSync(partial, target);
  }
  return dir;
}

/** A pool of tesseract.js workers (WASM, one thread each) behind one queue. */
export class TesseractPool {
  readonly size: number;
  private readonly scheduler: Tesseract.Scheduler;

  private constructor(scheduler: Tesseract.Scheduler, size: number) {
    this.scheduler = scheduler;
    this.size = size;
  }

  static async create(size: number): Promise<TesseractPool> {
    const langPath = languageDir();
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
      await worker.setParameters({
        user_defined_dpi: String(OCR_DPI),
        preserve_interword_spaces: '1',
        // Letters are dark text on light paper: trying every doubtful line again inverted
        // (tesseract's default) costs about 5 % and found nothing on the sample scans.
        tessedit_do_invert: '0',
      });
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
