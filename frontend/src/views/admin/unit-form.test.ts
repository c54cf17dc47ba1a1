import { describe, expect, it } from 'vitest';
import { emptyUnitForm, toUnitInput, validateUnitForm } from './unit-form.ts';

describe('unit form', () => {
  it('requires a code and a name', () => {
    expect(validateUnitForm(emptyUnitForm(), null, new Set())).toEqual({
      code: 'Kode unit wajib diisi.',
      name: 'Nama unit wajib diisi.',
    });
  });

  it('refuses codes with spaces or odd characters', () => {
    const errors = validateUnitForm(
      { ...emptyUnitForm(), code: 'B UM', name: 'Biro Umum' },
      null,
      new Set(),
    );
    expect(errors.code).toMatch(/huruf, angka/);
    expect(
      validateUnitForm({ ...emptyUnitForm(), code: '100/SETDA', name: 'x' }, null, new Set()).code,
    ).toMatch(/huruf, angka/);
  });

  it('refuses moving a unit under itself or its own descendants', () => {
    const form = { ...emptyUnitForm('child'), code: 'B.UM', name: 'Biro Umum' };
    expect(validateUnitForm(form, 'self', new Set(['child'])).parentId).toMatch(/tidak boleh/);
    expect(validateUnitForm({ ...form, parentId: 'self' }, 'self', new Set()).parentId).toMatch(
      /tidak boleh/,
    );
    expect(
      validateUnitForm({ ...form, parentId: 'other' }, 'self', new Set(['child'])).parentId,
    ).toBeUndefined();
  });

  it('sends the code in capitals, and the active flag only when editing', () => {
    const form = { ...emptyUnitForm(), code: ' b.um ', name: ' Biro Umum ' };
    expect(toUnitInput(form, 'create')).toEqual({
      code: 'B.UM',
      name: 'Biro Umum',
      kind: 'bagian',
      parentId: null,
      order: 0,
    });
    expect(toUnitInput({ ...form, active: false }, 'edit').active).toBe(false);
  });
});
