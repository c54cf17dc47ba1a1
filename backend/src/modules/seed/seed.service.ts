import { guessSenderCategory } from '../letters/sender-category.ts';
import { createHash } from 'node:crypto';
import type mongoose from 'mongoose';
import { now } from '../../lib/clock.ts';
import type { ObjectStore } from '../../lib/storage.ts';
import { AuditEventModel, AuditHeadModel } from '../audit/audit.model.ts';
import { GENESIS_HASH, eventHash, type HashedFields } from '../audit/audit.hash.ts';
import { diffFields } from '../audit/audit.service.ts';
import { DispositionModel, DispositionTransitionModel } from '../dispositions/disposition.model.ts';
import { DispositionReportModel } from '../dispositions/report.model.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { JobClaimModel, JobModel } from '../jobs/job.model.ts';
import { senderKeyOf } from '../letters/letters.keys.ts';
import {
  IncomingLetterModel,
  IncomingRegisterModel,
  SenderModel,
} from '../letters/letters.model.ts';
import { CounterModel } from '../numbering/counter.model.ts';
import { OcrPageModel } from '../ocr/ocr-page.model.ts';
import { SEARCH_SEQUENCE } from '../search/publish.ts';
import { SearchCounterModel, SearchEventModel, seqBucketOf } from '../search/search-event.model.ts';
import { generateLetter, rng } from './corpus.ts';
import { ID_KIND, seedObjectId } from './ids.ts';
import { buildLetter, type LetterBundle } from './letter-builder.ts';
import { loadSeedOrg, type SeedOrg } from './org-context.ts';
import { REGISTERS, SeedPlan } from './plan.ts';
import { createScanRenderer, type ScanRenderer } from './scan.ts';
import { PRACTICE_SEED_ID, PracticeSeedModel } from './seed.model.ts';

/**
 * The practice dataset (`lontar.sh seed --letters N`): letters 0..N-1 of a deterministic
 * secretariat, written in chunks through the product's models (so validation and the
 * models' key hooks run) with insertMany. A chunk's records go in dependency order and its
 * letters last; the bookkeeping document marks the chunk done. A run cut off midway leaves
 * the chunk marked current: the next run removes what it wrote and writes it again. Letters
 * already there are never rewritten, so a rerun with the same N does nothing and a larger N
 * adds only the rest.
 */

export const DEFAULT_PER_DAY = 80;
const CHUNK = 500;
const UPLOADS_AT_ONCE = 16;

export interface SeedOptions {
  letters: number;
  /** Letters per working day; fixed when the dataset is first made. */
  perDay?: number;
  storage: ObjectStore;
  log: (line: string) => void;
}

export interface SeedResult {
  requested: number;
  added: number;
  seconds: number;
  lettersPerSecond: number;
  records: number;
  anchor: Date;
  perDay: number;
}

type Range = { from: number; to: number };

