// OCR pipeline benchmark (not a test): the whole path a scan takes, upload to searchable,
// against the native `tesseract` CLI on the same pages and core count, in one run.
//
// Starts the real system (FerretDB + s3rver + the API and one OCR worker as separate
// processes, backend/test/system.ts), registers BENCH_BACKGROUND letters with a small scan
// each (a secretariat that is not empty; their OCR finishes before timing starts), then per
// page set: registers one letter per one-page scan (BENCH_UPLOAD_CONCURRENCY at once), polls
// `GET /api/files/:id/ocr` until each file is done, and searches words only its page holds
// until the search finds the letter through that file. The pipeline time runs from the first
// upload to the last file found by search. Then the native CLI reads the same pages, one
// single-threaded process per core (as bench/ocr.ts), and the ratio is printed:
// native time / pipeline time (1 = as fast as native; the target is ≥ 0.8).
//
// Like for like (bench/native-tesseract.ts): the native CLI is given what tesseract.js is
// given, the same traineddata, the same 200-dpi PGM, the same settings and outputs. Native
// as Debian installs it (its smaller tessdata_fast models, the original JPEG) is measured
// too and reported beside it as a reference, not as the target's denominator: that
// compares models, not engines. Character error rate against each page's text (the
// samples' .txt, a generated page's own text) is recorded for the pipeline and both runs.
//
// Page sets: the sample scans (../shared/samples/scans/letter-*.jpg or SAMPLES_DIR; skipped
// cleanly when absent) and BENCH_GENERATED generated A4 pages (bench/corpus.ts text rendered
// at 300 dpi, greyscale JPEG). The worker logs its per-stage timings at debug level; the
// bench sums them per stage. Writes bench/results/ocr-pipeline.json.
//
// Usage: pnpm --filter @lontar/bench run ocr-pipeline
//   BENCH_CORES (default: all), BENCH_BACKGROUND (150), BENCH_GENERATED (10),
//   BENCH_ROUNDS (1: times each set is uploaded again as new letters),
//   PIPELINE_ENGINE=postgresql (FerretDB on a throwaway PostgreSQL via bench/load/postgres.ts;
//   otherwise the default embedded stack), PIPELINE_SETS=samples,generated.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDocument } from '../backend/src/modules/ocr/document.ts';
import { DEFAULT_LIMITS } from '../backend/src/modules/ocr/limits.ts';
import { TesseractPool } from '../backend/src/modules/ocr/tesseract-pool.ts';
import {
  cer,
  NATIVE_COMMANDS,
  nativeArgs,
  packagedTessdata,
  writeOcrImage,
} from './native-tesseract.ts';
import { Client, letterForm, startSystem } from '../backend/test/system.ts';
import { generateLetter, rng } from '../backend/src/modules/seed/corpus.ts';
import { startPostgresFerret, type PostgresFerret } from './load/postgres.ts';

const backendRequire = createRequire(new URL('../backend/package.json', import.meta.url));
const sharp = backendRequire('sharp') as typeof import('sharp');
const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..');
const log = (line: string) => console.log(`[ocr-pipeline] ${line}`);

