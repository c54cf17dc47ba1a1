import { describe, expect, it } from 'vitest';
import { emptyDraftForm, templateInput, toDraftInput, validateDraftForm } from './draft-form.ts';

const body = [{ type: 'paragraph' as const, runs: [{ text: 'Isi' }] }];

describe('drafting form', () => {
  it('asks for a subject, an addressee, a body and a signer', () => {
    const errors = validateDraftForm(emptyDraftForm());
    expect(Object.keys(errors).sort()).toEqual(['body', 'recipients', 'signer', 'subject']);
  });

  it('requires the principal for a.n. and the intermediate official for u.b.', () => {
    const form = {
      ...emptyDraftForm(),
      subject: 'Hal',
      body,
      recipients: [
        { type: 'external' as const, positionId: null, label: 'Bupati', address: '', email: '' },
      ],
      signerPositionId: 'a',
      signMode: 'ub' as const,
    };
    expect(validateDraftForm(form)).toEqual({
      onBehalfOf: 'Pilih pejabat yang diwakili.',
      through: 'Pilih pejabat perantara.',
    });
  });

  it('refuses the signer as a verifier and duplicate verifiers', () => {
    const base = {
      ...emptyDraftForm(),
      subject: 'Hal',
      body,
      recipients: [
        { type: 'external' as const, positionId: null, label: 'Bupati', address: '', email: '' },
      ],
      signerPositionId: 's',
    };
    expect(validateDraftForm({ ...base, verifierPositionIds: ['s'] }).verifiers).toMatch(
      /Penanda tangan/,
    );
    expect(validateDraftForm({ ...base, verifierPositionIds: ['v', 'v'] }).verifiers).toMatch(
      /sekali/,
    );
  });

  it('lets a Surat Tugas go without addressees', () => {
    const form = {
      ...emptyDraftForm('surat_tugas'),
      subject: 'Surat Tugas',
      body,
      signerPositionId: 's',
    };
    expect(validateDraftForm(form)).toEqual({});
    expect(form.classificationCode).toBe('800.1.11.1');
  });

  it('sends trimmed values and drops empty tembusan rows', () => {
    const input = toDraftInput({
      ...emptyDraftForm(),
      subject: '  Jawaban  ',
      body,
      recipients: [
        { type: 'external', positionId: null, label: ' Bupati ', address: ' Kalianda ', email: '' },
      ],
      carbonCopies: [
        { positionId: null, label: ' ' },
        { positionId: 'p', label: '' },
      ],
      signerPositionId: 's',
      signMode: 'an',
      onBehalfOfPositionId: 'sekda',
      throughPositionId: 'ignored',
    });
    expect(input.subject).toBe('Jawaban');
    expect(input.recipients).toEqual([
      { type: 'external', label: 'Bupati', address: 'Kalianda', email: null },
    ]);
    expect(input.carbonCopies).toEqual([{ positionId: 'p' }]);
    expect(input.signer).toEqual({
      positionId: 's',
      mode: 'an',
      onBehalfOfPositionId: 'sekda',
      throughPositionId: null,
    });
  });
});

describe('the event of a surat undangan', () => {
  const undangan = () => ({
    ...emptyDraftForm('surat_undangan'),
    subject: 'Undangan Rapat Koordinasi',
    body,
    recipients: [
      { type: 'internal' as const, positionId: 'p1', label: '', address: '', email: '' },
    ],
    signerPositionId: 's',
  });

  it('may be left empty, but not half filled, and must end after it starts', () => {
    expect(validateDraftForm(undangan())).toEqual({});
    const half = undangan();
    half.event = { ...half.event, date: '2026-12-21' };
    expect(validateDraftForm(half).event).toMatch(/Lengkapi acara undangan/);
    const backwards = undangan();
    backwards.event = {
      ...backwards.event,
      date: '2026-12-21',
      startTime: '13:30',
      endTime: '09:00',
      place: 'Aula',
    };
    expect(validateDraftForm(backwards).event).toBe('Pukul selesai harus setelah pukul mulai.');
  });

  it('goes with the draft and into the template request; other kinds send none', () => {
    const form = undangan();
    form.event = {
      ...form.event,
      date: '2026-12-21',
      startTime: '13:30',
      timeZone: 'WITA',
      place: ' Aula ',
    };
    expect(toDraftInput(form).event).toEqual({
      date: '2026-12-21',
      startTime: '13:30',
      endTime: undefined,
      timeZone: 'WITA',
      title: undefined,
      place: 'Aula',
      onlineLink: undefined,
      dressCode: undefined,
      notes: undefined,
    });
    expect(templateInput(form).event).toMatchObject({ date: '2026-12-21', place: 'Aula' });
    const dinas = { ...form, kind: 'surat_dinas' as const };
    expect(toDraftInput(dinas).event).toBeNull();
    expect(templateInput(dinas).event).toBeUndefined();
  });
});
