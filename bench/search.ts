// Search benchmark: index build rate, p50/p95 latency and recall@10 of known-item queries at
// 10,000 and 100,000 generated letters, against a brute-force scan. Not a test: it prints
// figures (and writes bench/results/search-<size>.json). Usage: pnpm --filter @lontar/bench search
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteSearchEngine } from '../backend/src/modules/search/sqlite-engine.ts';
import type { AppliedSearchEvent } from '../backend/src/modules/search/publish.ts';
import type { SearchScope } from '../backend/src/modules/search/engine.ts';
import { generateLetter, rng, type GeneratedLetter } from './corpus.ts';

const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
const BASELINE_QUERIES = Number(process.env.BENCH_BASELINE_QUERIES ?? 40);
const resultsDir = path.join(import.meta.dirname, 'results');
mkdirSync(resultsDir, { recursive: true });

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

function eventsOf(letter: GeneratedLetter, seq: { value: number }): AppliedSearchEvent[] {
  const events: AppliedSearchEvent[] = [
    {
      seq: ++seq.value,
      type: 'doc',
      letterId: letter.letterId,
      doc: {
        kind: letter.kind,
        agendaNumber: null,
        letterNumber: letter.letterNumber,
        subject: letter.subject,
        senderName: letter.senderName,
        recipientName: null,
        summary: null,
        date: letter.date,
        classificationCode: letter.classificationCode,
        status: 'selesai',
        securityClass: letter.securityClass,
        unitIds: letter.unitIds,
        positionIds: letter.positionIds,
      },
    },
  ];
  letter.pages.forEach((text, i) =>
    events.push({
      seq: ++seq.value,
      type: 'page',
      letterId: letter.letterId,
      fileId: `f-${letter.letterId}`,
      page: i + 1,
      text,
    }),
  );
  return events;
}

/** Each letter's searchable text, lowercased once: the baseline's own "index", built before
 * the clock starts so a query pays only for the scan (lowercasing 27 M words per query
 * would inflate the index's advantage). */
function haystacksOf(
  letters: GeneratedLetter[],
): Array<{ id: string; date: string; text: string }> {
  return letters.map((letter) => ({
    id: letter.letterId,
    date: letter.date,
    text: `${letter.letterNumber} ${letter.subject} ${letter.senderName} ${letter.pages.join(' ')}`.toLowerCase(),
  }));
}

