import { createHash } from 'node:crypto';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { shiftClock } from '../../lib/clock.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { fileStorage } from '../files/file-storage.ts';
import { lettersStartupTask } from '../letters/letters.maintenance.ts';
import { findUnitByCode } from '../org/org.service.ts';
import { archiveStartupTask } from './archive.startup.ts';
import { addDays, today as jakartaToday } from './dates.ts';
import { runLoanReminderScan } from './loans.service.ts';
import { getBinary, keep, pdfText } from './pdf-text.test-helper.ts';
import { DisposedFileModel } from './proposals.model.ts';
import { registerLetters, YEAR_MS } from './test-fixtures.ts';

const ctx = await createTestContext();
await seedDemoOrganisation();
await lettersStartupTask(ctx.services);
await archiveStartupTask(ctx.services);
const storage = fileStorage(ctx.config);
const tuUnit = String((await findUnitByCode('B.UM.1'))!._id);
const lastYear = new Date().getFullYear() - 1;
const login = (username: string) => loginAs(ctx, username);

/** Runs `step` with the clock `years` ahead (sessions are made inside, as time moved). */
async function inYears<T>(years: number, step: () => Promise<T>): Promise<T> {
  const restore = shiftClock(years * YEAR_MS);
  try {
    return await step();
  } finally {
    restore();
  }
}

// Last year's letters, filed into three berkas closed on 31 December of last year.
const clerk = await login('agendaris');
const arsiparis = await login('arsiparis');
const agendaLetters = await registerLetters(clerk, 3, { classificationCode: '000.5.3.1' }, 1);
const decreeLetters = await registerLetters(
  clerk,
  2,
  { classificationCode: '100.3.3.1', subject: 'Keputusan Gubernur tentang tim kearsipan' },
  1,
);
const heldLetters = await registerLetters(clerk, 1, { classificationCode: '000.5.3.1' }, 1);

async function makeBerkas(code: string, title: string, letters: string[]): Promise<string> {
  const created = await arsiparis
    .post('/api/archive/berkas')
    .send({ unitId: tuUnit, classificationCode: code, title });
  await arsiparis
    .post(`/api/archive/berkas/${created.body.id}/items`)
    .send({ letters: letters.map((id) => ({ type: 'incoming', id })) });
  const closed = await arsiparis
    .post(`/api/archive/berkas/${created.body.id}/close`)
    .send({ closedOn: `${lastYear}-12-31` });
  if (closed.status !== 200) throw new Error(JSON.stringify(closed.body));
  return created.body.id;
}
const berkasA = await makeBerkas('000.5.3.1', `Buku agenda ${lastYear}`, agendaLetters);
const berkasB = await makeBerkas('100.3.3.1', `Keputusan Gubernur ${lastYear}`, decreeLetters);
const berkasC = await makeBerkas('000.5.3.1', `Buku agenda cadangan ${lastYear}`, heldLetters);

async function approveAll(proposalId: string, usernames: string[]): Promise<void> {
  for (const username of usernames) {
    const decided = await (
      await login(username)
    )
      .post(`/api/archive/proposals/${proposalId}/decision`)
      .send({ decision: 'approve', note: 'Setuju' });
    if (decided.status !== 200) throw new Error(`${username}: ${JSON.stringify(decided.body)}`);
  }
}

