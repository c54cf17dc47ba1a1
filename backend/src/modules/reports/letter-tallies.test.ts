import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../test/auth-helpers.ts';
import { now, shiftClock } from '../../lib/clock.ts';
import { dispositionTestContext, loginAs, registerLetter } from '../dispositions/test-support.ts';
import { quickDraft } from '../outgoing/test-fixtures.ts';
import { LetterTallyModel } from './letter-tallies.model.ts';

/**
 * The kept letter digests (letter-tallies.ts) against a full recomputation: after each
 * write path that can change what the letters section counts (registration, corrections
 * of category, channel, classification, security class and day, void, an outgoing letter's
 * signing with its number, its dispatch), the report read through the kept digests equals
 * the report read after every digest is dropped (rebuilt from the letters), and differs
 * from the report before the write (the write did change a figure).
 */
const ctx = await dispositionTestContext();
let restore: () => void = () => undefined;

beforeAll(() => {
  // A fixed Jakarta instant in March 2026: the figures never depend on the real date.
  restore = shiftClock(new Date('2026-03-20T10:00:00+07:00').getTime() - now().getTime());
});
afterAll(() => restore());

type Agent = Awaited<ReturnType<typeof loginAs>>;

async function letters(sekda: Agent, query: Record<string, number>): Promise<unknown> {
  const path = 'month' in query ? '/api/reports/monthly' : '/api/reports/yearly';
  const response = await sekda.get(path).query(query);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.letters;
}

/** The month's letters section through the kept digests, checked against a rebuild. */
async function keptEqualsRebuilt(sekda: Agent): Promise<unknown> {
  const kept = await letters(sekda, { year: 2026, month: 3 });
  await LetterTallyModel.deleteMany({});
  const rebuilt = await letters(sekda, { year: 2026, month: 3 });
  expect(kept).toEqual(rebuilt);
  return kept;
}

describe('kept letter digests', () => {
  // Some twenty reports read twice each: 30 s measured on a machine busy with three CI runs.
  it('follow every write path exactly', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const clerk = await loginAs(ctx, 'agendaris');
    let before = await keptEqualsRebuilt(sekda);
    const step = async (write: () => Promise<void>) => {
      await write();
      const after = await keptEqualsRebuilt(sekda);
      expect(after).not.toEqual(before);
      before = after;
    };

    let letterId = '';
    await step(async () => {
      letterId = await registerLetter(ctx, {
        receivedDate: '2026-03-10',
        senderName: 'Forum Uji Digest Surat',
        senderCategory: 'dprd',
        channel: 'pos',
        classificationCode: '000.1.5',
      });
    });
    const correct = (changes: Record<string, unknown>) => async () => {
      const response = await clerk
        .patch(`/api/incoming-letters/${letterId}`)
        .send({ ...changes, reason: 'Koreksi uji digest.' });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    };
    await step(correct({ senderCategory: 'ormas', channel: 'email' }));
    await step(correct({ classificationCode: '100.2', securityClass: 'T' }));
    // Another day of the same month: the old day's digest loses it, the new one gains it.
    const held = await letters(sekda, { year: 2026, month: 3 });
    await correct({ receivedDate: '2026-03-02' })();
    expect(await keptEqualsRebuilt(sekda)).toEqual(held);
    // Into February: this month loses it.
    await step(correct({ receivedDate: '2026-02-27' }));
    await step(correct({ receivedDate: '2026-03-05' }));
    await step(async () => {
      const response = await clerk
        .post(`/api/incoming-letters/${letterId}/void`)
        .send({ reason: 'Batal uji digest.' });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    });

    // An outgoing letter: signed (numbered) this month, then dispatched by courier.
    const staftu = await loginAs(ctx, 'staftu');
    const asisten3 = await loginAs(ctx, 'asisten3');
    const draft = await staftu.post('/api/outgoing-letters').send(await quickDraft());
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const id = draft.body.id as string;
    expect((await staftu.post(`/api/outgoing-letters/${id}/submit`)).status).toBe(200);
    await step(async () => {
      const signed = await asisten3
        .post(`/api/outgoing-letters/${id}/sign`)
        .send({ passphrase: DEMO_PASSWORD });
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      expect(signed.body.number).toBeTruthy();
    });
    await step(async () => {
      const agendaris = await loginAs(ctx, 'agendaris');
      const sent = await agendaris.post(`/api/outgoing-letters/${id}/dispatch`).send({
        external: [{ recipientIndex: 0, method: 'kurir', sentDate: '2026-03-20' }],
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    });

    // The year reads twelve month digests of outgoing letters and its days of incoming.
    const year = await letters(sekda, { year: 2026 });
    await LetterTallyModel.deleteMany({});
    expect(year).toEqual(await letters(sekda, { year: 2026 }));
    expect(year).toMatchObject({ sent: 1 });
  });
});