/** What a search box without an index does: scan every letter's text for every query word. */
function bruteForce(haystacks: ReturnType<typeof haystacksOf>, query: string): string[] {
  const words = query.toLowerCase().replace(/["*]/g, '').split(/\s+/).filter(Boolean);
  const scored: Array<{ id: string; score: number; date: string }> = [];
  for (const { id, date, text } of haystacks) {
    let score = 0;
    let all = true;
    for (const word of words) {
      let at = text.indexOf(word);
      if (at < 0) {
        all = false;
        break;
      }
      while (at >= 0) {
        score++;
        at = text.indexOf(word, at + word.length);
      }
    }
    if (all) scored.push({ id, score, date });
  }
  scored.sort((a, b) => b.score - a.score || b.date.localeCompare(a.date));
  return scored.slice(0, 10).map((s) => s.id);
}

interface QueryCase {
  kind: string;
  text: string;
  target: string;
}

function queriesFor(letters: GeneratedLetter[], count: number): QueryCase[] {
  const random = rng(7);
  const out: QueryCase[] = [];
  for (let i = 0; i < count; i++) {
    const letter = letters[Math.floor(random() * letters.length)]!;
    const roll = random();
    if (roll < 0.7)
      out.push({ kind: 'known-item', text: letter.knownItemQuery, target: letter.letterId });
    else if (roll < 0.8)
      out.push({ kind: 'letter-number', text: letter.letterNumber, target: letter.letterId });
    else if (roll < 0.9) {
      const [last, village] = letter.knownItemQuery.split(' ');
      out.push({
        kind: 'prefix',
        text: `${last} ${village!.slice(0, 6)}* ${letter.subject.split(' ').at(-1)!.slice(0, 5)}*`,
        target: letter.letterId,
      });
    } else {
      const [last, village] = letter.knownItemQuery.split(' ');
      const topic = letter.subject.split(' ').slice(-2).join(' ');
      out.push({ kind: 'phrase', text: `"${topic}" ${last} ${village}`, target: letter.letterId });
    }
  }
  return out;
}

const TYPO_QUERIES = Number(process.env.BENCH_TYPO_QUERIES ?? 60);

/** Known-item queries with a one-letter typo in their longest word. */
function typoQueriesFor(letters: GeneratedLetter[], count: number): QueryCase[] {
  const random = rng(11);
  const out: QueryCase[] = [];
  for (let i = 0; i < count; i++) {
    const letter = letters[Math.floor(random() * letters.length)]!;
    const words = letter.knownItemQuery.split(' ');
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
    const at = 1 + Math.floor(random() * (longest.length - 2));
    const typo =
      random() < 0.5
        ? longest.slice(0, at) + longest.slice(at + 1)
        : longest.slice(0, at) + longest[at + 1] + longest[at] + longest.slice(at + 2);
    out.push({
      kind: 'typo',
      text: words.map((w) => (w === longest ? typo : w)).join(' '),
      target: letter.letterId,
    });
  }
  return out;
}

const ARCHIVIST: SearchScope = { openRank: 3, principals: [] };
const OFFICIAL: SearchScope = {
  openRank: -1,
  principals: ['p:pos-1', 'p:pos-2', 'p:pos-3', 'u:unit-1'],
};

const summary: Record<string, unknown>[] = [];
for (const size of sizes) {
  console.log(
    `\n== ${size.toLocaleString('id-ID')} letters == (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores)`,
  );
  const random = rng(size);
  let started = performance.now();
  const letters = Array.from({ length: size }, (_, i) => generateLetter(i, random));
  const words = letters.reduce((n, l) => n + l.pages.join(' ').split(/\s+/).length, 0);
  const pages = letters.reduce((n, l) => n + l.pages.length, 0);
  console.log(
    `generated ${pages.toLocaleString('id-ID')} pages, ${words.toLocaleString('id-ID')} words in ${ms(performance.now() - started)}`,
  );

  // BENCH_INDEX_DIR keeps the built index between runs (the 100,000 build takes minutes).
  const keep = process.env.BENCH_INDEX_DIR;
  const dir = keep
    ? path.join(keep, String(size))
    : mkdtempSync(path.join(os.tmpdir(), 'lontar-bench-search-'));
  mkdirSync(dir, { recursive: true });
  const engine = new SqliteSearchEngine(path.join(dir, 'index.sqlite'));
  const seq = { value: 0 };
  started = performance.now();
  const reused = engine.stats().documents === size;
  if (!reused) {
    engine.reset();
    for (let i = 0; i < letters.length; i += 500) {
      engine.applyBatch(letters.slice(i, i + 500).flatMap((letter) => eventsOf(letter, seq)));
    }
    engine.optimize();
  }
  const buildMs = reused ? Number(engine.meta('benchBuildMs')) : performance.now() - started;
  engine.setMeta('benchBuildMs', String(buildMs));
  const buildRate = {
    lettersPerSecond: size / (buildMs / 1000),
    pagesPerSecond: pages / (buildMs / 1000),
  };
  console.log(
    `index build: ${ms(buildMs)} (${Math.round(buildRate.lettersPerSecond)} letters/s, ${Math.round(buildRate.pagesPerSecond)} pages/s)`,
  );

  const queries = queriesFor(letters, QUERIES);
  // Warm-up (page cache, prepared statements), as a long-running replica would be.
  for (const q of queries.slice(0, 20))
    engine.search({ text: q.text, page: 1, pageSize: 10 }, ARCHIVIST);
  const byKind = new Map<string, { latencies: number[]; found: number; total: number }>();
  const all: number[] = [];
  const cpu: number[] = [];
  const official: number[] = [];
  let typoCorrected = 0;
  for (const q of queries) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const result = engine.search({ text: q.text, page: 1, pageSize: 10 }, ARCHIVIST);
    const used = process.cpuUsage(c0);
    const elapsed = performance.now() - t0;
    all.push(elapsed);
    cpu.push((used.user + used.system) / 1000);
    const bucket = byKind.get(q.kind) ?? { latencies: [], found: 0, total: 0 };
    bucket.latencies.push(elapsed);
    bucket.total++;
    if (result.items.some((item) => item.letterId === q.target)) bucket.found++;
    byKind.set(q.kind, bucket);
    const t1 = performance.now();
    engine.search({ text: q.text, page: 1, pageSize: 10 }, OFFICIAL);
    official.push(performance.now() - t1);
  }
  const found = [...byKind.values()].reduce((n, b) => n + b.found, 0);
  console.log(
    `index: p50 ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))}, max ${ms(Math.max(...all))}, recall@10 ${(found / queries.length).toFixed(3)} over ${queries.length} queries`,
  );
  console.log(
    `index, CPU time per query (what a busy machine's waiting leaves out): p50 ${ms(percentile(cpu, 50))}, p95 ${ms(percentile(cpu, 95))}`,
  );
  console.log(
    `index, scoped to a pejabat's positions: p50 ${ms(percentile(official, 50))}, p95 ${ms(percentile(official, 95))}`,
  );
  for (const [kind, bucket] of byKind) {
    console.log(
      `  ${kind.padEnd(14)} n=${String(bucket.total).padStart(3)}  p50 ${ms(percentile(bucket.latencies, 50)).padStart(9)}  p95 ${ms(percentile(bucket.latencies, 95)).padStart(9)}  recall@10 ${(bucket.found / bucket.total).toFixed(3)}`,
    );
  }
  // One-letter typos (a letter dropped or two swapped) in the longest word of known-item
  // queries: answered with the corrected query's letters ("Maksud Anda").
  const typoLatencies: number[] = [];
  let typoFound = 0;
  const typoQueries = typoQueriesFor(letters, TYPO_QUERIES);
  for (const q of typoQueries) {
    const t0 = performance.now();
    const result = engine.search({ text: q.text, page: 1, pageSize: 10 }, ARCHIVIST);
    typoLatencies.push(performance.now() - t0);
    if (result.corrected || result.suggestion) typoCorrected++;
    if (result.items.some((item) => item.letterId === q.target)) typoFound++;
  }
  console.log(
    `  typo queries (n=${typoQueries.length}): p50 ${ms(percentile(typoLatencies, 50))}, p95 ${ms(percentile(typoLatencies, 95))}; corrected or suggested ${typoCorrected}, the letter in the first ten ${typoFound}`,
  );
  // What the prefix expansion costs: the same prefix queries on the same file with and
  // without it, alternated query by query so both meet the same load; CPU time.
  const plain = new SqliteSearchEngine(path.join(dir, 'index.sqlite'), { prefixExpansions: 0 });
  const prefixCpu = { expanded: [] as number[], plain: [] as number[] };
  let prefixFoundPlain = 0;
  for (const q of queries.filter((x) => x.kind === 'prefix')) {
    for (const [name, which] of [
      ['expanded', engine],
      ['plain', plain],
    ] as const) {
      const c0 = process.cpuUsage();
      const result = which.search({ text: q.text, page: 1, pageSize: 10 }, ARCHIVIST);
      const used = process.cpuUsage(c0);
      prefixCpu[name].push((used.user + used.system) / 1000);
      if (name === 'plain' && result.items.some((item) => item.letterId === q.target))
        prefixFoundPlain++;
    }
  }
  plain.close();
  console.log(
    `  prefix queries, CPU time p50 / p95: expanded ${ms(percentile(prefixCpu.expanded, 50))} / ${ms(percentile(prefixCpu.expanded, 95))}, without expansion ${ms(percentile(prefixCpu.plain, 50))} / ${ms(percentile(prefixCpu.plain, 95))} (recall@10 without: ${(prefixFoundPlain / prefixCpu.plain.length).toFixed(3)})`,
  );
  // The prefix covers the stemmed forms: a topic word's prefix finds at least what the word does.
  const prefixCover: Array<{ word: string; wordTotal: number; prefixTotal: number; ms: number }> =
    [];
  for (const word of ['kepegawaian', 'pembangunan', 'perencanaan', 'pengelolaan']) {
    const wordTotal = engine.search({ text: word, page: 1, pageSize: 10 }, ARCHIVIST).total;
    const t0 = performance.now();
    const prefixTotal = engine.search(
      { text: `${word.slice(0, 7)}*`, page: 1, pageSize: 10 },
      ARCHIVIST,
    ).total;
    prefixCover.push({ word, wordTotal, prefixTotal, ms: performance.now() - t0 });
    console.log(
      `  prefix "${word.slice(0, 7)}*": ${prefixTotal.toLocaleString('id-ID')} letters (the word "${word}": ${wordTotal.toLocaleString('id-ID')}) in ${ms(prefixCover.at(-1)!.ms)}`,
    );
  }
  // A common word (many hits): the worst case for ranking every match.
  const broad: number[] = [];
  for (const text of [
    'kegiatan',
    'laporan',
    'rapat koordinasi',
    'pengelolaan keuangan daerah',
    'anggaran',
  ]) {
    const t0 = performance.now();
    const result = engine.search({ text, page: 1, pageSize: 20 }, ARCHIVIST);
    broad.push(performance.now() - t0);
    console.log(
      `  broad "${text}": ${result.total.toLocaleString('id-ID')} hits in ${ms(broad.at(-1)!)}`,
    );
  }

  const baselineQueries = queries.slice(0, BASELINE_QUERIES);
  const baseline: number[] = [];
  const baselineCpu: number[] = [];
  let baselineFound = 0;
  started = performance.now();
  const haystacks = haystacksOf(letters);
  const baselinePrepareMs = performance.now() - started;
  // Warm-up, as for the index: the first scans pay for JIT and string flattening.
  for (const q of baselineQueries.slice(0, 3)) bruteForce(haystacks, q.text);
  for (const q of baselineQueries) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const top = bruteForce(haystacks, q.text);
    const used = process.cpuUsage(c0);
    baseline.push(performance.now() - t0);
    baselineCpu.push((used.user + used.system) / 1000);
    if (top.includes(q.target)) baselineFound++;
  }
  console.log(
    `brute-force scan: p50 ${ms(percentile(baseline, 50))}, p95 ${ms(percentile(baseline, 95))}, recall@10 ${(baselineFound / baselineQueries.length).toFixed(3)} over ${baselineQueries.length} queries (texts lowercased once beforehand in ${ms(baselinePrepareMs)})`,
  );
  console.log(
    `brute-force scan, CPU time per query: p50 ${ms(percentile(baselineCpu, 50))}, p95 ${ms(percentile(baselineCpu, 95))}`,
  );
  const ratio = (a: number[], b: number[], p: number) =>
    (percentile(a, p) / percentile(b, p)).toFixed(1);
  console.log(
    `speed-up of the index over the scan: wall time ×${ratio(baseline, all, 50)} at p50, ×${ratio(baseline, all, 95)} at p95; CPU time ×${ratio(baselineCpu, cpu, 50)} at p50, ×${ratio(baselineCpu, cpu, 95)} at p95`,
  );
  const stats = engine.stats();
  engine.close();
  const { DatabaseSync } = await import('node:sqlite');
  const raw = new DatabaseSync(path.join(dir, 'index.sqlite'), { readOnly: true });
  const vocabulary = {
    words: (raw.prepare('SELECT count(*) AS n FROM vocab').get() as { n: number }).n,
    deletionKeys: (raw.prepare('SELECT count(*) AS n FROM vocab_del').get() as { n: number }).n,
    bytes: (
      raw
        .prepare("SELECT sum(pgsize) AS n FROM dbstat WHERE name IN ('vocab', 'vocab_del')")
        .get() as { n: number | null }
    ).n,
  };
  raw.close();
  console.log(
    `vocabulary: ${vocabulary.words.toLocaleString('id-ID')} words, ${vocabulary.deletionKeys.toLocaleString('id-ID')} deletion keys, ${vocabulary.bytes === null ? '?' : `${(vocabulary.bytes / 1024 / 1024).toFixed(1)} MiB`}`,
  );
  const { size: bytes } = await import('node:fs').then((fs) =>
    fs.statSync(path.join(dir, 'index.sqlite')),
  );
  console.log(
    `index file: ${(bytes / 1024 / 1024).toFixed(0)} MiB for ${stats.segments.toLocaleString('id-ID')} segments`,
  );
  if (!keep) rmSync(dir, { recursive: true, force: true });
  const record = {
    size,
    pages,
    words,
    buildMs,
    buildRate,
    indexBytes: bytes,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    cpuP50: percentile(cpu, 50),
    cpuP95: percentile(cpu, 95),
    recallAt10: found / queries.length,
    officialP50: percentile(official, 50),
    officialP95: percentile(official, 95),
    byKind: Object.fromEntries(
      [...byKind].map(([k, b]) => [
        k,
        {
          n: b.total,
          p50: percentile(b.latencies, 50),
          p95: percentile(b.latencies, 95),
          recall: b.found / b.total,
        },
      ]),
    ),
    broadMs: broad,
    typo: {
      n: TYPO_QUERIES,
      p50: percentile(typoLatencies, 50),
      p95: percentile(typoLatencies, 95),
      corrected: typoCorrected,
      found: typoFound,
    },
    prefixCover,
    prefixCpu: {
      expandedP50: percentile(prefixCpu.expanded, 50),
      expandedP95: percentile(prefixCpu.expanded, 95),
      plainP50: percentile(prefixCpu.plain, 50),
      plainP95: percentile(prefixCpu.plain, 95),
      plainRecall: prefixFoundPlain / prefixCpu.plain.length,
    },
    vocabulary,
    loadAverage: os.loadavg(),
    baseline: {
      p50: percentile(baseline, 50),
      p95: percentile(baseline, 95),
      recallAt10: baselineFound / baselineQueries.length,
      n: baselineQueries.length,
      prepareMs: baselinePrepareMs,
      cpuP50: percentile(baselineCpu, 50),
      cpuP95: percentile(baselineCpu, 95),
    },
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
  };
  summary.push(record);
  writeFileSync(path.join(resultsDir, `search-${size}.json`), JSON.stringify(record, null, 2));
}
console.log('\nresults written to bench/results/');
