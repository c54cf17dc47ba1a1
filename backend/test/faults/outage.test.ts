import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { letterData, scanPdf } from '../../src/modules/letters/letters.fixtures.ts';
import { IncomingLetterModel } from '../../src/modules/letters/letters.model.ts';
import { StoredFileModel } from '../../src/modules/files/file.model.ts';
import { fileStorage } from '../../src/modules/files/file-storage.ts';
import { Client, letterForm, startSystem, type RunningProcess, type System } from '../system.ts';
import { TcpGate } from './tcp-gate.ts';

/**
 * The database and the object store become unreachable under a running API process (a
 * gate in front of each drops every connection) and come back: requests that need the
 * missing part answer 503 with a message in Bahasa Indonesia, nothing half-written stays
 * behind, and the same process serves again once the part is back, without a restart.
 * (backend/test/outage.test.ts covers the health endpoint through a database restart.)
 */
let system: System;
let api: RunningProcess;
let db: TcpGate;
let s3: TcpGate;

beforeAll(async () => {
  system = await startSystem();
  const dbUrl = new URL(system.env.MONGODB_URI!);
  const s3Url = new URL(system.env.S3_ENDPOINT!);
  db = await TcpGate.open(Number(dbUrl.port));
  s3 = await TcpGate.open(Number(s3Url.port));
  dbUrl.port = String(db.port);
  s3Url.port = String(s3.port);
  api = await system.startApi('api', {
    env: { MONGODB_URI: dbUrl.toString(), S3_ENDPOINT: s3Url.origin },
  });
  await system.connect();
});
afterAll(async () => {
  await Promise.all([db?.open(), s3?.open()]);
  await system?.stop();
});

let made = 0;
const register = async (client: Client) => {
  made += 1;
  return client.send('POST', '/api/incoming-letters', {
    form: letterForm(letterData(), [
      { body: await scanPdf(`gangguan ${made}`, 1), name: 'surat.pdf', type: 'application/pdf' },
    ]),
  });
};

/** Waits for the process to serve again. The point is that it does without a restart, not
 * how fast: with three test runs on two cores, one took more than 30 s to answer 200 again
 * after the database came back (a CI run). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 120_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

function expectUnavailable(answer: { status: number; body: any; headers: Headers }, what: string) {
  expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(503);
  expect(answer.body.error.code).toBe('SERVICE_UNAVAILABLE');
  expect(answer.body.error.message).toMatch(/tidak dapat dihubungi|Coba lagi/);
  expect(answer.headers.get('retry-after')).toBe('5');
}

describe('outages of the database and the object store under a running API', () => {
  it('answers 503 while the object store is away, keeps nothing half-written, and resumes by itself', async () => {
    const clerk = await new Client(api.url).login('agendaris');
    const first = await register(clerk);
    expect(first.status).toBe(201);
    const fileId = first.body.files[0].id as string;

    await s3.close();
    expectUnavailable(await register(clerk), 'registration without object store');
    expectUnavailable(
      await clerk.send('GET', `/api/files/${fileId}/content`),
      'file download without object store',
    );
    const health = await clerk.send('GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ database: 'ok', storage: 'unavailable' });
    // What needs only the database still works.
    expect((await clerk.send('GET', `/api/incoming-letters/${first.body.id}`)).status).toBe(200);

    await s3.open();
    expect(await eventually(async () => (await register(clerk)).status === 201)).toBe(true);
    expect((await clerk.send('GET', `/api/files/${fileId}/content`)).status).toBe(200);
  });

  it('answers 503 while the database is away and serves again on the same process when it returns', async () => {
    const clerk = await new Client(api.url).login('agendaris');
    await db.close();
    expectUnavailable(await clerk.send('GET', '/api/incoming-letters'), 'listing without database');
    expectUnavailable(await register(clerk), 'registration without database');
    expectUnavailable(
      await new Client(api.url).send('POST', '/api/auth/login', {
        json: { username: 'agendaris', password: 'lontar-demo' },
      }),
      'login without database',
    );
    const pid = api.managed.child.pid;

    await db.open();
    expect(
      await eventually(
        async () => (await clerk.send('GET', '/api/incoming-letters')).status === 200,
      ),
    ).toBe(true);
    expect((await register(clerk)).status).toBe(201);
    expect(api.managed.child.pid).toBe(pid);
    expect(api.managed.alive()).toBe(true);

    // Nothing corrupted: numbers 1..n without gaps, no pending letter, every record's object present.
    const letters = await IncomingLetterModel.find({}).lean();
    expect(letters.filter((l) => l.status === 'pending')).toEqual([]);
    expect(letters.map((l) => l.agendaNumber).sort((a, b) => a! - b!)).toEqual(
      letters.map((_, i) => i + 1),
    );
    const storage = fileStorage(system.config);
    for (const file of await StoredFileModel.find({}).lean())
      expect(await storage.exists(file.key), file.key).toBe(true);
  });
});