const CORES = Number(process.env.BENCH_CORES ?? os.availableParallelism());
const BACKGROUND = Number(process.env.BENCH_BACKGROUND ?? 150);
const GENERATED = Number(process.env.BENCH_GENERATED ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const UPLOADS_AT_ONCE = Number(process.env.BENCH_UPLOAD_CONCURRENCY ?? 2);
const SETS = (process.env.PIPELINE_SETS ?? 'samples,generated').split(',');
const samplesDir =
  process.env.SAMPLES_DIR ?? path.resolve(repoRoot, '..', 'shared', 'samples', 'scans');

interface Page {
  name: string;
  bytes: Buffer;
  path: string;
  /** The image tesseract.js reads for this page (the worker's PGM), for the native CLI. */
  ocrPath: string;
  /** The page's text, for the character error rate. */
  truth: string;
  /** Registration metadata (the clerk's form). */
  data: Record<string, unknown>;
}

interface FileTiming {
  page: string;
  uploadMs: number;
  doneMs: number;
  searchableMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds (user + system, exited children included) of this bench's process tree minus
 * itself, plus any process whose command line names `marker` (the PostgreSQL postmaster,
 * which pg_ctl detaches) and its tree. On a machine others are using, wall-clock ratios
 * swing with their load; CPU seconds spent per page do not. */
function systemCpuSeconds(marker: string): Record<string, number> {
  const ticks = 100; // USER_HZ on Linux
  const procs = new Map<number, { ppid: number; cpu: number; cmd: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cpu = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      procs.set(Number(entry), { ppid: Number(fields[1]), cpu, cmd });
    } catch {
      // exited meanwhile
    }
  }
  const roots = new Set<number>([process.pid]);
  for (const [pid, info] of procs) if (marker && info.cmd.includes(marker)) roots.add(pid);
  const byProcess: Record<string, number> = { total: 0 };
  const kinds: Array<[string, string]> = [
    ['server.ts', 'api'],
    ['worker.ts', 'worker'],
    ['ferretdb', 'ferretdb'],
    ['s3-server', 's3rver'],
    ['postgres', 'postgresql'],
  ];
  for (const [pid, info] of procs) {
    if (pid === process.pid) continue;
    for (let at: number | undefined = pid; at !== undefined && at > 1; at = procs.get(at)?.ppid) {
      if (!roots.has(at)) continue;
      // PostgreSQL backends retitle themselves; they are children of the postmaster.
      const owner = procs.get(at) === undefined || at === process.pid ? info : procs.get(at)!;
      const kind =
        kinds.find(([needle]) => info.cmd.includes(needle))?.[1] ??
        kinds.find(([needle]) => owner.cmd.includes(needle))?.[1] ??
        'other';
      byProcess[kind] = (byProcess[kind] ?? 0) + info.cpu / ticks;
      byProcess.total! += info.cpu / ticks;
      break;
    }
  }
  return byProcess;
}

function cpuDelta(after: Record<string, number>, before: Record<string, number>) {
  return Object.fromEntries(
    Object.entries(after).map(([kind, seconds]) => [kind, seconds - (before[kind] ?? 0)]),
  );
}

/** CPU seconds of this process's exited (waited-for) children: the native runs. */
function childrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** Debian's tesseract with Indonesian, installed here if missing (the bench only). */
function nativeTesseract(): string | null {
  const probe = () => {
    const langs = execFileSync('tesseract', ['--list-langs'], { stdio: 'pipe' }).toString();
    if (!/\bind\b/.test(langs) || !/\beng\b/.test(langs)) throw new Error('languages missing');
    return execFileSync('tesseract', ['--version']).toString().split('\n')[0]!;
  };
  try {
    return probe();
  } catch {
    if (process.getuid?.() !== 0) {
      log('native tesseract missing: apt-get install -y tesseract-ocr tesseract-ocr-ind');
      return null;
    }
    log('installing tesseract-ocr and tesseract-ocr-ind with apt-get');
    try {
      execFileSync('apt-get', ['install', '-y', '-q', 'tesseract-ocr', 'tesseract-ocr-ind'], {
        stdio: 'ignore',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
      return probe();
    } catch {
      log('native tesseract could not be installed; the comparison is skipped');
      return null;
    }
  }
}

function samplePages(): Page[] {
  if (!existsSync(samplesDir)) {
    log(`sample scans skipped: none at ${samplesDir} (set SAMPLES_DIR)`);
    return [];
  }
  return readdirSync(samplesDir)
    .filter((f) => /^letter-.*\.jpg$/.test(f))
    .sort()
    .map((name) => {
      const file = path.join(samplesDir, name);
      const truth = JSON.parse(readFileSync(file.replace(/\.jpg$/, '.json'), 'utf8')) as Record<
        string,
        string
      >;
      return {
        name,
        path: file,
        ocrPath: '',
        truth: readFileSync(file.replace(/\.jpg$/, '.txt'), 'utf8'),
        bytes: readFileSync(file),
        data: {
          senderName: truth.senderName,
          letterNumber: truth.letterNumber,
          letterDate: truth.letterDate,
          subject: truth.subject,
          classificationCode: truth.classificationHint ?? '000',
          securityClass: 'B',
          urgency: 'biasa',
          confirmDuplicate: true,
        },
      };
    });
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An A4 page at 300 dpi (2480 × 3508), 11 pt text, greyscale JPEG with its density set. */
async function renderA4(text: string): Promise<Buffer> {
  const width = 2480;
  const height = 3508;
  const size = 46;
  const lines = text.split('\n').flatMap((line) => wrap(line, 88));
  const svgLines = lines
    .map(
      (line, i) =>
        `<text x="240" y="${300 + i * size * 1.45}" font-family="DejaVu Sans" font-size="${size}" fill="#111">${escapeXml(line)}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${svgLines}</svg>`;
  return sharp(Buffer.from(svg), { density: 72 })
    .greyscale()
    .jpeg({ quality: 85 })
    .withMetadata({ density: 300 })
    .toBuffer();
}

function wrap(line: string, columns: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + word.length + 1 > columns) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  return out;
}

async function generatedPages(count: number, dir: string): Promise<Page[]> {
  const random = rng(2026);
  const pages: Page[] = [];
  for (let i = 0; i < count; i++) {
    const letter = generateLetter(i, random);
    const bytes = await renderA4(letter.pages[0]!);
    const name = `generated-${String(i).padStart(2, '0')}.jpg`;
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    pages.push({
      name,
      path: file,
      ocrPath: '',
      truth: letter.pages[0]!,
      bytes,
      data: registrationOf(letter),
    });
  }
  return pages;
}

/** Writes each page's OCR image, as the worker makes it, beside the generated pages. */
async function writeOcrImages(pages: Page[], dir: string): Promise<void> {
  for (const page of pages)
    page.ocrPath = await writeOcrImage(
      page.bytes,
      path.join(dir, page.name.replace(/\.\w+$/, '.pgm')),
    );
}

/** Words (6+ letters) that only this page's text holds among the set, for a search that can
 * only find the letter through its OCR text. */
function distinctiveQuery(text: string, others: string[], metadata: string): string {
  const wordsOf = (t: string) => new Set(t.toLowerCase().match(/\p{L}{6,}/gu) ?? []);
  const taken = new Set([...others.flatMap((t) => [...wordsOf(t)]), ...wordsOf(metadata)]);
  const own = [...wordsOf(text)].filter((w) => !taken.has(w));
  const chosen = own.length > 0 ? own.slice(0, 3) : [...wordsOf(text)].slice(0, 3);
  return chosen.join(' ');
}

const engine = process.env.PIPELINE_ENGINE === 'postgresql' ? 'postgresql' : 'default';
let postgres: PostgresFerret | undefined;
if (engine === 'postgresql') {
  if (!process.env.FERRETDB_BIN)
    throw new Error('FERRETDB_BIN is not set (source infra/bootstrap.sh)');
  postgres = await startPostgresFerret(process.env.FERRETDB_BIN);
  process.env.MONGODB_URI = postgres.uri;
}

const native = nativeTesseract();
const generatedDir = mkdtempSync(path.join(os.tmpdir(), 'lontar-ocr-pipeline-'));
const sets: Array<{ name: string; pages: Page[] }> = [];
if (SETS.includes('samples')) {
  const pages = samplePages();
  if (pages.length > 0) sets.push({ name: 'samples', pages });
}
if (SETS.includes('generated') && GENERATED > 0)
  sets.push({ name: 'generated', pages: await generatedPages(GENERATED, generatedDir) });
for (const set of sets) await writeOcrImages(set.pages, generatedDir);
const nativeTessdata = packagedTessdata(generatedDir);
const nativeOut = path.join(generatedDir, 'native-out');
mkdirSync(nativeOut, { recursive: true });

const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot }).toString().trim();
const dirty = execFileSync('git', ['status', '--porcelain', '--', 'backend/src'], {
  cwd: repoRoot,
})
  .toString()
  .trim();
log(
  `${os.cpus()[0]?.model}, ${CORES} cores, commit ${commit.slice(0, 10)}${dirty ? ' (backend/src has uncommitted changes)' : ''}; load average ${loadAverage()}`,
);

const system = await startSystem({ LOG_LEVEL: 'info' });
const results: Record<string, unknown>[] = [];
try {
  const api = await system.startApi('api');
  const worker = system.startWorker('worker', {
    OCR_WORKERS: String(CORES),
    LOG_LEVEL: 'debug',
  });
  const clerk = await new Client(api.url).login('agendaris');
  log(`engine: ${system.stack.describe().join('; ')}`);

  const register = async (data: Record<string, unknown>, scan: Buffer, name: string) => {
    const answer = await clerk.send('POST', '/api/incoming-letters', {
      form: letterForm(data, [{ body: scan, name, type: 'image/jpeg' }]),
      timeoutMs: 120_000,
    });
    if (answer.status !== 201)
      throw new Error(`registration: ${answer.status} ${JSON.stringify(answer.body)}`);
    return {
      letterId: answer.body.id as string,
      fileId: (answer.body.files as Array<{ id: string }>)[0]!.id,
    };
  };
  const statusTimes: number[] = [];
  const ocrStatus = async (fileId: string) => {
    const started = performance.now();
    const answer = await clerk.send('GET', `/api/files/${fileId}/ocr`);
    statusTimes.push(performance.now() - started);
    if (answer.status !== 200) throw new Error(`ocr status: ${answer.status}`);
    return answer.body as { status: string; pages: Array<{ text: string }> };
  };
  // Files are seen done in the worker's log ('OCR done' with the fileId), read by this
  // process: polling the status endpoint for every file would load the system being
  // measured (the UI polls one open file every 2 s). Each file's status is then read once
  // through the API, which must say done.
  const watched = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  let watching: Promise<void> | null = null;
  const watchLoop = async () => {
    while (watched.size > 0) {
      const logText = system.log('worker');
      for (const [id, waiter] of [...watched]) {
        if (!logText.includes(`"fileId":"${id}"`)) continue;
        const done = logText
          .split('\n')
          .some((line) => line.includes(`"fileId":"${id}"`) && line.includes('"OCR done"'));
        const failed = logText
          .split('\n')
          .some(
            (line) => line.includes(`"fileId":"${id}"`) && line.includes('"OCR attempt failed"'),
          );
        if (!done && !failed) continue;
        watched.delete(id);
        try {
          const view = await ocrStatus(id);
          if (view.status === 'done') waiter.resolve();
          else waiter.reject(new Error(`file ${id}: worker says done, status says ${view.status}`));
        } catch (error) {
          waiter.reject(error as Error);
        }
      }
      await sleep(100);
    }
    watching = null;
  };
  const watchDone = (fileId: string) =>
    new Promise<void>((resolve, reject) => {
      watched.set(fileId, { resolve, reject });
      watching ??= watchLoop();
    });
  const waitDone = async (fileIds: string[], timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    const pending = new Set(fileIds);
    while (pending.size > 0) {
      if (Date.now() > deadline) throw new Error(`OCR not done for ${pending.size} files`);
      for (const id of [...pending]) {
        const view = await ocrStatus(id);
        if (view.status === 'done') pending.delete(id);
        if (view.status === 'failed') throw new Error(`OCR failed for file ${id}`);
      }
      await sleep(250);
    }
  };

  // A secretariat that is not empty: background letters with a small scan each, OCR'd.
  if (BACKGROUND > 0) {
    const started = performance.now();
    const blank = await sharp({
      create: { width: 600, height: 800, channels: 3, background: '#fff' },
    })
      .greyscale()
      .jpeg()
      .toBuffer();
    const random = rng(99);
    const made = await mapLimit(
      Array.from({ length: BACKGROUND }, (_, i) => i),
      4,
      async (i) => {
        const letter = generateLetter(10_000 + i, random);
        return register(registrationOf(letter), blank, `latar-${i}.jpg`);
      },
    );
    await waitDone(
      made.map((m) => m.fileId),
      30 * 60_000,
    );
    log(
      `${BACKGROUND} background letters registered and OCR'd in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  await sleep(2000);
  statusTimes.length = 0;

  for (const set of sets) {
    for (let round = 1; round <= ROUNDS; round++) {
      const logOffset = system.log('worker').length;
      const statusOffset = statusTimes.length;
      const loadBefore = os.loadavg();
      log(`${set.name} round ${round}: ${set.pages.length} pages, load average ${loadAverage()}`);
      // What the system spends doing nothing (idle polls), for a few seconds before the round.
      const idle0 = systemCpuSeconds(system.dataDir);
      await sleep(5000);
      const idleCpuPerSecond = cpuDelta(systemCpuSeconds(system.dataDir), idle0).total! / 5;
      const cpu0 = systemCpuSeconds(system.dataDir);
      const t0 = performance.now();
      const timings: FileTiming[] = [];
      const pipelineTexts = new Map<Page, string>();
      // The clerk uploads every page (a few at once); each upload then has its own wait:
      // status until done, then search until found.
      const waits: Promise<void>[] = [];
      await mapLimit(set.pages, UPLOADS_AT_ONCE, async (page) => {
        const { letterId, fileId } = await register(page.data, page.bytes, page.name);
        const uploadMs = performance.now() - t0;
        const wait = follow(page, letterId, fileId, uploadMs);
        wait.catch(() => undefined);
        waits.push(wait);
      });
      await Promise.all(waits);
      async function follow(page: Page, letterId: string, fileId: string, uploadMs: number) {
        await watchDone(fileId);
        const doneMs = performance.now() - t0;
        const view = await ocrStatus(fileId);
        const text = view.pages.map((p) => p.text).join('\n');
        pipelineTexts.set(page, text);
        const query = distinctiveQuery(
          text,
          set.pages.filter((p) => p !== page).map((p) => JSON.stringify(p.data)),
          JSON.stringify(page.data),
        );
        for (let tries = 0; ; tries++) {
          const found = await clerk.send(
            'GET',
            `/api/search?q=${encodeURIComponent(query)}&pageSize=100`,
          );
          const items = (found.body?.items ?? []) as Array<{ letterId: string; fileId?: string }>;
          if (items.some((item) => item.letterId === letterId && item.fileId === fileId)) break;
          if (tries > 120) throw new Error(`search never found ${page.name} by "${query}"`);
          await sleep(250);
        }
        timings.push({ page: page.name, uploadMs, doneMs, searchableMs: performance.now() - t0 });
      }
      const pipelineMs = Math.max(...timings.map((t) => t.searchableMs));
      const pipelineCer =
        set.pages.reduce((sum, page) => sum + cer(pipelineTexts.get(page) ?? '', page.truth), 0) /
        set.pages.length;
      const cpuByProcess = cpuDelta(systemCpuSeconds(system.dataDir), cpu0);
      const pipelineCpu = cpuByProcess.total!;
      const pipelineWorkCpu = pipelineCpu - (idleCpuPerSecond * pipelineMs) / 1000;
      const loadDuring = os.loadavg();

      // Per-stage timings the worker logged for this round (debug level, 'OCR stages').
      const stages: Record<string, number> = {};
      let jobs = 0;
      for (const line of system.log('worker').slice(logOffset).split('\n')) {
        if (!line.includes('"OCR stages"')) continue;
        const entry = JSON.parse(line) as { stages?: Record<string, number> };
        jobs++;
        for (const [stage, ms] of Object.entries(entry.stages ?? {}))
          stages[stage] = (stages[stage] ?? 0) + ms;
      }

      // The native CLI, one single-threaded process per core: like for like (the target's
      // denominator), then as Debian installs it (reference only).
      const nativeRun = async (kind: 'same' | 'debian') => {
        await sleep(1000);
        const texts = new Map<Page, string>();
        const started = performance.now();
        const children0 = childrenCpuSeconds();
        await mapLimit(set.pages, CORES, async (page) => {
          const out = path.join(nativeOut, `${kind}-${page.name}`);
          const files = { original: page.path, ocrImage: page.ocrPath };
          const { stdout } = await run('tesseract', nativeArgs(kind, files, nativeTessdata, out), {
            env: { ...process.env, OMP_THREAD_LIMIT: '1' },
            maxBuffer: 16 * 1024 * 1024,
          });
          texts.set(page, kind === 'debian' ? stdout : readFileSync(`${out}.txt`, 'utf8'));
        });
        const ms = performance.now() - started;
        const cpu = childrenCpuSeconds() - children0;
        const meanCer =
          set.pages.reduce((sum, page) => sum + cer(texts.get(page) ?? '', page.truth), 0) /
          set.pages.length;
        return { ms, cpu, cer: meanCer };
      };
      const nativeSame = native ? await nativeRun('same') : null;
      const nativeDebian = native ? await nativeRun('debian') : null;
      const nativeMs = nativeSame?.ms ?? null;
      const nativeCpu = nativeSame?.cpu ?? null;
      // The tesseract.js pool alone on the same pages (the worker's decode and recognition,
      // nothing else; pool start excluded): the ceiling the pipeline can reach.
      await sleep(1000);
      const engine = await TesseractPool.create(CORES);
      const poolStarted = performance.now();
      const poolCpu0 = process.cpuUsage();
      await mapLimit(set.pages, CORES + 1, async (page) => {
        const document = await openDocument(page.bytes, DEFAULT_LIMITS);
        const source = await document.page(0);
        document.close();
        if (source.kind === 'image') await engine.recognize(source.ocrImage);
      });
      const poolMs = performance.now() - poolStarted;
      const poolCpuUsage = process.cpuUsage(poolCpu0);
      const poolCpu = (poolCpuUsage.user + poolCpuUsage.system) / 1e6;
      await engine.terminate();
      const status = statusTimes.slice(statusOffset).sort((a, b) => a - b);
      const result = {
        set: set.name,
        round,
        pages: set.pages.length,
        pipelineMs: Math.round(pipelineMs),
        nativeMs: nativeMs === null ? null : Math.round(nativeMs),
        poolAloneMs: Math.round(poolMs),
        pipelineCpuSecondsPerPage: pipelineCpu / set.pages.length,
        nativeCpuSecondsPerPage: nativeCpu === null ? null : nativeCpu / set.pages.length,
        cpuRatio: nativeCpu === null ? null : nativeCpu / pipelineCpu,
        // What the system spends doing nothing, charged for the round's wall time, left
        // out: on a loaded machine a round lasts many times longer than on a quiet one.
        pipelineCpuSecondsPerPageIdleExcluded: pipelineWorkCpu / set.pages.length,
        cpuRatioIdleExcluded: nativeCpu === null ? null : nativeCpu / pipelineWorkCpu,
        cpuSecondsPerPageByProcess: Object.fromEntries(
          Object.entries(cpuByProcess).map(([k, v]) => [k, v / set.pages.length]),
        ),
        idleCpuPerSecond,
        poolAloneCpuSecondsPerPage: poolCpu / set.pages.length,
        ratio: nativeMs === null ? null : nativeMs / pipelineMs,
        native: { likeForLike: NATIVE_COMMANDS.same, debian: NATIVE_COMMANDS.debian },
        nativeDebianMs: nativeDebian === null ? null : Math.round(nativeDebian.ms),
        nativeDebianCpuSecondsPerPage:
          nativeDebian === null ? null : nativeDebian.cpu / set.pages.length,
        ratioToNativeDebian: nativeDebian === null ? null : nativeDebian.ms / pipelineMs,
        cer: {
          pipeline: pipelineCer,
          native: nativeSame?.cer ?? null,
          nativeDebian: nativeDebian?.cer ?? null,
        },
        poolAloneRatio: nativeMs === null ? null : nativeMs / poolMs,
        pipelineOverPool: pipelineMs / poolMs,
        pipelinePagesPerMinute: (set.pages.length / pipelineMs) * 60_000,
        nativePagesPerMinute: nativeMs === null ? null : (set.pages.length / nativeMs) * 60_000,
        meanDoneAfterUploadMs: Math.round(
          timings.reduce((sum, t) => sum + t.doneMs - t.uploadMs, 0) / timings.length,
        ),
        meanSearchableAfterDoneMs: Math.round(
          timings.reduce((sum, t) => sum + t.searchableMs - t.doneMs, 0) / timings.length,
        ),
        workerStagesMsPerPage: Object.fromEntries(
          Object.entries(stages).map(([k, v]) => [k, Math.round(v / Math.max(1, jobs))]),
        ),
        statusRequest: {
          count: status.length,
          p50Ms: status[Math.floor(status.length / 2)] ?? null,
          p95Ms: status[Math.floor(status.length * 0.95)] ?? null,
        },
        loadBefore,
        loadAfter: loadDuring,
        timings,
      };
      results.push(result);
      log(
        `${set.name} round ${round}: pipeline ${(pipelineMs / 1000).toFixed(1)} s (${result.pipelinePagesPerMinute.toFixed(1)} pages/min)` +
          (nativeMs === null
            ? ''
            : `, native ${(nativeMs / 1000).toFixed(1)} s (${result.nativePagesPerMinute!.toFixed(1)} pages/min): ratio ${result.ratio!.toFixed(2)}×`) +
          `; tesseract.js pool alone ${(poolMs / 1000).toFixed(1)} s` +
          (nativeMs === null ? '' : ` (${result.poolAloneRatio!.toFixed(2)}× native)`) +
          `, pipeline/pool ${result.pipelineOverPool.toFixed(2)}`,
      );
      log(
        `  native as Debian installs it (reference): ${nativeDebian ? `${(nativeDebian.ms / 1000).toFixed(1)} s, ratio ${result.ratioToNativeDebian!.toFixed(2)}×` : 'skipped'}; CER pipeline ${(pipelineCer * 100).toFixed(2)} %, native like for like ${nativeSame ? (nativeSame.cer * 100).toFixed(2) : '-'} %, native Debian ${nativeDebian ? (nativeDebian.cer * 100).toFixed(2) : '-'} %`,
      );
      log(
        `  per page: done ${result.meanDoneAfterUploadMs} ms after its upload, searchable ${result.meanSearchableAfterDoneMs} ms after done; worker stages (ms/page) ${JSON.stringify(result.workerStagesMsPerPage)}`,
      );
      log(
        `  CPU per page: pipeline (every process of the system) ${result.pipelineCpuSecondsPerPage.toFixed(2)} s` +
          (nativeCpu === null
            ? ''
            : `, native ${result.nativeCpuSecondsPerPage!.toFixed(2)} s: CPU ratio ${result.cpuRatio!.toFixed(2)}× (${result.cpuRatioIdleExcluded!.toFixed(2)}× with idle polls left out)`) +
          `; pool alone ${result.poolAloneCpuSecondsPerPage.toFixed(2)} s; by process ${JSON.stringify(
            Object.fromEntries(
              Object.entries(result.cpuSecondsPerPageByProcess).map(([k, v]) => [
                k,
                Number(v.toFixed(2)),
              ]),
            ),
          )}; idle system ${idleCpuPerSecond.toFixed(3)} CPU-s/s`,
      );
      log(
        `  GET /api/files/:id/ocr: ${status.length} requests, p50 ${result.statusRequest.p50Ms?.toFixed(1)} ms, p95 ${result.statusRequest.p95Ms?.toFixed(1)} ms`,
      );
    }
  }
  void worker;
} finally {
  await system.stop().catch(() => undefined);
  await postgres?.stop().catch(() => undefined);
  rmSync(generatedDir, { recursive: true, force: true });
}

const resultsDir = path.join(import.meta.dirname, 'results');
mkdirSync(resultsDir, { recursive: true });
const out = {
  commit,
  dirty: Boolean(dirty),
  engine,
  cores: CORES,
  cpu: os.cpus()[0]?.model,
  background: BACKGROUND,
  native,
  loadavgAtEnd: os.loadavg(),
  results,
};
writeFileSync(path.join(resultsDir, 'ocr-pipeline.json'), JSON.stringify(out, null, 2));
log(`wrote bench/results/ocr-pipeline.json`);

/** What a clerk registers for a generated letter (duplicates confirmed: the bench uploads
 * look-alikes on purpose). */
function registrationOf(letter: ReturnType<typeof generateLetter>): Record<string, unknown> {
  return {
    senderName: letter.senderName,
    letterNumber: letter.letterNumber,
    letterDate: letter.date,
    subject: letter.subject,
    classificationCode: letter.classificationCode,
    securityClass: 'B',
    urgency: 'biasa',
    confirmDuplicate: true,
  };
}
