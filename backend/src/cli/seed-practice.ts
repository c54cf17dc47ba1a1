// bash infra/lontar.sh seed --letters N [--per-day M]: fills the embedded data/ (or
// LONTAR_DATA_DIR) with the practice dataset (modules/seed). The system must be stopped:
// this starts the database and the object store itself, runs the API's start-up tasks,
// seeds, runs them again (backfills, search index), and stops. Exit 0 on success, 1 on a
// refused or failed run, 2 on bad usage.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot, startStack, type Stack } from '@lontar/infra/stack';
import { startServices } from '../bootstrap.ts';
import { disconnectDatabase } from '../lib/db.ts';
// Every module's models, so ensureIndexes builds all their indexes as the API would.
import '../modules/index.ts';
import { afterBulkLoad } from '../modules/dispositions/dispositions.backfill.ts';
import {
  DEFAULT_PER_DAY,
  practiceLetterCount,
  seedPractice,
} from '../modules/seed/seed.service.ts';
import { orgStartupTask } from '../modules/org/org.startup.ts';
import { runStartupTasks } from '../modules/startup.ts';
import { stopSearchIndex } from '../modules/search/runtime.ts';

const USAGE =
  'Pemakaian: bash infra/lontar.sh seed --letters <jumlah> [--per-day <surat per hari kerja, bawaan ' +
  `${DEFAULT_PER_DAY}>]`;

function usage(message?: string): never {
  if (message) console.error(message);
  console.error(USAGE);
  process.exit(2);
}

let values: { letters?: string; 'per-day'?: string };
try {
  values = parseArgs({
    options: { letters: { type: 'string' }, 'per-day': { type: 'string' } },
    allowPositionals: false,
    strict: true,
  }).values;
} catch (error) {
  usage((error as Error).message);
}
const letters = Number(values.letters);
if (!values.letters || !Number.isInteger(letters) || letters < 1 || letters > 2_000_000)
  usage('--letters harus bilangan bulat antara 1 dan 2.000.000.');
const perDay = values['per-day'] ? Number(values['per-day']) : undefined;
if (perDay !== undefined && (!Number.isInteger(perDay) || perDay < 1 || perDay > 2000))
  usage('--per-day harus bilangan bulat antara 1 dan 2.000.');

const dataDir = path.resolve(process.env.LONTAR_DATA_DIR ?? path.join(repoRoot, 'data'));
const port = Number(process.env.PORT ?? 8080);
const running = await runningSystem(dataDir, port);
if (running) {
  console.error(
    `Sistem sedang berjalan (${running}). Hentikan dulu (Ctrl+C pada "lontar.sh start"), lalu jalankan seed lagi.`,
  );
  process.exit(1);
}

const log = (line: string) => console.log(`[seed] ${line}`);
let stack: Stack | undefined;
let code = 1;
// Ctrl+C mid-run: stop the servers this started; the next run redoes the cut-off chunk.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.error('[seed] dihentikan; jalankan lagi untuk melanjutkan');
    void Promise.resolve(stack?.stop()).finally(() => process.exit(130));
  });
try {
  log(`data: ${dataDir}`);
  stack = await startStack({ dataDir, logDir: path.join(dataDir, 'logs') });
  Object.assign(process.env, stack.env, {
    LONTAR_MODE: process.env.LONTAR_MODE ?? 'embedded',
    LONTAR_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const services = await startServices('seed');
  // The demo organisation first (the letters are addressed and disposed within it); the
  // other start-up tasks, the search index among them, run once after the letters are in.
  log('organisasi demo');
  await orgStartupTask(services);
  const result = await seedPractice({ letters, perDay, storage: services.storage, log });
  if (result.added > 0)
    log(
      `selesai: ${result.added.toLocaleString('id-ID')} surat (${result.records.toLocaleString('id-ID')} dokumen) dalam ${result.seconds.toFixed(0)} detik, ${result.lettersPerSecond.toFixed(0)} surat/detik`,
    );
  // Also when nothing was added: a run cut off after its letters is finished here.
  const started = Date.now();
  // Day counts and open states kept per position (dispositions/series.ts, open-state.ts)
  // never count nodes written in bulk into past hours: build them again from the nodes.
  await afterBulkLoad();
  log('hitungan harian dan keadaan kotak disposisi tiap jabatan dihitung ulang');
  log('tugas awal API lagi (pengisian kunci lama, indeks pencarian)…');
  await runStartupTasks(services);
  stopSearchIndex();
  log(`tugas awal selesai dalam ${((Date.now() - started) / 1000).toFixed(0)} detik`);
  // What the folder holds, for tools that want to know without starting the stack (the
  // load bench skips seeding a folder that has its size already).
  writeFileSync(
    path.join(dataDir, 'practice-seed.json'),
    `${JSON.stringify({ letters: await practiceLetterCount(), perDay: result.perDay, anchor: result.anchor, at: new Date() })}\n`,
  );
  code = 0;
} catch (error) {
  console.error(`Gagal: ${(error as Error).stack ?? (error as Error).message}`);
} finally {
  await disconnectDatabase().catch(() => undefined);
  await stack?.stop();
}
process.exit(code);

/** Why the system counts as running on this data folder, or null: a server process whose
 * command line names the folder (FerretDB, s3rver, PostgreSQL), a live postmaster.pid, or
 * something answering on the API port. */
async function runningSystem(dir: string, apiPort: number): Promise<string | null> {
  const pidFile = path.join(dir, 'postgres', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid > 0 && existsSync(`/proc/${pid}`)) return `PostgreSQL pid ${pid} pada ${dir}`;
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    if (cmd.includes(dir) && /ferretdb|s3-server|postgres/.test(cmd))
      return `proses ${entry}: ${cmd.slice(0, 80)}`;
  }
  const answering = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: apiPort }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
  return answering ? `port ${apiPort} menjawab` : null;
}
