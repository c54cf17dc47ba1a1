// Load benchmark (not a test) on the embedded engine, from the practice dataset
// (`lontar.sh seed`): one dataset grown through LOAD_SIZES (default 10k, 30k, 100k letters)
// in one run; at each size the system is started on it and measured:
//   - one user alone (requests one after the other): p50 of each scenario;
//   - LOAD_CONNECTIONS clients (default 20) for LOAD_SECONDS each: p95, errors, and the CPU
//     seconds the API, FerretDB and PostgreSQL spent per request (the cost per request);
//   - registration with a 1 MB scan at the same concurrency.
// Prints a table against the targets of issue 13, writes bench/results/load-<date>-<commit>.json.
//
// Usage: pnpm --filter @lontar/bench load      (LOAD_SIZES=2000 for a quick run)
// LOAD_DIR keeps the datasets (default /tmp/lontar-load): <dir>/<size> is the dataset at that
// size; a size already there is reused (the seed then adds nothing), so a later run can
// measure again without seeding again.
// LOAD_SCENARIOS=inbox,awaiting measures only those scenarios (ids: see SCENARIO_IDS below;
// `registration` adds letters, so leave it out when several versions share a dataset).
// LOAD_VERSIONS=before=/path/a,after=/path/b measures each size with the API of each tree in
// turn (e.g. `git archive <commit>` exports with node_modules linked), same data and run:
// before/after figures of one change. Default: the API of this checkout.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { connectDatabase, disconnectDatabase } from '../../backend/src/lib/db.ts';
import { letterData } from '../../backend/src/modules/letters/letters.fixtures.ts';
import { createScanRenderer } from '../../backend/src/modules/seed/scan.ts';
import {
  practiceLetterRefs,
  type PracticeLetterRef,
} from '../../backend/src/modules/seed/seed.service.ts';
import { freePort } from '../../infra/src/ports.ts';
import { repoRoot } from '../../infra/src/stack.ts';
import { startSystem, type RunningSystem } from './system.ts';

const SIZES = (process.env.LOAD_SIZES ?? '10000,30000,100000').split(',').map(Number);
const DIR = path.resolve(process.env.LOAD_DIR ?? '/tmp/lontar-load');
const SECONDS = Number(process.env.LOAD_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 20);
const ALONE = Number(process.env.LOAD_ALONE ?? 25);
const TARGET = { aloneP50: 30, p95: 250, registrationP95: 1000 };
/** Scenario ids for LOAD_SCENARIOS, in the order they run. */
const SCENARIO_IDS = [
  'inbox',
  'counters',
  'awaiting',
  'awaiting-urgent',
  'awaiting-search',
  'letter',
  'journey',
  'history',
  'register',
  'ocr',
  'search',
  'me',
  'registration',
] as const;
const DEFAULT_SCENARIOS = SCENARIO_IDS.filter(
  (id) => !['counters', 'awaiting-urgent', 'awaiting-search'].includes(id),
);
const CHOSEN = new Set<string>(
  process.env.LOAD_SCENARIOS?.split(',').map((id) => id.trim()) ?? DEFAULT_SCENARIOS,
);
for (const id of CHOSEN)
  if (!(SCENARIO_IDS as readonly string[]).includes(id))
    throw new Error(`unknown scenario ${id}; known: ${SCENARIO_IDS.join(', ')}`);
const VERSIONS = (process.env.LOAD_VERSIONS ?? `current=${repoRoot}`).split(',').map((pair) => {
  const [label, root] = pair.split('=');
  if (!label || !root || !existsSync(path.join(root, 'backend/src/server.ts')))
    throw new Error(`LOAD_VERSIONS: ${pair} is not label=<tree with backend/src/server.ts>`);
  return { label, root: path.resolve(root) };
});
const log = (line: string) => console.log(`[load] ${line}`);
// The backend's own mongoose (the bench package does not duplicate it).
const mongoose = createRequire(new URL('../../backend/package.json', import.meta.url))(
  'mongoose',
) as typeof import('mongoose');

interface Row {
  scenario: string;
  aloneP50: number;
  aloneMax: number;
  /** Known-item searches: how many of the alone phase's queries found their letter. */
  hits?: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  statuses: Record<string, number>;
  serverP50: number;
  serverP95: number;
  /** CPU milliseconds per request (API + FerretDB + PostgreSQL) under load. */
  cpuMsPerRequest: number;
  cpuSeconds: Record<string, number>;
}

