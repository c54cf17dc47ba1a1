import { describe, expect, it } from 'vitest';
import { bodyText, type Body } from './body-model.ts';
import { BLANK, bodyTemplate, eventOf, type TemplateFill } from './body-templates.ts';
import { OUTGOING_KINDS } from './kinds.ts';

const fill: TemplateFill = {
  subject: 'Pembinaan Kearsipan Tahun 2027',
  addressees: ['Bupati Lampung Selatan', 'Wali Kota Metro'],
  reference: {
    senderName: 'Kepala Arsip Nasional Republik Indonesia',
    letterNumber: 'B-99/IJ/KP.07.6/11/2026',
    letterDate: '2026-11-02',
    subject: 'Permohonan Data Pembinaan Kearsipan',
  },
  signerTitle: 'Asisten Administrasi Umum',
  assignees: [
    {
      name: 'Rina Marlina, S.Sos.',
      nip: '198203142006042011',
      rank: 'Penata Tingkat I (III/d)',
      title: 'Analis Tata Usaha',
    },
  ],
};
const text = (body: Body) => bodyText(body);

describe('body templates of the naskah dinas, filled from the draft', () => {
  it('gives every kind an opening, content to fill and the closing of the tata naskah dinas', () => {
    for (const kind of OUTGOING_KINDS) {
      const body = bodyTemplate(kind, fill);
      expect(body.length, kind).toBeGreaterThan(2);
      expect(text(body), kind).toMatch(/^Demikian .+\.$/m);
      // Blanks are left for what only the clerk knows.
      expect(text(body), kind).toContain(BLANK);
    }
  });

  it('surat biasa: "Dengan hormat," and the letter it answers by sender, number, date and subject', () => {
    const body = text(bodyTemplate('surat_dinas', fill));
    expect(body.split('\n')[0]).toBe('Dengan hormat,');
    expect(body).toContain(
      'Menindaklanjuti surat Kepala Arsip Nasional Republik Indonesia Nomor B-99/IJ/KP.07.6/11/2026 tanggal 2 November 2026 perihal Permohonan Data Pembinaan Kearsipan, bersama ini kami sampaikan hal-hal sebagai berikut:',
    );
    expect(body).toContain(
      'Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan terima kasih.',
    );
    // Without a letter to answer: "Sehubungan dengan" the subject.
    const fresh = text(bodyTemplate('surat_dinas', { ...fill, reference: null }));
    expect(fresh).toContain(
      'Sehubungan dengan Pembinaan Kearsipan Tahun 2027, bersama ini kami sampaikan',
    );
  });

  it('undangan: hari/tanggal, pukul, tempat and acara, the acara taken from the subject', () => {
    const body = bodyTemplate('surat_undangan', {
      ...fill,
      subject: 'Undangan Rapat Koordinasi Kearsipan',
      reference: null,
    });
    const table = body.find((b) => b.type === 'table');
    expect(table && table.type === 'table' && table.borders).toBe(false);
    const rows =
      table?.type === 'table'
        ? table.rows.map((r) => r.cells.map((c) => c.runs.map((x) => x.text).join('')))
        : [];
    expect(rows.map((r) => r[0])).toEqual(['Hari/tanggal', 'Pukul', 'Tempat', 'Acara']);
    expect(rows[1]![2]).toBe(`${BLANK} WIB s.d. selesai`);
    expect(rows[3]![2]).toBe('Rapat Koordinasi Kearsipan');
    expect(text(body)).toContain(
      'Dalam rangka Rapat Koordinasi Kearsipan, dengan ini kami mengundang Saudara untuk hadir pada:',
    );
    expect(text(body)).toContain(
      'Demikian undangan ini disampaikan, atas perhatian dan kehadiran Saudara diucapkan terima kasih.',
    );
    expect(eventOf('Undangan')).toBe(BLANK);
  });

  it('nota dinas: no salutation (the Yth./Dari/Hal block is the layout), closing with thanks', () => {
    const body = text(bodyTemplate('nota_dinas', { ...fill, reference: null }));
    expect(body).not.toContain('Dengan hormat,\n');
    expect(body.split('\n')[0]).toBe(
      'Sehubungan dengan Pembinaan Kearsipan Tahun 2027, dengan hormat kami sampaikan hal-hal sebagai berikut:',
    );
    expect(body).toContain('Demikian disampaikan, atas perhatiannya diucapkan terima kasih.');
  });

  it('surat edaran: the six parts, addressed to its recipients, citing the letter as a basis', () => {
    const body = text(bodyTemplate('surat_edaran', fill));
    for (const part of [
      '1. Latar Belakang',
      '2. Maksud dan Tujuan',
      '3. Ruang Lingkup',
      '4. Dasar',
      '5. Isi Edaran',
      '6. Penutup',
    ])
      expect(body).toContain(part);
    expect(body).toContain('pedoman bagi Bupati Lampung Selatan, Wali Kota Metro');
    expect(body).toContain('Surat Kepala Arsip Nasional Republik Indonesia Nomor B-99');
    expect(body).toContain(
      'Demikian Surat Edaran ini disampaikan untuk dilaksanakan sebagaimana mestinya.',
    );
  });

  it('surat tugas: Dasar, MENUGASKAN, Kepada with name, NIP, rank and position, Untuk reporting to the signer', () => {
    const body = bodyTemplate('surat_tugas', fill);
    const all = text(body);
    expect(all).toContain('MENUGASKAN:');
    expect(all).toContain('Dasar');
    expect(all).toContain('a. Surat Kepala Arsip Nasional Republik Indonesia Nomor');
    expect(all).toContain('Kepada');
    expect(all).toContain(': Rina Marlina, S.Sos.');
    expect(all).toContain(': 198203142006042011');
    expect(all).toContain(': Penata Tingkat I (III/d)');
    expect(all).toContain(': Analis Tata Usaha');
    expect(all).toContain('1. melaksanakan tugas Pembinaan Kearsipan Tahun 2027 pada');
    expect(all).toContain(
      '2. melaporkan hasil pelaksanaan tugas kepada Asisten Administrasi Umum.',
    );
    // Two people: numbered; nobody yet: blanks to type over.
    const two = text(
      bodyTemplate('surat_tugas', { ...fill, assignees: [fill.assignees[0]!, fill.assignees[0]!] }),
    );
    expect(two).toContain('1. Nama');
    expect(two).toContain('2. Nama');
    const none = text(bodyTemplate('surat_tugas', { ...fill, assignees: [], signerTitle: null }));
    expect(none).toContain(`: ${BLANK}`);
    expect(none).toContain(`kepada ${BLANK}.`);
  });
});
