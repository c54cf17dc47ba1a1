import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  seedDemoOrganisation,
  type LoggedInAgent,
} from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { escapeRegex } from '../../lib/regex.ts';
import { PHRASES } from '../audit/audit.sentences.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { OUTGOING_ACTIONS } from './chain.ts';
import { TRANSITION_PHRASE } from './outgoing-history.ts';
import { loginMany, positionId, quickDraft } from './test-fixtures.ts';

/** Codes, ids, raw dates and English a reader must never see in a history sentence. */
const INTERNAL =
  /\b(?:incoming|disposition|outgoing|archive)\.[a-z_]+|\b[a-z]+_[a-z_]+\b|[0-9a-f]{24}|\b\d{4}-\d{2}-\d{2}\b|undefined|null|\b(?:draft|in_review|returned|signed|sent|approve|return|dispatch|submit|edit|email|internal)\b/;

const ctx = await createTestContext();
let staftu: LoggedInAgent;
let kabagtu: LoggedInAgent;
let asisten3: LoggedInAgent;
let agendaris: LoggedInAgent;
let admin: LoggedInAgent;

beforeAll(async () => {
  await seedDemoOrganisation();
  await seedClassificationCodes();
  ({ staftu, kabagtu, asisten3, agendaris, admin } = await loginMany(ctx, [
    'staftu',
    'kabagtu',
    'asisten3',
    'agendaris',
    'admin',
  ]));
});

/** Issue 15, point 3: the outgoing letter's own history is told in sentences too. */
describe("the outgoing letter's history", () => {
  it('has a sentence for every change an outgoing letter can go through', () => {
    const changes = OUTGOING_ACTIONS.filter((a) => a !== 'create');
    const missing = changes.filter(
      (a) => !(a in TRANSITION_PHRASE) || !(TRANSITION_PHRASE[a] in PHRASES),
    );
    expect(missing, 'outgoing actions without a sentence (outgoing-history.ts)').toEqual([]);
  });

  it('tells submission, return, paraf, signature and dispatch by name, without codes', async () => {
    const created = await staftu.post('/api/outgoing-letters').send(
      await quickDraft({
        verifierPositionIds: [await positionId('kabagtu')],
        recipients: [{ type: 'external', label: 'Bupati Lampung Selatan', address: 'Kalianda' }],
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const url = `/api/outgoing-letters/${id}`;
    expect((await staftu.post(`${url}/submit`)).status).toBe(200);
    const back = await kabagtu
      .post(`${url}/review`)
      .send({ decision: 'return', note: 'Lengkapi jadwal pembinaan.', password: DEMO_PASSWORD });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(
      (await staftu.patch(url).send({ subject: 'Jadwal Pembinaan Kearsipan 2027' })).status,
    ).toBe(200);
    expect((await staftu.post(`${url}/submit`)).status).toBe(200);
    const approved = await kabagtu
      .post(`${url}/review`)
      .send({ decision: 'approve', password: DEMO_PASSWORD });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const signed = await asisten3.post(`${url}/sign`).send({ passphrase: DEMO_PASSWORD });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    const number = signed.body.number as string;
    const sent = await agendaris
      .post(`${url}/dispatch`)
      .send({ external: [{ recipientIndex: 0, method: 'kurir' }] });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);

    const history = await staftu.get(`${url}/history`);
    expect(history.status).toBe(200);
    const items = history.body.items as Array<{ action: string; sentence: string }>;
    const sentences = items.map((i) => i.sentence);
    for (const sentence of sentences) expect(sentence).not.toMatch(INTERNAL);
    expect(sentences).toEqual([
      expect.stringMatching(/\(Analis Tata Usaha\) mengajukan surat ini untuk diverifikasi\.$/),
      expect.stringMatching(
        /\(Kepala Bagian Tata Usaha\) mengembalikan surat ini kepada pembuatnya dengan catatan “Lengkapi jadwal pembinaan\.”\.?$/,
      ),
      expect.stringMatching(/\(Analis Tata Usaha\) mengubah konsep surat ini\.$/),
      expect.stringMatching(/\(Analis Tata Usaha\) mengajukan surat ini untuk diverifikasi\.$/),
      expect.stringMatching(
        /\(Kepala Bagian Tata Usaha\) memberi paraf \(menyetujui\) surat ini\.$/,
      ),
      expect.stringMatching(
        new RegExp(` menandatangani surat ini dengan nomor ${escapeRegex(number)}\\.$`),
      ),
      expect.stringMatching(
        /\(Pengadministrasi Persuratan\) mengirim surat ini kepada Bupati Lampung Selatan \(melalui kurir\)\.$/,
      ),
    ]);

    // The admin's audit log tells the same letter's events (creation, edits, dispatch)
    // with the same presenter: no codes there either.
    const log = await admin
      .get('/api/admin/audit')
      .query({ recordType: 'outgoing-letter', recordId: id });
    expect(log.status).toBe(200);
    const logged = (log.body.items as Array<{ sentence: string }>).map((i) => i.sentence);
    expect(logged.length).toBeGreaterThanOrEqual(7);
    for (const sentence of logged) expect(sentence).not.toMatch(INTERNAL);
    expect(logged).toContainEqual(
      expect.stringMatching(
        /mengirim surat keluar nomor .+ perihal “Jadwal Pembinaan Kearsipan 2027” kepada Bupati Lampung Selatan \(melalui kurir\)\.$/,
      ),
    );
  });
});
