import { describe, expect, it } from 'vitest';
import { emptyDraftForm, toDraftInput, validateDraftForm } from './draft-form.ts';

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
