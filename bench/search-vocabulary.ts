// The search vocabulary at the size a real archive reaches (the generated corpus uses about a
// thousand distinct words; real OCR text brings names, places and misread words by the
// hundred thousand): its size on disk, the cost of counting it in while indexing, and the
// latency of spelling candidates and prefix expansion. Not a test: it prints figures.
// Usage: pnpm --filter @lontar/bench run search-vocabulary  (VOCAB_WORDS, default 500000)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SqliteSearchEngine } from '../backend/src/modules/search/sqlite-engine.ts';
import type { AppliedSearchEvent } from '../backend/src/modules/search/publish.ts';
import { rng } from './corpus.ts';

const WORDS = Number(process.env.VOCAB_WORDS ?? 500_000);
const WORDS_PER_PAGE = 250;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (value: number) => `${value.toFixed(2)} ms`;

// Word-like strings: syllables of Indonesian shape, 4–14 letters.
const random = rng(2026);
const SYLLABLES =
  'ba be bi bu ka ke ki ku la li lu ma me mi mu na ni nu pa pe pi ra ri ru sa se si su ta te ti tu ar an ang ng er'.split(
    ' ',
  );
const words = new Set<string>();
while (words.size < WORDS) {
  let word = '';
  const target = 4 + Math.floor(random() * 11);
  while (word.length < target) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  words.add(word.slice(0, target));
}
const list = [...words];

const dir = mkdtempSync(path.join(os.tmpdir(), 'lontar-bench-vocab-'));
const file = path.join(dir, 'index.sqlite');
const engine = new SqliteSearchEngine(file);
let seq = 0;
const started = performance.now();
for (let at = 0; at < list.length; at += WORDS_PER_PAGE * 200) {
  const events: AppliedSearchEvent[] = [];
  for (
    let page = at;
    page < Math.min(list.length, at + WORDS_PER_PAGE * 200);
    page += WORDS_PER_PAGE
  ) {
    const letterId = `L${page}`;
    events.push({
      seq: ++seq,
      type: 'doc',
      letterId,
      doc: {
        kind: 'incoming',
        agendaNumber: null,
        letterNumber: null,
        subject: 'Surat',
        senderName: null,
        recipientName: null,
        summary: null,
        date: '2026-01-01',
        classificationCode: null,
        status: null,
        securityClass: 'B',
        unitIds: [],
        positionIds: [],
      },
    });
    events.push({
      seq: ++seq,
      type: 'page',
      letterId,
      fileId: `f${page}`,
      page: 1,
      text: list.slice(page, page + WORDS_PER_PAGE).join(' '),
    });
  }
  engine.applyBatch(events);
}
const buildMs = performance.now() - started;

const scope = { openRank: 3, principals: [] };
const typoLatency: number[] = [];
const prefixLatency: number[] = [];
let corrected = 0;
for (let i = 0; i < 200; i++) {
  const word = list[Math.floor(random() * list.length)]!;
  if (word.length < 6) continue;
  const at = 1 + Math.floor(random() * (word.length - 2));
  const typo = word.slice(0, at) + word.slice(at + 1);
  const t0 = performance.now();
  const result = engine.search({ text: typo, page: 1, pageSize: 10 }, scope);
  typoLatency.push(performance.now() - t0);
  if (result.corrected) corrected++;
  const t1 = performance.now();
  engine.search({ text: `${word.slice(0, 4)}*`, page: 1, pageSize: 10 }, scope);
  prefixLatency.push(performance.now() - t1);
}
engine.close();
const raw = new DatabaseSync(file, { readOnly: true });
const size = (name: string) =>
  (raw.prepare('SELECT sum(pgsize) AS n FROM dbstat WHERE name = ?').get(name) as { n: number }).n;
const keys = (raw.prepare('SELECT count(*) AS n FROM vocab_del').get() as { n: number }).n;
const vocabBytes = size('vocab') + size('vocab_del');
const ftsBytes = (
  raw.prepare("SELECT sum(pgsize) AS n FROM dbstat WHERE name LIKE 'seg_fts%'").get() as {
    n: number;
  }
).n;
raw.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  `${list.length.toLocaleString('id-ID')} distinct words (load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}):`,
);
console.log(`  indexed in ${(buildMs / 1000).toFixed(1)} s (pages of ${WORDS_PER_PAGE} words)`);
console.log(
  `  vocabulary ${(vocabBytes / 1024 / 1024).toFixed(1)} MiB (${keys.toLocaleString('id-ID')} deletion keys), FTS index ${(ftsBytes / 1024 / 1024).toFixed(1)} MiB`,
);
console.log(
  `  one-letter typo: p50 ${ms(percentile(typoLatency, 50))}, p95 ${ms(percentile(typoLatency, 95))}, corrected ${corrected}/${typoLatency.length}`,
);
console.log(
  `  4-letter prefix: p50 ${ms(percentile(prefixLatency, 50))}, p95 ${ms(percentile(prefixLatency, 95))}`,
);
