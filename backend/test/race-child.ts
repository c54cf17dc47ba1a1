import { createInterface } from 'node:readline';
import mongoose from 'mongoose';
import { acquireLease } from '../src/modules/files/lease.ts';
import { takeLease } from '../src/modules/import/lease.ts';
import { recordFailure, USER_RULE } from '../src/modules/auth/throttle.service.ts';

/**
 * One racer process for the claim tests (test/race.ts): connects to the test file's
 * database, says "ready", waits for "go" on stdin, then makes `count` attempts at once and
 * prints what it won as one JSON line. Several of these are a real multi-replica race.
 */
interface Order {
  uri: string;
  db: string;
  kind: 'lease' | 'import' | 'throttle';
  id: string;
  count: number;
}

const order = JSON.parse(process.argv[2]!) as Order;
await mongoose.connect(order.uri, { dbName: order.db, serverSelectionTimeoutMS: 10_000 });
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));

const attempt = async (): Promise<boolean> => {
  if (order.kind === 'lease') return (await acquireLease(order.id, 60_000)) !== null;
  if (order.kind === 'import') return (await takeLease(order.id)) !== null;
  await recordFailure([{ key: order.id, rule: USER_RULE }]);
  return true;
};
const results = await Promise.all(Array.from({ length: order.count }, attempt));
process.stdout.write(`${JSON.stringify({ won: results.filter(Boolean).length })}\n`);
lines.close();
await mongoose.disconnect();
