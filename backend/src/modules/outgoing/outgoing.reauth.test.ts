// Signing and paraf are deliberate acts (issue 14): each needs the password or the signing
// PIN again, checked on the server, wrong attempts throttled per user and audited.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  seedDemoOrganisation,
  type LoggedInAgent,
} from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { shiftClock } from '../../lib/clock.ts';
import { AuditEventModel } from '../audit/audit.model.ts';
import { SigningPinModel } from '../auth/pin.model.ts';
import { verifyPassword } from '../auth/password.ts';
import { REAUTH_RULE, reauthKey } from '../auth/reauth.service.ts';
import { clearFailures } from '../auth/throttle.service.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { UserModel } from '../org/org.model.ts';
import { loginMany, positionId, quickDraft } from './test-fixtures.ts';

const ctx = await createTestContext();
let staftu: LoggedInAgent;
let kabagtu: LoggedInAgent;
let asisten3: LoggedInAgent;
let karoumum: LoggedInAgent;

beforeAll(async () => {
  await seedDemoOrganisation();
  await seedClassificationCodes();
  ({ staftu, kabagtu, asisten3, karoumum } = await loginMany(ctx, [
    'staftu',
    'kabagtu',
    'asisten3',
    'karoumum',
  ]));
});

/** A submitted draft: waiting for kabagtu's paraf when `paraf`, else for asisten3's signature. */
async function submitted(paraf: boolean): Promise<string> {
  const overrides = paraf ? { verifierPositionIds: [await positionId('kabagtu')] } : {};
  const created = await staftu.post('/api/outgoing-letters').send(await quickDraft(overrides));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const submit = await staftu.post(`/api/outgoing-letters/${id}/submit`);
  expect(submit.body.status).toBe(paraf ? 'in_review' : 'awaiting_signature');
  return id;
}

async function reauthFailures(username: string): Promise<number> {
  const user = await UserModel.findOne({ username }).lean();
  return AuditEventModel.countDocuments({
    action: 'auth.reauth_failed',
    recordType: 'user',
    recordId: String(user!._id),
  });
}

