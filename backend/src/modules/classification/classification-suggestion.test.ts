import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { lettersStartupTask } from '../letters/letters.maintenance.ts';
import { letterData, postLetter, scanPdf } from '../letters/letters.fixtures.ts';
import { ruleCandidates, subjectWords } from './classification-rules.ts';
import { learnClassification, suggestClassification } from './classification-suggestion.ts';
import { ClassificationTallyModel } from './classification-tally.model.ts';
import { backfillClassificationTallies } from './classification-tally.backfill.ts';

const ctx = await createTestContext({ LOG_LEVEL: process.env.TEST_LOG ?? 'silent' });
await seedDemoOrganisation();
await lettersStartupTask(ctx.services);

describe('classification suggestion', () => {
  it('starts from the rules: the code in the letter number, then subject words', async () => {
    expect(ruleCandidates({ letterNumber: '900.1/1853/II.08/2026', subject: '' })).toEqual([
      { code: '900.1', weight: 1.5, reason: 'kode pada nomor surat' },
    ]);
    const cold = await suggestClassification({
      senderName: 'Dinas Baru Sekali',
      subject: 'Permohonan data kesehatan ibu dan anak',
      letterNumber: 'B-12/DK/2026',
    });
    expect(cold[0]).toMatchObject({ code: '400.7', title: 'Kesehatan', learned: false });
    expect(cold[0]!.reason).toBe('kata “kesehatan” pada hal');
    // A deeper code printed in the number is kept under its known ancestor's title.
    const deep = await suggestClassification({ letterNumber: '400.14.5.4/1934/XII.01/2026' });
    expect(deep[0]).toMatchObject({ code: '400.14.5.4', title: 'Hubungan Masyarakat' });
    // A legacy code becomes its current one.
    const legacy = await suggestClassification({ letterNumber: '005/12/2019' });
    expect(legacy[0]?.code).toBe('000.1.5');
  });

  it('learns from what clerks chose at registration, by sender and by subject words', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const sender = 'Biro Perekonomian Kabupaten Pringsewu';
    const ask = () =>
      clerk.get('/api/classification-suggestions').query({
        senderName: sender,
        subject: 'Undangan rapat kesehatan',
        letterNumber: '400.7/1/2026',
      });
    const before = await ask();
    expect(before.status).toBe(200);
    expect(before.body.items[0]).toMatchObject({ code: '400.7', learned: false });

    // Clerks file this sender's letters under 500 (Perekonomian), whatever the number says.
    for (const n of [1, 2]) {
      const saved = await postLetter(
        clerk,
        letterData({
          senderName: sender,
          letterNumber: `400.7/${n}/PRS/2026`,
          subject: `Undangan rapat koordinasi ${n}`,
          classificationCode: '500',
        }),
        [{ body: await scanPdf(`tally ${n}`, 1), name: 's.pdf', type: 'application/pdf' }],
      );
      expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    }
    const tally = await ClassificationTallyModel.findById(
      's:biro perekonomian kabupaten pringsewu',
    ).lean();
    expect(tally).toMatchObject({ total: 2, counts: { '500': 2 } });

    const after = await ask();
    expect(after.body.items[0]).toMatchObject({
      code: '500',
      title: 'Perekonomian',
      learned: true,
      reason: 'dipilih 2 kali untuk pengirim ini',
    });
    // The rules' candidate is still offered, below it.
    expect(after.body.items.map((i: { code: string }) => i.code)).toContain('400.7');

    // Subject words learned too: another sender, same subject words.
    const other = await suggestClassification({
      senderName: 'Dinas Lain',
      subject: 'Undangan rapat koordinasi tahunan',
    });
    expect(other[0]).toMatchObject({ code: '500', learned: true });
    expect(other[0]!.reason).toMatch(
      /^kata “(undangan|rapat|koordinasi)” pada hal: dipilih 2 kali$/,
    );
  });

  it('names what clerks chose when it outranks the code printed in the number', async () => {
    await learnClassification({
      senderName: 'Dinas Arsip Kabupaten Tanggamus',
      subject: 'Pembinaan kearsipan dinamis',
      classificationCode: '000.5',
    });
    // The rule's word (1) and one clerk's choice for "kearsipan" (0.67) beat the printed
    // code (1.5); the rule alone would not say why the number lost.
    const [top] = await suggestClassification({
      senderName: 'Badan Lain',
      subject: 'Kearsipan',
      letterNumber: '800/12/BL/2026',
    });
    expect(top).toMatchObject({ code: '000.5', learned: true });
    expect(top!.reason).toBe('kata “kearsipan” pada hal: dipilih 1 kali');
  });

  it('learns nothing from Rahasia letters, whose subjects not every clerk may read', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const saved = await postLetter(
      clerk,
      letterData({
        senderName: 'Inspektorat Kabupaten Mesuji',
        subject: 'Pemeriksaan khusus penyimpangan',
        classificationCode: '700',
        securityClass: 'R',
      }),
      [{ body: await scanPdf('rahasia', 1), name: 'r.pdf', type: 'application/pdf' }],
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(
      await ClassificationTallyModel.findById('s:inspektorat kabupaten mesuji').lean(),
    ).toBeNull();
    expect(await ClassificationTallyModel.findById('w:penyimpangan').lean()).toBeNull();
  });

  it('builds the tallies from letters registered before they existed, once', async () => {
    // As an upgraded system has them: letters, no tallies.
    await ClassificationTallyModel.deleteMany({});
    const first = await backfillClassificationTallies({ force: true });
    expect(first.scanned).toBeGreaterThanOrEqual(3);
    expect(
      await ClassificationTallyModel.findById('s:biro perekonomian kabupaten pringsewu').lean(),
    ).toMatchObject({ total: 2, counts: { '500': 2 } });
    // Rahasia letters stay out here too.
    expect(await ClassificationTallyModel.findById('w:penyimpangan').lean()).toBeNull();
    // Done: a later start reads nothing; forced again, the same totals (replaced, not added).
    expect(await backfillClassificationTallies()).toEqual({ scanned: 0, keys: 0 });
    await backfillClassificationTallies({ force: true });
    expect(
      await ClassificationTallyModel.findById('s:biro perekonomian kabupaten pringsewu').lean(),
    ).toMatchObject({ total: 2 });
  });

  it('keeps subject words short and meaningful', () => {
    expect(
      subjectWords('Undangan Rapat dan Rapat Koordinasi Tahun 2026 di Provinsi Lampung'),
    ).toEqual(['undangan', 'rapat', 'koordinasi']);
  });
});
