// OCR benchmark: pages per minute of our tesseract.js pool (all cores) against the native
// tesseract CLI on the same pages and core count, character error rate (CER) of both against
// the ground truth, the multi-page PDF/TIFF inputs, and the registration prefill hit rate.
// The native CLI is given like for like what the pool is given (bench/native-tesseract.ts:
// same traineddata, same 200-dpi PGM, same settings); native as Debian installs it (its
// tessdata_fast models on the original JPEG) is measured too, as a reference.
// Not a test: prints figures and writes bench/results/ocr.json. Needs the sample scans in
// ../shared/samples/scans (or SAMPLES_DIR); skips cleanly without them.
import { execFile, execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDocument } from '../backend/src/modules/ocr/document.ts';
import { DEFAULT_LIMITS } from '../backend/src/modules/ocr/limits.ts';
import { suggestFromText, type PrefillSuggestions } from '../backend/src/modules/ocr/prefill.ts';
import { TesseractPool } from '../backend/src/modules/ocr/tesseract-pool.ts';
import {
  cer,
  NATIVE_COMMANDS,
  nativeArgs,
  packagedTessdata,
  writeOcrImage,
  type NativeKind,
} from './native-tesseract.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..');
const samples =
  process.env.SAMPLES_DIR ?? path.resolve(repoRoot, '..', 'shared', 'samples', 'scans');
if (!existsSync(samples)) {
  console.log(`OCR benchmark skipped: no sample scans at ${samples} (set SAMPLES_DIR).`);
  process.exit(0);
}
const cores = Number(process.env.BENCH_CORES ?? os.availableParallelism());
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const pages = readdirSync(samples)
  .filter((f) => /^letter-.*\.jpg$/.test(f))
  .sort();
const truthOf = (file: string) =>
  readFileSync(path.join(samples, file.replace(/\.(jpg|pdf|tiff)$/, '.txt')), 'utf8');

async function pool<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

