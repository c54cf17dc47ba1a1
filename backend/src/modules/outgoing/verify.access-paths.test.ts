import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import {
  accessPathViolations,
  CommandRecorder,
  connectMonitored,
  describeRequest,
  type RecordedRequest,
} from '../../../test/command-recorder.ts';
import { createTestContext } from '../../../test/harness.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { loginMany, quickDraft } from './test-fixtures.ts';

/**
 * The public verification page is the hottest read nobody logs in for (every QR scan):
 * its database commands stay few and each one is served by a declared index (the letter by
 * `code`, the CA by `_id`, the signer's certificate by `serial`; the upload adds its
 * throttle counter by `_id`). Same checks as test/access-paths.test.ts, kept beside the
 * routes they measure.
 */
// The upload: the page's reads plus its per-address counter, a claimed transition (read, claim,
// versioned update, claim removed).
const BUDGETS = { page: 4, upload: 8 };

const ctx = await createTestContext();
let code = '';
let pdf: Buffer;
let recorder: CommandRecorder;

beforeAll(async () => {
  await seedDemoOrganisation();
  await seedClassificationCodes();
  const { staftu, asisten3 } = await loginMany(ctx, ['staftu', 'asisten3']);
  const created = await staftu.post('/api/outgoing-letters').send(await quickDraft());
  await staftu.post(`/api/outgoing-letters/${created.body.id}/submit`);
  const signed = await asisten3
    .post(`/api/outgoing-letters/${created.body.id}/sign`)
    .send({ passphrase: 'lontar-demo' });
  expect(signed.status).toBe(200);
  code = signed.body.code;
  const file = await staftu
    .get(`/api/outgoing-letters/${created.body.id}/final.pdf`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  pdf = file.body as Buffer;
  await connectMonitored(ctx.config.MONGODB_URI, ctx.config.MONGODB_DB);
  recorder = new CommandRecorder(ctx.app);
});

/** Warm once, then keep the cheaper of two recorded calls (as access-paths.test.ts does). */
async function measure(call: () => Promise<unknown>): Promise<RecordedRequest> {
  await call();
  await call();
  const first = recorder.last();
  await call();
  const second = recorder.last();
  return second.commands.length < first.commands.length ? second : first;
}

function expectWithin(record: RecordedRequest, budget: number): void {
  expect(record.commands.length, 'no command recorded').toBeGreaterThan(0);
  expect(
    record.commands.length,
    `over budget (${budget}):\n${describeRequest(record)}`,
  ).toBeLessThanOrEqual(budget);
  const violations = accessPathViolations(record.commands);
  expect(
    violations.map((v) => v.problem),
    describeRequest(record, violations),
  ).toEqual([]);
}

describe('public verification: command budget and index coverage', () => {
  it(`GET /v/:code reads at most ${BUDGETS.page} commands, each through an index`, async () => {
    const record = await measure(() =>
      recorder
        .agent()
        .get(`/v/${code}?format=json`)
        .expect(200)
        .expect((r) => expect(r.body.signature.valid).toBe(true)),
    );
    expectWithin(record, BUDGETS.page);
  });

  it(`POST /v/:code/check reads at most ${BUDGETS.upload} commands, each through an index`, async () => {
    const record = await measure(() =>
      recorder
        .agent()
        .post(`/v/${code}/check?format=json`)
        .attach('berkas', pdf, { filename: 'surat.pdf', contentType: 'application/pdf' })
        .expect(200)
        .expect((r) => expect(r.body.matches).toBe(true)),
    );
    expectWithin(record, BUDGETS.upload);
  });
});