interface Stage {
  letters: number;
  /** LOAD_VERSIONS label and tree of the API measured. */
  version: string;
  apiRoot: string;
  seedSeconds: number | null;
  seedRate: number | null;
  apiStartSeconds: number;
  documents: Record<string, number>;
  rows: Row[];
  loadAverage: string;
}

const stages: Stage[] = [];
mkdirSync(DIR, { recursive: true });
let previous: string | null = null;
for (const size of SIZES) {
  const dataDir = path.join(DIR, String(size));
  // LOAD_WAIT_SEEDED: the sizes are being grown by a separate `lontar.sh seed` run (into
  // LOAD_DIR/<size>); measure each as soon as it is there instead of seeding it here.
  while (process.env.LOAD_WAIT_SEEDED && !seededTo(dataDir, size)) {
    log(`waiting for ${dataDir} to hold ${size} letters`);
    await new Promise((resolve) => setTimeout(resolve, 30_000));
  }
  if (!existsSync(dataDir) && previous) {
    log(`copying the ${path.basename(previous)}-letter dataset to grow it to ${size}`);
    execFileSync('cp', ['-a', previous, dataDir]);
  }
  const seeded = await seed(dataDir, size);
  for (const version of VERSIONS) {
    const system = await startSystem(dataDir, version.root);
    try {
      log(
        `${size} letters, ${version.label}: API healthy after ${system.startSeconds.toFixed(1)} s`,
      );
      await settle(system);
      const stage = await measure(system, size);
      stages.push({
        letters: size,
        version: version.label,
        apiRoot: version.root,
        seedSeconds: seeded.seconds,
        seedRate: seeded.rate,
        apiStartSeconds: system.startSeconds,
        ...stage,
        loadAverage: readFileSync('/proc/loadavg', 'utf8').trim(),
      });
    } finally {
      await disconnectDatabase().catch(() => undefined);
      await system.stop();
    }
    // Written after every stage, so a run stopped early keeps what it measured.
    report(stages.length < SIZES.length * VERSIONS.length);
  }
  previous = dataDir;
}
process.exit(0);

/**
 * Start-up work that runs beside serving (page counts of older files, key backfills, the
 * search index's tail) would be billed to the first scenarios: wait until the API and
 * FerretDB are nearly idle (under 10 % of a core over 5 s), at most LOAD_SETTLE_SECONDS.
 */
async function settle(system: RunningSystem): Promise<void> {
  const limit = Number(process.env.LOAD_SETTLE_SECONDS ?? 300);
  const started = Date.now();
  for (;;) {
    const a = system.cpu();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const b = system.cpu();
    const busy = b.api! - a.api! + (b.ferretdb! - a.ferretdb!);
    if (busy < 0.5 || Date.now() - started > limit * 1000) {
      log(
        `settled after ${((Date.now() - started) / 1000).toFixed(0)} s (${busy.toFixed(2)} CPU s in 5 s)`,
      );
      return;
    }
  }
}

function seededTo(dataDir: string, letters: number): boolean {
  const marker = path.join(dataDir, 'practice-seed.json');
  return existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).letters >= letters;
}

/** Grows the dataset with the product's own command; returns its rate when it added any. */
async function seed(
  dataDir: string,
  letters: number,
): Promise<{ seconds: number | null; rate: number | null }> {
  // A folder the seed already brought to this size is measured as it is.
  if (seededTo(dataDir, letters)) {
    log(`${letters} letters already seeded in ${dataDir}`);
    return { seconds: null, rate: null };
  }
  const port = await freePort();
  const started = Date.now();
  const output: string[] = [];
  const code = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'backend/src/cli/seed-practice.ts'), '--letters', String(letters)],
      { env: { ...process.env, LONTAR_DATA_DIR: dataDir, PORT: String(port) }, stdio: 'pipe' },
    );
    for (const stream of [child.stdout, child.stderr])
      stream.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        output.push(text);
        process.stdout.write(text);
      });
    child.on('exit', (exit) => resolve(exit ?? 1));
  });
  if (code !== 0) throw new Error(`seed --letters ${letters} failed (${code})`);
  const done = /selesai: ([\d.]+) surat .* dalam (\d+) detik, (\d+) surat\/detik/.exec(
    output.join(''),
  );
  return done
    ? { seconds: (Date.now() - started) / 1000, rate: Number(done[3]) }
    : { seconds: null, rate: null };
}

