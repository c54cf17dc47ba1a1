import { describe, expect, it } from 'vitest';
import { WITHHELD } from '../audit/audit.sentences.ts';
import {
  disposeAs,
  dispositionTestContext,
  forwardAs,
  loginAs,
  pos,
  registerLetter,
  reportAs,
} from '../dispositions/test-support.ts';

const ctx = await dispositionTestContext();
const sekda = await loginAs(ctx, 'sekda');
const asisten3 = await loginAs(ctx, 'asisten3');
const asisten1 = await loginAs(ctx, 'asisten1');
const karoumum = await loginAs(ctx, 'karoumum');
const admin = await loginAs(ctx, 'admin');

type Entry = { sentence: string; action: string; details: unknown };
const riwayat = async (agent: typeof sekda, letterId: string) => {
  const response = await agent.get(`/api/incoming-letters/${letterId}/history`);
  expect(response.status).toBe(200);
  return response.body.items as Entry[];
};

/** Codes, keys and raw values that must never reach a person reading the Riwayat. */
const INTERNAL =
  /\b(disposition|incoming|outgoing)\.[a-z_]+|batchId|parentId|sangat_segera|[0-9a-f]{24}|\b\d{4}-\d{2}-\d{2}\b|undefined|null/;

/** Issue 15, point 3: the letter's Riwayat tells the whole story in sentences. */
describe("the letter's Riwayat", () => {
  it('tells registration, first readings, dispositions, reports and completion by name', async () => {
    const letterId = await registerLetter(ctx, {
      subject: 'Permohonan data aset gedung',
      urgency: 'sangat_segera',
      copyPositionIds: [await pos('asisten1')],
    });
    // First readings: the addressee and the tembusan, each once.
    await sekda.post(`/api/incoming-letters/${letterId}/read`).expect(204);
    await sekda.post(`/api/incoming-letters/${letterId}/read`).expect(204);
    await asisten1.post(`/api/incoming-letters/${letterId}/read`).expect(204);
    const top = await disposeAs(sekda, letterId, [{ key: 'asisten3' }], {
      instructions: ['Tindak lanjuti'],
      note: 'Segera siapkan datanya.',
      urgency: 'sangat_segera',
      dueDate: '2031-01-10',
    });
    await asisten3.get(`/api/dispositions/${top.asisten3!.id}`).expect(200);
    const below = await forwardAs(asisten3, top.asisten3!.id, [{ key: 'karoumum' }]);
    await karoumum.get(`/api/dispositions/${below.karoumum!.id}`).expect(200);
    expect((await reportAs(karoumum, below.karoumum!.id, { text: 'Data siap.' })).status).toBe(201);
    await karoumum.post(`/api/dispositions/${below.karoumum!.id}/complete`).expect(200);
    expect((await reportAs(asisten3, top.asisten3!.id, { text: 'Selesai.' })).status).toBe(201);
    await asisten3.post(`/api/dispositions/${top.asisten3!.id}/complete`).expect(200);

    const items = await riwayat(sekda, letterId);
    const sentences = items.map((i) => i.sentence);
    for (const sentence of sentences) expect(sentence).not.toMatch(INTERNAL);
    expect(sentences).toEqual([
      expect.stringMatching(
        /^.+ \(.+\) mencatat surat ini dengan nomor agenda \d+\/\d{4} dari Dinas Kesehatan Provinsi Lampung perihal “Permohonan data aset gedung” untuk Sekretaris Daerah, tembusan Asisten Pemerintahan dan Kesejahteraan Rakyat, sifat Sangat Segera\.$/,
      ),
      expect.stringMatching(
        /\(Sekretaris Daerah\) membaca surat ini untuk pertama kali sebagai penerima surat\.$/,
      ),
      expect.stringMatching(
        /\(Asisten Pemerintahan dan Kesejahteraan Rakyat\) membaca surat ini untuk pertama kali sebagai penerima tembusan\.$/,
      ),
      expect.stringMatching(
        /\(Sekretaris Daerah\) mendisposisikan surat ini kepada Asisten Administrasi Umum \(penanggung jawab\), dengan instruksi “Tindak lanjuti”, catatan “Segera siapkan datanya”, sifat Sangat Segera, batas waktu 10 Januari 2031\.$/,
      ),
      expect.stringMatching(/\(Asisten Administrasi Umum\) membaca disposisi yang diterimanya\.$/),
      expect.stringMatching(
        /\(Asisten Administrasi Umum\) meneruskan disposisi kepada Kepala Biro Umum \(penanggung jawab\), .*batas waktu 10 Januari 2031\.$/,
      ),
      expect.stringMatching(/\(Kepala Biro Umum\) membaca disposisi yang diterimanya\.$/),
      expect.stringMatching(/\(Kepala Biro Umum\) menyampaikan laporan tindak lanjut\.$/),
      expect.stringMatching(
        /\(Kepala Biro Umum\) menyelesaikan tindak lanjut disposisi yang diterimanya\.$/,
      ),
      expect.stringMatching(/\(Asisten Administrasi Umum\) menyampaikan laporan tindak lanjut/),
      expect.stringMatching(
        /\(Asisten Administrasi Umum\) menyelesaikan tindak lanjut disposisi yang diterimanya/,
      ),
      'Surat ini selesai: penanggung jawab (Asisten Administrasi Umum) telah menyelesaikan tindak lanjutnya.',
    ]);
    // Technical details only for the auditor.
    expect(items.every((i) => i.details === null)).toBe(true);
    // The auditor's log shows the same sentences, with the technical details beside them.
    const log = await admin.get('/api/admin/audit').query({ recordId: letterId });
    expect(log.status).toBe(200);
    const created = log.body.items.find(
      (i: { action: string }) => i.action === 'disposition.create',
    );
    expect(created.sentence).toMatch(
      /mendisposisikan surat masuk nomor agenda \d+\/\d{4} kepada Asisten Administrasi Umum/,
    );
    const completed = (
      await admin.get('/api/admin/audit').query({ action: 'disposition.complete' })
    ).body.items as Array<{ sentence: string }>;
    expect(completed[0]!.sentence).toMatch(
      /menyelesaikan tindak lanjut disposisi yang diterimanya pada surat masuk nomor agenda \d+\/\d{4}\.$/,
    );
    expect(created.changes).toEqual(
      expect.arrayContaining([{ field: 'urgency', before: null, after: 'sangat_segera' }]),
    );
  });

  it('names the corrected fields and positions, and the admin audit log says the same', async () => {
    const letterId = await registerLetter(ctx, { urgency: 'biasa' });
    const clerk = await loginAs(ctx, 'agendaris');
    const corrected = await clerk.patch(`/api/incoming-letters/${letterId}`).send({
      urgency: 'segera',
      copyPositionIds: [await pos('asisten3')],
      reason: 'Salah pilih.',
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    const sentence = (await riwayat(sekda, letterId)).at(-1)!.sentence;
    expect(sentence).toMatch(
      /mengoreksi data surat ini: .*sifat dari Biasa menjadi Segera.* dengan alasan “Salah pilih\.”$/,
    );
    expect(sentence).toContain('tembusan Asisten Administrasi Umum');
    expect(sentence).not.toMatch(INTERNAL);

    const log = await admin
      .get('/api/admin/audit')
      .query({ recordType: 'incoming-letter', recordId: letterId });
    expect(log.status).toBe(200);
    const logged = log.body.items.map((i: { sentence: string }) => i.sentence);
    expect(logged[0]).toMatch(
      /mengoreksi data surat masuk nomor agenda \d+\/\d{4}: .*sifat dari Biasa menjadi Segera/,
    );
    for (const s of logged) expect(s).not.toMatch(INTERNAL);
  });

  /**
   * Free text typed into an event (a correction's, a return's, a void's reason) often
   * quotes the letter, so it is content: readers who may see only that the letter exists
   * (letter.view without letter.view_content: the desk for R/SR, the archivist for SR)
   * read the sentence with the text withheld, except the text they typed themselves.
   * Written by hand from docs/security.md: agendaris cleared T (content of B and T; here
   * the author of the correction and the void), arsiparis cleared R, the Sekda (the
   * addressee) cleared SR; the return's reason is the Asisten's.
   */
  const CLASSES = ['B', 'T', 'R', 'SR'] as const;
  const READS_CONTENT: Record<'agendaris' | 'arsiparis' | 'sekda', Record<string, boolean>> = {
    agendaris: { B: true, T: true, R: false, SR: false },
    arsiparis: { B: true, T: true, R: true, SR: false },
    sekda: { B: true, T: true, R: true, SR: true },
  };
  const readers = {
    agendaris: loginAs(ctx, 'agendaris'),
    arsiparis: loginAs(ctx, 'arsiparis'),
    sekda: Promise.resolve(sekda),
  };

  it.each(CLASSES)('shows reasons in a %s letter only to readers of its content', async (cls) => {
    const clerk = await readers.agendaris;
    const letterId = await registerLetter(ctx, { securityClass: cls, urgency: 'sangat_segera' });
    const corrected = await clerk.patch(`/api/incoming-letters/${letterId}`).send({
      senderName: 'Dinas Kesehatan Kota Metro',
      reason: `Koreksi pengirim ${cls}-rahasia.`,
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const returned = await asisten3
      .post(`/api/dispositions/${node!.id}/return`)
      .send({ reason: `Kembali ${cls}-rahasia.` });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    const voided = await clerk
      .post(`/api/incoming-letters/${letterId}/void`)
      .send({ reason: `Batal ${cls}-rahasia.` });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);

    for (const [who, agent] of Object.entries(readers)) {
      const content = READS_CONTENT[who as keyof typeof READS_CONTENT][cls]!;
      const cell = `${who} / ${cls}`;
      // The letter's page says the same of its void reason (the desk typed it).
      const detail = await (await agent).get(`/api/incoming-letters/${letterId}`);
      expect(detail.status).toBe(200);
      expect(detail.body.void.reason, cell).toBe(
        content || who === 'agendaris' ? `Batal ${cls}-rahasia.` : WITHHELD,
      );
      const sentences = (await riwayat(await agent, letterId)).map((i) => i.sentence);
      const reasoned = sentences.filter((s) => / dengan alasan /.test(s));
      // The three sentences stay for everyone; only their reason differs.
      expect(reasoned, cell).toHaveLength(3);
      for (const sentence of reasoned) {
        const own = who === 'agendaris' && !/mengembalikan disposisi/.test(sentence);
        if (content || own) {
          expect(sentence, cell).toContain(`${cls}-rahasia.`);
          expect(sentence, cell).not.toContain(WITHHELD);
        } else {
          expect(sentence, cell).not.toContain('rahasia');
          expect(sentence, cell).toContain(`dengan alasan ${WITHHELD}`);
        }
      }
      // The sifat is content too (the register lists hide it from metadata readers).
      expect(sentences[0]!.includes('sifat Sangat Segera'), cell).toBe(content);
      // The returned disposition's reason, typed by the Asisten, is withheld from whoever
      // may not read the content, the desk included.
      const returnSentence = reasoned.find((s) => /mengembalikan disposisi/.test(s))!;
      expect(returnSentence.includes(WITHHELD), cell).toBe(!content);
    }
  });
});