describe('signing asks for the signing passphrase (paraf: password or PIN)', () => {
  it('refuses a signature without a passphrase or with a wrong one (403), and signs with the right one', async () => {
    const id = await submitted(false);
    const before = await reauthFailures('asisten3');

    const missing = await asisten3.post(`/api/outgoing-letters/${id}/sign`).send({});
    expect(missing.status).toBe(403);
    expect(missing.body.error.message).toMatch(/frasa sandi tanda tangan/);
    const wrong = await asisten3
      .post(`/api/outgoing-letters/${id}/sign`)
      .send({ passphrase: 'bukan-frasa-sandi' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toMatch(/Frasa sandi tanda tangan salah/);
    // The login password is not the signing passphrase of a certificate.
    expect(
      (await asisten3.post(`/api/outgoing-letters/${id}/sign`).send({ password: DEMO_PASSWORD }))
        .status,
    ).toBe(400);
    // Refused before anything moved: still waiting, no number.
    const still = await asisten3.get(`/api/outgoing-letters/${id}`);
    expect(still.body).toMatchObject({ status: 'awaiting_signature', number: null });
    expect(await reauthFailures('asisten3')).toBe(before + 1);

    const signed = await asisten3
      .post(`/api/outgoing-letters/${id}/sign`)
      .send({ passphrase: DEMO_PASSWORD });
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('signed');
  });

  it('asks someone who may not sign nothing: 403 before any password is looked at', async () => {
    const id = await submitted(false);
    const before = await reauthFailures('staftu');
    // The drafter sees the letter but does not hold the signer's position.
    const refused = await staftu
      .post(`/api/outgoing-letters/${id}/sign`)
      .send({ passphrase: 'salah-sekali' });
    expect(refused.status).toBe(403);
    expect(await reauthFailures('staftu')).toBe(before);
  });

  it('asks for it at a paraf, but not to return a draft with a note', async () => {
    const id = await submitted(true);
    const missing = await kabagtu
      .post(`/api/outgoing-letters/${id}/review`)
      .send({ decision: 'approve' });
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toMatch(/memberi paraf/);
    const wrong = await kabagtu
      .post(`/api/outgoing-letters/${id}/review`)
      .send({ decision: 'approve', password: 'tebakan-keliru' });
    expect(wrong.status).toBe(401);
    const approved = await kabagtu
      .post(`/api/outgoing-letters/${id}/review`)
      .send({ decision: 'approve', password: DEMO_PASSWORD });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('awaiting_signature');

    const other = await submitted(true);
    const returned = await kabagtu
      .post(`/api/outgoing-letters/${other}/review`)
      .send({ decision: 'return', note: 'Perbaiki tanggal.' });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');
  });

  it('throttles a user after a few wrong secrets: then even the right one waits (429)', async () => {
    const id = await submitted(true);
    const paraf = (password: string) =>
      kabagtu.post(`/api/outgoing-letters/${id}/review`).send({ decision: 'approve', password });
    for (let i = 0; i < REAUTH_RULE.free; i++)
      expect((await paraf(`salah-${i}-kata-sandi`)).status).toBe(401);
    const locking = await paraf('salah-lagi-kata-sandi');
    expect(locking.status).toBe(429);
    expect(locking.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    const right = await paraf(DEMO_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.error.message).toMatch(/Coba lagi dalam/);
    expect(right.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    // Every wrong one is an audit event; the one that locked says until when.
    const user = await UserModel.findOne({ username: 'kabagtu' }).lean();
    const events = await AuditEventModel.find({
      action: 'auth.reauth_failed',
      recordId: String(user!._id),
    }).lean();
    expect(events.length).toBeGreaterThanOrEqual(REAUTH_RULE.free + 1);
    const locked = events.filter((e) =>
      (e.changes ?? []).some((c) => c.field === 'lockedUntil' && c.after && c.after !== 'null'),
    );
    expect(locked.length).toBeGreaterThanOrEqual(1);
  });
});

describe('the signing PIN', () => {
  it('is set with the current password, then gives a paraf (signing asks for the passphrase); it can be changed and removed', async () => {
    // kabagtu was locked out by the throttle test above; that lock is not this test's subject.
    const kabag = await UserModel.findOne({ username: 'kabagtu' }).lean();
    await clearFailures([reauthKey(String(kabag!._id))]);
    expect((await kabagtu.get('/api/auth/pin')).body).toEqual({ hasPin: false, setAt: null });
    const noPassword = await kabagtu
      .put('/api/auth/pin')
      .send({ currentPassword: 'bukan-ini-sandinya', pin: '482916' });
    expect(noPassword.status).toBe(401);
    const weak = await kabagtu
      .put('/api/auth/pin')
      .send({ currentPassword: DEMO_PASSWORD, pin: '123456' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/mudah ditebak/);
    const short = await kabagtu
      .put('/api/auth/pin')
      .send({ currentPassword: DEMO_PASSWORD, pin: '4829' });
    expect(short.status).toBe(400);

    const set = await kabagtu
      .put('/api/auth/pin')
      .send({ currentPassword: DEMO_PASSWORD, pin: '482916' });
    expect(set.status).toBe(200);
    expect(set.body.hasPin).toBe(true);
    expect((await kabagtu.get('/api/auth/pin')).body.hasPin).toBe(true);

    const first = await submitted(true);
    const wrongPin = await kabagtu
      .post(`/api/outgoing-letters/${first}/review`)
      .send({ decision: 'approve', pin: '000001' });
    expect(wrongPin.status).toBe(401);
    expect(wrongPin.body.error.message).toMatch(/PIN salah/);
    const byPin = await kabagtu
      .post(`/api/outgoing-letters/${first}/review`)
      .send({ decision: 'approve', pin: '482916' });
    expect(byPin.status).toBe(200);
    expect(byPin.body.status).toBe('awaiting_signature');

    // Changed: the old PIN stops working; the password always works.
    expect(
      (await kabagtu.put('/api/auth/pin').send({ currentPassword: DEMO_PASSWORD, pin: '739205' }))
        .status,
    ).toBe(200);
    const second = await submitted(true);
    expect(
      (
        await kabagtu
          .post(`/api/outgoing-letters/${second}/review`)
          .send({ decision: 'approve', pin: '482916' })
      ).status,
    ).toBe(401);
    expect(
      (
        await kabagtu
          .post(`/api/outgoing-letters/${second}/review`)
          .send({ decision: 'approve', pin: '739205' })
      ).status,
    ).toBe(200);

    const removed = await kabagtu
      .put('/api/auth/pin')
      .send({ currentPassword: DEMO_PASSWORD, pin: null });
    expect(removed.body).toEqual({ hasPin: false, setAt: null });
    const third = await submitted(true);
    expect(
      (
        await kabagtu
          .post(`/api/outgoing-letters/${third}/review`)
          .send({ decision: 'approve', pin: '739205' })
      ).status,
    ).toBe(401);
    expect(
      (
        await kabagtu
          .post(`/api/outgoing-letters/${third}/review`)
          .send({ decision: 'approve', password: DEMO_PASSWORD })
      ).status,
    ).toBe(200);

    const actions = (
      await AuditEventModel.find({ action: /^auth\.pin_/, actorName: /./ }).lean()
    ).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.pin_set', 'auth.pin_change', 'auth.pin_remove']),
    );
  });

  it('is stored hashed, never as typed', async () => {
    const set = await karoumum
      .put('/api/auth/pin')
      .send({ currentPassword: DEMO_PASSWORD, pin: '590317' });
    expect(set.status).toBe(200);
    const user = await UserModel.findOne({ username: 'karoumum' }).lean();
    const stored = await SigningPinModel.findById(user!._id).lean();
    expect(stored!.pinHash).toMatch(/^\$argon2id\$/);
    expect(stored!.pinHash).not.toContain('590317');
  });
});

describe('bad input: two tabs, and a retry after being throttled', () => {
  it('keeps one PIN when two tabs set different PINs at the same moment', async () => {
    const [one, two] = await Promise.all([
      karoumum.put('/api/auth/pin').send({ currentPassword: DEMO_PASSWORD, pin: '615283' }),
      karoumum.put('/api/auth/pin').send({ currentPassword: DEMO_PASSWORD, pin: '847126' }),
    ]);
    // Both are answered as saved (the later write wins); neither is a server error.
    expect([one.status, two.status]).toEqual([200, 200]);
    const user = await UserModel.findOne({ username: 'karoumum' }).lean();
    expect(await SigningPinModel.countDocuments({ _id: user!._id })).toBe(1);
    // Exactly one of the two is the stored PIN.
    const stored = await SigningPinModel.findById(user!._id).lean();
    const matches = await Promise.all(
      ['615283', '847126'].map((pin) => verifyPassword(stored!.pinHash, pin)),
    );
    expect(matches.filter(Boolean)).toHaveLength(1);
  });

  it('signs a retried signature once the throttle lets go, with one number, and nothing changed while refused', async () => {
    const id = await submitted(false);
    const sign = (body: Record<string, unknown>) =>
      asisten3.post(`/api/outgoing-letters/${id}/sign`).send(body);
    for (let i = 0; i < REAUTH_RULE.free; i++)
      expect((await sign({ passphrase: `salah-${i}-frasa-sandi` })).status).toBe(403);
    const locked = await sign({ passphrase: 'salah-lagi-frasa-sandi' });
    expect(locked.status).toBe(429);
    const wait = locked.body.error.details.retryAfterSeconds as number;
    expect(locked.headers['retry-after']).toBe(String(wait));
    // The right passphrase, too early: still 429, and the letter has no number yet.
    expect((await sign({ passphrase: DEMO_PASSWORD })).status).toBe(429);
    const waiting = await asisten3.get(`/api/outgoing-letters/${id}`);
    expect(waiting.body).toMatchObject({ status: 'awaiting_signature', number: null });
    // After the wait the same request goes through once; a second retry is refused as done.
    const restore = shiftClock((wait + 1) * 1000);
    try {
      const retried = await sign({ passphrase: DEMO_PASSWORD });
      expect(retried.status, JSON.stringify(retried.body)).toBe(200);
      expect(retried.body.status).toBe('signed');
      expect(retried.body.number).toMatch(/\d/);
      const again = await sign({ passphrase: DEMO_PASSWORD });
      expect(again.status).toBe(409);
      expect((await asisten3.get(`/api/outgoing-letters/${id}`)).body.number).toBe(
        retried.body.number,
      );
    } finally {
      restore();
    }
  });
});