async function measure(
  system: RunningSystem,
  letters: number,
): Promise<{ documents: Record<string, number>; rows: Row[] }> {
  await connectDatabase(system.env.MONGODB_URI!, 'lontar');
  const db = mongoose.connection.db!;
  const documents: Record<string, number> = {};
  for (const name of ['incoming_letters', 'dispositions', 'search_events', 'ocr_pages']) {
    documents[name] = await db.collection(name).estimatedDocumentCount();
  }
  // Letters spread over the whole dataset, and words each of them contains.
  log(`documents: ${JSON.stringify(documents)}`);
  const step = Math.max(1, Math.floor(letters / 200));
  const refs = await practiceLetterRefs(
    Array.from({ length: Math.min(200, letters) }, (_, i) => i * step),
  );
  const sekda = await login(system.url, 'sekda');
  const clerk = await login(system.url, 'agendaris');

  const rows: Row[] = [];
  let n = 0;
  const nextRef = () => refs[n++ % refs.length]!;
  const get = (id: string, name: string, who: Session, pathOf: () => string) => ({
    id,
    name,
    who,
    pathOf,
  });
  const scenarios = [
    get('inbox', 'inbox (Sekda)', sekda, () => '/api/dispositions/inbox'),
    get('counters', 'counters (Sekda)', sekda, () => '/api/dispositions/counters'),
    get('awaiting', 'awaiting disposition (Sekda)', sekda, () => '/api/dispositions/awaiting'),
    get(
      'awaiting-urgent',
      'awaiting disposition, sangat segera (Sekda)',
      sekda,
      () => '/api/dispositions/awaiting?urgency=sangat_segera',
    ),
    get(
      'awaiting-search',
      'awaiting disposition, searched within (Sekda)',
      sekda,
      () => '/api/dispositions/awaiting?q=rapat',
    ),
    get(
      'letter',
      'letter page: letter',
      sekda,
      () => `/api/incoming-letters/${nextRef().letterId}`,
    ),
    get(
      'journey',
      'letter page: journey',
      sekda,
      () => `/api/incoming-letters/${nextRef().letterId}/journey`,
    ),
    get(
      'history',
      'letter page: history',
      sekda,
      () => `/api/incoming-letters/${nextRef().letterId}/history`,
    ),
    get('register', 'register list page (agendaris)', clerk, () => '/api/incoming-letters'),
    get('ocr', 'OCR status', sekda, () => `/api/files/${nextRef().fileId}/ocr`),
    get(
      'search',
      'search, known item',
      sekda,
      () => `/api/search?q=${encodeURIComponent(nextRef().query)}`,
    ),
    get('me', 'GET /api/auth/me', sekda, () => '/api/auth/me'),
  ].filter((scenario) => CHOSEN.has(scenario.id));
  for (const scenario of scenarios) {
    // Warm-up: the first request of a kind pays for lazy work (caches, plans).
    await call(system.url, scenario.who, scenario.pathOf());
    const alone: number[] = [];
    let hits = 0;
    for (let i = 0; i < ALONE; i++) {
      const ref = refs[n % refs.length]!;
      const url = scenario.pathOf();
      const t0 = performance.now();
      const answer = await call(system.url, scenario.who, url);
      alone.push(performance.now() - t0);
      if (answer.status >= 400)
        throw new Error(`${scenario.name}: ${url} answered ${answer.status}`);
      if (scenario.name.startsWith('search') && found(answer.body, ref)) hits++;
    }
    const row = await underLoad(system, scenario.name, {
      headers: scenario.who.headers,
      requests: [
        {
          method: 'GET',
          setupRequest: (req: Record<string, unknown>) => ({ ...req, path: scenario.pathOf() }),
        },
      ],
    });
    rows.push({
      ...row,
      aloneP50: percentile(alone, 50),
      aloneMax: percentile(alone, 100),
      ...(scenario.name.startsWith('search') ? { hits: `${hits}/${ALONE}` } : {}),
    });
    print(rows.at(-1)!);
  }

  // Registration with a 1 MB scan (a practice-style page, padded to 1 MB as a phone photo
  // would be): last, as it adds letters.
  if (!CHOSEN.has('registration')) return { documents, rows };
  const scan = await oneMegabyteScan();
  const boundary = `lontarbench${Date.now()}`;
  const multipart = (i: number) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify({
          ...letterData({ letterNumber: `400.7/${i}/BENCH/${Date.now()}` }),
          confirmDuplicate: true,
        })}\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="pindaian.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      scan,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
  const alone: number[] = [];
  for (let i = 0; i < Math.min(ALONE, 10); i++) {
    const t0 = performance.now();
    const answer = await call(system.url, clerk, '/api/incoming-letters', {
      method: 'POST',
      body: multipart(i),
      type: `multipart/form-data; boundary=${boundary}`,
    });
    alone.push(performance.now() - t0);
    if (answer.status !== 201) throw new Error(`registration answered ${answer.status}`);
  }
  const body = multipart(999);
  const row = await underLoad(system, 'registration, 1 MB scan', {
    headers: { ...clerk.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    requests: [{ method: 'POST', path: '/api/incoming-letters', body }],
  });
  rows.push({ ...row, aloneP50: percentile(alone, 50), aloneMax: percentile(alone, 100) });
  print(rows.at(-1)!);
  return { documents, rows };
}

