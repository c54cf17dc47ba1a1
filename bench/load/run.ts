// Load benchmark (not a test): the whole system on loopback — FerretDB, s3rver and the API
// as separate processes — seeded with LOAD_LETTERS letters (3 dispositions each), then
// autocannon at 20 concurrent clients on the inbox, the register list, the letter page,
// search, and registration with a 1 MB scan. Prints throughput, p50/p95/p99, errors, CPU
// per process (where the time goes) and peak memory; writes bench/results/load-<n>.json.
// Usage: LOAD_LETTERS=100000 pnpm --filter @lontar/bench load
// LOAD_SCENARIOS=inbox,register,letter,search,registration picks scenarios (first word of
// their names; all by default). LOAD_ENGINE=postgresql runs FerretDB on its PostgreSQL handler (a throwaway cluster of
// Debian's PostgreSQL) instead of SQLite; results then go to load-<n>-postgresql.json.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { findPositionByKey } from '../../backend/src/modules/org/org.service.ts';
import { letterData } from '../../backend/src/modules/letters/letters.fixtures.ts';
import { Client, letterForm, startSystem } from '../../backend/test/system.ts';
import { generateLetter, rng } from '../corpus.ts';
import { startPostgresFerret, type PostgresFerret } from './postgres.ts';
import { backendRequire, seedCopies } from './seed.ts';

// Packages of the backend, resolved from its folder (the bench package does not duplicate them).
const sharp = backendRequire('sharp') as typeof import('sharp');

const LETTERS = Number(process.env.LOAD_LETTERS ?? 100_000);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 20);
const SINGLE = Number(process.env.LOAD_SINGLE ?? 5);
const ENGINE = process.env.LOAD_ENGINE === 'postgresql' ? 'postgresql' : 'sqlite';
const log = (line: string) => console.log(`[load] ${line}`);