describe('transfer, disposal and handover', () => {
  it('refuses to propose what is not yet due', async () => {
    const response = await arsiparis
      .post('/api/archive/proposals')
      .send({ kind: 'disposal', berkasIds: [berkasA] });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/belum jatuh tempo retensi/);
    const transfer = await arsiparis
      .post('/api/archive/proposals')
      .send({ kind: 'transfer', berkasIds: [berkasA] });
    expect(transfer.body.error.message).toMatch(/belum jatuh tempo pemindahan/);
  });

  it('transfers berkas to the records centre once active retention is over, after the Kepala Bagian TU approves', async () => {
    await inYears(3, async () => {
      const a = await login('arsiparis');
      const dashboard = await a.get('/api/archive/dashboard');
      expect(dashboard.body.counts.transfer).toBe(3);
      const box = await a.post('/api/archive/boxes').send({
        building: 'Gedung Arsip',
        room: 'Ruang Penyimpanan 1',
        cabinet: 'R-03',
        shelf: '2',
        holder: 'pusat',
      });
      expect(box.body.code).toMatch(/^BOKS-\d{4}-0001$/);
      const proposal = await a.post('/api/archive/proposals').send({
        kind: 'transfer',
        berkasIds: [berkasA, berkasB, berkasC],
        destinationBoxId: box.body.id,
        note: 'Pemindahan tahunan',
      });
      expect(proposal.status, JSON.stringify(proposal.body)).toBe(201);
      expect(proposal.body).toMatchObject({
        status: 'proposed',
        awaiting: 'Kepala Bagian Tata Usaha',
      });

      // Only the awaited official decides; executing before approval is refused.
      expect(
        (
          await (
            await login('sekda')
          )
            .post(`/api/archive/proposals/${proposal.body.id}/decision`)
            .send({ decision: 'approve' })
        ).status,
      ).toBe(403);
      expect((await a.post(`/api/archive/proposals/${proposal.body.id}/execute`)).status).toBe(409);
      // A berkas in a pending proposal cannot join another one.
      expect(
        (await a.post('/api/archive/proposals').send({ kind: 'transfer', berkasIds: [berkasA] }))
          .body.error.message,
      ).toMatch(/usulan lain/);

      // The awaited official finds it among the proposals awaiting them (read by the
      // positions they hold); an official outside the chain sees none.
      const kabagtu = await login('kabagtu');
      const awaiting = await kabagtu.get('/api/archive/proposals').query({ awaitingMe: true });
      expect(awaiting.body.items.map((p: { id: string }) => p.id)).toEqual([proposal.body.id]);
      expect(awaiting.body.total).toBe(1);
      const sekdaList = await (await login('sekda')).get('/api/archive/proposals');
      expect(sekdaList.body.total).toBe(0);
      await approveAll(proposal.body.id, ['kabagtu']);
      const executed = await a.post(`/api/archive/proposals/${proposal.body.id}/execute`);
      expect(executed.status, JSON.stringify(executed.body)).toBe(200);
      expect(executed.body.status).toBe('executed');
      expect(executed.body.beritaAcaraNumber).toMatch(/^000\.5\/1\/BA-PINDAH\/\d{4}$/);
      const berkas = await a.get(`/api/archive/berkas/${berkasA}`);
      expect(berkas.body).toMatchObject({
        status: 'inactive',
        proposalId: null,
        box: { code: box.body.code },
      });
      // The box list counts the three berkas now held in the box.
      const boxes = await a.get('/api/archive/boxes');
      expect(boxes.body.items.find((b: { id: string }) => b.id === box.body.id)).toMatchObject({
        berkasCount: 3,
      });

      const ba = await getBinary(
        a,
        `/api/archive/proposals/${proposal.body.id}/documents/berita-acara`,
      );
      expect(ba.status).toBe(200);
      await keep('ba-pemindahan.pdf', ba.body as Buffer);
      const text = pdfText(ba.body as Buffer).replace(/\s+/g, ' ');
      expect(text).toContain('BERITA ACARA PEMINDAHAN ARSIP');
      expect(text).toContain(executed.body.beritaAcaraNumber);
      expect(text).toContain('3 (tiga) berkas');
      const listPdf = (
        await getBinary(a, `/api/archive/proposals/${proposal.body.id}/documents/daftar`)
      ).body as Buffer;
      await keep('daftar-pemindahan.pdf', listPdf);
      const list = pdfText(listPdf);
      expect(list).toContain('DAFTAR ARSIP YANG DIPINDAHKAN');
      expect(list).toContain(`Keputusan Gubernur ${lastYear}`);
    });
  });

  it('refuses a disposal of a berkas under legal hold, even when the hold came after the approval', async () => {
    await inYears(5, async () => {
      const a = await login('arsiparis');
      const proposal = await a
        .post('/api/archive/proposals')
        .send({ kind: 'disposal', berkasIds: [berkasA, berkasC] });
      expect(proposal.status, JSON.stringify(proposal.body)).toBe(201);
      expect(
        proposal.body.approvals.map((x: { positionTitle: string }) => x.positionTitle),
      ).toEqual(['Kepala Biro Umum', 'Sekretaris Daerah']);
      await approveAll(proposal.body.id, ['karoumum', 'sekda']);
      const hold = await a
        .post(`/api/archive/berkas/${berkasC}/hold`)
        .send({ reason: 'Sengketa di PTUN Bandar Lampung' });
      expect(hold.body.legalHold.reason).toMatch(/PTUN/);
      const refused = await a.post(`/api/archive/proposals/${proposal.body.id}/execute`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/ditahan \(legal hold\)/);
      expect(
        await StoredFileModel.countDocuments({
          ownerType: 'incoming',
          ownerId: { $in: agendaLetters },
        }),
      ).toBe(3);

      const cancelled = await a
        .post(`/api/archive/proposals/${proposal.body.id}/cancel`)
        .send({ reason: 'Berkas C ditahan' });
      expect(cancelled.body.status).toBe('cancelled');
      const again = await a
        .post('/api/archive/proposals')
        .send({ kind: 'disposal', berkasIds: [berkasC] });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/legal hold/);
    });
  });

  it('disposes: the files leave object storage, the metadata and the paperwork stay', async () => {
    const files = await StoredFileModel.find({
      ownerType: 'incoming',
      ownerId: { $in: agendaLetters },
    }).lean();
    expect(files).toHaveLength(3);
    for (const file of files) expect(await storage.exists(file.key)).toBe(true);
    await inYears(5, async () => {
      const a = await login('arsiparis');
      const proposal = await a
        .post('/api/archive/proposals')
        .send({ kind: 'disposal', berkasIds: [berkasA], note: 'Retensi telah habis' });
      await approveAll(proposal.body.id, ['karoumum', 'sekda']);
      const executed = await a.post(`/api/archive/proposals/${proposal.body.id}/execute`);
      expect(executed.status, JSON.stringify(executed.body)).toBe(200);
      expect(executed.body).toMatchObject({ status: 'executed', disposedFileCount: 3 });
      for (const file of files) expect(await storage.exists(file.key)).toBe(false);
      expect(
        await StoredFileModel.countDocuments({
          ownerType: 'incoming',
          ownerId: { $in: agendaLetters },
        }),
      ).toBe(0);
      const kept = await DisposedFileModel.find({ berkasId: berkasA }).lean();
      expect(kept.map((f) => f.sha256).sort()).toEqual(files.map((f) => f.sha256).sort());
      expect(kept.every((f) => f.objectsRemoved)).toBe(true);

      const letter = await (
        await login('agendaris')
      ).get(`/api/incoming-letters/${agendaLetters[0]}`);
      expect(letter.status).toBe(200);
      const berkas = await a.get(`/api/archive/berkas/${berkasA}`);
      expect(berkas.body).toMatchObject({ status: 'disposed', itemCount: 3 });
      expect(berkas.body.items).toHaveLength(3);
      const baPdf = (
        await getBinary(a, `/api/archive/proposals/${proposal.body.id}/documents/berita-acara`)
      ).body as Buffer;
      await keep('ba-pemusnahan.pdf', baPdf);
      await keep(
        'daftar-pemusnahan.pdf',
        (await getBinary(a, `/api/archive/proposals/${proposal.body.id}/documents/daftar`))
          .body as Buffer,
      );
      const text = pdfText(baPdf).replace(/\s+/g, ' ');
      expect(text).toContain('BERITA ACARA PEMUSNAHAN ARSIP');
      expect(text).toMatch(/penghapusan permanen 3 \(tiga\) berkas elektronik/);
      expect(text).toContain('Sekretaris Daerah');

      const twice = await a
        .post('/api/archive/proposals')
        .send({ kind: 'disposal', berkasIds: [berkasA] });
      expect(twice.body.error.message).toMatch(/sudah dimusnahkan/);
      // Permanent records are never disposed.
      const permanent = await a
        .post('/api/archive/proposals')
        .send({ kind: 'disposal', berkasIds: [berkasB] });
      expect(permanent.body.error.message).toMatch(/Permanen; tidak dapat dimusnahkan/);
    });
  });

  it('rejects with a reason and frees the berkas', async () => {
    await inYears(5, async () => {
      const a = await login('arsiparis');
      const proposal = await a
        .post('/api/archive/proposals')
        .send({ kind: 'handover', berkasIds: [berkasB] });
      const sekda = await login('sekda');
      expect(
        (
          await sekda
            .post(`/api/archive/proposals/${proposal.body.id}/decision`)
            .send({ decision: 'reject' })
        ).status,
      ).toBe(400);
      const rejected = await sekda
        .post(`/api/archive/proposals/${proposal.body.id}/decision`)
        .send({ decision: 'reject', note: 'Lengkapi daftar arsip' });
      expect(rejected.body.status).toBe('rejected');
      expect((await a.get(`/api/archive/berkas/${berkasB}`)).body.proposalId).toBeNull();
    });
  });

  it('hands over static records with an export package the receiving archive can read without Lontar', async () => {
    await inYears(5, async () => {
      const a = await login('arsiparis');
      const proposal = await a
        .post('/api/archive/proposals')
        .send({ kind: 'handover', berkasIds: [berkasB] });
      expect(proposal.body.receiverName).toBe('Dinas Perpustakaan dan Kearsipan Provinsi Lampung');
      await approveAll(proposal.body.id, ['sekda']);
      const executed = await a.post(`/api/archive/proposals/${proposal.body.id}/execute`);
      expect(executed.status, JSON.stringify(executed.body)).toBe(200);
      expect((await a.get(`/api/archive/berkas/${berkasB}`)).body.status).toBe('handed_over');

      const zip = await getBinary(a, `/api/archive/proposals/${proposal.body.id}/documents/paket`);
      expect(zip.status).toBe(200);
      const body = zip.body as Buffer;
      expect(createHash('sha256').update(body).digest('hex')).toBe(
        executed.body.documents.paket.sha256,
      );
      const entries = await readZip(body);
      expect([...entries.keys()]).toEqual(
        expect.arrayContaining([
          'BACA-SAYA.txt',
          'berita-acara-penyerahan.pdf',
          'daftar-arsip-statis.pdf',
          'manifest.json',
          'manifest.csv',
        ]),
      );
      const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
      expect(manifest.beritaAcara.nomor).toBe(executed.body.beritaAcaraNumber);
      const items = manifest.berkas[0].item;
      expect(items).toHaveLength(2);
      for (const item of items) {
        for (const file of item.berkas) {
          const bytes = entries.get(file.path);
          expect(bytes, file.path).toBeDefined();
          expect(createHash('sha256').update(bytes!).digest('hex')).toBe(file.sha256);
        }
      }
      const csv = entries.get('manifest.csv')!.toString('utf8');
      expect(csv).toContain('Keputusan Gubernur tentang tim kearsipan');
      await keep('ba-penyerahan.pdf', entries.get('berita-acara-penyerahan.pdf')!);
      await keep('paket-penyerahan.zip', body);
      expect(pdfText(entries.get('berita-acara-penyerahan.pdf')!)).toContain(
        'BERITA ACARA PENYERAHAN ARSIP STATIS',
      );
    });
  });
});

