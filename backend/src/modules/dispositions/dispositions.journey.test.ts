import { describe, expect, it } from 'vitest';
import * as mupdf from 'mupdf';
import {
  disposeAs,
  dispositionTestContext,
  forwardAs,
  loginAs,
  pos,
  registerLetter,
  reportAs,
  scanPdf,
} from './test-support.ts';

const ctx = await dispositionTestContext();

function pdfText(buffer: Buffer): string {
  const doc = mupdf.Document.openDocument(buffer, 'application/pdf');
  let text = '';
  for (let i = 0; i < doc.countPages(); i++)
    text += doc.loadPage(i).toStructuredText('preserve-whitespace').asText();
  // Table cells wrap: compare words, not line breaks.
  return text.replace(/\s+/g, ' ');
}

describe('the whole journey of a letter', () => {
  it('goes down from the Sekda to a Kepala Bagian, reports climb back, and the letter is done', async () => {
    const letterId = await registerLetter(ctx, { subject: 'Permohonan data aset gedung' });
    const sekda = await loginAs(ctx, 'sekda');
    const asisten3 = await loginAs(ctx, 'asisten3');
    const asisten1 = await loginAs(ctx, 'asisten1');
    const karoumum = await loginAs(ctx, 'karoumum');
    const kabagtu = await loginAs(ctx, 'kabagtu');

    const top = await disposeAs(
      sekda,
      letterId,
      [
        { key: 'asisten3', role: 'primary' },
        { key: 'asisten1', role: 'coordinate' },
      ],
      {
        instructions: ['Tindak lanjuti', 'Koordinasikan dengan Biro Hukum'],
        note: 'Siapkan data aset paling lambat minggu depan.',
      },
    );
    expect(top.asisten3).toMatchObject({
      role: 'primary',
      status: 'terkirim',
      instructions: ['Tindak lanjuti', 'Koordinasikan dengan Biro Hukum'],
    });
    expect(top.asisten1).toMatchObject({ role: 'coordinate', status: 'terkirim' });
    expect((await sekda.get(`/api/incoming-letters/${letterId}`)).body.status).toBe('in_progress');

    // Opening marks it read, for its recipient only.
    const opened = await asisten3.get(`/api/dispositions/${top.asisten3!.id}`);
    expect(opened.status).toBe(200);
    expect(opened.body.disposition.status).toBe('dibaca');
    expect(opened.body.letter.files).toHaveLength(1);
    expect(opened.body.permissions).toMatchObject({
      canForward: true,
      canReport: true,
      canComplete: false,
      canReturn: true,
      canCancel: false,
    });

    const l2 = await forwardAs(asisten3, top.asisten3!.id, [{ key: 'karoumum' }]);
    const l3 = await forwardAs(karoumum, l2.karoumum!.id, [{ key: 'kabagtu' }], {
      instructions: ['Siapkan bahan'],
    });

    // The Sekda sees whom the letter waits on: the Kepala Bagian TU (and the coordinating asisten).
    const waiting = await sekda.get(`/api/incoming-letters/${letterId}/journey`);
    expect(waiting.status).toBe(200);
    const waitingOn = waiting.body.waitingOn
      .map((w: { positionId: string }) => w.positionId)
      .sort();
    expect(waitingOn).toEqual([await pos('kabagtu'), await pos('asisten1')].sort());

    const scan = await scanPdf('Data aset', 1);
    const kabagReport = await reportAs(
      kabagtu,
      l3.kabagtu!.id,
      { text: 'Data aset gedung sudah disusun, terlampir.' },
      [{ body: scan, name: 'data-aset.pdf' }],
    );
    expect(kabagReport.status, JSON.stringify(kabagReport.body)).toBe(201);
    expect(kabagReport.body.disposition.status).toBe('diproses');
    expect(kabagReport.body.report.files).toHaveLength(1);
    expect(
      (await kabagtu.post(`/api/dispositions/${l3.kabagtu!.id}/complete`)).body.disposition.status,
    ).toBe('selesai');

    // The Kepala Biro sees the report from below and can open its attachment.
    const karoView = await karoumum.get(`/api/dispositions/${l2.karoumum!.id}`);
    expect(karoView.body.childReports).toHaveLength(1);
    const attachment = await karoumum.get(kabagReport.body.report.files[0].contentUrl);
    expect(attachment.status).toBe(200);

    // Karo forwards the report up and completes; then the Asisten does the same.
    const karoReport = await reportAs(karoumum, l2.karoumum!.id, {
      text: 'Laporan Kabag TU diteruskan.',
      forwardReportIds: [kabagReport.body.report.id],
    });
    expect(karoReport.status).toBe(201);
    expect(karoReport.body.report.forwardedReportIds).toEqual([kabagReport.body.report.id]);
    expect((await karoumum.post(`/api/dispositions/${l2.karoumum!.id}/complete`)).status).toBe(200);
    expect((await sekda.get(`/api/incoming-letters/${letterId}`)).body.status).toBe('in_progress');

    const asistenReport = await reportAs(asisten3, top.asisten3!.id, {
      text: 'Data aset telah disiapkan Biro Umum.',
      forwardReportIds: [karoReport.body.report.id],
    });
    expect(asistenReport.status).toBe(201);
    expect((await asisten3.post(`/api/dispositions/${top.asisten3!.id}/complete`)).status).toBe(
      200,
    );

    // The penanggung jawab of the top level is done: the letter is done at once.
    expect((await sekda.get(`/api/incoming-letters/${letterId}`)).body.status).toBe('done');
    const journey = (await sekda.get(`/api/incoming-letters/${letterId}/journey`)).body;
    expect(journey.letter.status).toBe('done');
    expect(journey.tree).toHaveLength(2);
    const primary = journey.tree.find((n: { role: string }) => n.role === 'primary');
    expect(primary.status).toBe('selesai');
    expect(primary.children[0].children[0]).toMatchObject({
      status: 'selesai',
      to: { positionId: await pos('kabagtu') },
    });
    // The Sekda reads every report of the branch. The coordination item closed with the
    // letter (conclude.ts): the letter waits on nobody any more.
    expect(primary.reports).toHaveLength(1);
    expect(primary.children[0].children[0].reports).toHaveLength(1);
    expect(journey.waitingOn).toEqual([]);
    expect(journey.totals).toMatchObject({ nodes: 4, done: 4, open: 0 });
    const coordination = journey.tree.find((n: { role: string }) => n.role === 'coordinate');
    expect(coordination).toMatchObject({ status: 'selesai', waitingOn: [] });
    expect(coordination.reason).toMatch(/Ditutup bersama surat/);

    // The coordinating asisten does not see the other branch's reports.
    const coordinatorView = (await asisten1.get(`/api/incoming-letters/${letterId}/journey`)).body;
    const otherBranch = coordinatorView.tree.find((n: { role: string }) => n.role === 'primary');
    expect(otherBranch.reports).toHaveLength(0);
    expect(otherBranch.hiddenReportCount).toBe(1);
    expect((await asisten1.get(kabagReport.body.report.files[0].contentUrl)).status).toBe(404);

    // The lembar disposisi holds one block per hop.
    const sheet = await sekda
      .get(`/api/incoming-letters/${letterId}/disposition-sheet.pdf`)
      .buffer(true);
    expect(sheet.status).toBe(200);
    expect(sheet.headers['content-type']).toBe('application/pdf');
    const text = pdfText(sheet.body as Buffer);
    expect(text).toContain('LEMBAR DISPOSISI');
    expect(text).toContain('Permohonan data aset gedung');
    expect(text).toContain('Disposisi 3: Kepala Biro Umum');
    expect(text).toContain('Koordinasikan dengan Biro Hukum');
    expect(text).toContain('(penanggung jawab)');
    expect(text).toContain('Siapkan data aset paling lambat minggu depan.');

    // Monitoring agrees: nothing of this letter is open any more.
    const monitoring = (await sekda.get('/api/monitoring')).body;
    expect(monitoring.totals.open).toBe(0);
    const rowI = monitoring.rows.find((r: { code: string }) => r.code === 'ASS.I');
    const rowIII = monitoring.rows.find((r: { code: string }) => r.code === 'ASS.III');
    expect(rowI?.open ?? 0).toBe(0);
    expect(rowIII).toMatchObject({ open: 0, followUpSample: 3 });
    expect(rowIII.medianFollowUpHours).not.toBeNull();
  });
});
