import type supertest from 'supertest';
import { loginAs, seedDemoOrganisation, type LoggedInAgent } from '../../../test/auth-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { seedHolidays } from '../calendar/calendar.seed.ts';
import { letterData, postLetter, scanPdf } from '../letters/letters.fixtures.ts';
import { lettersStartupTask } from '../letters/letters.maintenance.ts';
import { findPositionByKey } from '../org/org.service.ts';

/** Shared set-up of the disposition test files: their own database with the demo
 * organisation, the default register and the holiday calendar. */
export async function dispositionTestContext(
  overrides: Record<string, string> = {},
): Promise<TestContext> {
  const ctx = await createTestContext({
    LOG_LEVEL: process.env.TEST_LOG ?? 'silent',
    ...overrides,
  });
  await seedDemoOrganisation();
  await lettersStartupTask(ctx.services);
  await seedHolidays();
  return ctx;
}

const positionIds = new Map<string, string>();
/** The id of a demo position by its key (`sekda`, `asisten3`, `karoumum`, `kabagtu`, ...). */
export async function pos(key: string): Promise<string> {
  const cached = positionIds.get(key);
  if (cached) return cached;
  const position = await findPositionByKey(key);
  if (!position) throw new Error(`no position ${key}`);
  positionIds.set(key, String(position._id));
  return String(position._id);
}

/** Registers a letter as the agendaris (to the Sekda unless `addresseePositionId` is given). */
export async function registerLetter(
  ctx: TestContext,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const clerk = await loginAs(ctx, 'agendaris');
  const response = await postLetter(clerk, letterData(overrides), [
    { body: await scanPdf('Surat uji', 1), name: 'surat.pdf', type: 'application/pdf' },
  ]);
  if (response.status !== 201)
    throw new Error(`letter not registered: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

export interface Recipient {
  key: string;
  role?: 'primary' | 'coordinate';
}

export async function dispatchBody(recipients: Recipient[], extra: Record<string, unknown> = {}) {
  return {
    recipients: await Promise.all(
      recipients.map(async (r, i) => ({
        positionId: await pos(r.key),
        role: r.role ?? (i === 0 ? 'primary' : 'coordinate'),
      })),
    ),
    instructions: ['Tindak lanjuti'],
    ...extra,
  };
}

/** POST /api/incoming-letters/:id/dispositions; returns the created nodes by position key. */
export async function disposeAs(
  agent: LoggedInAgent,
  letterId: string,
  recipients: Recipient[],
  extra: Record<string, unknown> = {},
): Promise<Record<string, { id: string; [k: string]: unknown }>> {
  const response = await agent
    .post(`/api/incoming-letters/${letterId}/dispositions`)
    .send(await dispatchBody(recipients, extra));
  if (response.status !== 201)
    throw new Error(`dispose failed: ${response.status} ${JSON.stringify(response.body)}`);
  return byKey(recipients, response.body.items);
}

export async function forwardAs(
  agent: LoggedInAgent,
  nodeId: string,
  recipients: Recipient[],
  extra: Record<string, unknown> = {},
): Promise<Record<string, { id: string; [k: string]: unknown }>> {
  const response = await agent
    .post(`/api/dispositions/${nodeId}/forward`)
    .send(await dispatchBody(recipients, extra));
  if (response.status !== 201)
    throw new Error(`forward failed: ${response.status} ${JSON.stringify(response.body)}`);
  return byKey(recipients, response.body.items);
}

async function byKey(
  recipients: Recipient[],
  items: Array<{ id: string; to: { positionId: string } }>,
) {
  const result: Record<string, { id: string }> = {};
  for (const r of recipients) {
    const id = await pos(r.key);
    const item = items.find((i) => i.to.positionId === id);
    if (item) result[r.key] = item;
  }
  return result;
}

/** POST /api/dispositions/:id/reports with optional files. */
export function reportAs(
  agent: supertest.Agent,
  nodeId: string,
  data: Record<string, unknown>,
  files: Array<{ body: Buffer; name: string }> = [],
): supertest.Test {
  let request = agent
    .post(`/api/dispositions/${nodeId}/reports`)
    .field('data', JSON.stringify(data));
  for (const file of files) request = request.attach('files', file.body, { filename: file.name });
  return request;
}

export { loginAs, scanPdf };