let postgres: PostgresFerret | undefined;
if (ENGINE === 'postgresql') {
  if (!process.env.FERRETDB_BIN)
    throw new Error('FERRETDB_BIN is not set (source infra/bootstrap.sh)');
  postgres = await startPostgresFerret(process.env.FERRETDB_BIN);
  process.env.MONGODB_URI = postgres.uri;
  log(`engine: FerretDB on PostgreSQL at ${postgres.uri}`);
}
const system = await startSystem({ LOG_LEVEL: 'info' });
try {
  let api = await system.startApi('api');
  await system.connect();
  const clerk = await new Client(api.url).login('agendaris');
  const sekda = await new Client(api.url).login('sekda');
  const asisten3 = await new Client(api.url).login('asisten3');
  const pos = async (key: string) => String((await findPositionByKey(key))!._id);

  // The template: a real registration and a real disposition tree (Sekda → Asisten III and
  // Asisten I; Asisten III → Kepala Biro Umum).
  const scan = await sharp(randomBytes(64 * 64 * 3), {
    raw: { width: 64, height: 64, channels: 3 },
  })
    .png()
    .toBuffer();
  const registered = await clerk.send('POST', '/api/incoming-letters', {
    form: letterForm(letterData(), [{ body: scan, name: 'scan.png', type: 'image/png' }]),
  });
  if (registered.status !== 201)
    throw new Error(`template letter: ${registered.status} ${JSON.stringify(registered.body)}`);
  const templateId = registered.body.id as string;
  const disposed = await sekda.send('POST', `/api/incoming-letters/${templateId}/dispositions`, {
    json: {
      recipients: [
        { positionId: await pos('asisten3'), role: 'primary' },
        { positionId: await pos('asisten1'), role: 'coordinate' },
      ],
      instructions: ['Tindak lanjuti'],
    },
  });
  if (disposed.status !== 201)
    throw new Error(`template disposition: ${disposed.status} ${JSON.stringify(disposed.body)}`);
  const primary = (disposed.body.items as Array<{ id: string; role: string }>).find(
    (i) => i.role === 'primary',
  )!;
  const forwarded = await asisten3.send('POST', `/api/dispositions/${primary.id}/forward`, {
    json: {
      recipients: [{ positionId: await pos('karoumum'), role: 'primary' }],
      instructions: ['Siapkan bahan'],
    },
  });
  log(`template letter ${templateId}; forward ${forwarded.status}`);

  log(`seeding ${LETTERS.toLocaleString('en')} letters`);
  const seeded = await seedCopies(templateId, LETTERS, log);
  log(
    `seeded ${seeded.letters.toLocaleString('en')} letters and ${seeded.dispositions.toLocaleString('en')} dispositions in ${seeded.seconds} s`,
  );

  // Restart so the API builds its search index from the event log, as after a deploy.
  const port = api.port;
  await api.managed.stop(15_000);
  const restartAt = Date.now();
  api = await system.startApi('api-bench', { port });
  const startSeconds = (Date.now() - restartAt) / 1000;
  log(
    `API restarted (search index rebuilt from ${seeded.letters.toLocaleString('en')} events) in ${startSeconds.toFixed(1)} s`,
  );

  const random = rng(7);
  const words = Array.from({ length: 200 }, (_, i) => generateLetter(i, random).knownItemQuery);
  const ids = seeded.letterIds.filter(
    (_, i) => i % Math.max(1, Math.floor(seeded.letterIds.length / 2000)) === 0,
  );

  const png = await sharp(randomBytes(580 * 580 * 3), {
    raw: { width: 580, height: 580, channels: 3 },
  })
    .png({ compressionLevel: 0 })
    .toBuffer();
  const boundary = `lontarbench${randomBytes(8).toString('hex')}`;
  const data = JSON.stringify({ ...letterData(), confirmDuplicate: true });
  const multipart = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${data}\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="scan.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);

  const headersOf = (client: Client) => ({ cookie: client.cookie, 'x-csrf-token': client.csrf });
  let counter = 0;
  const scenarios: Array<{ name: string; options: Record<string, unknown> }> = [
    {
      name: 'inbox (Asisten III, dispositions)',
      options: {
        headers: headersOf(asisten3),
        requests: [{ method: 'GET', path: '/api/dispositions/inbox' }],
      },
    },
    {
      name: 'register list (agendaris)',
      options: {
        headers: headersOf(clerk),
        requests: [{ method: 'GET', path: '/api/incoming-letters' }],
      },
    },
    {
      name: 'letter page (letter + disposition journey)',
      options: {
        headers: headersOf(sekda),
        requests: [
          {
            method: 'GET',
            setupRequest: (req: Record<string, unknown>) => ({
              ...req,
              path: `/api/incoming-letters/${ids[counter++ % ids.length]}`,
            }),
          },
          {
            method: 'GET',
            setupRequest: (req: Record<string, unknown>) => ({
              ...req,
              path: `/api/incoming-letters/${ids[counter % ids.length]}/journey`,
            }),
          },
        ],
      },
    },
    {
      name: 'search',
      options: {
        headers: headersOf(sekda),
        requests: [
          {
            method: 'GET',
            setupRequest: (req: Record<string, unknown>) => ({
              ...req,
              path: `/api/search?q=${encodeURIComponent(words[counter++ % words.length]!)}`,
            }),
          },
        ],
      },
    },
    {
      name: 'registration, 1 MB scan',
      options: {
        headers: {
          ...headersOf(clerk),
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        requests: [{ method: 'POST', path: '/api/incoming-letters', body: multipart }],
      },
    },
  ];

  // Cheapest first: a scenario whose requests are still unanswered when it ends leaves them
  // queued in the engine, and they would be billed to the next scenario.
  scenarios.reverse();
  const only = process.env.LOAD_SCENARIOS?.split(',').map((key) => key.trim());
  if (only)
    scenarios.splice(
      0,
      scenarios.length,
      ...scenarios.filter((s) => only.includes(s.name.split(/[ ,(]/)[0]!)),
    );

  for (const [name, client, url] of [
    ['inbox', asisten3, '/api/dispositions/inbox'],
    ['list', clerk, '/api/incoming-letters'],
    ['letter', sekda, `/api/incoming-letters/${ids[0]}`],
  ] as const) {
    const t0 = performance.now();
    const answer = await client.send('GET', url, { timeoutMs: 600_000 });
    log(`warm-up ${name}: ${answer.status} in ${Math.round(performance.now() - t0)} ms`);
  }
  const processes = findProcesses(system.dataDir, api.managed.child.pid!);
  if (postgres) processes.ferretdb = postgres.ferretPid;
  const results: Array<Record<string, unknown>> = [];
  /** One user alone: a few requests one after the other (the page's own cost, no queueing). */
  const alone = (options: Record<string, unknown>) =>
    new Promise<number[]>((resolve, reject) => {
      const times: number[] = [];
      const instance = autocannon(
        { url: api.url, connections: 1, amount: SINGLE, timeout: 600, ...options },
        (error: Error | null) => (error ? reject(error) : resolve(times)),
      );
      instance.on('response', (_client: unknown, _status: number, _bytes: number, time: number) =>
        times.push(time),
      );
    });
  for (const scenario of scenarios) {
    const single = await alone(scenario.options);
    const cpuBefore = { ...cpuSeconds(processes), postgres: postgresCpuSeconds() };
    const logBefore = system.log('api-bench').length;
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const result = await new Promise<{ errors: number; timeouts: number; duration: number }>(
      (resolve, reject) => {
        const instance = autocannon(
          {
            url: api.url,
            connections: CONNECTIONS,
            duration: SECONDS,
            timeout: 30,
            ...scenario.options,
          },
          (error: Error | null, done: never) => (error ? reject(error) : resolve(done)),
        );
        instance.on(
          'response',
          (_client: unknown, status: number, _bytes: number, time: number) => {
            latencies.push(time);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
          },
        );
      },
    );
    if (process.env.LOAD_DEBUG) console.log(JSON.stringify(result).slice(0, 1500));
    const cpuAfter = { ...cpuSeconds(processes), postgres: postgresCpuSeconds() };
    const server = serverMs(system.log('api-bench').slice(logBefore));
    const row = {
      scenario: scenario.name,
      aloneP50: percentile(single, 50),
      aloneMax: percentile(single, 100),
      requests: latencies.length,
      perSecond: Math.round((latencies.length / result.duration) * 10) / 10,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      errors:
        result.errors +
        result.timeouts +
        [...statuses].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0),
      statuses: Object.fromEntries(statuses),
      serverP50: percentile(server, 50),
      serverP95: percentile(server, 95),
      cpuSeconds: Object.fromEntries(
        Object.keys(cpuAfter).map((name) => [
          name,
          Math.round((cpuAfter[name]! - (cpuBefore[name] ?? 0)) * 10) / 10,
        ]),
      ),
    };
    results.push(row);
    log(
      `${row.scenario}: alone p50 ${row.aloneP50} ms (max ${row.aloneMax} ms); ${CONNECTIONS} clients: ${row.perSecond}/s p50 ${row.p50} ms p95 ${row.p95} ms p99 ${row.p99} ms, errors ${row.errors}, server p95 ${row.serverP95} ms, cpu ${JSON.stringify(row.cpuSeconds)}`,
    );
  }
  const memory = Object.fromEntries(
    Object.entries(processes).map(([name, pid]) => [name, peakRssMb(pid)]),
  );
  log(`peak memory (MB): ${JSON.stringify(memory)}`);
  const out = {
    engine: ENGINE,
    letters: seeded.letters + 1,
    dispositions: seeded.dispositions,
    seedSeconds: seeded.seconds,
    apiStartSeconds: startSeconds,
    connections: CONNECTIONS,
    seconds: SECONDS,
    results,
    peakMemoryMb: memory,
    loadAverage: readFileSync('/proc/loadavg', 'utf8').trim(),
  };
  const dir = path.join(import.meta.dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const suffix = ENGINE === 'postgresql' ? '-postgresql' : '';
  writeFileSync(
    path.join(dir, `load-${LETTERS}${suffix}.json`),
    `${JSON.stringify(out, null, 2)}\n`,
  );
} finally {
  await system.stop();
  await postgres?.stop();
}
process.exit(0);

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) /
    10
  );
}

