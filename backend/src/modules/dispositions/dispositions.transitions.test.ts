import { describe, expect, it } from 'vitest';
import { todayInJakarta, addWorkingDays } from '../calendar/calendar.service.ts';
import {
  dispatchBody,
  disposeAs,
  dispositionTestContext,
  forwardAs,
  loginAs,
  pos,
  registerLetter,
  reportAs,
} from './test-support.ts';

const ctx = await dispositionTestContext();
const sekda = await loginAs(ctx, 'sekda');
const asisten3 = await loginAs(ctx, 'asisten3');
const karoumum = await loginAs(ctx, 'karoumum');
const kabagtu = await loginAs(ctx, 'kabagtu');

const letterStatus = async (letterId: string) =>
  (await sekda.get(`/api/incoming-letters/${letterId}`)).body.status as string;

describe('terkirim → dibaca', () => {
  it('happens on the first opening by the recipient, not by the sender', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const bySender = await sekda.get(`/api/dispositions/${node!.id}`);
    expect(bySender.body.disposition.status).toBe('terkirim');
    expect(bySender.body.permissions.canCancel).toBe(true);
    const first = await asisten3.get(`/api/dispositions/${node!.id}`);
    expect(first.body.disposition).toMatchObject({
      status: 'dibaca',
      readByName: asisten3.user.name,
      version: 1,
    });
    const again = await asisten3.get(`/api/dispositions/${node!.id}`);
    expect(again.body.disposition).toMatchObject({
      status: 'dibaca',
      version: 1,
      readAt: first.body.disposition.readAt,
    });
  });
});

