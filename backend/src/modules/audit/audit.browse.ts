import { walkBuckets } from '../../lib/bucket-walk.ts';
import { now } from '../../lib/clock.ts';
import {
  actionGroupOf,
  AUDIT_SEQ_BUCKET,
  AuditEventModel,
  AuditHeadModel,
  type AuditEvent,
} from './audit.model.ts';

/**
 * The admin's audit screen, newest first, without sorting the trail (docs/architecture.md,
 * "access paths"):
 *
 * - one record's history: its events by (recordType, recordId);
 * - by actor, by action, by action group (`org.`): the month keys, newest month first; a
 *   busy month (more than `MONTH_READ` events for the key) a day at a time;
 * - otherwise (everything, a date range): `seq` is gap-free and the head knows the last
 *   one, so the page's sequence numbers are known and read by `seqBucket`; a date range
 *   becomes a range of `seq` by a binary search over single events.
 *
 * Filters no key serves (record type alone, a deeper action prefix, dates with another
 * key) are applied to the buckets walked; the total is exact once every bucket was read.
 */
export interface AuditBrowseQuery {
  userId?: string;
  action?: string;
  recordType?: string;
  recordId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export const MONTH_READ = 1_000;
export const AUDIT_SCAN_LIMIT = 5_000;
const newestFirst = (a: AuditEvent, b: AuditEvent) => b.seq - a.seq;

export async function browseAudit(
  query: AuditBrowseQuery,
  options: { monthRead?: number } = {},
): Promise<{ items: AuditEvent[]; total: number }> {
  const offset = (query.page - 1) * query.pageSize;
  const from = query.from ? new Date(query.from) : null;
  const to = query.to ? new Date(query.to) : null;
  const prefix = query.action?.endsWith('.') ? query.action : null;
  const keep = (e: AuditEvent) =>
    (!query.userId || e.actorUserId === query.userId) &&
    (!query.action || (prefix ? e.action.startsWith(prefix) : e.action === query.action)) &&
    (!query.recordType || e.recordType === query.recordType) &&
    (!query.recordId || e.recordId === query.recordId) &&
    (!from || new Date(e.at) >= from) &&
    (!to || new Date(e.at) < to);

  if (query.recordId) {
    const events = await AuditEventModel.find(
      query.recordType
        ? { recordType: query.recordType, recordId: query.recordId }
        : { recordId: query.recordId },
    ).lean<AuditEvent[]>();
    const matching = events.filter(keep).sort(newestFirst);
    return {
      items: matching.slice(offset, offset + query.pageSize),
      total: matching.length,
    };
  }

  if (query.userId || query.action) {
    const [field, key] = query.userId
      ? (['actor', query.userId] as const)
      : prefix
        ? (['group', actionGroupOf(prefix)] as const)
        : (['action', query.action!] as const);
    const months = await monthsBetween(from, to);
    const source = monthSource({
      monthField: `${field}Month`,
      dayField: `${field}Day`,
      key,
      months,
      from,
      to,
      monthRead: options.monthRead ?? MONTH_READ,
    });
    const page = await walkBuckets({
      buckets: source.buckets,
      fetch: source.fetch,
      keep,
      compare: newestFirst,
      offset,
      limit: query.pageSize,
      maxScanned: AUDIT_SCAN_LIMIT,
    });
    return { items: page.items, total: page.total };
  }

  const head = await AuditHeadModel.findById('head').lean<{ seq: number }>();
  const last = head?.seq ?? 0;
  const hi = to ? await lastSeqBefore(to, last) : last;
  const lo = from ? (await lastSeqBefore(from, last)) + 1 : 1;
  if (hi < lo) return { items: [], total: 0 };
  if (!query.recordType) {
    // Exact: the page is seq hi - offset down to hi - offset - pageSize + 1.
    const top = hi - offset;
    const bottom = Math.max(lo, top - query.pageSize + 1);
    const buckets: string[] = [];
    for (
      let b = Math.floor(top / AUDIT_SEQ_BUCKET);
      b >= Math.floor(bottom / AUDIT_SEQ_BUCKET);
      b--
    )
      buckets.push(String(b));
    const page =
      top < lo
        ? []
        : (
            await walkBuckets({
              buckets,
              fetch: (b) => AuditEventModel.find({ seqBucket: Number(b) }).lean<AuditEvent[]>(),
              keep: (e) => e.seq <= top && e.seq >= bottom,
              compare: newestFirst,
              offset: 0,
              limit: query.pageSize,
            })
          ).items;
    return { items: page, total: hi - lo + 1 };
  }
  const buckets: string[] = [];
  for (let b = Math.floor(hi / AUDIT_SEQ_BUCKET); b >= Math.floor(lo / AUDIT_SEQ_BUCKET); b--)
    buckets.push(String(b));
  const page = await walkBuckets({
    buckets,
    fetch: (b) => AuditEventModel.find({ seqBucket: Number(b) }).lean<AuditEvent[]>(),
    keep: (e) => e.seq >= lo && e.seq <= hi && keep(e),
    compare: newestFirst,
    offset,
    limit: query.pageSize,
    maxScanned: AUDIT_SCAN_LIMIT,
  });
  return { items: page.items, total: page.total };
}

/** The last seq appended before `at` (0 if none): appends are in time order, so a binary
 * search over single events by their unique `seq` finds it in ~20 reads. */
async function lastSeqBefore(at: Date, last: number): Promise<number> {
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const event = await AuditEventModel.findOne({ seq: mid }, { at: 1 }).lean<AuditEvent>();
    if (event && new Date(event.at) < at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** UTC months (`yyyy-mm`) from `to` (or now) back to `from` (or the first event). */
async function monthsBetween(from: Date | null, to: Date | null): Promise<string[]> {
  let start = from;
  if (!start) {
    const first = await AuditEventModel.findOne({ seq: 1 }, { at: 1 }).lean<AuditEvent>();
    if (!first) return [];
    start = new Date(first.at);
  }
  const end = to ?? now();
  const months: string[] = [];
  let y = end.getUTCFullYear();
  let m = end.getUTCMonth();
  const stop = start.getUTCFullYear() * 12 + start.getUTCMonth();
  while (y * 12 + m >= stop) {
    months.push(`${y}-${String(m + 1).padStart(2, '0')}`);
    m -= 1;
    if (m < 0) {
      m = 11;
      y -= 1;
    }
  }
  return months;
}

/**
 * A month read whole when it holds few events for the key, else its days newest first.
 * Which one is decided from the month's first day in the walk (read anyway for a busy
 * month): its events times the month's days against `monthRead`.
 */
function monthSource(source: {
  monthField: string;
  dayField: string;
  key: string;
  months: string[];
  from: Date | null;
  to: Date | null;
  monthRead: number;
}) {
  const { monthField, dayField, key, monthRead } = source;
  const units = new Map<string, { value: string; cached?: AuditEvent[] }>();
  let count = 0;
  const unit = (value: string, cached?: AuditEvent[]) => {
    const id = `u${(count += 1)}`;
    units.set(id, { value, cached });
    return id;
  };
  const firstDay = source.from?.toISOString().slice(0, 10);
  const lastDay = source.to?.toISOString().slice(0, 10);
  const readDay = (day: string) =>
    AuditEventModel.find({ [dayField]: `${key}:${day}` }).lean<AuditEvent[]>();
  async function* buckets(): AsyncGenerator<string> {
    for (const month of source.months) {
      const [y, m] = month.split('-').map(Number) as [number, number];
      const days: string[] = [];
      for (let d = new Date(Date.UTC(y, m, 0)).getUTCDate(); d >= 1; d--) {
        const day = `${month}-${String(d).padStart(2, '0')}`;
        if ((firstDay && day < firstDay) || (lastDay && day > lastDay)) continue;
        days.push(day);
      }
      if (days.length === 0) continue;
      const sample = await readDay(days[0]!);
      if (sample.length * days.length <= monthRead) {
        const whole = await AuditEventModel.find({ [monthField]: `${key}:${month}` })
          .limit(monthRead + 1)
          .lean<AuditEvent[]>();
        if (whole.length <= monthRead) {
          yield unit('', whole);
          continue;
        }
      }
      yield unit(days[0]!, sample);
      for (const day of days.slice(1)) yield unit(day);
    }
  }
  return {
    buckets: { [Symbol.asyncIterator]: buckets },
    fetch: async (id: string): Promise<AuditEvent[]> => {
      const { value, cached } = units.get(id)!;
      units.delete(id);
      return cached ?? readDay(value);
    },
  };
}
