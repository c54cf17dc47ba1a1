import { describe, expect, it } from 'vitest';
import { emptyUserForm, toUserInput, validateUserForm } from './user-form.ts';

describe('user form', () => {
  const filled = {
    ...emptyUserForm(),
    username: 'rina.staf',
    name: 'Rina Oktaviani, S.E.',
    nip: '19850312 201001 2 004',
    password: 'Surat Dinas 2026',
  };

  it('accepts a complete new account', () => {
    expect(validateUserForm(filled, 'create')).toEqual({});
  });

  it('requires a username and a name for a new account', () => {
    const errors = validateUserForm(emptyUserForm(), 'create');
    expect(errors.username).toBe('Nama pengguna wajib diisi.');
    expect(errors.name).toBe('Nama lengkap wajib diisi.');
  });

  it('checks a password only when one is typed, with the server rule', () => {
    expect(validateUserForm({ ...filled, password: '' }, 'create')).toEqual({});
    expect(validateUserForm({ ...filled, password: '' }, 'edit')).toEqual({});
    expect(validateUserForm({ ...filled, password: 'pendek' }, 'edit').password).toBe(
      'Kata sandi minimal 10 karakter.',
    );
    expect(validateUserForm({ ...filled, password: 'rina.staf-2026!' }, 'create').password).toBe(
      'Kata sandi tidak boleh memuat nama pengguna.',
    );
  });

  it('checks NIP, email, phone and username shapes', () => {
    const errors = validateUserForm(
      { ...filled, username: 'Rina Staf', nip: '1985', email: 'rina(at)lampung', phone: 'nomor' },
      'create',
    );
    expect(errors.username).toMatch(/huruf kecil/);
    expect(errors.nip).toBe('NIP terdiri atas 18 angka.');
    expect(errors.email).toBe('Alamat email tidak valid.');
    expect(errors.phone).toBe('Nomor telepon tidak valid.');
  });

  it('sends trimmed values, empty optionals as null and the NIP without spaces', () => {
    const input = toUserInput({ ...filled, email: '  ', rank: ' Penata ', password: '' });
    expect(input).toMatchObject({
      username: 'rina.staf',
      nip: '198503122010012004',
      email: null,
      rank: 'Penata',
    });
    expect('password' in input).toBe(false);
  });

  it('checks the NIK (16 digits, a region code first) and sends it without spaces', () => {
    expect(validateUserForm({ ...filled, nik: '1871 0101 0170 0001' }, 'edit')).toEqual({});
    expect(validateUserForm({ ...filled, nik: '12345' }, 'edit').nik).toBe(
      'NIK terdiri atas 16 angka.',
    );
    expect(validateUserForm({ ...filled, nik: '0000000000000000' }, 'edit').nik).toMatch(
      /kode wilayah/,
    );
    expect(toUserInput({ ...filled, nik: '1871 0101 0170 0001' }).nik).toBe('1871010101700001');
    expect(toUserInput({ ...filled, nik: ' ' }).nik).toBeNull();
  });
});
