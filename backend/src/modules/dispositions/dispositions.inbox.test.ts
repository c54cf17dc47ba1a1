import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { IncomingLetterModel } from '../letters/letters.model.ts';
import {
  disposeAs,
  dispositionTestContext,
  loginAs,
  pos,
  registerLetter,
  reportAs,
} from './test-support.ts';

const ctx = await dispositionTestContext();

describe('inbox and counters', () => {
  it('count like SRIKANDI: awaiting, unread, not followed up, in progress, done, tembusan', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const asisten3 = await loginAs(ctx, 'asisten3');
    const counters = async () => (await asisten3.get('/api/dispositions/inbox')).body.counters;
    const start = await counters();

    const waiting = await registerLetter(ctx, { subject: 'Surat yang belum didisposisikan' });
    const awaiting = (await sekda.get('/api/dispositions/awaiting')).body;
    expect(awaiting.items.find((l: { id: string }) => l.id === waiting)).toMatchObject({
      subject: 'Surat yang belum didisposisikan',
      unread: true,
    });
    expect((await sekda.get('/api/dispositions/inbox')).body.counters.awaitingDisposition).toBe(
      awaiting.total,
    );

    const a = await disposeAs(
      sekda,
      await registerLetter(ctx, { subject: 'Rapat evaluasi kinerja' }),
      [{ key: 'asisten3' }],
    );
    const b = await disposeAs(
      sekda,
      await registerLetter(ctx, { subject: 'Pengadaan kendaraan dinas' }),
      [{ key: 'asisten3' }],
    );
    const c = await disposeAs(
      sekda,
      await registerLetter(ctx, { subject: 'Laporan realisasi anggaran' }),
      [{ key: 'asisten3' }],
    );
    await registerLetter(ctx, {
      subject: 'Tembusan untuk Asisten III',
      copyPositionIds: [await pos('asisten3')],
    });
    await asisten3.get(`/api/dispositions/${b.asisten3!.id}`);
    await reportAs(asisten3, c.asisten3!.id, { text: 'Selesai diperiksa.' });
    await asisten3.post(`/api/dispositions/${c.asisten3!.id}/complete`);

    const now = await counters();
    expect(now.unreadDispositions - start.unreadDispositions).toBe(1);
    expect(now.notFollowedUp - start.notFollowedUp).toBe(2);
    expect(now.inProgress - start.inProgress).toBe(1);
    expect(now.done - start.done).toBe(1);
    expect(now.tembusan - start.tembusan).toBe(1);
    expect(now.overdue).toBe(0);

    const list = async (query: Record<string, string>) =>
      (await asisten3.get('/api/dispositions/inbox').query(query)).body;
    expect((await list({ status: 'unread' })).items.map((i: { id: string }) => i.id)).toContain(
      a.asisten3!.id,
    );
    expect(
      (await list({ status: 'in_progress' })).items.map((i: { id: string }) => i.id),
    ).toContain(b.asisten3!.id);
    expect((await list({ status: 'done' })).items.map((i: { id: string }) => i.id)).toContain(
      c.asisten3!.id,
    );
    const found = await list({ q: 'kendaraan' });
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([b.asisten3!.id]);
    expect(found.items[0].letter).toMatchObject({ subject: 'Pengadaan kendaraan dinas' });
    const sent = (
      await sekda.get('/api/dispositions/inbox').query({ status: 'sent', pageSize: '2' })
    ).body;
    expect(sent.items).toHaveLength(2);
    expect(sent.total).toBeGreaterThanOrEqual(3);
  });

  it('gives one set of counters per position held', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const response = await sekda.get('/api/dispositions/counters');
    expect(response.status).toBe(200);
    expect(response.body.positions).toHaveLength(1);
    expect(response.body.positions[0]).toMatchObject({
      positionId: await pos('sekda'),
      acting: false,
    });
  });

  it('gives the recipient the letter again when the grant was lost to a crash', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const asisten3 = await loginAs(ctx, 'asisten3');
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const position = new mongoose.Types.ObjectId(await pos('asisten3'));
    await IncomingLetterModel.updateOne(
      { _id: letterId },
      { $pull: { readerPositionIds: position, disposedPositionIds: position } },
    );
    expect((await asisten3.get(`/api/incoming-letters/${letterId}`)).status).toBe(404);
    const opened = await asisten3.get(`/api/dispositions/${node!.id}`);
    expect(opened.status).toBe(200);
    expect((await asisten3.get(`/api/incoming-letters/${letterId}`)).status).toBe(200);
  });
});
