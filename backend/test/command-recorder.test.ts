// The rules the access-path checks apply (test/command-recorder.ts), on hand-made shapes.
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import {
  accessPathViolations,
  commandShape,
  filterShape,
  indexServes,
  type DeclaredIndex,
} from './command-recorder.ts';

const inboxIndex: DeclaredIndex = {
  fields: [
    ['inboxKey', 1],
    ['sentAt', -1],
  ],
};

describe('command shapes', () => {
  it('names the operator of every top-level field, $or branches apart', () => {
    expect(
      filterShape({
        a: 'x',
        b: new mongoose.Types.ObjectId(),
        c: { $in: [1, 2] },
        d: { $gte: new Date(), $lt: new Date() },
        e: /^x/,
        f: null,
        g: { $ne: 'void' },
        h: { $exists: true },
        $or: [{ i: 1 }, { j: { $regex: 'x' } }],
      }),
    ).toEqual({
      filter: {
        a: 'eq',
        b: 'eq',
        c: 'in',
        d: 'range',
        e: 'regex',
        f: 'null',
        g: 'ne',
        h: 'exists',
        $or: 'or',
      },
      or: [{ i: 'eq' }, { j: 'regex' }],
    });
  });

  it('reads the filter, sort and limit of find, aggregate and count commands', () => {
    expect(
      commandShape('find', {
        find: 'dispositions',
        filter: { inboxKey: 'p:open' },
        sort: { sentAt: -1 },
        limit: 20,
      }),
    ).toMatchObject({
      collection: 'dispositions',
      filter: { inboxKey: 'eq' },
      sort: [['sentAt', -1]],
      limit: 20,
    });
    expect(
      commandShape('aggregate', {
        aggregate: 'dispositions',
        pipeline: [{ $match: { letterId: 'x' } }, { $group: { _id: 1, n: { $sum: 1 } } }],
      }),
    ).toMatchObject({ filter: { letterId: 'eq' }, sort: [] });
    expect(commandShape('insert', { insert: 'audit_events' }).reads).toBe(false);
  });
});

describe('index coverage', () => {
  it('serves equality then sort, in the index direction or reversed', () => {
    expect(indexServes(inboxIndex, { filter: { inboxKey: 'eq' }, sort: [['sentAt', -1]] })).toBe(
      true,
    );
    expect(indexServes(inboxIndex, { filter: { inboxKey: 'eq' }, sort: [['sentAt', 1]] })).toBe(
      true,
    );
    expect(
      indexServes(inboxIndex, { filter: { inboxKey: 'eq', urgency: 'regex' }, sort: [] }),
    ).toBe(true);
  });

  it('does not serve a sort on another field, nor a read whose first index field is not an equality', () => {
    expect(indexServes(inboxIndex, { filter: { inboxKey: 'eq' }, sort: [['dueAt', 1]] })).toBe(
      false,
    );
    expect(indexServes(inboxIndex, { filter: { inboxKey: 'in' }, sort: [] })).toBe(false);
    expect(indexServes(inboxIndex, { filter: { sentAt: 'eq' }, sort: [] })).toBe(false);
  });

  it('flags unfiltered reads, reads without a pushed-down equality, and unindexed reads', () => {
    const indexes = new Map([
      ['dispositions', [{ fields: [['_id', 1]] }, inboxIndex] as DeclaredIndex[]],
    ]);
    const read = (filter: object, sort: object = {}) =>
      commandShape('find', { find: 'dispositions', filter, sort });
    const problems = (filter: object, sort?: object) =>
      accessPathViolations([read(filter, sort)], indexes).map((v) => v.problem);
    expect(problems({})).toEqual(['unfiltered read of a growing collection']);
    expect(problems({ _id: { $in: ['a', 'b'] } })).toEqual([
      'no top-level equality: FerretDB scans the collection',
    ]);
    expect(problems({ toPositionId: 'p' })).toEqual([
      'no declared index serves it (equality fields, then sort, then range)',
    ]);
    expect(problems({ inboxKey: 'p:open' }, { sentAt: -1 })).toEqual([]);
    expect(
      accessPathViolations(
        [commandShape('count', { count: 'dispositions', query: { inboxKey: 'p:open' } })],
        indexes,
      ).map((v) => v.problem),
    ).toEqual(['count command: FerretDB reads the whole collection']);
    expect(
      accessPathViolations([commandShape('find', { find: 'org_positions', filter: {} })], indexes),
    ).toEqual([]);
  });
});
