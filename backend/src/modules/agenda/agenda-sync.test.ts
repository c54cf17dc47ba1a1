import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestContext } from '../../../test/harness.ts';
import { DEMO_PASSWORD, loginAs } from '../../../test/auth-helpers.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { dispositionTestContext, pos } from '../dispositions/test-support.ts';
import { letterData, postLetter, scanPdf } from '../letters/letters.fixtures.ts';
import { IncomingLetterModel } from '../letters/letters.model.ts';
import { settleMail } from '../notify/mailer.ts';
import { NotificationModel } from '../notify/notification.model.ts';
import { startSmtpSink } from '../notify/smtp-sink.test-support.ts';
import { OutgoingLetterModel } from '../outgoing/outgoing.model.ts';
import { REPLY_BODY } from '../outgoing/test-fixtures.ts';
import { repairAgendaSync } from './agenda-sync.ts';
import { AgendaEntryModel } from './agenda.model.ts';
import { runLeasedAgendaReminders } from './reminders.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());
let ctx: TestContext;
beforeAll(async () => {
  ctx = await dispositionTestContext({
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    SMTP_FROM: 'Lontar <lontar@lampungprov.example>',
  });
  await seedClassificationCodes();
});

const EVENT = {
  date: '2026-12-21',
  startTime: '13:30',
  endTime: '15:00',
  timeZone: 'WITA',
  title: 'Rapat Sinkronisasi Program',
  place: 'Ruang Rapat Sekda Lt. 2',
};

/** Makes the next `count` agenda entry writes fail as a dropped connection would, after the
 * letter write has gone through (the fault the durable follow-up exists for). */
function failEntryWrites(count = 1) {
  const spy = vi.spyOn(AgendaEntryModel, 'create');
  for (let i = 0; i < count; i++)
    spy.mockRejectedValueOnce(new Error('connection reset by peer (injected)'));
  return spy;
}

/** A surat undangan drafted by staftu, signed by asisten3 a.n. Sekda, to Asisten I and the
 * Karo Umum with the Sekda in tembusan; returns its id once signed. */
async function signedInvitation(subject: string, event: Record<string, unknown> = EVENT) {
  const staftu = await loginAs(ctx, 'staftu');
  const asisten3 = await loginAs(ctx, 'asisten3');
  const created = await staftu.post('/api/outgoing-letters').send({
    kind: 'surat_undangan',
    subject,
    classificationCode: '000.1',
    recipients: [
      { type: 'internal', positionId: await pos('asisten1') },
      { type: 'internal', positionId: await pos('karoumum') },
      { type: 'external', label: 'Bupati Lampung Selatan' },
    ],
    carbonCopies: [{ positionId: await pos('sekda') }],
    body: REPLY_BODY,
    event,
    verifierPositionIds: [],
    signer: {
      positionId: await pos('asisten3'),
      mode: 'an',
      onBehalfOfPositionId: await pos('sekda'),
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;
  expect(created.body.event).toMatchObject({ date: EVENT.date, timeZone: 'WITA' });
  expect((await staftu.post(`/api/outgoing-letters/${id}/submit`)).status).toBe(200);
  const signed = await asisten3
    .post(`/api/outgoing-letters/${id}/sign`)
    .send({ passphrase: DEMO_PASSWORD });
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  return id;
}

const entriesOfLetter = (sourcePrefix: string) =>
  AgendaEntryModel.find({ sourceKey: { $regex: `^${sourcePrefix}` } }).lean();

describe('agenda entries that cannot be lost', () => {
  it('an incoming undangan whose entry write failed gets its entry from the repair, once', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const spy = failEntryWrites();
    const response = await postLetter(
      clerk,
      letterData({ kind: 'Surat Undangan', event: { ...EVENT, title: 'Rakor Terputus' } }),
      [{ body: await scanPdf('Undangan', 1), name: 'undangan.pdf', type: 'application/pdf' }],
    );
    spy.mockRestore();
    // The registration stands; the entry is owed, and the letter says so.
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const id = response.body.id as string;
    expect(await AgendaEntryModel.countDocuments({ letterId: id })).toBe(0);
    expect((await IncomingLetterModel.findById(id).lean())!.agendaSyncKey).toBe('due');

    expect(await repairAgendaSync()).toBeGreaterThanOrEqual(1);
    const made = await AgendaEntryModel.find({ letterId: id }).lean();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      title: 'Rakor Terputus',
      positionId: expect.anything(),
      status: 'pending',
      letterType: 'incoming',
    });
    expect(String(made[0]!.positionId)).toBe(await pos('sekda'));
    expect(made[0]!.start.toISOString()).toBe('2026-12-21T05:30:00.000Z');
    const letter = await IncomingLetterModel.findById(id).lean();
    expect(letter!.agendaSyncKey).toBeUndefined();
    expect(letter!.invitationEvent).toMatchObject({ title: 'Rakor Terputus' });

    // A second pass (another replica, a restart) adds nothing.
    await repairAgendaSync();
    expect(await AgendaEntryModel.countDocuments({ letterId: id })).toBe(1);
  });

  it('an ordinary registration makes the entry at once and owes nothing', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const response = await postLetter(
      clerk,
      letterData({ kind: 'Surat Undangan', event: { ...EVENT, title: 'Rakor Lancar' } }),
      [{ body: await scanPdf('Undangan', 1), name: 'undangan.pdf', type: 'application/pdf' }],
    );
    expect(response.status).toBe(201);
    const id = response.body.id as string;
    expect(await AgendaEntryModel.countDocuments({ letterId: id })).toBe(1);
    expect((await IncomingLetterModel.findById(id).lean())!.agendaSyncKey).toBeUndefined();
  });
});

