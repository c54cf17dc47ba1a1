import { describe, expect, it } from 'vitest';
import {
  disposeAs,
  dispositionTestContext,
  forwardAs,
  loginAs,
  pos,
  registerLetter,
  reportAs,
} from './test-support.ts';
import { setLetterStatus } from '../letters/letters.service.ts';
import { CONCLUDED_REASON, concludeItemsOfDoneLetters } from './conclude.ts';
import { dispositionKeys } from './disposition.keys.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';

const ctx = await dispositionTestContext();
const sekda = await loginAs(ctx, 'sekda');
const asisten3 = await loginAs(ctx, 'asisten3');
const asisten1 = await loginAs(ctx, 'asisten1');
const karohukum = await loginAs(ctx, 'karohukum');

const counters = async (agent: typeof sekda) =>
  (await agent.get('/api/dispositions/inbox')).body.counters as {
    inProgress: number;
    done: number;
    unreadDispositions: number;
  };
const tab = async (agent: typeof sekda, status: string) =>
  (await agent.get('/api/dispositions/inbox').query({ status })).body.items as Array<{
    id: string;
    status: string;
  }>;

/** Issue 15, point 6: once the letter is done, nothing of it is still waiting anywhere. */
describe('a done letter and its open coordination items', () => {
  it('closes them with the letter, and every screen says the same', async () => {
    const letterId = await registerLetter(ctx, { subject: 'Undangan rapat koordinasi aset' });
    const top = await disposeAs(sekda, letterId, [
      { key: 'asisten3', role: 'primary' },
      { key: 'asisten1', role: 'coordinate' },
    ]);
    // The coordinating asisten has read its item and passed part of it down.
    expect((await asisten1.get(`/api/dispositions/${top.asisten1!.id}`)).status).toBe(200);
    const below = await forwardAs(asisten1, top.asisten1!.id, [{ key: 'karohukum' }]);
    const before = await counters(asisten1);
    expect((await tab(asisten1, 'in_progress')).map((n) => n.id)).toContain(top.asisten1!.id);
    const belowBefore = await counters(karohukum);
    expect(belowBefore.unreadDispositions).toBeGreaterThanOrEqual(1);

    // The penanggung jawab reports and completes: the letter is done.
    expect((await reportAs(asisten3, top.asisten3!.id, { text: 'Sudah dihadiri.' })).status).toBe(
      201,
    );
    expect((await asisten3.post(`/api/dispositions/${top.asisten3!.id}/complete`)).status).toBe(
      200,
    );
    expect((await sekda.get(`/api/incoming-letters/${letterId}`)).body.status).toBe('done');

    // Journey: the coordination branch is closed, nobody is awaited.
    const journey = (await sekda.get(`/api/incoming-letters/${letterId}/journey`)).body;
    expect(journey.waitingOn).toEqual([]);
    expect(journey.totals).toMatchObject({ nodes: 3, open: 0, done: 3 });
    const coordination = journey.tree.find((n: { role: string }) => n.role === 'coordinate');
    expect(coordination).toMatchObject({
      status: 'selesai',
      reason: expect.stringMatching(/Ditutup bersama surat/),
      closedBy: { positionId: await pos('asisten3') },
    });
    expect(coordination.children[0]).toMatchObject({ status: 'selesai', waitingOn: [] });

    // Inbox tabs and counters of the coordinator and the one below: out of the open tabs,
    // into "selesai".
    const after = await counters(asisten1);
    expect(after.inProgress).toBe(before.inProgress - 1);
    expect(after.done).toBe(before.done + 1);
    expect((await tab(asisten1, 'in_progress')).map((n) => n.id)).not.toContain(top.asisten1!.id);
    expect((await tab(asisten1, 'done')).map((n) => n.id)).toContain(top.asisten1!.id);
    const belowAfter = await counters(karohukum);
    expect(belowAfter.unreadDispositions).toBe(belowBefore.unreadDispositions - 1);
    expect((await tab(karohukum, 'unread')).map((n) => n.id)).not.toContain(below.karohukum!.id);

    // Monitoring counts nothing open for this letter.
    const monitoring = (await sekda.get('/api/monitoring')).body;
    expect(monitoring.totals.open).toBe(0);

    // A closed item takes no more reports; its recipient was told why.
    const late = await reportAs(asisten1, top.asisten1!.id, { text: 'Terlambat.' });
    expect(late.status).toBe(409);
    const notes = (await asisten1.get('/api/notifications')).body.items as Array<{
      title: string;
    }>;
    expect(notes.map((n) => n.title)).toContain('Disposisi ditutup: surat telah selesai');

    // The letter's Riwayat tells it.
    const history = (await sekda.get(`/api/incoming-letters/${letterId}/history`)).body
      .items as Array<{
      sentence: string;
    }>;
    const sentences = history.map((h) => h.sentence);
    expect(sentences).toContain(
      'Surat ini selesai: penanggung jawab (Asisten Administrasi Umum) telah menyelesaikan tindak lanjutnya.',
    );
    expect(
      sentences.some((s) => /^Disposisi koordinasi kepada .* ditutup bersama surat/.test(s)),
    ).toBe(true);
  });

  it('settles letters done under an older version once, at start-up', async () => {
    const letterId = await registerLetter(ctx);
    const top = await disposeAs(sekda, letterId, [
      { key: 'asisten3', role: 'primary' },
      { key: 'asisten1', role: 'coordinate' },
    ]);
    // As an older version left it: the penanggung jawab done, the letter done, the
    // coordination item still open.
    const primary = (await DispositionModel.findById(top.asisten3!.id).lean<Disposition>())!;
    await DispositionModel.updateOne(
      { _id: primary._id },
      {
        $set: {
          ...dispositionKeys({ ...primary, status: 'selesai', closedAt: new Date() }),
          status: 'selesai',
          closedAt: new Date(),
          closedBy: {
            ...primary.from,
            positionId: primary.toPositionId,
            positionTitle: primary.toPositionTitle,
          },
        },
      },
    );
    await setLetterStatus(letterId, 'done');
    expect((await DispositionModel.findById(top.asisten1!.id).lean<Disposition>())!.status).toBe(
      'terkirim',
    );

    const result = await concludeItemsOfDoneLetters({ force: true });
    expect(result.closed).toBeGreaterThanOrEqual(1);
    const closed = (await DispositionModel.findById(top.asisten1!.id).lean<Disposition>())!;
    expect(closed).toMatchObject({ status: 'selesai', reason: CONCLUDED_REASON, openKey: null });
    // Once per version: a second start reads nothing.
    expect(await concludeItemsOfDoneLetters()).toEqual({ letters: 0, closed: 0 });
  });
});
