import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedInAgent } from '../../../test/auth-helpers.ts';
import { dispositionTestContext, registerLetter } from '../dispositions/test-support.ts';
import { AssignmentModel, UserModel } from '../org/org.model.ts';
import { stopSearchIndex } from '../search/runtime.ts';
import { bodyText } from './templates/body-model.ts';
import { BLANK } from './templates/body-templates.ts';
import { loginMany, positionId } from './test-fixtures.ts';

/** POST /api/outgoing-letters/body-template: the kind's body filled from the draft. */
const ctx = await dispositionTestContext();
afterAll(() => stopSearchIndex());
let agents: Record<'staftu' | 'arsiparis' | 'agendaris', LoggedInAgent>;
beforeAll(async () => {
  agents = await loginMany(ctx, ['staftu', 'arsiparis', 'agendaris']);
});

const template = (agent: LoggedInAgent, body: Record<string, unknown>) =>
  agent.post('/api/outgoing-letters/body-template').send(body);

describe('body templates through the API', () => {
  it('fills a surat tugas with the holder of the recipient position and the signer, and answers a letter', async () => {
    const kabagtu = await positionId('kabagtu');
    const holder = await AssignmentModel.findOne({ positionId: kabagtu, acting: false }).lean();
    const user = await UserModel.findById(holder!.userId).lean();
    const incoming = await registerLetter(ctx, {
      subject: 'Permohonan Narasumber Pelatihan Arsiparis',
      letterNumber: '045/771/II.05/2026',
      senderName: 'Dinas Perpustakaan dan Kearsipan Kabupaten Pesawaran',
      letterDate: '2026-11-20',
      addresseePositionId: await positionId('staftu-1'),
    });
    const answer = await template(agents.staftu, {
      kind: 'surat_tugas',
      subject: 'Narasumber Pelatihan Arsiparis',
      recipients: [{ type: 'internal', positionId: kabagtu }],
      signerPositionId: await positionId('asisten3'),
      replyTo: { incomingLetterId: incoming },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const text = bodyText(answer.body.body);
    expect(text).toContain(`: ${user!.name}`);
    expect(text).toContain(`: ${user!.nip}`);
    expect(text).toContain('Kepala Bagian Tata Usaha');
    expect(text).toContain(
      'a. Surat Dinas Perpustakaan dan Kearsipan Kabupaten Pesawaran Nomor 045/771/II.05/2026 tanggal 20 November 2026 perihal Permohonan Narasumber Pelatihan Arsiparis;',
    );
    expect(text).toContain('kepada Asisten Administrasi Umum.');
  });

  it('fills an undangan to an outside addressee, and leaves the rest blank', async () => {
    const answer = await template(agents.agendaris, {
      kind: 'surat_undangan',
      subject: 'Undangan Rapat Koordinasi Kearsipan',
      recipients: [{ type: 'external', label: 'Bupati Lampung Selatan' }],
    });
    expect(answer.status).toBe(200);
    const text = bodyText(answer.body.body);
    expect(text).toContain('Dalam rangka Rapat Koordinasi Kearsipan');
    expect(text).toContain(`Hari/tanggal | : | ${BLANK}`);
  });

  it('refuses who may not draft, and a letter the drafter cannot open', async () => {
    expect((await template(agents.arsiparis, { kind: 'surat_dinas' })).status).toBe(403);
    const elsewhere = await registerLetter(ctx, {
      addresseePositionId: await positionId('karohukum'),
    });
    const hidden = await template(agents.staftu, {
      kind: 'surat_dinas',
      replyTo: { incomingLetterId: elsewhere },
    });
    expect(hidden.status).toBe(400);
    expect(hidden.body.error.message).toMatch(/tidak dapat Anda buka/);
  });
});