describe('lending', () => {
  it('lends a berkas once at a time, reminds when overdue, and frees it on return', async () => {
    const a = await login('arsiparis');
    // The service's calendar day (Asia/Jakarta, by the app clock), not the UTC date: from
    // 17:00 UTC the two differ and a UTC 'today' is before the loan's date.
    const today = jakartaToday();
    const loan = await a.post('/api/archive/loans').send({
      berkasIds: [berkasC],
      borrowerName: 'Rudi Hartono',
      borrowerNip: '198001012005011001',
      borrowerUnit: 'Biro Hukum',
      purpose: 'Bahan sidang',
      dueDate: today,
    });
    expect(loan.status, JSON.stringify(loan.body)).toBe(201);
    expect(loan.body.number).toMatch(/^0001\/PJM\/\d{4}$/);
    const twice = await a
      .post('/api/archive/loans')
      .send({ berkasIds: [berkasC], borrowerName: 'Siti', purpose: 'Lain', dueDate: today });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/sedang dipinjam/);
    const receiptPdf = (await getBinary(a, `/api/archive/loans/${loan.body.id}/receipt.pdf`))
      .body as Buffer;
    await keep('bukti-peminjaman.pdf', receiptPdf);
    const receipt = pdfText(receiptPdf);
    expect(receipt).toContain('BUKTI PEMINJAMAN ARSIP');
    expect(receipt).toContain('Rudi Hartono');

    expect((await runLoanReminderScan()).reminded).toBe(0);
    const restore = shiftClock(3 * 86_400_000);
    try {
      expect((await runLoanReminderScan()).reminded).toBe(1);
      expect((await runLoanReminderScan()).reminded).toBe(0);
      const later = await login('arsiparis');
      const overdue = await later.get('/api/archive/loans?status=overdue');
      expect(overdue.body.items).toHaveLength(1);
      expect(overdue.body.items[0]).toMatchObject({ overdue: true, reminderCount: 1 });
      const returned = await later
        .post(`/api/archive/loans/${loan.body.id}/return`)
        .send({ note: 'Lengkap' });
      expect(returned.body).toMatchObject({ status: 'returned', overdue: false });
      expect((await later.get(`/api/archive/berkas/${berkasC}`)).body.loanId).toBeNull();
      const again = await later.post('/api/archive/loans').send({
        berkasIds: [berkasC],
        borrowerName: 'Siti',
        purpose: 'Lain',
        dueDate: addDays(jakartaToday(), 2),
      });
      expect(again.status, JSON.stringify(again.body)).toBe(201);
    } finally {
      restore();
    }
  });
});

function readZip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
