import { describe, expect, it } from 'vitest';
import { newPasswordProblem, validateChangePassword } from './password-rules.ts';

describe('change-password validation', () => {
  const valid = {
    currentPassword: 'lontar-demo',
    newPassword: 'Surat Dinas 2026',
    confirmPassword: 'Surat Dinas 2026',
  };

  it('accepts a long, varied password that matches its confirmation', () => {
    expect(validateChangePassword(valid, 'agendaris')).toEqual({});
  });

  it('requires every field', () => {
    expect(
      validateChangePassword({ currentPassword: '', newPassword: '', confirmPassword: '' }),
    ).toEqual({
      currentPassword: 'Masukkan kata sandi saat ini.',
      newPassword: 'Masukkan kata sandi baru.',
      confirmPassword: 'Ulangi kata sandi baru.',
    });
  });

  it('applies the server rule before sending: length, variety, no username', () => {
    expect(newPasswordProblem('pendek')).toBe('Kata sandi minimal 10 karakter.');
    expect(newPasswordProblem('x'.repeat(201))).toBe('Kata sandi maksimal 200 karakter.');
    expect(newPasswordProblem('abababababab')).toMatch(/terlalu sedikit karakter berbeda/);
    expect(newPasswordProblem('agendaris-baru-2026', 'agendaris')).toBe(
      'Kata sandi tidak boleh memuat nama pengguna.',
    );
  });

  it('refuses a new password equal to the current one or a mismatched confirmation', () => {
    expect(
      validateChangePassword({
        currentPassword: 'Surat Dinas 2026',
        newPassword: 'Surat Dinas 2026',
        confirmPassword: 'Surat Dinas 2026',
      }).newPassword,
    ).toBe('Kata sandi baru harus berbeda dari kata sandi saat ini.');
    expect(
      validateChangePassword({ ...valid, confirmPassword: 'Surat Dinas 2025' }).confirmPassword,
    ).toBe('Kata sandi tidak sama.');
  });
});
