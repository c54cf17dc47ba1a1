import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  loginAs,
  seedDemoOrganisation,
  type LoggedInAgent,
} from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { positionId, quickDraft, REPLY_BODY } from './test-fixtures.ts';
import { loginMany } from './test-fixtures.ts';

const ctx = await createTestContext();
let staftu: LoggedInAgent;
let kabagtu: LoggedInAgent;
let asisten3: LoggedInAgent;
let agendaris: LoggedInAgent;
let arsiparis: LoggedInAgent;
let karohukum: LoggedInAgent;

beforeAll(async () => {
  await seedDemoOrganisation();
  await seedClassificationCodes();
  ({ staftu, kabagtu, asisten3, agendaris, arsiparis, karohukum } = await loginMany(ctx, [
    'staftu',
    'kabagtu',
    'asisten3',
    'agendaris',
    'arsiparis',
    'karohukum',
  ]));
});

async function draft(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await staftu.post('/api/outgoing-letters').send(await quickDraft(overrides));
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('drafting refusals', () => {
  it('refuses a draft without login, from an archivist, and with invalid fields', async () => {
    expect(
      (
        await ctx
          .request()
          .post('/api/outgoing-letters')
          .send(await quickDraft())
      ).status,
    ).toBe(401);
    expect((await arsiparis.post('/api/outgoing-letters').send(await quickDraft())).status).toBe(
      403,
    );
    const bad = await staftu
      .post('/api/outgoing-letters')
      .send(await quickDraft({ kind: 'memo', subject: '' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const code = await staftu
      .post('/api/outgoing-letters')
      .send(await quickDraft({ classificationCode: '999.9' }));
    expect(code.status).toBe(400);
    expect(code.body.error.message).toMatch(/Kode klasifikasi/);
  });

  it('refuses a chain where the signer is also a verifier, a duplicate verifier, or a.n. without a principal', async () => {
    const signer = await positionId('asisten3');
    const twice = await staftu
      .post('/api/outgoing-letters')
      .send(await quickDraft({ verifierPositionIds: [signer] }));
    expect(twice.status).toBe(400);
    const dup = await staftu.post('/api/outgoing-letters').send(
      await quickDraft({
        verifierPositionIds: [await positionId('kabagtu'), await positionId('kabagtu')],
      }),
    );
    expect(dup.status).toBe(400);
    const an = await staftu
      .post('/api/outgoing-letters')
      .send(await quickDraft({ signer: { positionId: signer, mode: 'an' } }));
    expect(an.status).toBe(400);
    expect(an.body.error.message).toMatch(/atas nama/);
  });

  it('refuses drafting as a position the user does not hold', async () => {
    const res = await staftu
      .post('/api/outgoing-letters')
      .send(await quickDraft({ positionId: await positionId('sekda') }));
    expect(res.status).toBe(403);
  });

  it('hides a draft from people outside its chain and lets only the drafter edit it', async () => {
    const id = await draft();
    expect((await karohukum.get(`/api/outgoing-letters/${id}`)).status).toBe(404);
    expect((await agendaris.get(`/api/outgoing-letters/${id}`)).status).toBe(404);
    expect(
      (await asisten3.patch(`/api/outgoing-letters/${id}`).send({ subject: 'Oleh penanda tangan' }))
        .status,
    ).toBe(403);
    expect((await asisten3.get(`/api/outgoing-letters/${id}`)).status).toBe(200);
  });

  it('refuses a stale editor with 409 instead of overwriting', async () => {
    const id = await draft();
    const first = await staftu
      .patch(`/api/outgoing-letters/${id}`)
      .send({ subject: 'Perubahan pertama', revision: 0 });
    expect(first.status).toBe(200);
    const stale = await staftu
      .patch(`/api/outgoing-letters/${id}`)
      .send({ subject: 'Perubahan basi', revision: 0 });
    expect(stale.status).toBe(409);
  });

  it('refuses to submit an empty letter', async () => {
    const id = await draft({ body: [] });
    const res = await staftu.post(`/api/outgoing-letters/${id}/submit`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Isi surat masih kosong/);
  });
});

describe('chain refusals', () => {
  it('refuses paraf and signature out of turn', async () => {
    const id = await draft({ verifierPositionIds: [await positionId('kabagtu')] });
    expect(
      (
        await kabagtu
          .post(`/api/outgoing-letters/${id}/review`)
          .send({ decision: 'approve', password: DEMO_PASSWORD })
      ).status,
    ).toBe(409);
    expect(
      (await asisten3.post(`/api/outgoing-letters/${id}/sign`).send({ passphrase: DEMO_PASSWORD }))
        .status,
    ).toBe(409);
    expect((await staftu.post(`/api/outgoing-letters/${id}/submit`)).status).toBe(200);
    expect((await staftu.post(`/api/outgoing-letters/${id}/submit`)).status).toBe(409);
    expect(
      (await asisten3.post(`/api/outgoing-letters/${id}/sign`).send({ passphrase: DEMO_PASSWORD }))
        .status,
    ).toBe(409);
    expect(
      (
        await staftu
          .post(`/api/outgoing-letters/${id}/review`)
          .send({ decision: 'approve', password: DEMO_PASSWORD })
      ).status,
    ).toBe(403);
    // The signer does not dispatch (the letter desk does): refused before the state matters.
    expect((await asisten3.post(`/api/outgoing-letters/${id}/dispatch`).send({})).status).toBe(403);
    const bad = await kabagtu
      .post(`/api/outgoing-letters/${id}/review`)
      .send({ decision: 'maybe' });
    expect(bad.status).toBe(400);
  });

  it('lets the signer return the draft to the drafter, but not approve it', async () => {
    const id = await draft();
    expect((await staftu.post(`/api/outgoing-letters/${id}/submit`)).body.status).toBe(
      'awaiting_signature',
    );
    expect(
      (
        await asisten3
          .post(`/api/outgoing-letters/${id}/review`)
          .send({ decision: 'approve', password: DEMO_PASSWORD })
      ).status,
    ).toBe(409);
    const back = await asisten3
      .post(`/api/outgoing-letters/${id}/review`)
      .send({ decision: 'return', note: 'Perbaiki alamat tujuan.' });
    expect(back.status).toBe(200);
    expect(back.body.status).toBe('returned');
    expect(
      (await staftu.patch(`/api/outgoing-letters/${id}`).send({ recipientPlace: 'Kalianda' })).body
        .version,
    ).toBe(2);
  });

  it('lets only one of two simultaneous decisions on the same step win', async () => {
    const id = await draft({ verifierPositionIds: [await positionId('kabagtu')] });
    await staftu.post(`/api/outgoing-letters/${id}/submit`);
    const kabagtu2 = await loginAs(ctx, 'kabagtu');
    const results = await Promise.all([
      kabagtu
        .post(`/api/outgoing-letters/${id}/review`)
        .send({ decision: 'approve', password: DEMO_PASSWORD }),
      kabagtu2
        .post(`/api/outgoing-letters/${id}/review`)
        .send({ decision: 'return', note: 'Tidak.' }),
    ]);
    // One wins. The other is refused: 409 when it raced the winner's claim, 403 when it came
    // late enough to find the step already left (no longer this reviewer's turn).
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const history = await staftu.get(`/api/outgoing-letters/${id}/history`);
    expect(
      history.body.items.filter((h: { action: string }) => h.action !== 'submit'),
    ).toHaveLength(1);
  });

  it('refuses dispatch by someone outside the letter, and external e-mail without SMTP', async () => {
    const id = await draft({
      recipients: [{ type: 'external', label: 'Kantor Pos', email: 'tu@contoh.example' }],
    });
    await staftu.post(`/api/outgoing-letters/${id}/submit`);
    expect(
      (await asisten3.post(`/api/outgoing-letters/${id}/sign`).send({ passphrase: DEMO_PASSWORD }))
        .status,
    ).toBe(200);
    // Only the desk dispatches (outgoing.dispatch): the role gate refuses before the letter is
    // looked up, so the answer is the same whether the letter exists or not.
    expect((await karohukum.post(`/api/outgoing-letters/${id}/dispatch`).send({})).status).toBe(
      403,
    );
    const mail = await agendaris
      .post(`/api/outgoing-letters/${id}/dispatch`)
      .send({ external: [{ recipientIndex: 0, method: 'email' }] });
    expect(mail.status).toBe(400);
    expect(mail.body.error.message).toMatch(/pos-el belum dikonfigurasi/);
    const wrong = await agendaris
      .post(`/api/outgoing-letters/${id}/dispatch`)
      .send({ external: [{ recipientIndex: 3, method: 'pos' }] });
    expect(wrong.status).toBe(400);
  });
});

describe('confidential letters', () => {
  it('keeps R letters from the desk unless cleared, and within the chain', async () => {
    // A drafter not cleared for R may not write one (outgoing.draft is within clearance).
    const refused = await staftu
      .post('/api/outgoing-letters')
      .send(await quickDraft({ securityClass: 'R', body: REPLY_BODY }));
    expect(refused.status).toBe(403);
    const created = await kabagtu
      .post('/api/outgoing-letters')
      .send(await quickDraft({ securityClass: 'R', body: REPLY_BODY }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await kabagtu.post(`/api/outgoing-letters/${id}/submit`);
    expect(
      (await asisten3.post(`/api/outgoing-letters/${id}/sign`).send({ passphrase: DEMO_PASSWORD }))
        .status,
    ).toBe(200);
    // agendaris is cleared for T only; arsiparis for R.
    expect((await agendaris.get(`/api/outgoing-letters/${id}`)).status).toBe(404);
    expect((await arsiparis.get(`/api/outgoing-letters/${id}`)).status).toBe(200);
    const register = await agendaris.get('/api/outgoing-letters/register');
    expect(register.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });
});