async function underLoad(
  system: RunningSystem,
  scenario: string,
  options: Record<string, unknown>,
): Promise<Omit<Row, 'aloneP50' | 'aloneMax'>> {
  const before = system.cpu();
  const mark = system.logMark();
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const result = await new Promise<{ errors: number; timeouts: number; duration: number }>(
    (resolve, reject) => {
      const instance = autocannon(
        { url: system.url, connections: CONNECTIONS, duration: SECONDS, timeout: 30, ...options },
        (error: Error | null, done: never) => (error ? reject(error) : resolve(done)),
      );
      instance.on('response', (_client: unknown, status: number, _bytes: number, time: number) => {
        latencies.push(time);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      });
    },
  );
  const after = system.cpu();
  const server = system.serverMs(mark);
  const cpuSeconds = Object.fromEntries(
    Object.keys(after).map((k) => [k, round1(after[k]! - (before[k] ?? 0))]),
  );
  const cpuTotal = Object.values(cpuSeconds).reduce((a, b) => a + b, 0);
  // Nothing answered within the run: every client still waits, so the latency is at least
  // the run's length (reported as that, and a miss), not 0.
  const none = latencies.length === 0 ? SECONDS * 1000 : null;
  return {
    scenario,
    requests: latencies.length,
    perSecond: round1(latencies.length / result.duration),
    p50: none ?? percentile(latencies, 50),
    p95: none ?? percentile(latencies, 95),
    p99: none ?? percentile(latencies, 99),
    errors:
      result.errors +
      result.timeouts +
      [...statuses].filter(([s]) => s >= 400).reduce((sum, [, c]) => sum + c, 0),
    statuses: Object.fromEntries(statuses),
    serverP50: percentile(server, 50),
    serverP95: percentile(server, 95),
    cpuMsPerRequest: latencies.length ? round1((cpuTotal * 1000) / latencies.length) : 0,
    cpuSeconds,
  };
}

interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

async function login(url: string, username: string): Promise<Session> {
  const answer = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'lontar-demo' }),
  });
  if (answer.status !== 200) throw new Error(`login ${username}: ${answer.status}`);
  const cookie = /lontar_session=[^;]*/.exec(answer.headers.getSetCookie().join(';'))![0];
  const csrf = ((await answer.json()) as { csrfToken: string }).csrfToken;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

async function call(
  url: string,
  session: Session,
  pathname: string,
  options: { method?: string; body?: Buffer; type?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const answer = await fetch(`${url}${pathname}`, {
    method: options.method ?? 'GET',
    headers: { ...session.headers, ...(options.type ? { 'content-type': options.type } : {}) },
    body: options.body,
    signal: AbortSignal.timeout(120_000),
  });
  const text = await answer.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: answer.status, body };
}

function found(body: unknown, ref: PracticeLetterRef): boolean {
  const items = (body as { items?: Array<{ letterId: string }> }).items ?? [];
  return items.some((item) => item.letterId === ref.letterId);
}

/** A real page image (the practice renderer's, much taller) padded with an unknown PNG
 * chunk to 1 MB: the upload, hashing and storing cost of a 1 MB scan. */
