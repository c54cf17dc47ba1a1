// Records the database commands each in-process HTTP request issues, with their shapes
// (collection, operation, filter fields and operators, sort, limit), and checks a shape
// against the indexes the models declare (design.md §3, "access paths").
//
// Attribution: the app's request handler runs inside an AsyncLocalStorage scope; the MongoDB
// driver emits `commandStarted` in the async context of the operation that issued it (it
// awaits its connection inside the caller's promise chain), so a command is charged to the
// request whose code issued it, whatever else runs at the same time. Commands issued outside
// any request (start-up, background loops) are not recorded.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Koa from 'koa';
import mongoose from 'mongoose';
import supertest from 'supertest';

/** How a filter constrains one field. */
export type FieldOp =
  'eq' | 'null' | 'in' | 'range' | 'regex' | 'ne' | 'nin' | 'exists' | 'or' | 'other';

export interface CommandShape {
  collection: string;
  /** find, aggregate, count, distinct, update, delete, findAndModify, insert, getMore, ... */
  operation: string;
  /** Top-level field -> operator; `$or` branches are listed as their own shapes in `or`. */
  filter: Record<string, FieldOp>;
  or: Record<string, FieldOp>[];
  sort: [string, 1 | -1][];
  limit?: number;
  /** False for commands that read nothing (insert, getMore, killCursors, ...). */
  reads: boolean;
}

export interface RecordedRequest {
  method: string;
  url: string;
  status?: number;
  commands: CommandShape[];
}

const WRITE_ONLY = new Set(['insert', 'getMore', 'killCursors', 'endSessions', 'ping', 'hello']);

/** Field shape of a MongoDB filter document. */
export function filterShape(filter: unknown): {
  filter: Record<string, FieldOp>;
  or: Record<string, FieldOp>[];
} {
  const shape: Record<string, FieldOp> = {};
  const or: Record<string, FieldOp>[] = [];
  if (!filter || typeof filter !== 'object') return { filter: shape, or };
  for (const [key, value] of Object.entries(filter as Record<string, unknown>)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) {
        const inner = filterShape(part);
        Object.assign(shape, inner.filter);
        or.push(...inner.or);
      }
    } else if ((key === '$or' || key === '$nor') && Array.isArray(value)) {
      shape[key] = 'or';
      for (const part of value) or.push(filterShape(part).filter);
    } else if (key.startsWith('$')) {
      shape[key] = 'other';
    } else {
      shape[key] = valueOp(value);
    }
  }
  return { filter: shape, or };
}

function valueOp(value: unknown): FieldOp {
  if (value === null || value === undefined) return 'null';
  if (value instanceof RegExp) return 'regex';
  if (
    typeof value !== 'object' ||
    Array.isArray(value) ||
    isBsonValue(value) ||
    value instanceof Date
  )
    return 'eq';
  const ops = Object.keys(value as object);
  if (!ops.some((op) => op.startsWith('$'))) return 'eq'; // embedded document equality
  const has = (...names: string[]) => ops.some((op) => names.includes(op));
  if (has('$eq')) return (value as { $eq: unknown }).$eq === null ? 'null' : 'eq';
  if (has('$in')) return 'in';
  if (has('$gt', '$gte', '$lt', '$lte')) return 'range';
  if (has('$regex')) return 'regex';
  if (has('$ne', '$not')) return 'ne';
  if (has('$nin')) return 'nin';
  if (has('$exists')) return 'exists';
  return 'other';
}

function isBsonValue(value: object): boolean {
  return '_bsontype' in value;
}

function sortShape(sort: unknown): [string, 1 | -1][] {
  if (!sort || typeof sort !== 'object') return [];
  return Object.entries(sort as Record<string, unknown>).map(([field, dir]) => [
    field,
    Number(dir) < 0 ? -1 : 1,
  ]);
}

