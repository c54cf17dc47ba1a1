import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { lettersStartupTask } from './letters.maintenance.ts';
import { letterData, postLetter, scanPdf } from './letters.fixtures.ts';
import { senderKeyOf } from './letters.keys.ts';
import { IncomingLetterModel, SenderModel } from './letters.model.ts';
import { backfillSenderCategories } from './sender-category.backfill.ts';

const ctx = await createTestContext({ LOG_LEVEL: process.env.TEST_LOG ?? 'silent' });
await seedDemoOrganisation();
await lettersStartupTask(ctx.services);

async function register(overrides: Record<string, unknown>) {
  const clerk = await loginAs(ctx, 'agendaris');
  const response = await postLetter(clerk, letterData(overrides), [
    { body: await scanPdf('Surat asal pengirim'), name: 'surat.pdf', type: 'application/pdf' },
  ]);
  return { clerk, response };
}

describe('sender category and channel at registration (issue 17)', () => {
  it('stores what the clerk chose, shows it on the letter and offers it for the sender next time', async () => {
    const sender = 'Yayasan Uji Asal Pengirim Satu';
    const { clerk, response } = await register({
      senderName: sender,
      senderCategory: 'perorangan',
      channel: 'srikandi',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const stored = await IncomingLetterModel.findById(response.body.id).lean();
    expect(stored).toMatchObject({ senderCategory: 'perorangan', channel: 'srikandi' });
    const detail = await clerk.get(`/api/incoming-letters/${response.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ senderCategory: 'perorangan', channel: 'srikandi' });

    // The address book remembers the clerk's choice (the name alone would read 'ormas').
    const offered = await clerk.get('/api/incoming-senders/category').query({ name: sender });
    expect(offered.status).toBe(200);
    expect(offered.body).toEqual({ category: 'perorangan', source: 'address-book' });
    const unknown = await clerk
      .get('/api/incoming-senders/category')
      .query({ name: 'Yayasan Belum Pernah Mengirim' });
    expect(unknown.body).toEqual({ category: 'ormas', source: 'guess' });

    // A client that sends no category gets the address book's; no channel: not recorded.
    const again = await register({ senderName: sender });
    expect(again.response.status).toBe(201);
    expect(await IncomingLetterModel.findById(again.response.body.id).lean()).toMatchObject({
      senderCategory: 'perorangan',
      channel: 'tidak-tercatat',
    });
  });

  it('refuses an unknown category or channel with a message in Bahasa Indonesia', async () => {
    const badCategory = await register({ senderCategory: 'alien' });
    expect(badCategory.response.status).toBe(400);
    expect(badCategory.response.body.error.details.issues).toEqual([
      {
        path: 'senderCategory',
        message: 'Asal pengirim tidak dikenal. Pilih dari daftar asal pengirim.',
      },
    ]);
    // `lontar` and `tidak-tercatat` are the system's, not a clerk's choice.
    for (const channel of ['merpati', 'lontar', 'tidak-tercatat']) {
      const bad = await register({ channel });
      expect(bad.response.status, channel).toBe(400);
      expect(bad.response.body.error.details.issues).toEqual([
        {
          path: 'channel',
          message: 'Saluran penerimaan tidak dikenal. Pilih dari daftar saluran penerimaan.',
        },
      ]);
    }
  });

  it('corrects both like other metadata: the Riwayat says what changed and the address book learns', async () => {
    const sender = 'Forum Uji Koreksi Asal Pengirim';
    const { clerk, response } = await register({
      senderName: sender,
      senderCategory: 'ormas',
      channel: 'pos',
    });
    expect(response.status).toBe(201);
    const corrected = await clerk
      .patch(`/api/incoming-letters/${response.body.id}`)
      .send({ senderCategory: 'dprd', channel: 'email', reason: 'Salah pilih saat mencatat' });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(await IncomingLetterModel.findById(response.body.id).lean()).toMatchObject({
      senderCategory: 'dprd',
      channel: 'email',
    });
    const history = await clerk.get(`/api/incoming-letters/${response.body.id}/history`);
    expect(history.status).toBe(200);
    const sentence = history.body.items.find(
      (i: { action: string }) => i.action === 'incoming.correct',
    )?.sentence as string;
    expect(sentence).toContain('asal pengirim');
    expect(sentence).toContain('DPRD');
    expect(sentence).toContain('saluran penerimaan');
    expect(sentence).toContain('Surel (email)');
    const refused = await clerk
      .patch(`/api/incoming-letters/${response.body.id}`)
      .send({ channel: 'lontar', reason: 'Coba' });
    expect(refused.status).toBe(400);
    expect((await SenderModel.findOne({ nameKey: senderKeyOf(sender) }).lean())?.category).toBe(
      'dprd',
    );
  });

  it('backfills letters of older versions once, only those lacking the fields', async () => {
    const older = await register({ senderName: 'Pemerintah Kabupaten Uji Lama' });
    const chosen = await register({
      senderName: 'Pemerintah Kabupaten Uji Dipilih',
      senderCategory: 'lainnya',
      channel: 'faksimile',
    });
    // As an older version wrote it: neither field.
    await IncomingLetterModel.collection.updateOne(
      { _id: (await IncomingLetterModel.findById(older.response.body.id))!._id },
      { $unset: { senderCategory: '', channel: '' } },
    );
    const first = await backfillSenderCategories({ force: true });
    expect(first.updated).toBeGreaterThanOrEqual(1);
    expect(await IncomingLetterModel.findById(older.response.body.id).lean()).toMatchObject({
      senderCategory: 'pemkab-pemkot',
      channel: 'tidak-tercatat',
    });
    // The clerk's values stay.
    expect(await IncomingLetterModel.findById(chosen.response.body.id).lean()).toMatchObject({
      senderCategory: 'lainnya',
      channel: 'faksimile',
    });
    const second = await backfillSenderCategories({ force: true });
    expect(second.updated).toBe(0);
    expect(second.scanned).toBe(first.scanned);
    // Without force, a finished pass is not repeated.
    expect(await backfillSenderCategories()).toEqual({ scanned: 0, updated: 0 });
  });
});
