import { walkBuckets } from '../../lib/bucket-walk.ts';
import { now } from '../../lib/clock.ts';
import { jobDoneKeys, JobModel, type Job } from './job.model.ts';

/**
 * The administrators' job lists without reading every job (docs/architecture.md, "access
 * paths"). Queued, running and parked jobs are few (the queue, the workers' slots, the
 * failures waiting for a person): each set is one equality read on (type, status), ordered
 * here. Finished jobs are one per file ever read: they are walked newest first by
 * `doneMonth` (one count per month, pushed down, skips the months before the page; a month
 * of at most MONTH_READ jobs is read in one equality read) and, in a busier month, by
 * `doneDay`. Every read ANDs `type` and `status: 'done'` to the key.
 */
export const MONTH_READ = 1_000;
/** How far back the walk looks; the total (pushed-down count) usually stops it long before. */
const MAX_MONTHS = 240;

const newestFirst = (a: Job, b: Job) =>
  new Date(b.finishedAt ?? 0).getTime() - new Date(a.finishedAt ?? 0).getTime() ||
  b._id.toString().localeCompare(a._id.toString());
const recentlyUpdatedFirst = (a: Job, b: Job) =>
  new Date(b.updatedAt ?? 0).getTime() - new Date(a.updatedAt ?? 0).getTime() ||
  b._id.toString().localeCompare(a._id.toString());

export type LiveStatus = 'queued' | 'running' | 'parked';

/** One live set, most recently changed first. */
export async function listLiveJobs(type: string, status: LiveStatus): Promise<Job[]> {
  const jobs = await JobModel.find({ type, status }).lean<Job[]>();
  return jobs.sort(recentlyUpdatedFirst);
}

export function countJobs(type: string, status: Job['status']): Promise<number> {
  return JobModel.countDocuments({ type, status });
}

/** UTC months from `at` back, newest first. */
function* monthsBack(at: Date): Generator<string> {
  let year = at.getUTCFullYear();
  let month = at.getUTCMonth();
  for (let i = 0; i < MAX_MONTHS; i++) {
    yield `${year}-${String(month + 1).padStart(2, '0')}`;
    month -= 1;
    if (month < 0) {
      month = 11;
      year -= 1;
    }
  }
}

/** Days of a UTC month, newest first (days after `at` are skipped: nothing finished then). */
function daysOf(month: string, at: Date): string[] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const today = jobDoneKeys(at).doneDay;
  const days: string[] = [];
  for (let d = last; d >= 1; d--) {
    const day = `${month}-${String(d).padStart(2, '0')}`;
    if (day <= today) days.push(day);
  }
  return days;
}

/** Finished jobs of a type, newest first: the page at `offset`, and the exact total. */
export async function listDoneJobs(
  type: string,
  offset: number,
  limit: number,
  options: { monthRead?: number } = {},
): Promise<{ total: number; items: Job[] }> {
  const monthRead = options.monthRead ?? MONTH_READ;
  const total = await countJobs(type, 'done');
  const items: Job[] = [];
  if (offset >= total) return { total, items };
  const at = now();
  let seen = 0;
  for (const month of monthsBack(at)) {
    if (seen >= total || items.length >= limit) break;
    const inMonth = await JobModel.countDocuments({ doneMonth: month, type, status: 'done' });
    if (inMonth === 0) continue;
    const start = Math.max(0, offset + items.length - seen);
    if (start >= inMonth) {
      seen += inMonth;
      continue;
    }
    const want = limit - items.length;
    if (inMonth <= monthRead) {
      const jobs = await JobModel.find({ doneMonth: month, type, status: 'done' }).lean<Job[]>();
      items.push(...jobs.sort(newestFirst).slice(start, start + want));
    } else {
      const page = await walkBuckets<Job>({
        buckets: daysOf(month, at),
        fetch: (day) => JobModel.find({ doneDay: day, type, status: 'done' }).lean<Job[]>(),
        compare: newestFirst,
        offset: start,
        limit: want,
      });
      items.push(...page.items);
    }
    seen += inMonth;
  }
  return { total, items };
}