describe('cancel (dibatalkan)', () => {
  it('lets the sender take an unread disposition back', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const cancelled = await sekda.post(`/api/dispositions/${node!.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.disposition).toMatchObject({
      status: 'dibatalkan',
      closedBy: { positionId: await pos('sekda') },
    });
    // No live disposition left: the letter waits for a disposition again.
    expect(await letterStatus(letterId)).toBe('registered');
  });

  it('is refused with 409 once the recipient has read it', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    await asisten3.get(`/api/dispositions/${node!.id}`);
    const refused = await sekda.post(`/api/dispositions/${node!.id}/cancel`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'CONFLICT', details: { status: 'dibaca' } });
    expect(refused.body.error.message).toMatch(/belum dibaca/);
  });

  it('is refused with 403 to anyone but the sender', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    expect((await asisten3.post(`/api/dispositions/${node!.id}/cancel`)).status).toBe(403);
  });
});

describe('return (dikembalikan)', () => {
  it('lets the recipient return a wrongly sent disposition with a reason, read or not', async () => {
    const letterId = await registerLetter(ctx);
    const nodes = await disposeAs(sekda, letterId, [{ key: 'asisten3' }, { key: 'asisten1' }]);
    const unread = await asisten3
      .post(`/api/dispositions/${nodes.asisten3!.id}/return`)
      .send({ reason: 'Bukan bidang Asisten III.' });
    expect(unread.status).toBe(200);
    expect(unread.body.disposition).toMatchObject({
      status: 'dikembalikan',
      reason: 'Bukan bidang Asisten III.',
    });
    const asisten1 = await loginAs(ctx, 'asisten1');
    await asisten1.get(`/api/dispositions/${nodes.asisten1!.id}`);
    const read = await asisten1
      .post(`/api/dispositions/${nodes.asisten1!.id}/return`)
      .send({ reason: 'Salah alamat.' });
    expect(read.body.disposition.status).toBe('dikembalikan');
    expect(await letterStatus(letterId)).toBe('registered');
  });

  it('needs a reason (400) and is refused after follow-up started (409)', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const noReason = await asisten3
      .post(`/api/dispositions/${node!.id}/return`)
      .send({ reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('VALIDATION_FAILED');
    expect((await reportAs(asisten3, node!.id, { text: 'Sedang kami pelajari.' })).status).toBe(
      201,
    );
    const late = await asisten3
      .post(`/api/dispositions/${node!.id}/return`)
      .send({ reason: 'Ternyata salah alamat.' });
    expect(late.status).toBe(409);
    expect(late.body.error.details.status).toBe('diproses');
  });

  it('is refused with 403 to the sender', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    expect(
      (
        await sekda
          .post(`/api/dispositions/${node!.id}/return`)
          .send({ reason: 'Saya tarik kembali.' })
      ).status,
    ).toBe(403);
  });
});

describe('→ diproses', () => {
  it('follows the first report, straight from terkirim', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const report = await reportAs(asisten3, node!.id, { text: 'Sudah kami tindak lanjuti.' });
    expect(report.body.disposition).toMatchObject({ status: 'diproses', reportCount: 1 });
    expect(report.body.disposition.readAt).not.toBeNull();
    expect(report.body.disposition.processingAt).not.toBeNull();
  });

  it('follows the first child disposition', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    await forwardAs(asisten3, node!.id, [{ key: 'karoumum' }]);
    const parent = await asisten3.get(`/api/dispositions/${node!.id}`);
    expect(parent.body.disposition).toMatchObject({ status: 'diproses', childCount: 1 });
    expect(parent.body.children).toHaveLength(1);
  });
});

describe('→ selesai', () => {
  it("needs a report of the holder's own", async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    await forwardAs(asisten3, node!.id, [{ key: 'karoumum' }]);
    const refused = await asisten3.post(`/api/dispositions/${node!.id}/complete`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/laporan tindak lanjut/);
  });

  it('waits for every child to finish, cancelled and returned children included as finished', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const children = await forwardAs(asisten3, node!.id, [
      { key: 'karoumum' },
      { key: 'karoorg' },
      { key: 'karoadpim' },
    ]);
    await reportAs(asisten3, node!.id, { text: 'Sudah diteruskan ke para Kepala Biro.' });
    const blocked = await asisten3.post(`/api/dispositions/${node!.id}/complete`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.details.waitingOn).toHaveLength(3);

    await asisten3.post(`/api/dispositions/${children.karoorg!.id}/cancel`);
    const karoadpim = await loginAs(ctx, 'karoadpim');
    await karoadpim
      .post(`/api/dispositions/${children.karoadpim!.id}/return`)
      .send({ reason: 'Bukan kewenangan Biro Adpim.' });
    expect(
      (await asisten3.post(`/api/dispositions/${node!.id}/complete`)).body.error.details.waitingOn,
    ).toHaveLength(1);

    await reportAs(karoumum, children.karoumum!.id, { text: 'Selesai dikerjakan.' });
    await karoumum.post(`/api/dispositions/${children.karoumum!.id}/complete`);
    const done = await asisten3.post(`/api/dispositions/${node!.id}/complete`);
    expect(done.status).toBe(200);
    expect(done.body.disposition).toMatchObject({
      status: 'selesai',
      closedBy: { positionId: await pos('asisten3') },
    });
    expect(await letterStatus(letterId)).toBe('done');
  });

  it('closes the node for good: no second completion, report, forward or return', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    await reportAs(asisten3, node!.id, { text: 'Sudah selesai.' });
    expect((await asisten3.post(`/api/dispositions/${node!.id}/complete`)).status).toBe(200);
    for (const response of [
      await asisten3.post(`/api/dispositions/${node!.id}/complete`),
      await reportAs(asisten3, node!.id, { text: 'Satu lagi.' }),
      await asisten3
        .post(`/api/dispositions/${node!.id}/forward`)
        .send(await dispatchBody([{ key: 'karoumum' }])),
      await asisten3
        .post(`/api/dispositions/${node!.id}/return`)
        .send({ reason: 'Terlambat sadar.' }),
      await sekda.post(`/api/dispositions/${node!.id}/cancel`),
    ]) {
      expect(response.status).toBe(409);
      expect(response.body.error.details.status).toBe('selesai');
    }
  });

  it('does not finish the letter when only a coordinating recipient completes', async () => {
    const letterId = await registerLetter(ctx);
    const nodes = await disposeAs(sekda, letterId, [
      { key: 'asisten3', role: 'coordinate' },
      { key: 'asisten1', role: 'primary' },
    ]);
    await reportAs(asisten3, nodes.asisten3!.id, { text: 'Sudah berkoordinasi.' });
    await asisten3.post(`/api/dispositions/${nodes.asisten3!.id}/complete`);
    expect(await letterStatus(letterId)).toBe('in_progress');
  });
});

describe('what a disposition must say', () => {
  const post = async (letterId: string, body: Record<string, unknown>) =>
    sekda.post(`/api/incoming-letters/${letterId}/dispositions`).send(body);

  it('needs exactly one penanggung jawab and distinct recipients', async () => {
    const letterId = await registerLetter(ctx);
    const two = await post(
      letterId,
      await dispatchBody([
        { key: 'asisten3', role: 'primary' },
        { key: 'asisten1', role: 'primary' },
      ]),
    );
    expect(two.status).toBe(400);
    expect(two.body.error.message).toMatch(/tepat satu penanggung jawab/);
    const none = await post(
      letterId,
      await dispatchBody([{ key: 'asisten3', role: 'coordinate' }]),
    );
    expect(none.status).toBe(400);
    const twice = await post(
      letterId,
      await dispatchBody([
        { key: 'asisten3', role: 'primary' },
        { key: 'asisten3', role: 'coordinate' },
      ]),
    );
    expect(twice.status).toBe(400);
    const empty = await post(letterId, { recipients: [], instructions: ['Tindak lanjuti'] });
    expect(empty.status).toBe(400);
  });

  it('takes instructions from the configured list, completing open-ended ones', async () => {
    const letterId = await registerLetter(ctx);
    const unknown = await post(
      letterId,
      await dispatchBody([{ key: 'asisten3' }], { instructions: ['Buang saja'] }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/tidak ada dalam daftar/);
    const bare = await post(
      letterId,
      await dispatchBody([{ key: 'asisten3' }], { instructions: ['Koordinasikan dengan ...'] }),
    );
    expect(bare.status).toBe(400);
    const ok = await post(
      letterId,
      await dispatchBody([{ key: 'asisten3' }], {
        instructions: ['arsipkan', 'Koordinasikan dengan Biro Hukum', 'Untuk diketahui'],
      }),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.items[0].instructions).toEqual([
      'Untuk diketahui',
      'Koordinasikan dengan Biro Hukum',
      'Arsipkan',
    ]);
  });

  it("computes the default deadline from the urgency in working days, never past the parent's", async () => {
    const letterId = await registerLetter(ctx, { urgency: 'biasa' });
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }], {
      urgency: 'segera',
    });
    const today = todayInJakarta();
    expect(node!.dueDate).toBe(await addWorkingDays(today, 2));
    expect(node!.urgency).toBe('segera');
    const { karoumum: child } = await forwardAs(asisten3, node!.id, [{ key: 'karoumum' }], {
      urgency: 'biasa',
    });
    expect(child!.dueDate).toBe(node!.dueDate);
    const defaulted = await disposeAs(
      sekda,
      await registerLetter(ctx, { urgency: 'sangat_segera' }),
      [{ key: 'asisten1' }],
    );
    expect(defaulted.asisten1).toMatchObject({
      urgency: 'sangat_segera',
      dueDate: await addWorkingDays(today, 0),
    });
  });

  it('refuses a deadline in the past and a disposition back up the branch', async () => {
    const letterId = await registerLetter(ctx);
    const past = await post(
      letterId,
      await dispatchBody([{ key: 'asisten3' }], { dueDate: '2020-01-01' }),
    );
    expect(past.status).toBe(400);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const again = await post(letterId, await dispatchBody([{ key: 'asisten3' }]));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/sudah didisposisikan/);
    const { karoumum: child } = await forwardAs(asisten3, node!.id, [{ key: 'karoumum' }]);
    const up = await karoumum
      .post(`/api/dispositions/${child!.id}/forward`)
      .send(await dispatchBody([{ key: 'kabagtu' }, { key: 'asisten3', role: 'coordinate' }]));
    expect([400, 403]).toContain(up.status);
    expect(kabagtu).toBeDefined();
  });

  it('refuses a done or void letter', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    await reportAs(asisten3, node!.id, { text: 'Selesai.' });
    await asisten3.post(`/api/dispositions/${node!.id}/complete`);
    const done = await post(letterId, await dispatchBody([{ key: 'asisten1' }]));
    expect(done.status).toBe(409);
    const clerk = await loginAs(ctx, 'agendaris');
    const voided = await registerLetter(ctx);
    expect(
      (await clerk.post(`/api/incoming-letters/${voided}/void`).send({ reason: 'Salah daftar.' }))
        .status,
    ).toBe(200);
    expect((await post(voided, await dispatchBody([{ key: 'asisten1' }]))).status).toBe(409);
  });
});
