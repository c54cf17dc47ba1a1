import { describe, expect, it } from 'vitest';
import { fileIdentity, offeredSuggestions } from './prefill.ts';

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