export async function seedPractice(options: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const meta = await loadMeta(options.perDay);
  await ensureRegisters();
  const org = await loadSeedOrg();
  const plan = new SeedPlan(meta.anchor, meta.perDay, options.letters);
  const renderer = await createScanRenderer();
  if (meta.current) {
    options.log(
      `melanjutkan: menghapus sisa potongan ${meta.current.from}–${meta.current.to - 1} dari proses yang terputus`,
    );
    await rollback(meta.current, plan);
  }
  const todo = missing(meta.done, options.letters);
  const total = todo.reduce((n, r) => n + r.to - r.from, 0);
  if (total === 0) {
    options.log(
      `sudah ada ${options.letters.toLocaleString('id-ID')} surat latihan; tidak ada yang ditambahkan`,
    );
    return result(options.letters, 0, 0, started, meta);
  }
  options.log(
    `menambahkan ${total.toLocaleString('id-ID')} surat (${options.letters.toLocaleString('id-ID')} diminta; ${meta.perDay} surat per hari kerja, berakhir ${meta.anchor.toISOString().slice(0, 10)})`,
  );
  let added = 0;
  let records = 0;
  let lastLog = Date.now();
  // Oldest first: the audit chain and the search log then run forward in time.
  const chunks = todo.flatMap(split).sort((a, b) => b.from - a.from);
  const prepare = (chunk: Range | undefined) =>
    chunk ? prepareChunk(chunk, plan, org, meta.anchor, renderer, options.storage) : null;
  let prepared = prepare(chunks[0]);
  for (const [k, chunk] of chunks.entries()) {
    const bundles = await prepared!;
    // The next chunk's scans are rendered and stored while this one is written.
    prepared = prepare(chunks[k + 1]);
    prepared?.catch(() => undefined);
    records += await writeChunk(chunk, bundles);
    added += chunk.to - chunk.from;
    meta.done = merge([...meta.done, chunk]);
    await PracticeSeedModel.updateOne(
      { _id: PRACTICE_SEED_ID },
      { $set: { done: meta.done, current: null } },
    );
    if (Date.now() - lastLog > 5000 || added === total) {
      lastLog = Date.now();
      const seconds = (Date.now() - started) / 1000;
      options.log(
        `${added.toLocaleString('id-ID')}/${total.toLocaleString('id-ID')} surat, ${records.toLocaleString('id-ID')} dokumen, ${(added / seconds).toFixed(0)} surat/detik`,
      );
    }
  }
  return { ...result(options.letters, added, records, started, meta) };
}

function result(
  requested: number,
  added: number,
  records: number,
  started: number,
  meta: { anchor: Date; perDay: number },
): SeedResult {
  const seconds = (Date.now() - started) / 1000;
  return {
    requested,
    added,
    seconds,
    lettersPerSecond: added / Math.max(seconds, 0.001),
    records,
    anchor: meta.anchor,
    perDay: meta.perDay,
  };
}

interface Meta {
  anchor: Date;
  perDay: number;
  done: Range[];
  current: (Range & { auditSeq: number; searchSeq: number }) | null;
}

async function loadMeta(perDay: number | undefined): Promise<Meta> {
  const found = await PracticeSeedModel.findById(PRACTICE_SEED_ID).lean<Meta>();
  if (found) {
    if (perDay && perDay !== found.perDay)
      throw new Error(
        `data latihan sudah dibuat dengan ${found.perDay} surat per hari kerja; --per-day tidak dapat diubah`,
      );
    return {
      anchor: found.anchor,
      perDay: found.perDay,
      done: (found.done ?? []).map((r) => ({ from: r.from, to: r.to })),
      current: found.current?.to ? found.current : null,
    };
  }
  const meta: Meta = {
    anchor: now(),
    perDay: perDay ?? DEFAULT_PER_DAY,
    done: [],
    current: null,
  };
  await PracticeSeedModel.create({ _id: PRACTICE_SEED_ID, ...meta });
  return meta;
}

/** Which registers letters go to; the central one is the product's default. */
async function ensureRegisters(): Promise<void> {
  for (const [i, register] of REGISTERS.entries()) {
    await IncomingRegisterModel.updateOne(
      { code: register.code },
      {
        $setOnInsert: {
          code: register.code,
          name: register.name,
          isDefault: i === 0,
          active: true,
        },
      },
      { upsert: true },
    );
  }
}

function missing(done: Range[], letters: number): Range[] {
  const out: Range[] = [];
  let at = 0;
  for (const range of [...done].sort((a, b) => a.from - b.from)) {
    if (range.from > at) out.push({ from: at, to: Math.min(range.from, letters) });
    at = Math.max(at, range.to);
    if (at >= letters) break;
  }
  if (at < letters) out.push({ from: at, to: letters });
  return out.filter((r) => r.to > r.from);
}

/** Chunks on fixed boundaries (multiples of CHUNK), whatever N is. */
function split(range: Range): Range[] {
  const out: Range[] = [];
  for (let from = range.from; from < range.to;) {
    const to = Math.min(range.to, (Math.floor(from / CHUNK) + 1) * CHUNK);
    out.push({ from, to });
    from = to;
  }
  return out;
}

