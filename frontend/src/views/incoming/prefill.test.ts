import { describe, expect, it } from 'vitest';
import { fileIdentity, offeredSuggestions, pendingChecks, planPrefill } from './prefill.ts';

const empty = { senderName: '', letterNumber: '', letterDate: '', subject: '' };

describe('registration suggestions from the scan', () => {
  it('offers every suggestion for an empty form', () => {
    const suggestions = {
      senderName: 'Dinas Kesehatan Provinsi Lampung',
      letterNumber: '440/123/II.05/2026',
      letterDate: '2026-02-16',
      subject: 'Undangan  rapat ',
    };
    expect(offeredSuggestions(empty, suggestions)).toEqual({
      ...suggestions,
      subject: 'Undangan rapat',
    });
  });

  it('does not offer what the field already holds, ignoring case and spacing', () => {
    const form = { ...empty, subject: 'undangan rapat', letterNumber: '440/1/2026' };
    expect(
      offeredSuggestions(form, { subject: 'Undangan  Rapat', letterNumber: '440/123/2026' }),
    ).toEqual({ letterNumber: '440/123/2026' });
  });

  it('skips blank suggestions and dates that are not calendar dates', () => {
    expect(offeredSuggestions(empty, { subject: '  ', letterDate: '16 Februari 2026' })).toEqual(
      {},
    );
  });

  it('tells files apart by name, size and modification time', () => {
    const a = { name: 'a.pdf', size: 10, lastModified: 1 };
    expect(fileIdentity(a)).toBe(fileIdentity({ ...a }));
    expect(fileIdentity(a)).not.toBe(fileIdentity({ ...a, size: 11 }));
  });
});

describe('filling the form from the scan', () => {
  const form = {
    ...empty,
    urgency: 'biasa' as const,
    classificationCode: '',
  };
  const result = {
    suggestions: {
      senderName: 'Dinas Kesehatan Provinsi Lampung',
      letterNumber: '400.7/737/IV.09/2026',
      letterDate: '2026-04-21',
      subject: 'Permohonan Narasumber',
    },
    fieldConfidence: { senderName: 93, letterNumber: 60, letterDate: 91, subject: 90 },
    urgency: { value: 'sangat_segera' as const, reason: 'tertulis “Sifat: Sangat Segera”' },
    classification: [
      { code: '400.7', title: 'Kesehatan', reason: 'kode pada nomor surat', learned: false },
    ],
  };

  it('types in confident reads, sifat and classification, and offers doubtful ones', () => {
    expect(planPrefill(form, result, new Set())).toEqual({
      fill: {
        senderName: 'Dinas Kesehatan Provinsi Lampung',
        letterDate: '2026-04-21',
        subject: 'Permohonan Narasumber',
        urgency: 'sangat_segera',
        classificationCode: '400.7',
      },
      offer: { letterNumber: '400.7/737/IV.09/2026' },
    });
  });

  it('never overwrites what the clerk typed or chose', () => {
    const typed = { ...form, subject: 'Narasumber seminar', urgency: 'segera' as const };
    const plan = planPrefill(typed, result, new Set(['urgency', 'classificationCode'] as const));
    expect(plan.fill).toEqual({
      senderName: 'Dinas Kesehatan Provinsi Lampung',
      letterDate: '2026-04-21',
    });
    expect(plan.offer).toEqual({
      letterNumber: '400.7/737/IV.09/2026',
      subject: 'Permohonan Narasumber',
    });
  });

  it('keeps a filled field marked until it is confirmed or changed', () => {
    const machine = { subject: 'Permohonan Narasumber', urgency: 'segera' };
    const filled = { ...form, subject: 'permohonan  narasumber', urgency: 'segera' as const };
    expect(pendingChecks(filled, machine)).toEqual(['subject', 'urgency']);
    expect(pendingChecks({ ...filled, subject: 'Permohonan Narasumber Seminar' }, machine)).toEqual(
      ['urgency'],
    );
  });
});