async function oneMegabyteScan(): Promise<Buffer> {
  const renderer = await createScanRenderer();
  const page = renderer.render(
    Array.from({ length: 14 }, (_, i) => `Baris ${i + 1} surat uji beban ${Date.now()}`),
  );
  const pad = 1024 * 1024 - page.length - 12;
  const chunk = Buffer.alloc(pad + 12);
  chunk.writeUInt32BE(pad, 0);
  chunk.write('pADd', 4, 'latin1');
  // An ancillary, private chunk before IEND; its CRC is not checked by the sniffers.
  const iend = page.length - 12;
  return Buffer.concat([page.subarray(0, iend), chunk, page.subarray(iend)]);
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return round1(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function print(row: Row): void {
  log(
    `  ${row.scenario}: alone p50 ${row.aloneP50} ms${row.hits ? ` (hits ${row.hits})` : ''}; ${CONNECTIONS} clients ${row.perSecond}/s p95 ${row.p95} ms, errors ${row.errors}, ${row.cpuMsPerRequest} ms CPU/request`,
  );
}

function report(partial = false): void {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot })
    .toString()
    .trim();
  const dirty =
    execFileSync('git', ['status', '--porcelain', 'backend', 'infra'], {
      cwd: repoRoot,
    }).toString().length > 0;
  const date = new Date().toISOString().slice(0, 10);
  console.log('');
  console.log(
    `Load on the embedded engine, commit ${commit}${dirty ? ' (+ uncommitted changes)' : ''}; targets: alone p50 ≤ ${TARGET.aloneP50} ms, ${CONNECTIONS} clients p95 ≤ ${TARGET.p95} ms and 0 errors, registration p95 ≤ ${TARGET.registrationP95} ms`,
  );
  const header = [
    'scenario',
    ...stages.flatMap((s) => [
      `${s.letters / 1000}k${VERSIONS.length > 1 ? ` ${s.version}` : ''} alone p50`,
      `p95`,
      `err`,
      `cpu ms/req`,
    ]),
  ];
  console.log(header.join(' | '));
  const names = stages[0]?.rows.map((r) => r.scenario) ?? [];
  const misses: string[] = [];
  for (const name of names) {
    const cells = [name];
    for (const stage of stages) {
      const row = stage.rows.find((r) => r.scenario === name)!;
      const registration = name.startsWith('registration');
      const aloneOk = registration || row.aloneP50 <= TARGET.aloneP50;
      const p95Ok = row.p95 <= (registration ? TARGET.registrationP95 : TARGET.p95);
      cells.push(
        `${row.aloneP50}${aloneOk ? '' : ' ✗'}`,
        `${row.p95}${p95Ok ? '' : ' ✗'}`,
        `${row.errors}${row.errors === 0 ? '' : ' ✗'}`,
        `${row.cpuMsPerRequest}`,
      );
      const at = `${stage.letters}${VERSIONS.length > 1 ? ` (${stage.version})` : ''}`;
      if (!aloneOk) misses.push(`${name} at ${at}: alone p50 ${row.aloneP50} ms`);
      if (!p95Ok) misses.push(`${name} at ${at}: p95 ${row.p95} ms`);
      if (row.errors > 0) misses.push(`${name} at ${at}: ${row.errors} errors`);
    }
    console.log(cells.join(' | '));
  }
  const slopes: Record<string, number> = {};
  for (const version of VERSIONS) {
    const own = stages.filter((s) => s.version === version.label);
    if (own.length < 2) continue;
    const first = own[0]!;
    const last = own.at(-1)!;
    const suffix = VERSIONS.length > 1 ? ` (${version.label})` : '';
    console.log('');
    console.log(
      `cost per request from ${first.letters} to ${last.letters} letters${suffix} (CPU ms per request, last/first):`,
    );
    for (const name of names) {
      const a = first.rows.find((r) => r.scenario === name)!.cpuMsPerRequest;
      const b = last.rows.find((r) => r.scenario === name)!.cpuMsPerRequest;
      slopes[`${name}${suffix}`] = a > 0 ? Math.round((b / a) * 100) / 100 : 0;
      console.log(`  ${name}: ${a} → ${b} ms (×${slopes[`${name}${suffix}`]})`);
    }
  }
  console.log('');
  console.log(misses.length ? `misses:\n  ${misses.join('\n  ')}` : 'every target met');
  const out = {
    commit,
    uncommittedChanges: dirty,
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
    },
    connections: CONNECTIONS,
    seconds: SECONDS,
    aloneRequests: ALONE,
    targets: TARGET,
    sizes: SIZES,
    scenarios: [...CHOSEN],
    versions: VERSIONS,
    partial,
    stages,
    costSlope: slopes,
    misses,
  };
  const dir = path.join(import.meta.dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `load-${date}-${commit}.json`);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  log(`results: ${file}`);
}