function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out;
}

function registerNameOf(code: string): string {
  return REGISTERS.find((r) => r.code === code)?.name ?? code;
}

function buildChunk(chunk: Range, plan: SeedPlan, org: SeedOrg, anchor: Date): LetterBundle[] {
  const bundles: LetterBundle[] = [];
  for (let i = chunk.from; i < chunk.to; i++) {
    const place = plan.place(i);
    bundles.push(buildLetter(place, org, anchor, registerNameOf(place.register)));
  }
  return bundles;
}

/** Builds a chunk's letters and stores their scans (objects before the records naming
 * them), a few uploads at a time. */
async function prepareChunk(
  chunk: Range,
  plan: SeedPlan,
  org: SeedOrg,
  anchor: Date,
  renderer: ScanRenderer,
  storage: ObjectStore,
): Promise<LetterBundle[]> {
  const bundles = buildChunk(chunk, plan, org, anchor);
  let next = 0;
  const upload = async () => {
    while (next < bundles.length) {
      const bundle = bundles[next++]!;
      const png = renderer.render(bundle.scanLines);
      const sha256 = createHash('sha256').update(png).digest('hex');
      bundle.file.size = png.length;
      bundle.file.sha256 = sha256;
      bundle.ocrPage.sourceSha = sha256;
      bundle.ocrPage.height = png.readUInt32BE(20);
      await putWithRetry(storage, bundle.scanKey, png);
    }
  };
  await Promise.all(Array.from({ length: UPLOADS_AT_ONCE }, upload));
  return bundles;
}

/** s3rver under a busy machine now and then resets a connection; a put is idempotent. */
async function putWithRetry(storage: ObjectStore, key: string, body: Buffer): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await storage.put(key, body, body.length, 'image/png');
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

