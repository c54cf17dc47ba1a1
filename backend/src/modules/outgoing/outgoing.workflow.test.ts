import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  loginAs,
  seedDemoOrganisation,
  type LoggedInAgent,
} from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { positionId, REPLY_BODY } from './test-fixtures.ts';
import { loginMany } from './test-fixtures.ts';

const ctx = await createTestContext();
let staftu: LoggedInAgent;
let kabagtu: LoggedInAgent;
let karoumum: LoggedInAgent;
let asisten3: LoggedInAgent;
let agendaris: LoggedInAgent;

function pdfBuffer(res: { body: unknown }): Buffer {
  return Buffer.isBuffer(res.body) ? res.body : Buffer.from(res.body as ArrayBuffer);
}

const binary = (agent: LoggedInAgent, url: string) =>
  agent
    .get(url)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });

beforeAll(async () => {
  await seedDemoOrganisation();
  await seedClassificationCodes();
  ({ staftu, kabagtu, karoumum, asisten3, agendaris } = await loginMany(ctx, [
    'staftu',
    'kabagtu',
    'karoumum',
    'asisten3',
    'agendaris',
  ]));
});

describe('outgoing letter from draft to dispatch', () => {
  let id: string;
  let finalBytes: Buffer;

  it('proposes kabagtu and karoumum as verifiers and asisten3 signing a.n. Sekretaris Daerah', async () => {
    const res = await staftu.get('/api/outgoing-letters/proposal').query({ kind: 'surat_dinas' });
    expect(res.status).toBe(200);
    expect(res.body.verifiers.map((v: { positionId: string }) => v.positionId)).toEqual([
      await positionId('kabagtu'),
      await positionId('karoumum'),
    ]);
    expect(res.body.signer).toMatchObject({
      positionId: await positionId('asisten3'),
      mode: 'an',
      onBehalfOfPositionId: await positionId('sekda'),
    });
    expect(res.body.signer.onBehalfOfTitle).toBe('Sekretaris Daerah Provinsi Lampung');
  });

  it('creates a draft with the proposed chain and previews it as a KONSEP PDF', async () => {
    const res = await staftu.post('/api/outgoing-letters').send({
      kind: 'surat_dinas',
      subject: 'Jawaban Permohonan Pembinaan Kearsipan',
      classificationCode: '000.5',
      recipients: [
        { type: 'internal', positionId: await positionId('karoorg') },
        {
          type: 'external',
          label: 'Kepala Dinas Perpustakaan dan Kearsipan Provinsi Lampung',
          address: 'Bandar Lampung',
        },
      ],
      carbonCopies: [{ positionId: await positionId('sekda') }, { label: 'Arsip' }],
      body: REPLY_BODY,
    });
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({
      status: 'draft',
      version: 1,
      number: null,
      permissions: { edit: true, submit: true, sign: false },
    });
    expect(res.body.verifiers.map((v: { title: string }) => v.title)).toEqual([
      'Kepala Bagian Tata Usaha',
      'Kepala Biro Umum',
    ]);
    expect(res.body.recipients[0].label).toBe('Kepala Biro Organisasi');
    const preview = await binary(staftu, `/api/outgoing-letters/${id}/preview.pdf`);
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect(pdfBuffer(preview).subarray(0, 5).toString()).toBe('%PDF-');
    const page = await binary(staftu, `/api/outgoing-letters/${id}/pages/1.png`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('image/png');
    expect(Number(page.headers['x-page-count'])).toBeGreaterThanOrEqual(1);
    expect((await binary(staftu, `/api/outgoing-letters/${id}/pages/9.png`)).status).toBe(404);
  });

  it('takes attachments while drafting and keeps them with the submitted version', async () => {
    const lampiran = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    const added = await staftu
      .post(`/api/outgoing-letters/${id}/attachments`)
      .attach('files', lampiran, {
        filename: 'daftar-arsiparis.pdf',
        contentType: 'application/pdf',
      });
    expect(added.status).toBe(201);
    expect(added.body.items[0]).toMatchObject({
      name: 'daftar-arsiparis.pdf',
      mimeType: 'application/pdf',
    });
    // Measured at upload like every received file (this PDF has no page), so the viewer
    // need not count it on first view.
    const record = await StoredFileModel.findById(added.body.items[0].id).lean();
    expect(record?.pageCount).toBe(0);
    const wrong = await staftu
      .post(`/api/outgoing-letters/${id}/attachments`)
      .attach('files', Buffer.from('teks biasa'), { filename: 'x.txt', contentType: 'text/plain' });
    expect(wrong.status).toBe(415);
    const extra = await staftu
      .post(`/api/outgoing-letters/${id}/attachments`)
      .attach('files', lampiran, { filename: 'salah.pdf', contentType: 'application/pdf' });
    expect(
      (await staftu.delete(`/api/outgoing-letters/${id}/attachments/${extra.body.items[0].id}`))
        .status,
    ).toBe(204);
    expect(
      (
        await kabagtu
          .post(`/api/outgoing-letters/${id}/attachments`)
          .attach('files', lampiran, { filename: 'y.pdf', contentType: 'application/pdf' })
      ).status,
    ).toBe(403);
    const list = await staftu.get(`/api/outgoing-letters/${id}/attachments`);
    expect(list.body.items.map((f: { name: string }) => f.name)).toEqual(['daftar-arsiparis.pdf']);
    const outsider = await loginAs(ctx, 'karohukum');
    expect(
      (await outsider.get(`/api/files/${list.body.items[0].id}/content`)).status,
    ).toBeGreaterThanOrEqual(403);
  });

  it('goes to kabagtu on submit and refuses edits while in review', async () => {
    const res = await staftu.post(`/api/outgoing-letters/${id}/submit`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'in_review',
      currentStep: 0,
      awaiting: 'Kepala Bagian Tata Usaha',
    });
    const edit = await staftu.patch(`/api/outgoing-letters/${id}`).send({ subject: 'Diubah' });
    expect(edit.status).toBe(409);
    const list = await kabagtu.get('/api/outgoing-letters').query({ box: 'review' });
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(id);
  });

  it('lets kabagtu paraf, then karoumum return it with a note to the drafter', async () => {
    const early = await karoumum
      .post(`/api/outgoing-letters/${id}/review`)
      .send({ decision: 'approve', password: DEMO_PASSWORD });
    expect(early.status).toBe(403);
    const approved = await kabagtu
      .post(`/api/outgoing-letters/${id}/review`)
      .send({ decision: 'approve', password: DEMO_PASSWORD });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'in_review', currentStep: 1 });
    const noNote = await karoumum
      .post(`/api/outgoing-letters/${id}/review`)
      .send({ decision: 'return' });
    expect(noNote.status).toBe(400);
    const returned = await karoumum
      .post(`/api/outgoing-letters/${id}/review`)
      .send({ decision: 'return', note: 'Lengkapi jadwal pembinaan.' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', awaiting: 'Analis Tata Usaha' });
    expect(returned.body.verifiers[1]).toMatchObject({
      decision: 'returned',
      note: 'Lengkapi jadwal pembinaan.',
    });
  });

  it('keeps version 1 when the drafter fixes the draft as version 2, and both can be compared', async () => {
    const fixed = await staftu.patch(`/api/outgoing-letters/${id}`).send({
      body: [
        ...REPLY_BODY,
        { type: 'paragraph', runs: [{ text: 'Pembinaan dilaksanakan pada 8 Desember 2026.' }] },
      ],
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.version).toBe(2);
    const again = await staftu
      .patch(`/api/outgoing-letters/${id}`)
      .send({ attachmentLabel: '1 (satu) berkas' });
    expect(again.body.version).toBe(2);
    expect((await staftu.post(`/api/outgoing-letters/${id}/submit`)).body.status).toBe('in_review');
    const versions = await kabagtu.get(`/api/outgoing-letters/${id}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions.body.items[0].content.body).toHaveLength(4);
    expect(versions.body.items[1].content.body).toHaveLength(5);
    expect(versions.body.items[1].content.attachments.map((a: { name: string }) => a.name)).toEqual(
      ['daftar-arsiparis.pdf'],
    );
  });

  it('reaches asisten3 after both parafs, who signs: number, QR and sha256 on the final PDF', async () => {
    expect(
      (
        await kabagtu
          .post(`/api/outgoing-letters/${id}/review`)
          .send({ decision: 'approve', password: DEMO_PASSWORD })
      ).status,
    ).toBe(200);
    const last = await karoumum
      .post(`/api/outgoing-letters/${id}/review`)
      .send({ decision: 'approve', note: 'Setuju.', password: DEMO_PASSWORD });
    expect(last.body).toMatchObject({
      status: 'awaiting_signature',
      awaiting: 'Asisten Administrasi Umum',
    });
    expect(
      (await karoumum.post(`/api/outgoing-letters/${id}/sign`).send({ passphrase: DEMO_PASSWORD }))
        .status,
    ).toBe(403);
    const signed = await asisten3
      .post(`/api/outgoing-letters/${id}/sign`)
      .send({ passphrase: DEMO_PASSWORD });
    expect(signed.status).toBe(200);
    const year = new Date(signed.body.signedAt).getFullYear();
    expect(signed.body.number).toBe(`000.5/1/SETDA/${year}`);
    expect(signed.body.signature.headingLines).toEqual([
      'a.n. SEKRETARIS DAERAH PROVINSI LAMPUNG',
      'ASISTEN ADMINISTRASI UMUM,',
    ]);
    const final = await binary(staftu, `/api/outgoing-letters/${id}/final.pdf`);
    finalBytes = pdfBuffer(final);
    expect(createHash('sha256').update(finalBytes).digest('hex')).toBe(signed.body.final.sha256);
    expect(final.headers['x-content-sha256']).toBe(signed.body.final.sha256);
  });

  it('is immutable once signed: PATCH, submit and sign again answer 409 and the bytes never change', async () => {
    expect(
      (await staftu.patch(`/api/outgoing-letters/${id}`).send({ subject: 'Diubah setelah ttd' }))
        .status,
    ).toBe(409);
    expect((await staftu.post(`/api/outgoing-letters/${id}/submit`)).status).toBe(409);
    const resign = await asisten3
      .post(`/api/outgoing-letters/${id}/sign`)
      .send({ passphrase: DEMO_PASSWORD });
    expect(resign.status).toBe(409);
    expect(resign.body.error.message).toMatch(/sudah ditandatangani/);
    const again = pdfBuffer(await binary(agendaris, `/api/outgoing-letters/${id}/final.pdf`));
    expect(again.equals(finalBytes)).toBe(true);
    const detail = await staftu.get(`/api/outgoing-letters/${id}`);
    expect(detail.body.subject).toBe('Jawaban Permohonan Pembinaan Kearsipan');
    const lampiran = Buffer.from('%PDF-1.4\n%%EOF\n');
    expect(
      (
        await staftu
          .post(`/api/outgoing-letters/${id}/attachments`)
          .attach('files', lampiran, { filename: 'telat.pdf', contentType: 'application/pdf' })
      ).status,
    ).toBe(409);
  });

  it('dispatches: the internal recipient gets it in the inbox, the external one a dispatch record', async () => {
    const jakartaDay = (offsetDays: number) =>
      new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
    const future = await agendaris.post(`/api/outgoing-letters/${id}/dispatch`).send({
      external: [{ recipientIndex: 1, method: 'kurir', sentDate: jakartaDay(2) }],
    });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toMatch(/tidak boleh setelah hari ini/);
    const yesterday = jakartaDay(-1);
    const res = await agendaris.post(`/api/outgoing-letters/${id}/dispatch`).send({
      external: [
        { recipientIndex: 1, method: 'kurir', sentDate: yesterday, proof: 'Tanda terima 17/XI' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('sent');
    const internal = res.body.dispatches.find((d: { type: string }) => d.type === 'internal');
    expect(internal).toMatchObject({ label: 'Kepala Biro Organisasi', method: 'internal' });
    expect(internal.incomingLetterId).toMatch(/^[0-9a-f]{24}$/);
    expect(res.body.dispatches.find((d: { type: string }) => d.type === 'external')).toMatchObject({
      method: 'kurir',
      proof: 'Tanda terima 17/XI',
      // Only the day the clerk gave is kept: no invented hour (issue 15).
      sentDate: yesterday,
      sentAt: new Date(`${yesterday}T00:00:00+07:00`).toISOString(),
    });
    expect(internal.sentDate).toBeNull();
    const karoorg = await loginAs(ctx, 'karoorg');
    const inbox = await karoorg.get(`/api/incoming-letters/${internal.incomingLetterId}`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.letterNumber).toBe(res.body.number);
    expect(inbox.body.files.map((f: { name: string }) => f.name)).toContain('daftar-arsiparis.pdf');
    expect((await karoorg.get(`/api/outgoing-letters/${id}`)).status).toBe(200);
    const twice = await agendaris
      .post(`/api/outgoing-letters/${id}/dispatch`)
      .send({ external: [{ recipientIndex: 1, method: 'pos' }] });
    expect(twice.status).toBe(409);
  });

  it('lists the letter in the outgoing register and exports it as CSV, xlsx and PDF', async () => {
    const register = await agendaris.get('/api/outgoing-letters/register');
    expect(register.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const csv = await agendaris
      .get('/api/outgoing-letters/register/export')
      .query({ format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Jawaban Permohonan Pembinaan Kearsipan');
    expect(csv.text).toContain('Kurir');
    for (const format of ['xlsx', 'pdf']) {
      const file = await binary(
        agendaris,
        `/api/outgoing-letters/register/export?format=${format}`,
      );
      expect(file.status).toBe(200);
      expect(pdfBuffer(file).length).toBeGreaterThan(500);
    }
  });

  it('is found by search once signed, by its chain and by the desk', async () => {
    for (const agent of [staftu, agendaris]) {
      const found = await agent
        .get('/api/search')
        .query({ q: 'Pembinaan Kearsipan', direction: 'outgoing' });
      expect(found.status).toBe(200);
      expect(found.body.items.map((i: { letterId: string }) => i.letterId)).toContain(id);
    }
  });

  it('records every step in the history', async () => {
    const history = await staftu.get(`/api/outgoing-letters/${id}/history`);
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'approve',
      'return',
      'edit',
      'edit',
      'submit',
      'approve',
      'approve',
      'sign_finish',
      'dispatch',
    ]);
  });
});