/** The API and the two servers of this run, found by the run's data folder in their command line. */
function findProcesses(dataDir: string, apiPid: number): Record<string, number> {
  const found: Record<string, number> = { api: apiPid };
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    if (!cmd.includes(dataDir)) continue;
    if (cmd.includes('ferretdb')) found.ferretdb = Number(entry);
    else if (cmd.includes('s3-server')) found.s3rver = Number(entry);
  }
  return found;
}

function cpuSeconds(processes: Record<string, number>): Record<string, number> {
  const ticks = 100; // USER_HZ on Linux
  const out: Record<string, number> = {};
  for (const [name, pid] of Object.entries(processes)) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out[name] = (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      out[name] = 0;
    }
  }
  return out;
}

/** CPU seconds of every PostgreSQL process (postmaster and backends; only the benchmark's
 * cluster runs here). 0 on the SQLite engine. */
function postgresCpuSeconds(): number {
  if (ENGINE !== 'postgresql') return 0;
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

function peakRssMb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** Server-side durations (the `ms` of the API's request log lines). */
function serverMs(logText: string): number[] {
  const out: number[] = [];
  for (const line of logText.split('\n')) {
    if (!line.includes('"msg":"request"')) continue;
    try {
      out.push((JSON.parse(line) as { ms: number }).ms);
    } catch {
      // a partial line
    }
  }
  return out;
}