async function writeChunk(chunk: Range, bundles: LetterBundle[]): Promise<number> {
  const head = await AuditHeadModel.findById('head').lean<{ seq: number; hash: string }>();
  const counter = await SearchCounterModel.findById(SEARCH_SEQUENCE).lean<{ value: number }>();
  const auditSeq = head?.seq ?? 0;
  const searchSeq = counter?.value ?? 0;
  await PracticeSeedModel.updateOne(
    { _id: PRACTICE_SEED_ID },
    { $set: { current: { ...chunk, auditSeq, searchSeq } } },
  );

  const all = <K extends keyof LetterBundle>(key: K) => bundles.flatMap((b) => b[key] as never[]);
  const debug = process.env.SEED_DEBUG ? (line: string) => console.log(`  ${line}`) : null;
  let stepAt = Date.now();
  const insert = async (model: mongoose.Model<never>, docs: unknown[]) => {
    if (docs.length > 0)
      await model.insertMany(docs as never[], { ordered: true, timestamps: false } as never);
    debug?.(`${model.modelName}: ${docs.length} in ${Date.now() - stepAt} ms`);
    stepAt = Date.now();
    return docs.length;
  };
  // Independent collections go in side by side; the letters (the commit point) last.
  const group = async (steps: Array<[mongoose.Model<never>, unknown[]]>) => {
    let n = 0;
    for (const [model, docs] of steps) n += await insert(model, docs);
    return n;
  };
  const drafts = bundles.flatMap((b) => b.search).sort((a, b) => a.at.getTime() - b.at.getTime());
  let seq = searchSeq;
  const events = drafts.map((d) => ({ _id: d._id, ...d.event, seq: ++seq, createdAt: d.at }));

  const auditDrafts = bundles
    .flatMap((b) => b.audit)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  let prevHash = head?.hash ?? GENESIS_HASH;
  let auditAt = auditSeq;
  const auditDocs = auditDrafts.map((d) => {
    const fields: HashedFields = {
      seq: ++auditAt,
      at: d.at,
      actorUserId: String(d.actor.holder.userId),
      actorUsername: d.actor.holder.username,
      actorName: d.actor.holder.name,
      actorPositionId: String(d.actor._id),
      actorPositionTitle: d.actor.title,
      acting: false,
      via: 'session',
      action: d.action,
      recordType: d.recordType,
      recordId: d.recordId,
      changes: diffFields(null, d.after),
      ip: null,
      prevHash,
    };
    const hash = eventHash(fields);
    prevHash = hash;
    return { _id: d._id, ...fields, hash };
  });
  let records = (
    await Promise.all([
      group([
        [StoredFileModel as never, all('file')],
        [JobModel as never, all('job')],
        [JobClaimModel as never, all('jobClaim')],
        [OcrPageModel as never, all('ocrPage')],
      ]),
      group([
        [DispositionModel as never, all('dispositions')],
        [DispositionReportModel as never, all('reports')],
      ]),
      group([[DispositionTransitionModel as never, all('transitions')]]),
      group([[SearchEventModel as never, events]]),
      group([[AuditEventModel as never, auditDocs]]),
    ])
  ).reduce((a, b) => a + b, 0);

  // The commit point: the letters themselves.
  records += await insert(IncomingLetterModel as never, all('letter'));

  const tops = new Map<string, { series: string; year: number; last: number }>();
  for (const { letter } of bundles) {
    const key = `${String(letter.register)}:${String(letter.agendaYear)}`;
    const last = Math.max(tops.get(key)?.last ?? 0, letter.agendaNumber as number);
    tops.set(key, {
      series: `incoming:${String(letter.register)}`,
      year: letter.agendaYear as number,
      last,
    });
  }
  debug?.('counters');
  for (const { series, year, last } of tops.values())
    await CounterModel.updateOne(
      { series, year },
      { $max: { last }, $setOnInsert: { series, year } },
      { upsert: true },
    );
  await SearchCounterModel.updateOne(
    { _id: SEARCH_SEQUENCE },
    { $max: { value: seq } },
    { upsert: true },
  );
  debug?.('search counter');
  if (auditDocs.length > 0) {
    const last = auditDocs.at(-1)!;
    const moved = await AuditHeadModel.updateOne(
      { _id: 'head' },
      { $set: { seq: last.seq, hash: last.hash } },
    );
    if (moved.matchedCount === 0)
      await AuditHeadModel.create({ _id: 'head', seq: last.seq, hash: last.hash });
  }
  debug?.('audit head');
  await rememberSenders(bundles);
  debug?.('senders');
  return records;
}

/** The address book of senders, as registrations fill it (most used first). */
async function rememberSenders(bundles: LetterBundle[]): Promise<void> {
  const counts = new Map<string, { name: string; n: number; last: Date }>();
  for (const b of bundles) {
    const key = senderKeyOf(b.senderName);
    const entry = counts.get(key) ?? { name: b.senderName, n: 0, last: new Date(0) };
    entry.n++;
    const at = b.letter.registeredAt as Date;
    if (at > entry.last) entry.last = at;
    counts.set(key, entry);
  }
  // One small write per sender (a few hundred names); FerretDB 1.24 stalled on a bulkWrite
  // of upserts against existing senders.
  const existing = new Map(
    (await SenderModel.find({ nameKey: { $in: [...counts.keys()] } }).lean()).map((s) => [
      s.nameKey,
      s,
    ]),
  );
  for (const [nameKey, { name, n, last }] of counts) {
    const found = existing.get(nameKey);
    if (!found) {
      await SenderModel.create({
        name,
        nameKey,
        useCount: n,
        lastUsedAt: last,
        category: guessSenderCategory(name),
      });
      continue;
    }
    const lastUsedAt = found.lastUsedAt && found.lastUsedAt > last ? found.lastUsedAt : last;
    await SenderModel.updateOne({ nameKey }, { $inc: { useCount: n }, $set: { lastUsedAt } });
  }
}

