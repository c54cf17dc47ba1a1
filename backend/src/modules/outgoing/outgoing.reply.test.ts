import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  seedDemoOrganisation,
  type LoggedInAgent,
} from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { loginMany, positionId, quickDraft } from './test-fixtures.ts';

const ctx = await createTestContext();
let agendaris: LoggedInAgent;
let sekda: LoggedInAgent;
let staftu: LoggedInAgent;
let asisten3: LoggedInAgent;

beforeAll(async () => {
  await seedDemoOrganisation();
  await seedClassificationCodes();
  ({ agendaris, sekda, staftu, asisten3 } = await loginMany(ctx, [
    'agendaris',
    'sekda',
    'staftu',
    'asisten3',
  ]));
});

async function scan(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Surat permohonan pembinaan kearsipan', { x: 50, y: 700 });
  return Buffer.from(await doc.save());
}

describe('a reply to a disposed incoming letter', () => {
  it('links both ways and, once sent, completes the disposition that asked for it', async () => {
    const registered = await agendaris
      .post('/api/incoming-letters')
      .field(
        'data',
        JSON.stringify({
          senderName: 'Arsip Nasional Republik Indonesia',
          letterNumber: 'B-99/IJ/KP.07.6/11/2026',
          letterDate: '2026-11-02',
          subject: 'Permohonan Data Pembinaan Kearsipan',
          classificationCode: '000.5',
          securityClass: 'B',
          urgency: 'segera',
        }),
      )
      .attach('files', await scan(), { filename: 'scan.pdf', contentType: 'application/pdf' });
    expect(registered.status).toBe(201);
    const incomingId = registered.body.id as string;
    const disposed = await sekda.post(`/api/incoming-letters/${incomingId}/dispositions`).send({
      recipients: [{ positionId: await positionId('staftu-1'), role: 'primary' }],
      instructions: ['Siapkan konsep jawaban'],
      note: 'Jawab sebelum akhir bulan.',
    });
    expect(disposed.status).toBe(201);
    const nodeId = disposed.body.items[0].id as string;

    const foreign = await asisten3
      .post('/api/outgoing-letters')
      .send(await quickDraft({ replyTo: { incomingLetterId: incomingId, dispositionId: nodeId } }));
    expect(foreign.status).toBe(400);

    const draft = await staftu.post('/api/outgoing-letters').send(
      await quickDraft({
        subject: 'Jawaban Permohonan Data Pembinaan Kearsipan',
        replyTo: { incomingLetterId: incomingId, dispositionId: nodeId },
      }),
    );
    expect(draft.status).toBe(201);
    expect(draft.body.replyTo).toMatchObject({
      incomingLetterId: incomingId,
      dispositionId: nodeId,
    });
    expect(draft.body.replyTo.label).toContain('B-99/IJ/KP.07.6/11/2026');
    const replies = await staftu.get('/api/outgoing-letters').query({ replyTo: incomingId });
    expect(replies.body.items.map((i: { id: string }) => i.id)).toEqual([draft.body.id]);

    await staftu.post(`/api/outgoing-letters/${draft.body.id}/submit`);
    expect(
      (
        await asisten3
          .post(`/api/outgoing-letters/${draft.body.id}/sign`)
          .send({ passphrase: DEMO_PASSWORD })
      ).status,
    ).toBe(200);
    const sent = await agendaris
      .post(`/api/outgoing-letters/${draft.body.id}/dispatch`)
      .send({ external: [{ recipientIndex: 0, method: 'pos', proof: 'Resi RR123' }] });
    expect(sent.status).toBe(200);
    expect(sent.body.dispositionCompleted).toBe(true);

    const node = await staftu.get(`/api/dispositions/${nodeId}`);
    expect(node.body.disposition.status).toBe('selesai');
    const reports = JSON.stringify(node.body);
    expect(reports).toContain(sent.body.number);
  });
});