describe('outgoing undangan on the agenda', () => {
  it('fills the template body from the event fields', async () => {
    const staftu = await loginAs(ctx, 'staftu');
    const res = await staftu.post('/api/outgoing-letters/body-template').send({
      kind: 'surat_undangan',
      subject: 'Undangan Rapat Sinkronisasi Program',
      event: { date: '2026-12-21', startTime: '13:30', timeZone: 'WITA', place: 'Aula' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const text = JSON.stringify(res.body);
    expect(text).toContain('Senin, 21 Desember 2026');
    expect(text).toContain('13.30 WITA s.d. selesai');
    expect(text).toContain('"Aula"');
    expect(text).toContain('Rapat Sinkronisasi Program');
  });

  it('signing puts it on the inviter’s and the invited internal positions’ agenda', async () => {
    const id = await signedInvitation('Undangan Rapat Sinkronisasi Program');
    const entries = await entriesOfLetter(`outgoing:${id}:`);
    const byPosition = new Map(entries.map((e) => [String(e.positionId), e]));
    // The inviter hosts (accepted); the invitees answer; the tembusan (Sekda) is informed only.
    expect(byPosition.get(await pos('asisten3'))).toMatchObject({
      status: 'accepted',
      letterType: 'outgoing',
      title: 'Rapat Sinkronisasi Program',
    });
    expect(String(byPosition.get(await pos('asisten3'))!.letterId)).toBe(id);
    for (const key of ['asisten1', 'karoumum'])
      expect(byPosition.get(await pos(key))).toMatchObject({
        status: 'pending',
        letterType: 'incoming',
      });
    expect(byPosition.has(await pos('sekda'))).toBe(false);
    expect(entries).toHaveLength(3);
    const letter = await OutgoingLetterModel.findById(id).lean();
    expect(letter!.agendaSyncKey).toBeUndefined();
    expect(entries[0]!.letterLabel).toBe(
      `Nomor ${letter!.number} · ${letter!.signature!.positionTitle}`,
    );

    // Asisten I sees it on the day; the inviter may not hand it on, and an invitee may
    // only once the letter has arrived in their inbox.
    const asisten1 = await loginAs(ctx, 'asisten1');
    const day = await asisten1
      .get('/api/agenda')
      .query({ positionId: await pos('asisten1'), from: EVENT.date, to: EVENT.date });
    const mine = day.body.items.find((i: { title: string }) => i.title === EVENT.title);
    expect(mine).toMatchObject({
      start: '2026-12-21T13:30:00+08:00',
      end: '2026-12-21T15:00:00+08:00',
      letterType: 'incoming',
      status: 'pending',
      // Its letter reaches Asisten I's inbox only when the undangan is sent.
      letterReady: false,
      mayDelegate: false,
    });
    const early = await asisten1
      .post(`/api/agenda/${mine.id}/delegate`)
      .send({ positionId: await pos('karoumum') });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('belum diterima');
    const asisten3 = await loginAs(ctx, 'asisten3');
    const hosted = await asisten3
      .get('/api/agenda')
      .query({ positionId: await pos('asisten3'), from: EVENT.date, to: EVENT.date });
    const host = hosted.body.items.find((i: { title: string }) => i.title === EVENT.title);
    expect(host).toMatchObject({
      letterType: 'outgoing',
      letterId: id,
      mayDelegate: false,
      letterReady: true,
    });

    // Sent: the undangan is in Asisten I's inbox, who can now have it attended by another.
    const agendaris = await loginAs(ctx, 'agendaris');
    const sent = await agendaris.post(`/api/outgoing-letters/${id}/dispatch`).send({
      external: [{ recipientIndex: 2, method: 'kurir' }],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const after = await asisten1.get(`/api/agenda/${mine.id}`);
    expect(after.body).toMatchObject({ letterReady: true, mayDelegate: true });
    const handed = await asisten1
      .post(`/api/agenda/${mine.id}/delegate`)
      .send({ positionId: await pos('karopem') });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    // The delivered letter carries no event of its own: still one entry per position.
    expect(
      await AgendaEntryModel.countDocuments({ letterId: mine.letterId, sourceKey: /^letter:/ }),
    ).toBe(0);
  });

  it('a signature whose entry write failed gets its entries from the repair', async () => {
    const spy = failEntryWrites(2);
    const id = await signedInvitation('Undangan Rapat Evaluasi Terputus', {
      ...EVENT,
      title: 'Rapat Evaluasi Terputus',
    });
    spy.mockRestore();
    expect((await OutgoingLetterModel.findById(id).lean())!.agendaSyncKey).toBe('due');
    const before = await entriesOfLetter(`outgoing:${id}:`);
    expect(before.length).toBeLessThan(3);

    await repairAgendaSync();
    expect(await entriesOfLetter(`outgoing:${id}:`)).toHaveLength(3);
    expect((await OutgoingLetterModel.findById(id).lean())!.agendaSyncKey).toBeUndefined();
    await repairAgendaSync();
    expect(await entriesOfLetter(`outgoing:${id}:`)).toHaveLength(3);
  });
});

describe('agenda reminders with a lease', () => {
  it('two processes in one window: one sends, in the app and by e-mail, once', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const response = await postLetter(
      clerk,
      letterData({
        kind: 'Surat Undangan',
        addresseePositionId: await pos('asisten3'),
        event: {
          date: '2026-12-23',
          startTime: '10:00',
          timeZone: 'WIB',
          title: 'Apel Pagi Bersama',
          place: 'Lapangan Saburai',
        },
      }),
      [{ body: await scanPdf('Undangan', 1), name: 'undangan.pdf', type: 'application/pdf' }],
    );
    expect(response.status).toBe(201);
    // 09.10 WIB: the reminder of the 10.00 entry is due (an hour ahead).
    const at = new Date('2026-12-23T02:10:00Z');
    const results = await Promise.all([
      runLeasedAgendaReminders('api-1', 5 * 60_000, at),
      runLeasedAgendaReminders('api-2', 5 * 60_000, at),
    ]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.find((r) => r !== null)).toBeGreaterThan(0);
    // The next window reads the same hour again: the dedupe key keeps it from going twice.
    expect(
      await runLeasedAgendaReminders('api-2', 5 * 60_000, new Date('2026-12-23T02:16:00Z')),
    ).toBe(0);

    const notes = await NotificationModel.find({ kind: 'agenda.reminder' }).lean();
    const mine = notes.filter((n) => n.title === 'Agenda: Apel Pagi Bersama');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toBe('Dimulai 1 jam lagi: 10.00 WIB s.d. selesai di Lapangan Saburai.');
    await settleMail();
    const mail = sink.messages.filter(
      (m) => m.to.includes('asisten3@lampungprov.example') && m.data.includes('Apel Pagi Bersama'),
    );
    expect(mail).toHaveLength(1);
    expect((await NotificationModel.findById(mine[0]!._id).lean())!.emailStatus).toBe('sent');
  });
});