const nativeAvailable = (() => {
  try {
    const langs = execFileSync('tesseract', ['--list-langs'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
    if (!/\bind\b/.test(langs)) throw new Error('no ind');
    return execFileSync('tesseract', ['--version']).toString().split('\n')[0];
  } catch {
    console.log(
      'native tesseract with Indonesian is missing: apt-get install -y tesseract-ocr tesseract-ocr-ind (skipping the comparison)',
    );
    return null;
  }
})();

const work = Array.from({ length: rounds }, () => pages).flat();
console.log(
  `${pages.length} sample pages × ${rounds} rounds = ${work.length} pages on ${cores} cores (${os.cpus()[0]?.model}); load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

// tesseract.js: the same path as the worker (sharp preparation + pool), one page per core at once.
let started = performance.now();
const engine = await TesseractPool.create(cores);
const initMs = performance.now() - started;
const jsText = new Map<string, string>();
started = performance.now();
await pool(work, cores, async (file) => {
  const document = await openDocument(readFileSync(path.join(samples, file)), DEFAULT_LIMITS);
  const page = await document.page(0);
  if (page.kind !== 'image') throw new Error('expected an image page');
  jsText.set(file, (await engine.recognize(page.ocrImage)).text);
});
const jsMs = performance.now() - started;
// Printed at once: on a busy machine the remaining phases take long.
console.log(
  `tesseract.js pool done: ${work.length} pages in ${(jsMs / 1000).toFixed(1)} s (pool start ${(initMs / 1000).toFixed(1)} s)`,
);

// The multi-page inputs through the same pipeline (PDF with JPEG pages; bilevel G4 TIFF).
const multi: Record<string, { pages: number; cer: number; ms: number }> = {};
for (const file of ['multipage-1.pdf', 'multipage-1.tiff']) {
  if (!existsSync(path.join(samples, file))) continue;
  const t0 = performance.now();
  const document = await openDocument(readFileSync(path.join(samples, file)), DEFAULT_LIMITS);
  const texts: string[] = [];
  for (let i = 0; i < document.pageCount; i++) {
    const page = await document.page(i);
    texts.push(page.kind === 'text' ? page.text : (await engine.recognize(page.ocrImage)).text);
  }
  document.close();
  const parts = file.endsWith('.pdf')
    ? ['letter-1-08.txt', 'letter-1-09.txt']
    : ['letter-1-06.txt', 'letter-1-07.txt'];
  const truth = parts.map((p) => readFileSync(path.join(samples, p), 'utf8')).join('\n');
  multi[file] = {
    pages: document.pageCount,
    cer: cer(texts.join('\n'), truth),
    ms: performance.now() - t0,
  };
}
await engine.terminate();

// Native tesseract: one single-threaded process per core (OMP_THREAD_LIMIT=1), same pages,
// like for like, then as Debian installs it.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'lontar-ocr-bench-'));
const tessdata = packagedTessdata(scratch);
const images = new Map<string, string>();
for (const file of pages)
  images.set(
    file,
    await writeOcrImage(
      readFileSync(path.join(samples, file)),
      path.join(scratch, file.replace('.jpg', '.pgm')),
    ),
  );
async function nativeRun(kind: NativeKind) {
  const texts = new Map<string, string>();
  const started = performance.now();
  await pool(work, cores, async (file) => {
    const out = path.join(scratch, `${kind}-${file}`);
    const { stdout } = await run(
      'tesseract',
      nativeArgs(
        kind,
        { original: path.join(samples, file), ocrImage: images.get(file)! },
        tessdata,
        out,
      ),
      { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 16 * 1024 * 1024 },
    );
    texts.set(file, kind === 'debian' ? stdout : readFileSync(`${out}.txt`, 'utf8'));
  });
  return { ms: performance.now() - started, texts };
}
const nativeSame = nativeAvailable ? await nativeRun('same') : null;
const nativeDebian = nativeAvailable ? await nativeRun('debian') : null;
rmSync(scratch, { recursive: true, force: true });

const meanCer = (texts: Map<string, string>) =>
  pages.reduce((sum, file) => sum + cer(texts.get(file) ?? '', truthOf(file)), 0) / pages.length;
const perMinute = (ms: number) => (work.length / ms) * 60_000;
const js = { pagesPerMinute: perMinute(jsMs), cer: meanCer(jsText), initMs };
const native =
  nativeAvailable && nativeSame && nativeDebian
    ? {
        version: nativeAvailable,
        command: NATIVE_COMMANDS.same,
        pagesPerMinute: perMinute(nativeSame.ms),
        cer: meanCer(nativeSame.texts),
        debian: {
          command: NATIVE_COMMANDS.debian,
          pagesPerMinute: perMinute(nativeDebian.ms),
          cer: meanCer(nativeDebian.texts),
        },
      }
    : null;
const pct = (value: number) => `${(value * 100).toFixed(2)} %`;
console.log(
  `tesseract.js pool: ${js.pagesPerMinute.toFixed(1)} pages/min, CER ${pct(js.cer)} (pool start ${(initMs / 1000).toFixed(1)} s)`,
);
if (native) {
  console.log(
    `native ${native.version}, like for like: ${native.pagesPerMinute.toFixed(1)} pages/min, CER ${pct(native.cer)}`,
  );
  console.log(
    `ratio: ${(js.pagesPerMinute / native.pagesPerMinute).toFixed(2)}× native throughput; CER difference ${((js.cer - native.cer) * 100).toFixed(2)} points`,
  );
  console.log(
    `native as Debian installs it (reference): ${native.debian.pagesPerMinute.toFixed(1)} pages/min (${(js.pagesPerMinute / native.debian.pagesPerMinute).toFixed(2)}×), CER ${pct(native.debian.cer)}`,
  );
}
for (const [file, figures] of Object.entries(multi))
  console.log(
    `${file}: ${figures.pages} pages, CER ${pct(figures.cer)}, ${(figures.ms / 1000).toFixed(1)} s`,
  );

// Prefill: exact match per field against what a clerk registered (.json).
const fields = ['letterNumber', 'letterDate', 'subject', 'senderName'] as const;
const prefill: Record<string, number> = Object.fromEntries(fields.map((f) => [f, 0]));
const misses: string[] = [];
for (const file of pages) {
  const truth = JSON.parse(
    readFileSync(path.join(samples, file.replace('.jpg', '.json')), 'utf8'),
  ) as Record<string, string>;
  const suggested: PrefillSuggestions = suggestFromText(jsText.get(file) ?? '');
  for (const field of fields) {
    if (suggested[field] === truth[field]) prefill[field]!++;
    else
      misses.push(
        `${file} ${field}: ${JSON.stringify(suggested[field])} ≠ ${JSON.stringify(truth[field])}`,
      );
  }
}
console.log(
  `prefill exact match over ${pages.length} letters: ${fields.map((f) => `${f} ${prefill[f]}/${pages.length}`).join(', ')}`,
);
for (const miss of misses) console.log(`  miss ${miss}`);

const resultsDir = path.join(import.meta.dirname, 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  path.join(resultsDir, 'ocr.json'),
  JSON.stringify(
    {
      cores,
      rounds,
      pages: work.length,
      js,
      native,
      multi,
      prefill,
      misses,
      loadavg: os.loadavg(),
      cpu: os.cpus()[0]?.model,
    },
    null,
    2,
  ),
);
