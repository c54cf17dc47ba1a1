import { describe, expect, it } from 'vitest';
import { startOfJakartaDay, addDays } from '../calendar/dates.ts';
import { letterScopes, periodKeys } from './list-keys.ts';
import { walkOutgoing } from './list-walk.ts';

/** The walk of the "all" box and the register over `<scope>:<period>` keys, against an
 * in-memory store that answers one equality (what FerretDB pushes down): pages equal the
 * full sort, no letter repeats or goes missing, totals are exact once every period was read,
 * and each read returns a bounded number of letters whether the reader is busy or quiet. */
interface Doc {
  _id: string;
  at: Date;
  listKeys: string[];
}

function store(days: number, perDay: (day: number) => number, scope: string, top: string) {
  const docs: Doc[] = [];
  for (let d = 0; d < days; d++) {
    const day = addDays(top, -d);
    for (let i = 0; i < perDay(d); i++) {
      const at = new Date(startOfJakartaDay(day).getTime() + (i * 37 + 5) * 60_000);
      docs.push({ _id: `${day}-${String(i).padStart(4, '0')}`, at, listKeys: [] });
    }
  }
  for (const doc of docs) doc.listKeys = periodKeys([scope], doc.at);
  return docs;
}

const newest = (a: Doc, b: Doc) => b.at.getTime() - a.at.getTime() || b._id.localeCompare(a._id);

async function walk(docs: Doc[], scope: string, top: string, floor: string, offset: number) {
  const reads: number[] = [];
  const page = await walkOutgoing<Doc>({
    field: 'listKeys',
    scopes: [scope],
    time: (doc) => doc.at,
    read: async (filter) => {
      const found = docs.filter((doc) => doc.listKeys.includes(filter.listKeys!));
      reads.push(found.length);
      return found;
    },
    top,
    floor,
    compare: newest,
    offset,
    limit: 25,
  });
  return { ...page, reads };
}

describe('outgoing list walk', () => {
  const top = '2026-12-07';
  const floor = '2024-01-01';

  it('pages a busy scope a day at a time, in the order of a full sort', async () => {
    const docs = store(120, (d) => (d % 7 === 0 ? 0 : 60), 'd:B', top);
    const sorted = [...docs].sort(newest);
    for (const offset of [0, 25, 500, 2000]) {
      const page = await walk(docs, 'd:B', top, floor, offset);
      expect(page.items.map((d) => d._id)).toEqual(
        sorted.slice(offset, offset + 25).map((d) => d._id),
      );
      expect(Math.max(...page.reads)).toBeLessThanOrEqual(60 * 1);
    }
    // Today is empty (d = 0), then two days fill the first page.
    const first = await walk(docs, 'd:B', top, floor, 0);
    expect(first.reads.length).toBeLessThanOrEqual(3);
  });

  it('reads a quiet scope a month or a year at a time, with an exact total', async () => {
    const docs = store(700, (d) => (d % 9 === 0 ? 1 : 0), 'p:x', top);
    const sorted = [...docs].sort(newest);
    expect(docs.length).toBe(78);
    // The last page reads every period: the total is exact.
    const page = await walk(docs, 'p:x', top, floor, 75);
    expect(page.items.map((d) => d._id)).toEqual(sorted.slice(75).map((d) => d._id));
    expect(page.total).toBe(78);
    // A week of days, then whole years: a handful of reads, not one per day or month.
    expect(page.reads.length).toBeLessThanOrEqual(12);
  });

  it('estimates the total when it stops early, and never repeats across pages', async () => {
    // The floor is the oldest letter's day (what the lists store), so the density holds.
    const docs = store(400, () => 30, 'd:B', top);
    const oldest = addDays(top, -399);
    const seen = new Set<string>();
    for (let offset = 0; offset < 300; offset += 25) {
      const page = await walk(docs, 'd:B', top, oldest, offset);
      for (const doc of page.items) {
        expect(seen.has(doc._id)).toBe(false);
        seen.add(doc._id);
      }
      expect(page.total).toBeGreaterThan(offset + 25);
      expect(Math.abs(page.total - docs.length) / docs.length).toBeLessThan(0.05);
    }
    expect(seen.size).toBe(300);
  });

  it('gives the desk of each clearance that may see a signed letter its scope', () => {
    const scopes = letterScopes({
      status: 'signed',
      securityClass: 'T',
      drafter: { userId: 'u1' },
      participantPositionIds: ['p1', 'p2'],
    });
    expect(scopes.sort()).toEqual(['d:R', 'd:SR', 'd:T', 'p:p1', 'p:p2', 'u:u1']);
    expect(
      letterScopes({ status: 'draft', securityClass: 'B', drafter: { userId: 'u1' } }),
    ).toEqual(['u:u1']);
  });
});
