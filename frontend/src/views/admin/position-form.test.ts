import { describe, expect, it } from 'vitest';
import {
  emptyPositionForm,
  suggestKey,
  toPositionInput,
  validatePositionForm,
} from './position-form.ts';

describe('position form', () => {
  const filled = {
    ...emptyPositionForm('unit-tu'),
    title: 'Analis Kearsipan',
    key: 'analis-kearsipan-tu',
  };

  it('accepts a complete position', () => {
    expect(validatePositionForm(filled, null, new Set())).toEqual({});
  });

  it('requires a title, a key and a unit', () => {
    expect(validatePositionForm(emptyPositionForm(), null, new Set())).toEqual({
      title: 'Nama jabatan wajib diisi.',
      key: 'Kunci jabatan wajib diisi.',
      unitId: 'Pilih unit kerja jabatan ini.',
    });
  });

  it('refuses keys the server would refuse', () => {
    expect(validatePositionForm({ ...filled, key: 'Kabag TU' }, null, new Set()).key).toMatch(
      /huruf kecil/,
    );
    expect(validatePositionForm({ ...filled, key: '-x' }, null, new Set()).key).toMatch(
      /huruf kecil/,
    );
  });

  it('refuses a reporting line that loops back', () => {
    expect(
      validatePositionForm({ ...filled, parentId: 'self' }, 'self', new Set()).parentId,
    ).toMatch(/tidak boleh/);
    expect(
      validatePositionForm({ ...filled, parentId: 'staf-1' }, 'self', new Set(['staf-1'])).parentId,
    ).toMatch(/tidak boleh/);
  });

  it('suggests a key from the title', () => {
    expect(suggestKey('Kepala Bagian Tata Usaha')).toBe('kepala-bagian-tata-usaha');
    expect(suggestKey('  Analis (Arsip) — Tingkat I ')).toBe('analis-arsip-tingkat-i');
  });

  it('sends the active flag only when editing', () => {
    expect('active' in toPositionInput(filled, 'create')).toBe(false);
    expect(toPositionInput({ ...filled, active: false }, 'edit').active).toBe(false);
  });
});