/** The shape of one command as the driver sends it. */
export function commandShape(name: string, command: Record<string, unknown>): CommandShape {
  const collection = String(command[name] ?? '');
  const base = { collection, operation: name, sort: [] as [string, 1 | -1][], reads: true };
  switch (name) {
    case 'find':
      return {
        ...base,
        ...filterShape(command.filter),
        sort: sortShape(command.sort),
        limit: typeof command.limit === 'number' ? command.limit : undefined,
      };
    case 'aggregate': {
      const pipeline = (command.pipeline as Record<string, unknown>[]) ?? [];
      const match = pipeline[0]?.$match;
      const sortStage = pipeline.find((stage) => stage.$sort)?.$sort;
      const limitStage = pipeline.find((stage) => typeof stage.$limit === 'number')?.$limit;
      return {
        ...base,
        ...filterShape(match),
        sort: sortShape(sortStage),
        limit: limitStage as number | undefined,
      };
    }
    case 'count':
    case 'distinct':
      return { ...base, ...filterShape(command.query) };
    case 'findAndModify':
      return { ...base, ...filterShape(command.query), sort: sortShape(command.sort) };
    case 'update': {
      const first = (command.updates as { q: unknown }[] | undefined)?.[0];
      return { ...base, ...filterShape(first?.q) };
    }
    case 'delete': {
      const first = (command.deletes as { q: unknown }[] | undefined)?.[0];
      return { ...base, ...filterShape(first?.q) };
    }
    default:
      return { ...base, filter: {}, or: [], reads: !WRITE_ONLY.has(name) };
  }
}

/** Records, per request made through `agent()`, every command the request issued. Needs a
 * connection opened with `monitorCommands: true` (`connectMonitored`). */
export class CommandRecorder {
  readonly requests: RecordedRequest[] = [];
  private readonly scope = new AsyncLocalStorage<RecordedRequest>();
  private readonly callback: (req: IncomingMessage, res: ServerResponse) => void;

  constructor(app: Koa) {
    const handle = app.callback();
    this.callback = (req, res) => {
      const record: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        commands: [],
      };
      this.requests.push(record);
      res.on('finish', () => (record.status = res.statusCode));
      this.scope.run(record, () => handle(req, res));
    };
    const client = mongoose.connection.getClient();
    client.on('commandStarted', (event) => {
      const record = this.scope.getStore();
      if (!record) return;
      record.commands.push(
        commandShape(event.commandName, event.command as Record<string, unknown>),
      );
    });
  }

  /** A fresh client without cookies, whose requests are recorded. */
  agent(): supertest.Agent {
    return supertest.agent(this.callback);
  }

  /** The last recorded request (call right after awaiting it). */
  last(): RecordedRequest {
    const record = this.requests.at(-1);
    if (!record) throw new Error('no request recorded');
    return record;
  }
}

/** Reopens mongoose's default connection with command monitoring on (the harness opens it
 * without: production does not pay for the events). */
export async function connectMonitored(uri: string, dbName: string): Promise<void> {
  await mongoose.disconnect();
  await mongoose.connect(uri, {
    dbName,
    serverSelectionTimeoutMS: 5000,
    heartbeatFrequencyMS: 2000,
    monitorCommands: true,
  });
}

// ---------------------------------------------------------------------------------------------
// Index coverage

export interface DeclaredIndex {
  fields: [string, 1 | -1][];
}

/** Every index the models declare, per collection, `_id` included. */
export function declaredIndexes(): Map<string, DeclaredIndex[]> {
  const result = new Map<string, DeclaredIndex[]>();
  for (const model of Object.values(mongoose.models)) {
    const name = model.collection.collectionName;
    const list = result.get(name) ?? [{ fields: [['_id', 1]] }];
    for (const [keys] of model.schema.indexes()) {
      list.push({
        fields: Object.entries(keys).map(
          ([f, d]) => [f, Number(d) < 0 ? -1 : 1] as [string, 1 | -1],
        ),
      });
    }
    result.set(name, list);
  }
  return result;
}

const EQUALITY: ReadonlySet<FieldOp> = new Set(['eq', 'null']);

/** Whether `index` serves a read of this shape: its leading fields are equality fields of
 * the filter (in any order; at least one), then come the sort fields that are not already
 * fixed by equality (in order, all in the index's direction or all reversed), then at most
 * one range-like field of the filter. Filter fields outside the index are tolerated: they are
 * checked on the few documents the index found. */