/** Removes what a cut-off run wrote for its current chunk (by the chunk's own ids) and puts
 * the audit head and the search counter back where they stood. */
async function rollback(
  current: Range & { auditSeq: number; searchSeq: number },
  plan: SeedPlan,
): Promise<void> {
  // By what a letter's records are found from its index alone (its letter, file and job ids
  // depend on its place in time only), so a chunk written by an older version of the
  // builder is removed whole too. Each read is an equality FerretDB pushes down to an index
  // (an `$in` would make it read whole collections); a few letters at a time.
  let next = current.from;
  const worker = async () => {
    while (next < current.to) {
      const index = next++;
      const at = plan.place(index).at;
      const letterId = seedObjectId(ID_KIND.letter, 0, index, at);
      const fileId = seedObjectId(ID_KIND.file, 0, index, at);
      const jobId = seedObjectId(ID_KIND.job, 0, index, at);
      await IncomingLetterModel.deleteOne({ _id: letterId });
      await StoredFileModel.deleteOne({ _id: fileId });
      await OcrPageModel.deleteMany({ fileId });
      await JobModel.deleteOne({ _id: jobId });
      await JobClaimModel.deleteOne({ _id: `${String(jobId)}:1` });
      await DispositionModel.deleteMany({ letterId });
      await DispositionTransitionModel.deleteMany({ letterId });
      await DispositionReportModel.deleteMany({ letterId });
      await SearchEventModel.deleteMany({ letterId: String(letterId) });
      await SearchEventModel.deleteMany({ fileId: String(fileId) });
      await AuditEventModel.deleteMany({ recordId: String(letterId) });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  // Whatever else took seqs after the chunk began (the log must stay gap-free): bucket by
  // bucket, as the search tail reads it.
  for (let bucket = seqBucketOf(current.searchSeq + 1); ; bucket++) {
    const found = await SearchEventModel.countDocuments({ seqBucket: bucket });
    if (found === 0) break;
    await SearchEventModel.deleteMany({ seqBucket: bucket, seq: { $gt: current.searchSeq } });
  }
  const head = current.auditSeq
    ? await AuditEventModel.findOne({ seq: current.auditSeq }).lean<{ seq: number; hash: string }>()
    : null;
  if (head)
    await AuditHeadModel.updateOne({ _id: 'head' }, { $set: { seq: head.seq, hash: head.hash } });
  else await AuditHeadModel.deleteOne({ _id: 'head' });
  await SearchCounterModel.updateOne(
    { _id: SEARCH_SEQUENCE },
    { $set: { value: current.searchSeq } },
  );
  await PracticeSeedModel.updateOne({ _id: PRACTICE_SEED_ID }, { $set: { current: null } });
}

/** What the load benchmark needs to address seeded letters: ids and words that find them. */
export interface PracticeLetterRef {
  index: number;
  letterId: string;
  fileId: string;
  /** A person, a village and a topic word of the letter: a known-item search that hits. */
  query: string;
}

export async function practiceLetterRefs(indexes: number[]): Promise<PracticeLetterRef[]> {
  const meta = await PracticeSeedModel.findById(PRACTICE_SEED_ID).lean<Meta>();
  if (!meta) return [];
  const upTo = Math.max(0, ...indexes) + 1;
  const plan = new SeedPlan(meta.anchor, meta.perDay, upTo);
  return indexes.map((index) => {
    const at = plan.place(index).at;
    return {
      index,
      letterId: String(seedObjectId(ID_KIND.letter, 0, index, at)),
      fileId: String(seedObjectId(ID_KIND.file, 0, index, at)),
      query: generateLetter(index, rng(0x1e77e4 + index * 7)).knownItemQuery,
    };
  });
}

/** How many practice letters are in (the length of the written prefix). */
export async function practiceLetterCount(): Promise<number> {
  const meta = await PracticeSeedModel.findById(PRACTICE_SEED_ID).lean<Meta>();
  const first = meta?.done?.find((r) => r.from === 0);
  return first?.to ?? 0;
}
