import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { SearchIndexer } from './indexer.ts';
import { searchLogSource } from './log-id.ts';
import { backfillSeqBuckets } from './search-backfill.ts';
import { SqliteSearchEngine } from './sqlite-engine.ts';

/** Where this replica keeps its index. Read here rather than in config.ts because only the
 * search module uses them; both are optional. */
const envSchema = z.object({
  /** Full path of the index file (one per replica). */
  SEARCH_INDEX_PATH: z.string().optional(),
  /** Data folder of the embedded stack; the index goes to <dir>/search/. */
  LONTAR_DATA_DIR: z.string().optional(),
  SEARCH_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
});

let current: { indexer: SearchIndexer; ready: Promise<SearchIndexer>; cleanup: () => void } | null =
  null;

/** Starts (once per process) the local index and its catch-up loop; resolves when caught up. */
export function startSearchIndex(services: Services): Promise<SearchIndexer> {
  if (current) return current.ready;
  const env = envSchema.parse(process.env);
  const { file, cleanup } = indexFile(services, env);
  const engine = new SqliteSearchEngine(file);
  const indexer = new SearchIndexer(engine, services.logger.child({ module: 'search' }), {
    pollMs: env.SEARCH_POLL_MS,
    gapGraceMs: 5000,
    source: searchLogSource,
  });
  // Older events get their bucket before the tail, which reads by bucket, starts.
  const ready = backfillSeqBuckets(services.logger.child({ module: 'search' }))
    .then(() => indexer.start())
    .then(() => indexer);
  current = { indexer, ready, cleanup };
  ready.catch(() => {
    stopSearchIndex();
  });
  return ready;
}

export function stopSearchIndex(): void {
  if (!current) return;
  current.indexer.stop();
  current.indexer.engine.close();
  current.cleanup();
  current = null;
}

function indexFile(
  services: Services,
  env: z.infer<typeof envSchema>,
): { file: string; cleanup: () => void } {
  if (env.SEARCH_INDEX_PATH) return lockedFile(env.SEARCH_INDEX_PATH);
  if (services.config.LONTAR_MODE === 'test' || !env.LONTAR_DATA_DIR) {
    // Tests (and a bare process without a data folder) get a throwaway index.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lontar-search-'));
    return {
      file: path.join(dir, 'index.sqlite'),
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  return lockedFile(path.join(env.LONTAR_DATA_DIR, 'search', 'index.sqlite'));
}

/** One process per index file: a second API process on the same folder gets its own file. */
function lockedFile(file: string): { file: string; cleanup: () => void } {
  mkdirSync(path.dirname(file), { recursive: true });
  const lock = `${file}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => rmSync(lock, { force: true });
      process.once('exit', release);
      return { file, cleanup: release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lock, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) break;
      rmSync(lock, { force: true }); // left by a process that died
    }
  }
  const own = file.replace(/\.sqlite$/, '') + `-${process.pid}.sqlite`;
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(own + suffix, { force: true });
  };
  process.once('exit', remove);
  return { file: own, cleanup: remove };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