export function indexServes(
  index: DeclaredIndex,
  shape: Pick<CommandShape, 'filter' | 'sort'>,
): boolean {
  const fields = index.fields;
  let i = 0;
  while (i < fields.length && EQUALITY.has(shape.filter[fields[i]![0]]!)) i++;
  if (i === 0) return false;
  const sort = shape.sort.filter(([f]) => !EQUALITY.has(shape.filter[f]!));
  if (sort.length > 0) {
    const next = fields[i];
    if (!next) return false;
    const direction = sort[0]![1] * next[1];
    for (const [field, dir] of sort) {
      const key = fields[i];
      if (!key || key[0] !== field || key[1] * dir !== direction) return false;
      i++;
    }
  }
  return true;
}

/** Collections that stay small whatever the volume of letters (the organisation, settings,
 * reference lists): reading them whole is fine and they need no access-path check. */
export const BOUNDED_COLLECTIONS = new Set([
  'org_units',
  'org_positions',
  'org_assignments',
  'users',
  'incoming_registers',
  'classification_codes',
  'calendar_holidays',
  'disposition_settings',
  'disposition_routing_rules',
  'archive_retention_rules',
  'archive_settings',
  'outgoing_kind_settings',
  'counters',
  'search_counters',
  'audit_head',
  'notify_leases',
  'maintenance_leases',
]);

export interface Violation {
  command: CommandShape;
  problem: string;
}

/** The problems of one request's reads: unfiltered reads of growing collections, reads no
 * declared index serves, and reads FerretDB cannot push down (no top-level equality, or the
 * `count` command, which it never pushes down). */
export function accessPathViolations(
  commands: CommandShape[],
  indexes: Map<string, DeclaredIndex[]> = declaredIndexes(),
): Violation[] {
  const violations: Violation[] = [];
  for (const command of commands) {
    if (!command.reads || BOUNDED_COLLECTIONS.has(command.collection)) continue;
    const branches = command.or.length > 0 ? command.or : [command.filter];
    const hasEquality = (filter: Record<string, FieldOp>) =>
      Object.values(filter).some((op) => op === 'eq');
    if (command.operation === 'count') {
      // countDocuments (an aggregate with a $match) is pushed down; the count command is not.
      violations.push({ command, problem: 'count command: FerretDB reads the whole collection' });
      continue;
    }
    if (Object.keys(command.filter).length === 0) {
      violations.push({ command, problem: 'unfiltered read of a growing collection' });
      continue;
    }
    if (!hasEquality(command.filter)) {
      violations.push({
        command,
        problem:
          command.or.length > 0
            ? '$or without a top-level equality: FerretDB scans the collection'
            : 'no top-level equality: FerretDB scans the collection',
      });
      continue;
    }
    const declared = indexes.get(command.collection) ?? [{ fields: [['_id', 1]] }];
    const served = branches.every((branch) =>
      declared.some((index) =>
        indexServes(index, { filter: { ...command.filter, ...branch }, sort: command.sort }),
      ),
    );
    if (!served)
      violations.push({
        command,
        problem: 'no declared index serves it (equality fields, then sort, then range)',
      });
  }
  return violations;
}

// ---------------------------------------------------------------------------------------------
// Reporting

export function describeShape(command: CommandShape): string {
  const filter = Object.entries(command.filter)
    .map(([f, op]) => `${f}:${op}`)
    .join(' ');
  const or = command.or.length
    ? ` $or[${command.or
        .map((b) =>
          Object.entries(b)
            .map(([f, op]) => `${f}:${op}`)
            .join(' '),
        )
        .join(' | ')}]`
    : '';
  const sort = command.sort.length
    ? ` sort(${command.sort.map(([f, d]) => `${f}:${d}`).join(',')})`
    : '';
  const limit = command.limit !== undefined ? ` limit ${command.limit}` : '';
  return `${command.operation.padEnd(13)} ${command.collection.padEnd(26)} {${filter}}${or}${sort}${limit}`;
}

/** A readable table of a request's commands, violations marked. */
export function describeRequest(record: RecordedRequest, violations: Violation[] = []): string {
  const lines = [
    `${record.method} ${record.url} -> ${record.status}: ${record.commands.length} commands`,
  ];
  record.commands.forEach((command, i) => {
    const problems = violations.filter((v) => v.command === command).map((v) => v.problem);
    lines.push(
      `  ${String(i + 1).padStart(2)}. ${describeShape(command)}${problems.length ? `   <-- ${problems.join('; ')}` : ''}`,
    );
  });
  return lines.join('\n');
}
